"""基本组织: the org tree, the units it must cover, mass organizations, weak-org flags."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager

from wuji.core.models import TimeStampedModel, VersionedModel
from wuji.orgs.choices import Category, MassOrgKind, OrgKind, UnitKind, WeakSource, WeakStatus


class Organization(MP_Node, TimeStampedModel, VersionedModel):
    """A Party organization (党委/党总支/党支部) in the tree; a dissolved one stays for history."""

    name = models.CharField(_("组织名称"), max_length=100)
    code = models.CharField(_("组织代码"), max_length=32, unique=True)
    kind = models.CharField(_("组织类型"), max_length=16, choices=OrgKind.choices)
    category = models.CharField(_("组织类别"), max_length=16, choices=Category.choices, blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)
    dissolved_reason = models.CharField(_("撤销原因"), max_length=200, blank=True)
    note = models.TextField(_("备注"), blank=True)

    node_order_by = ["code"]
    objects = MP_NodeManager()  # type: ignore[django-manager-missing]

    class Meta:
        verbose_name = _("党组织")
        verbose_name_plural = _("党组织")
        indexes = [models.Index(fields=["category", "kind"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind != OrgKind.COMMITTEE and not self.category:
            raise ValidationError({"category": _("党支部、党总支必须选择组织类别")})
        if self.founded_on and self.dissolved_on and self.dissolved_on < self.founded_on:
            raise ValidationError({"dissolved_on": _("撤销日期不能早于成立日期")})
        if self.dissolved_on and not self.dissolved_reason:
            raise ValidationError({"dissolved_reason": _("撤销组织须填写原因")})

    def active_on(self, day: dt.date) -> bool:
        return (self.founded_on is None or self.founded_on <= day) and (
            self.dissolved_on is None or self.dissolved_on > day
        )

    @property
    def is_dissolved(self) -> bool:
        return self.dissolved_on is not None

    @property
    def is_village_level(self) -> bool:
        return self.category in {Category.VILLAGE, Category.COMMUNITY}


def active_orgs_q(day: dt.date, prefix: str = "") -> Q:
    """Orgs that existed on `day` (founded by then, not yet dissolved)."""
    return (Q(**{f"{prefix}founded_on__isnull": True}) | Q(**{f"{prefix}founded_on__lte": day})) & (
        Q(**{f"{prefix}dissolved_on__isnull": True}) | Q(**{f"{prefix}dissolved_on__gt": day})
    )


class Unit(TimeStampedModel, VersionedModel):
    """A unit that must have Party organization coverage (行政村, 学校, 卫生院 …).

    `area` is the committee whose territory it lies in (who must see it even
    while nobody covers it); `covered_by` the org that covers it, if any.
    Coverage on a date follows the covering org's founding and dissolution.
    """

    name = models.CharField(_("单位名称"), max_length=100)
    kind = models.CharField(_("单位类型"), max_length=32, choices=UnitKind.choices)
    area = models.ForeignKey(
        Organization, verbose_name=_("所在乡镇党委"), on_delete=models.PROTECT, related_name="area_units"
    )
    covered_by = models.ForeignKey(
        Organization,
        verbose_name=_("覆盖党组织"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="covered_units",
    )
    established_on = models.DateField(_("设立日期"), null=True, blank=True)
    closed_on = models.DateField(_("撤销日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        constraints = [models.UniqueConstraint(fields=["area", "name"], name="unit_unique_name_in_area")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.established_on and self.closed_on and self.closed_on < self.established_on:
            raise ValidationError({"closed_on": _("撤销日期不能早于设立日期")})


class MassOrganization(TimeStampedModel, VersionedModel):
    """A mass organization (工会, 共青团, 妇联/妇代会, 民兵连) of a unit."""

    unit = models.ForeignKey(Unit, verbose_name=_("所在单位"), on_delete=models.CASCADE, related_name="mass_orgs")
    kind = models.CharField(_("群团组织类型"), max_length=32, choices=MassOrgKind.choices)
    name = models.CharField(_("名称"), max_length=100, blank=True)
    leader_name = models.CharField(_("负责人"), max_length=50, blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    dissolved_on = models.DateField(_("撤销日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("群团组织")
        verbose_name_plural = _("群团组织")

    def __str__(self) -> str:
        return self.name or f"{self.unit.name}{self.get_kind_display()}"


class WeakFlag(TimeStampedModel, VersionedModel):
    """A weak-and-lax (软弱涣散) finding about an org, and its rectification."""

    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="weak_flags")
    source = models.CharField(_("来源"), max_length=16, choices=WeakSource.choices, default=WeakSource.REVIEW)
    reason = models.TextField(_("软弱涣散表现"))
    flagged_on = models.DateField(_("认定日期"))
    status = models.CharField(_("整顿状态"), max_length=16, choices=WeakStatus.choices, default=WeakStatus.OPEN)
    measures = models.TextField(_("整顿措施"), blank=True)
    closed_on = models.DateField(_("转化/销号日期"), null=True, blank=True)
    close_note = models.TextField(_("转化情况"), blank=True)

    class Meta:
        verbose_name = _("软弱涣散整顿")
        verbose_name_plural = _("软弱涣散整顿")
        ordering = ["-flagged_on"]

    def __str__(self) -> str:
        return f"{self.org} {self.flagged_on:%Y-%m-%d}"

    def clean(self) -> None:
        closed = self.status in {WeakStatus.RECTIFIED, WeakStatus.DISMISSED}
        if closed and not self.closed_on:
            raise ValidationError({"closed_on": _("已转化或不认定的须填写日期")})
        if not closed and self.closed_on:
            raise ValidationError({"closed_on": _("尚未转化的不应填写转化日期")})
        if self.closed_on and self.flagged_on and self.closed_on < self.flagged_on:
            raise ValidationError({"closed_on": _("转化日期不能早于认定日期")})

    def open_on(self, day: dt.date) -> bool:
        """Was the org still weak on `day`?"""
        return self.flagged_on <= day and (self.closed_on is None or self.closed_on > day)
