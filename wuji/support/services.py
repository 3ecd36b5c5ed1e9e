"""Writes of 基本保障: groups, facilities and "十有", sites, income, funding, pensions, subsidies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from wuji.core.scoping import require_officer, require_write
from wuji.core.services import attachment_store, save_validated, scoped_delete, scoped_save, service
from wuji.core.uploads import IMAGES
from wuji.orgs.choices import Category, OrgKind
from wuji.people.choices import MAIN_CADRE_TITLES
from wuji.people.models import Position
from wuji.support.choices import FacilityKind
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    FacilityCheck,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
    SiteInspection,
)

VILLAGE_LEVEL = {Category.VILLAGE, Category.COMMUNITY}


def _not_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: "日期不能晚于今天"})


def _village(org: Any, what: str) -> None:
    if org.category not in VILLAGE_LEVEL:
        raise ValidationError({"org": f"{what}只适用于村（社区）党组织"})


@service
def leading_group_save(*, user: Any, group: LeadingGroup, version: int | None = None) -> LeadingGroup:
    """The township committee's 领导小组 / 工作专班 (seed §三㈤1)."""
    require_officer(user, group.org)
    if group.org.kind != OrgKind.COMMITTEE:
        raise ValidationError({"org": "领导小组和工作专班由乡镇党委成立"})
    return scoped_save(group, user=user, org=group.org, version=version)  # type: ignore[no-any-return]


@service
def leading_group_member_save(
    *, user: Any, member: LeadingGroupMember, version: int | None = None
) -> LeadingGroupMember:
    require_officer(user, member.group.org)
    if member.ended_on and member.ended_on < member.started_on:
        raise ValidationError({"ended_on": "退出日期不能早于加入日期"})
    if not member.person.org.path.startswith(member.group.org.path):
        raise ValidationError({"person": f"{member.person.name}不在“{member.group.org.name}”的范围内"})
    return scoped_save(member, user=user, org=member.group.org, version=version)  # type: ignore[no-any-return]


@service
def facility_save(*, user: Any, facility: Facility, version: int | None = None) -> Facility:
    if facility.opened_on:
        _not_future(facility.opened_on, "opened_on")
    return scoped_save(facility, user=user, org=facility.org, version=version)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Tick:
    item: ChecklistItem
    present: bool
    photo: Any = None
    note: str = ""


@service
def facility_check_record(
    *, user: Any, facility: Facility, checked_on: dt.date, ticks: Iterable[Tick]
) -> list[FacilityCheck]:
    """Record a "十有" check of an activity room: one row per item (the latest check counts)."""
    require_write(user, facility.org)
    if facility.kind != FacilityKind.ACTIVITY_ROOM:
        raise ValidationError("“十有”检查只适用于党员活动室")
    _not_future(checked_on, "checked_on")
    rows = []
    for tick in ticks:
        check = FacilityCheck(
            facility=facility, item=tick.item, checked_on=checked_on, present=tick.present, note=tick.note
        )
        if tick.photo is not None:
            check.photo = attachment_store(user=user, org=facility.org, upload=tick.photo, allowed=IMAGES)
        save_validated(check)
        rows.append(check)
    if not rows:
        raise ValidationError("请至少勾选一项")
    return rows


@service
def site_save(*, user: Any, site: RemoteEducationSite, version: int | None = None) -> RemoteEducationSite:
    _not_future(site.established_on, "established_on")
    return scoped_save(site, user=user, org=site.org, version=version)  # type: ignore[no-any-return]


@service
def site_inspect(
    *, user: Any, site: RemoteEducationSite, inspected_on: dt.date, working: bool, note: str = ""
) -> SiteInspection:
    require_write(user, site.org)
    _not_future(inspected_on, "inspected_on")
    if inspected_on < site.established_on:
        raise ValidationError({"inspected_on": "检查日期不能早于站点建成日期"})
    if not working and not note.strip():
        raise ValidationError({"note": "站点不能正常运行时请说明情况"})
    inspection = SiteInspection(site=site, inspected_on=inspected_on, working=working, note=note.strip())
    save_validated(inspection)
    return inspection


@service
def income_save(*, user: Any, income: CollectiveIncome, version: int | None = None) -> CollectiveIncome:
    """A village's collective income for a year (one row a year)."""
    _village(income.org, "集体经济收入")
    if income.year > timezone.localdate().year:
        raise ValidationError({"year": "不能登记未来年度的收入"})
    duplicate = CollectiveIncome.objects.filter(org=income.org, year=income.year).exclude(pk=income.pk)
    if duplicate.exists():
        raise ValidationError({"year": f"{income.org.name}{income.year}年的收入已登记，请修改原记录"})
    return scoped_save(income, user=user, org=income.org, version=version)  # type: ignore[no-any-return]


@service
def funding_save(*, user: Any, funding: Funding, version: int | None = None) -> Funding:
    _village(funding.org, "村级经费保障")
    duplicate = Funding.objects.filter(org=funding.org, year=funding.year, kind=funding.kind).exclude(pk=funding.pk)
    if duplicate.exists():
        raise ValidationError({"kind": f"{funding.year}年的{funding.get_kind_display()}已登记，请修改原记录"})
    return scoped_save(funding, user=user, org=funding.org, version=version)  # type: ignore[no-any-return]


def _village_posts(person: Any, org: Any) -> list[Position]:
    return list(Position.objects.filter(person=person, org=org))


@service
def pension_save(*, user: Any, enrollment: PensionEnrollment, version: int | None = None) -> PensionEnrollment:
    """Pension enrollment of a village main or deputy cadre (one who holds or held a post there)."""
    _village(enrollment.org, "村干部养老保险")
    if not _village_posts(enrollment.person, enrollment.org):
        raise ValidationError({"person": f"{enrollment.person.name}未在“{enrollment.org.name}”担任过村干部职务"})
    _not_future(enrollment.enrolled_on, "enrolled_on")
    return scoped_save(enrollment, user=user, org=enrollment.org, version=version)  # type: ignore[no-any-return]


@service
def retirement_subsidy_save(*, user: Any, subsidy: RetirementSubsidy, version: int | None = None) -> RetirementSubsidy:
    """离任生活补贴: only for a former main cadre (书记 or 主任) no longer in a main post."""
    _village(subsidy.org, "离任村干部生活补贴")
    posts = _village_posts(subsidy.person, subsidy.org)
    main = [p for p in posts if p.title in MAIN_CADRE_TITLES]
    if not main:
        raise ValidationError({"person": f"{subsidy.person.name}未在“{subsidy.org.name}”担任过村主职干部"})
    if any(p.ended_on is None or p.ended_on > subsidy.started_on for p in main):
        raise ValidationError({"started_on": f"{subsidy.person.name}在补贴起始日期时仍在主职岗位上"})
    if subsidy.monthly_amount is not None and subsidy.monthly_amount <= 0:
        raise ValidationError({"monthly_amount": "月补贴应大于0"})
    return scoped_save(subsidy, user=user, org=subsidy.org, version=version)  # type: ignore[no-any-return]


def years_in_office(positions: Iterable[Position], as_of: dt.date) -> float:
    """Years a person held village posts (overlapping posts counted once) — derived, never typed."""
    spans = sorted((p.started_on, p.ended_on or as_of) for p in positions)
    total = 0
    current_start: dt.date | None = None
    current_end: dt.date | None = None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        total += (current_end - current_start).days
    return round(total / 365.25, 1)


@service
def record_delete(*, user: Any, record: Any) -> None:
    """Remove a record entered by mistake (the audit trail keeps it)."""
    org = record.group.org if isinstance(record, LeadingGroupMember) else record.org
    scoped_delete(record, user=user, org=org)
