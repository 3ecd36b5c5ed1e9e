"""基本制度: rule documents, 五议五公开 matters, 业绩登记, archives, 三资 and 村财乡管."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from wuji.core.models import Attachment, TimeStampedModel, VersionedModel
from wuji.governance.choices import (
    ArchiveCategory,
    AssetKind,
    Channel,
    DisclosureKind,
    MatterStatus,
    RuleKind,
    StepKind,
)
from wuji.orgs.models import Organization
from wuji.people.models import Person


class RuleDocument(TimeStampedModel, VersionedModel):
    """A rule an org adopted, from `effective_on` until a newer version of the same kind supersedes it."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="rules")
    kind = models.CharField("制度类别", max_length=40, choices=RuleKind.choices)
    title = models.CharField("制度名称", max_length=100)
    effective_on = models.DateField("施行日期")
    superseded_on = models.DateField("废止日期", null=True, blank=True, editable=False)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name="被替代为",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    text = models.TextField("制度内容", blank=True)
    attachment = models.ForeignKey(
        Attachment, verbose_name="制度文件", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "制度"
        verbose_name_plural = "制度"
        ordering = ["org", "kind", "-effective_on"]
        indexes = [models.Index(fields=["org", "kind", "effective_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return self.superseded_on is None


class Matter(TimeStampedModel, VersionedModel):
    """A 五议五公开 matter of a village: five deliberations in order, then five disclosures."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="matters")
    title = models.CharField("事项名称", max_length=100)
    description = models.TextField("事项内容", blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=MatterStatus.choices, default=MatterStatus.IN_PROGRESS, editable=False
    )
    closed_on = models.DateField("终止/办结日期", null=True, blank=True, editable=False)
    close_reason = models.CharField("终止原因", max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = "“五议五公开”事项"
        verbose_name_plural = "“五议五公开”事项"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class MatterStep(TimeStampedModel):
    """One deliberation of a matter, with its meeting numbers (应到 ≥ 实到 ≥ 同意+反对+弃权)."""

    matter = models.ForeignKey(Matter, verbose_name="事项", on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField("环节", choices=StepKind.choices)
    held_on = models.DateField("日期")
    expected = models.PositiveIntegerField("应到人数", null=True, blank=True)
    present = models.PositiveIntegerField("实到人数", null=True, blank=True)
    votes_for = models.PositiveIntegerField("同意", null=True, blank=True)
    votes_against = models.PositiveIntegerField("反对", null=True, blank=True)
    abstentions = models.PositiveIntegerField("弃权", null=True, blank=True)
    passed = models.BooleanField("通过", default=True, editable=False)
    note = models.TextField("意见/纪要", blank=True)

    class Meta:
        verbose_name = "议事环节"
        verbose_name_plural = "议事环节"
        ordering = ["matter", "step"]
        constraints = [models.UniqueConstraint(fields=["matter", "step"], name="matter_step_once")]

    def __str__(self) -> str:
        return f"{self.matter} {self.get_step_display()}"


class Disclosure(TimeStampedModel, VersionedModel):
    """A public disclosure of an org (党务/村务) or one of a matter's five.

    Only published ones reach the public page.
    """

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="disclosures")
    matter = models.ForeignKey(
        Matter, verbose_name="事项", on_delete=models.CASCADE, null=True, blank=True, related_name="disclosures"
    )
    kind = models.CharField("公开类别", max_length=24, choices=DisclosureKind.choices)
    title = models.CharField("标题", max_length=100)
    content = models.TextField("公开内容")
    channel = models.CharField("公开方式", max_length=16, choices=Channel.choices, default=Channel.BOARD)
    published_on = models.DateField("公开日期", null=True, blank=True)
    published = models.BooleanField("已公开", default=False, editable=False)
    photo = models.ForeignKey(
        Attachment, verbose_name="公开照片", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "公开"
        verbose_name_plural = "公开"
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["org", "published", "published_on"])]

    def __str__(self) -> str:
        return self.title


class PerformanceRecord(TimeStampedModel, VersionedModel):
    """业绩登记: a dated achievement of a 机关 party cadre."""

    person = models.ForeignKey(Person, verbose_name="党员干部", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField("日期")
    content = models.TextField("业绩内容")

    class Meta:
        verbose_name = "业绩登记"
        verbose_name_plural = "业绩登记"
        ordering = ["-recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.person} {self.recorded_on:%Y-%m-%d}"


class ArchiveRecord(TimeStampedModel, VersionedModel):
    """One file in a village's archive catalogue (村级档案)."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="archives")
    category = models.CharField("类别", max_length=24, choices=ArchiveCategory.choices)
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("案卷题名", max_length=100)
    file_no = models.CharField("档号", max_length=40, blank=True)
    location = models.CharField("存放位置", max_length=60, blank=True)

    class Meta:
        verbose_name = "档案"
        verbose_name_plural = "档案"
        ordering = ["org", "-year", "category", "file_no"]

    def __str__(self) -> str:
        return self.title


class CollectiveAsset(TimeStampedModel, VersionedModel):
    """三资: a fund, asset or resource of a village collective."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField("类别", max_length=16, choices=AssetKind.choices)
    description = models.CharField("名称及说明", max_length=200)
    value = models.DecimalField("金额/价值（元）", max_digits=14, decimal_places=2)
    recorded_on = models.DateField("登记日期")
    disposed_on = models.DateField("处置日期", null=True, blank=True)

    class Meta:
        verbose_name = "三资"
        verbose_name_plural = "三资"
        ordering = ["org", "kind", "-recorded_on"]

    def __str__(self) -> str:
        return self.description

    def clean(self) -> None:
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": "金额不能为负数"})
        if self.disposed_on and self.recorded_on and self.disposed_on < self.recorded_on:
            raise ValidationError({"disposed_on": "处置日期不能早于登记日期"})


class FinanceArrangement(TimeStampedModel, VersionedModel):
    """Whether a village's finances are managed by the township (村财乡管), from a date."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    township_managed = models.BooleanField("实行村财乡管", default=True)
    started_on = models.DateField("起始日期")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "村财乡管"
        verbose_name_plural = "村财乡管"
        ordering = ["org", "-started_on"]
        constraints = [models.UniqueConstraint(fields=["org", "started_on"], name="finance_arrangement_once")]

    def __str__(self) -> str:
        return f"{self.org} {'村财乡管' if self.township_managed else '村级自管'}"
