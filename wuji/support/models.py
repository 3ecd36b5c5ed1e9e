"""基本保障: leading group and work team, facilities and "十有", remote-education sites,
collective income, funding, pensions and retirement subsidies of village cadres."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from wuji.core.models import Attachment, TimeStampedModel, VersionedModel
from wuji.orgs.models import Organization
from wuji.people.models import Person
from wuji.support.choices import FacilityKind, FundingKind, GroupKind, GroupRole, PensionScheme


class LeadingGroup(TimeStampedModel, VersionedModel):
    """The township's 领导小组 or 工作专班 for the Five Basics."""

    org = models.ForeignKey(Organization, verbose_name="党委", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=16, choices=GroupKind.choices)
    name = models.CharField("名称", max_length=100)
    established_on = models.DateField("成立日期")
    dissolved_on = models.DateField("撤销日期", null=True, blank=True)
    duties = models.TextField("职责", blank=True)

    class Meta:
        verbose_name = "领导小组/工作专班"
        verbose_name_plural = "领导小组/工作专班"
        ordering = ["org", "kind", "-established_on"]

    def __str__(self) -> str:
        return self.name


class LeadingGroupMember(TimeStampedModel, VersionedModel):
    group = models.ForeignKey(LeadingGroup, verbose_name="小组", on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name="成员", on_delete=models.PROTECT, related_name="+")
    role = models.CharField("职务", max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER)
    duty = models.CharField("分工", max_length=200, blank=True)
    started_on = models.DateField("加入日期")
    ended_on = models.DateField("退出日期", null=True, blank=True)

    class Meta:
        verbose_name = "小组成员"
        verbose_name_plural = "小组成员"
        ordering = ["group", "role", "started_on"]

    def __str__(self) -> str:
        return f"{self.group} {self.person}"


class ChecklistItem(models.Model):
    """One of the "十有" of a 党员活动室 (the list is data)."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "“十有”项目"
        verbose_name_plural = "“十有”项目"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Facility(TimeStampedModel, VersionedModel):
    """A place of an org's service system: activity room, office, clinic, library, shop."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="facilities")
    kind = models.CharField("类别", max_length=24, choices=FacilityKind.choices)
    name = models.CharField("名称", max_length=100)
    area_m2 = models.DecimalField("面积（平方米）", max_digits=8, decimal_places=1, null=True, blank=True)
    opened_on = models.DateField("建成日期", null=True, blank=True)
    closed_on = models.DateField("停用日期", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "阵地设施"
        verbose_name_plural = "阵地设施"
        ordering = ["org", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class FacilityCheck(TimeStampedModel):
    """Whether a "十有" item was in place in an activity room when checked (the latest check counts)."""

    facility = models.ForeignKey(Facility, verbose_name="活动室", on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(ChecklistItem, verbose_name="项目", on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField("检查日期")
    present = models.BooleanField("具备")
    photo = models.ForeignKey(
        Attachment, verbose_name="照片", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "“十有”检查"
        verbose_name_plural = "“十有”检查"
        ordering = ["facility", "item", "-checked_on"]
        indexes = [models.Index(fields=["facility", "item", "checked_on"])]

    def __str__(self) -> str:
        return f"{self.facility} {self.item} {'✓' if self.present else '✗'}"


class RemoteEducationSite(TimeStampedModel, VersionedModel):
    """远程教育站点 of an org: equipment, since when; working or not is what inspections found."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("站点名称", max_length=100)
    equipment = models.CharField("设备", max_length=200)
    established_on = models.DateField("建成日期")
    closed_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = "远程教育站点"
        verbose_name_plural = "远程教育站点"
        ordering = ["org", "name"]

    def __str__(self) -> str:
        return self.name


class SiteInspection(TimeStampedModel):
    """What an inspection of a remote-education site found (the latest one counts)."""

    site = models.ForeignKey(
        RemoteEducationSite, verbose_name="站点", on_delete=models.CASCADE, related_name="inspections"
    )
    inspected_on = models.DateField("检查日期")
    working = models.BooleanField("正常运行")
    note = models.CharField("情况说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "站点检查"
        verbose_name_plural = "站点检查"
        ordering = ["site", "-inspected_on"]

    def __str__(self) -> str:
        return f"{self.site} {self.inspected_on:%Y-%m-%d}"


class CollectiveIncome(TimeStampedModel, VersionedModel):
    """A village's collective-economy income for a year (元)."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    total = models.DecimalField("集体经济收入（元）", max_digits=14, decimal_places=2)
    operating = models.DecimalField("其中经营性收入（元）", max_digits=14, decimal_places=2, default=0)
    note = models.CharField("主要来源", max_length=200, blank=True)

    class Meta:
        verbose_name = "集体经济收入"
        verbose_name_plural = "集体经济收入"
        ordering = ["org", "-year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="income_once_a_year")]

    def __str__(self) -> str:
        return f"{self.org} {self.year}"

    def clean(self) -> None:
        if self.total is not None and self.total < 0:
            raise ValidationError({"total": "收入不能为负数"})
        if self.operating is not None and self.operating < 0:
            raise ValidationError({"operating": "经营性收入不能为负数"})
        if self.total is not None and self.operating is not None and self.operating > self.total:
            raise ValidationError({"operating": "经营性收入不能大于集体经济收入"})


class Funding(TimeStampedModel, VersionedModel):
    """Money secured for a village in a year: cadre pay, office funds, training funds (元)."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    kind = models.CharField("经费类别", max_length=16, choices=FundingKind.choices)
    amount = models.DecimalField("金额（元）", max_digits=14, decimal_places=2)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "经费保障"
        verbose_name_plural = "经费保障"
        ordering = ["org", "-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["org", "year", "kind"], name="funding_once_a_year")]

    def __str__(self) -> str:
        return f"{self.org} {self.year} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": "金额不能为负数"})


class PensionEnrollment(TimeStampedModel, VersionedModel):
    """A village cadre's enrollment in basic pension insurance."""

    person = models.ForeignKey(Person, verbose_name="村干部", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    scheme = models.CharField("险种", max_length=24, choices=PensionScheme.choices)
    enrolled_on = models.DateField("参保日期")
    ended_on = models.DateField("终止日期", null=True, blank=True)

    class Meta:
        verbose_name = "养老保险"
        verbose_name_plural = "养老保险"
        ordering = ["org", "-enrolled_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.get_scheme_display()}"


class RetirementSubsidy(TimeStampedModel, VersionedModel):
    """离任生活补贴 of a former main village cadre who left office normally."""

    person = models.ForeignKey(Person, verbose_name="离任村干部", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField("发放起始日期")
    ended_on = models.DateField("停发日期", null=True, blank=True)
    monthly_amount = models.DecimalField("月补贴（元）", max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = "离任生活补贴"
        verbose_name_plural = "离任生活补贴"
        ordering = ["org", "-started_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.monthly_amount}元/月"
