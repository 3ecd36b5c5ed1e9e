"""基本保障: leading group and work team, facilities and "十有", remote-education sites,
collective income, funding, pensions and retirement subsidies of village cadres."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuji.core.models import Attachment, TimeStampedModel, VersionedModel
from wuji.orgs.models import Organization
from wuji.people.models import Person
from wuji.support.choices import FacilityKind, FundingKind, GroupKind, GroupRole, PensionScheme


class LeadingGroup(TimeStampedModel, VersionedModel):
    """The township's 领导小组 or 工作专班 for the Five Basics."""

    org = models.ForeignKey(Organization, verbose_name=_("党委"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=16, choices=GroupKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    established_on = models.DateField(_("成立日期"))
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    duties = models.TextField(_("职责"), blank=True)

    class Meta:
        verbose_name = _("领导小组/工作专班")
        verbose_name_plural = _("领导小组/工作专班")
        ordering = ["org", "kind", "-established_on"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.dissolved_on and self.established_on and self.dissolved_on < self.established_on:
            raise ValidationError({"dissolved_on": _("撤销日期不能早于成立日期")})


class LeadingGroupMember(TimeStampedModel, VersionedModel):
    group = models.ForeignKey(LeadingGroup, verbose_name=_("小组"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name=_("成员"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("职务"), max_length=16, choices=GroupRole.choices, default=GroupRole.MEMBER)
    duty = models.CharField(_("分工"), max_length=200, blank=True)
    started_on = models.DateField(_("加入日期"))
    ended_on = models.DateField(_("退出日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("小组成员")
        verbose_name_plural = _("小组成员")
        ordering = ["group", "role", "started_on"]

    def __str__(self) -> str:
        return f"{self.group} {self.person}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("退出日期不能早于加入日期")})


class ChecklistItem(VersionedModel):
    """One of the "十有" of a 党员活动室 (the list is data)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("“十有”项目")
        verbose_name_plural = _("“十有”项目")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Facility(TimeStampedModel, VersionedModel):
    """A place of an org's service system: activity room, office, clinic, library, shop."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="facilities")
    kind = models.CharField(_("类别"), max_length=24, choices=FacilityKind.choices)
    name = models.CharField(_("名称"), max_length=100)
    area_m2 = models.DecimalField(_("面积（平方米）"), max_digits=8, decimal_places=1, null=True, blank=True)
    opened_on = models.DateField(_("建成日期"), null=True, blank=True)
    closed_on = models.DateField(_("停用日期"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("阵地设施")
        verbose_name_plural = _("阵地设施")
        ordering = ["org", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("停用日期不能早于建成日期")})


class FacilityCheck(TimeStampedModel):
    """Whether a "十有" item was in place in an activity room when checked (the latest check counts)."""

    facility = models.ForeignKey(Facility, verbose_name=_("活动室"), on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(ChecklistItem, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="+")
    checked_on = models.DateField(_("检查日期"))
    present = models.BooleanField(_("具备"))
    photo = models.ForeignKey(
        Attachment, verbose_name=_("照片"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("“十有”检查")
        verbose_name_plural = _("“十有”检查")
        ordering = ["facility", "item", "-checked_on"]
        indexes = [models.Index(fields=["facility", "item", "checked_on"])]

    def __str__(self) -> str:
        return f"{self.facility} {self.item} {'✓' if self.present else '✗'}"


class RemoteEducationSite(TimeStampedModel, VersionedModel):
    """远程教育站点 of an org: equipment, since when; working or not is what inspections found."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("站点名称"), max_length=100)
    equipment = models.CharField(_("设备"), max_length=200)
    established_on = models.DateField(_("建成日期"))
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("远程教育站点")
        verbose_name_plural = _("远程教育站点")
        ordering = ["org", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.closed_on and self.established_on and self.closed_on < self.established_on:
            raise ValidationError({"closed_on": _("撤销日期不能早于建成日期")})


class SiteInspection(TimeStampedModel):
    """What an inspection of a remote-education site found (the latest one counts)."""

    site = models.ForeignKey(
        RemoteEducationSite, verbose_name=_("站点"), on_delete=models.CASCADE, related_name="inspections"
    )
    inspected_on = models.DateField(_("检查日期"))
    working = models.BooleanField(_("正常运行"))
    note = models.CharField(_("情况说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("站点检查")
        verbose_name_plural = _("站点检查")
        ordering = ["site", "-inspected_on"]

    def __str__(self) -> str:
        return f"{self.site} {self.inspected_on:%Y-%m-%d}"


class CollectiveIncome(TimeStampedModel, VersionedModel):
    """A village's collective-economy income for a year (元)."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    total = models.DecimalField(_("集体经济收入（元）"), max_digits=14, decimal_places=2)
    operating = models.DecimalField(_("其中经营性收入（元）"), max_digits=14, decimal_places=2, default=0)
    note = models.CharField(_("主要来源"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("集体经济收入")
        verbose_name_plural = _("集体经济收入")
        ordering = ["org", "-year"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="income_once_a_year")]

    def __str__(self) -> str:
        return f"{self.org} {self.year}"

    def clean(self) -> None:
        if self.total is not None and self.total < 0:
            raise ValidationError({"total": _("收入不能为负数")})
        if self.operating is not None and self.operating < 0:
            raise ValidationError({"operating": _("经营性收入不能为负数")})
        if self.total is not None and self.operating is not None and self.operating > self.total:
            raise ValidationError({"operating": _("经营性收入不能大于集体经济收入")})


class Funding(TimeStampedModel, VersionedModel):
    """Money secured for a village in a year: cadre pay, office funds, training funds (元)."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    kind = models.CharField(_("经费类别"), max_length=16, choices=FundingKind.choices)
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("经费保障")
        verbose_name_plural = _("经费保障")
        ordering = ["org", "-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["org", "year", "kind"], name="funding_once_a_year")]

    def __str__(self) -> str:
        return f"{self.org} {self.year} {self.get_kind_display()}"

    def clean(self) -> None:
        if self.amount is not None and self.amount < 0:
            raise ValidationError({"amount": _("金额不能为负数")})


class PensionEnrollment(TimeStampedModel, VersionedModel):
    """A village cadre's enrollment in basic pension insurance."""

    person = models.ForeignKey(Person, verbose_name=_("村干部"), on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    scheme = models.CharField(_("险种"), max_length=24, choices=PensionScheme.choices)
    enrolled_on = models.DateField(_("参保日期"))
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("养老保险")
        verbose_name_plural = _("养老保险")
        ordering = ["org", "-enrolled_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.get_scheme_display()}"

    def clean(self) -> None:
        if self.ended_on and self.enrolled_on and self.ended_on < self.enrolled_on:
            raise ValidationError({"ended_on": _("终止日期不能早于参保日期")})


class RetirementSubsidy(TimeStampedModel, VersionedModel):
    """离任生活补贴 of a former main village cadre who left office normally."""

    person = models.ForeignKey(Person, verbose_name=_("离任村干部"), on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    started_on = models.DateField(_("发放起始日期"))
    ended_on = models.DateField(_("停发日期"), null=True, blank=True)
    monthly_amount = models.DecimalField(_("月补贴（元）"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("离任生活补贴")
        verbose_name_plural = _("离任生活补贴")
        ordering = ["org", "-started_on"]

    def __str__(self) -> str:
        return f"{self.person} {self.monthly_amount}元/月"

    def years_in_office(self) -> float:
        """Years in village posts of this org up to the subsidy's start — derived, never typed.

        Uses the person's prefetched posts when the list prefetched them.
        """
        from wuji.support.services import years_in_office

        posts = [p for p in self.person.positions.all() if p.org_id == self.org_id]
        return years_in_office(posts, self.started_on)

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("停发日期不能早于发放起始日期")})
