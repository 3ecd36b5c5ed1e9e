"""基本制度: rule documents, 五议五公开 matters, 业绩登记, archives, 三资 and 村财乡管."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

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

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="rules")
    kind = models.CharField(_("制度类别"), max_length=40, choices=RuleKind.choices)
    title = models.CharField(_("制度名称"), max_length=100)
    effective_on = models.DateField(_("施行日期"))
    superseded_on = models.DateField(_("废止日期"), null=True, blank=True, editable=False)
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("被替代为"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    text = models.TextField(_("制度内容"), blank=True)
    attachment = models.ForeignKey(
        Attachment, verbose_name=_("制度文件"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("制度")
        verbose_name_plural = _("制度")
        ordering = ["org", "kind", "-effective_on"]
        indexes = [models.Index(fields=["org", "kind", "effective_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_current(self) -> bool:
        return self.superseded_on is None


class Matter(TimeStampedModel, VersionedModel):
    """A 五议五公开 matter of a village: five deliberations in order, then five disclosures."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="matters")
    title = models.CharField(_("事项名称"), max_length=100)
    description = models.TextField(_("事项内容"), blank=True)
    status = models.CharField(
        _("状态"), max_length=16, choices=MatterStatus.choices, default=MatterStatus.IN_PROGRESS, editable=False
    )
    closed_on = models.DateField(_("终止/办结日期"), null=True, blank=True, editable=False)
    close_reason = models.CharField(_("终止原因"), max_length=200, blank=True, editable=False)

    class Meta:
        verbose_name = _("“五议五公开”事项")
        verbose_name_plural = _("“五议五公开”事项")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def started_on(self) -> dt.date | None:
        """When the villagers proposed it (the first step), from the prefetched steps when there are."""
        return min((s.held_on for s in self.steps.all()), default=None)


class MatterStep(TimeStampedModel):
    """One deliberation of a matter, with its meeting numbers (应到 ≥ 实到 ≥ 同意+反对+弃权)."""

    matter = models.ForeignKey(Matter, verbose_name=_("事项"), on_delete=models.CASCADE, related_name="steps")
    step = models.PositiveSmallIntegerField(_("环节"), choices=StepKind.choices)
    held_on = models.DateField(_("日期"))
    expected = models.PositiveIntegerField(_("应到人数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("同意"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("反对"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("弃权"), null=True, blank=True)
    passed = models.BooleanField(_("通过"), default=True, editable=False)
    note = models.TextField(_("意见/纪要"), blank=True)

    class Meta:
        verbose_name = _("议事环节")
        verbose_name_plural = _("议事环节")
        ordering = ["matter", "step"]
        constraints = [models.UniqueConstraint(fields=["matter", "step"], name="matter_step_once")]

    def __str__(self) -> str:
        return f"{self.matter} {self.get_step_display()}"


class Disclosure(TimeStampedModel, VersionedModel):
    """A public disclosure of an org (党务/村务) or one of a matter's five.

    Only published ones reach the public page.
    """

    org = models.ForeignKey(
        Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="disclosures"
    )
    matter = models.ForeignKey(
        Matter, verbose_name=_("事项"), on_delete=models.CASCADE, null=True, blank=True, related_name="disclosures"
    )
    kind = models.CharField(_("公开类别"), max_length=24, choices=DisclosureKind.choices)
    title = models.CharField(_("标题"), max_length=100)
    content = models.TextField(_("公开内容"))
    channel = models.CharField(_("公开方式"), max_length=16, choices=Channel.choices, default=Channel.BOARD)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    published = models.BooleanField(_("已公开"), default=False, editable=False)
    photo = models.ForeignKey(
        Attachment, verbose_name=_("公开照片"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("公开")
        verbose_name_plural = _("公开")
        ordering = ["-published_on", "-id"]
        indexes = [models.Index(fields=["org", "published", "published_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def state_label(self) -> str:
        if not self.published:
            return str(_("草稿"))
        return str(_("已公开 %(day)s") % {"day": f"{self.published_on:%Y-%m-%d}" if self.published_on else ""})


class PerformanceRecord(TimeStampedModel, VersionedModel):
    """业绩登记: a dated achievement of a 机关 party cadre."""

    person = models.ForeignKey(Person, verbose_name=_("党员干部"), on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    recorded_on = models.DateField(_("日期"))
    content = models.TextField(_("业绩内容"))

    class Meta:
        verbose_name = _("业绩登记")
        verbose_name_plural = _("业绩登记")
        ordering = ["-recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.person} {self.recorded_on:%Y-%m-%d}"


class ArchiveRecord(TimeStampedModel, VersionedModel):
    """One file in a village's archive catalogue (村级档案)."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="archives")
    category = models.CharField(_("类别"), max_length=24, choices=ArchiveCategory.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("案卷题名"), max_length=100)
    file_no = models.CharField(_("档号"), max_length=40, blank=True)
    location = models.CharField(_("存放位置"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("档案")
        verbose_name_plural = _("档案")
        ordering = ["org", "-year", "category", "file_no"]

    def __str__(self) -> str:
        return self.title


class CollectiveAsset(TimeStampedModel, VersionedModel):
    """三资: a fund, asset or resource of a village collective."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="assets")
    kind = models.CharField(_("类别"), max_length=16, choices=AssetKind.choices)
    description = models.CharField(_("名称及说明"), max_length=200)
    value = models.DecimalField(_("金额/价值（元）"), max_digits=14, decimal_places=2)
    recorded_on = models.DateField(_("登记日期"))
    disposed_on = models.DateField(_("处置日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("三资")
        verbose_name_plural = _("三资")
        ordering = ["org", "kind", "-recorded_on"]

    def __str__(self) -> str:
        return self.description

    @property
    def value_display(self) -> str:
        return f"{self.value:,.2f}"

    def clean(self) -> None:
        if self.value is not None and self.value < 0:
            raise ValidationError({"value": _("金额不能为负数")})
        if self.disposed_on and self.recorded_on and self.disposed_on < self.recorded_on:
            raise ValidationError({"disposed_on": _("处置日期不能早于登记日期")})


class FinanceArrangement(TimeStampedModel, VersionedModel):
    """Whether a village's finances are managed by the township (村财乡管), from a date."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    township_managed = models.BooleanField(_("实行村财乡管"), default=True)
    started_on = models.DateField(_("起始日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("村财乡管")
        verbose_name_plural = _("村财乡管")
        ordering = ["org", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "started_on"],
                name="finance_arrangement_once",
                violation_error_message=_("该村（社区）在这一天已有一条登记，请修改那一条"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.arrangement_label}"

    @property
    def arrangement_label(self) -> str:
        return str(_("村财乡管") if self.township_managed else _("村级自管"))
