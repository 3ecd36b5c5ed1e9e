"""Writes of 基本保障: groups, facilities and "十有", sites, income, funding, pensions, subsidies.

Permission comes first in every service, so a refusal never tells a user
anything about another branch's records.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.scoping import require_officer, require_write, scope_root
from wuji.core.services import attachment_store, check_version, save_validated, scoped_delete, scoped_save, service
from wuji.core.uploads import IMAGES
from wuji.orgs.choices import Category, OrgKind
from wuji.people.choices import MAIN_CADRE_TITLES
from wuji.people.models import Position
from wuji.support.choices import VILLAGE_ONLY_FACILITIES, FacilityKind
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
FIRST_YEAR = 1949


def _not_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("日期不能晚于今天")})


def _village(org: Any, what: str) -> None:
    if org.category not in VILLAGE_LEVEL:
        raise ValidationError({"org": _("%(what)s只适用于村（社区）党组织") % {"what": what}})


def _overlaps(queryset: Any, start: dt.date, end: dt.date | None, start_field: str, end_field: str) -> bool:
    """Whether a row of `queryset` covers part of [start, end) (an open end runs for ever)."""
    condition = Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gt": start})
    if end is not None:
        condition &= Q(**{f"{start_field}__lt": end})
    return bool(queryset.filter(condition).exists())


@service
def leading_group_save(*, user: Any, group: LeadingGroup, version: int | None = None) -> LeadingGroup:
    """The township committee's 领导小组 / 工作专班 (seed §三㈤1)."""
    require_officer(user, group.org)
    if group.org.kind != OrgKind.COMMITTEE:
        raise ValidationError({"org": _("领导小组和工作专班由乡镇党委成立")})
    return scoped_save(group, user=user, org=group.org, version=version)  # type: ignore[no-any-return]


@service
def leading_group_member_save(
    *, user: Any, member: LeadingGroupMember, version: int | None = None
) -> LeadingGroupMember:
    require_officer(user, member.group.org)
    if member.ended_on and member.ended_on < member.started_on:
        raise ValidationError({"ended_on": _("退出日期不能早于加入日期")})
    if not member.person.org.path.startswith(member.group.org.path):
        raise ValidationError(
            {
                "person": _("%(person)s不在“%(org)s”的范围内")
                % {"person": member.person.name, "org": member.group.org.name}
            }
        )
    others = LeadingGroupMember.objects.filter(group=member.group, person=member.person).exclude(pk=member.pk)
    if _overlaps(others, member.started_on, member.ended_on, "started_on", "ended_on"):
        raise ValidationError({"person": _("%(person)s已是该小组成员，请修改原记录") % {"person": member.person.name}})
    return scoped_save(member, user=user, org=member.group.org, version=version)  # type: ignore[no-any-return]


@service
def facility_save(*, user: Any, facility: Facility, version: int | None = None) -> Facility:
    require_write(user, facility.org)
    if facility.kind in VILLAGE_ONLY_FACILITIES:
        _village(facility.org, facility.get_kind_display())
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
        raise ValidationError(_("“十有”检查只适用于党员活动室"))
    _not_future(checked_on, "checked_on")
    if facility.opened_on and checked_on < facility.opened_on:
        raise ValidationError({"checked_on": _("检查日期不能早于活动室建成日期")})
    if facility.closed_on and checked_on >= facility.closed_on:
        raise ValidationError({"checked_on": _("活动室已于%(day)s停用") % {"day": f"{facility.closed_on:%Y-%m-%d}"}})
    rows = []
    seen: set[int] = set()
    for tick in ticks:
        if not tick.item.active:
            raise ValidationError(_("“%(item)s”已停用，不再检查") % {"item": tick.item.name})
        if tick.item.pk in seen:
            raise ValidationError(_("“%(item)s”重复登记") % {"item": tick.item.name})
        seen.add(tick.item.pk)
        check = FacilityCheck(
            facility=facility, item=tick.item, checked_on=checked_on, present=tick.present, note=tick.note.strip()
        )
        if tick.photo is not None:
            try:
                check.photo = attachment_store(user=user, org=facility.org, upload=tick.photo, allowed=IMAGES)
            except ValidationError as exc:
                raise ValidationError(
                    _("“%(item)s”的照片：%(reason)s") % {"item": tick.item.name, "reason": "；".join(exc.messages)}
                ) from exc
        save_validated(check)
        rows.append(check)
    if not rows:
        raise ValidationError(_("请至少勾选一项"))
    return rows


@service
def site_save(*, user: Any, site: RemoteEducationSite, version: int | None = None) -> RemoteEducationSite:
    require_write(user, site.org)
    _not_future(site.established_on, "established_on")
    return scoped_save(site, user=user, org=site.org, version=version)  # type: ignore[no-any-return]


@service
def site_inspect(
    *, user: Any, site: RemoteEducationSite, inspected_on: dt.date, working: bool, note: str = ""
) -> SiteInspection:
    require_write(user, site.org)
    _not_future(inspected_on, "inspected_on")
    if inspected_on < site.established_on:
        raise ValidationError({"inspected_on": _("检查日期不能早于站点建成日期")})
    if site.closed_on and inspected_on >= site.closed_on:
        raise ValidationError({"inspected_on": _("站点已于%(day)s撤销") % {"day": f"{site.closed_on:%Y-%m-%d}"}})
    if not working and not note.strip():
        raise ValidationError({"note": _("站点不能正常运行时请说明情况")})
    inspection = SiteInspection(site=site, inspected_on=inspected_on, working=working, note=note.strip())
    save_validated(inspection)
    return inspection


def _check_year(year: int) -> None:
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("不能登记未来年度")})
    if year < FIRST_YEAR:
        raise ValidationError({"year": _("年度不能早于%(year)s年") % {"year": FIRST_YEAR}})


@service
def income_save(*, user: Any, income: CollectiveIncome, version: int | None = None) -> CollectiveIncome:
    """A village's collective income for a year (one row a year)."""
    require_write(user, income.org)
    _village(income.org, _("集体经济收入"))
    _check_year(income.year)
    duplicate = CollectiveIncome.objects.filter(org=income.org, year=income.year).exclude(pk=income.pk)
    if duplicate.exists():
        raise ValidationError(
            {"year": _("%(org)s%(year)s年的收入已登记，请修改原记录") % {"org": income.org.name, "year": income.year}}
        )
    return scoped_save(income, user=user, org=income.org, version=version)  # type: ignore[no-any-return]


@service
def funding_save(*, user: Any, funding: Funding, version: int | None = None) -> Funding:
    """Money the township secures for a village (村财乡管): the officer's to record."""
    require_officer(user, funding.org)
    _village(funding.org, _("村级经费保障"))
    _check_year(funding.year)
    duplicate = Funding.objects.filter(org=funding.org, year=funding.year, kind=funding.kind).exclude(pk=funding.pk)
    if duplicate.exists():
        raise ValidationError(
            {
                "kind": _("%(year)s年的%(kind)s已登记，请修改原记录")
                % {"year": funding.year, "kind": funding.get_kind_display()}
            }
        )
    return scoped_save(funding, user=user, org=funding.org, version=version)  # type: ignore[no-any-return]


def _village_posts(person: Any, org: Any) -> list[Position]:
    return list(Position.objects.filter(person=person, org=org))


@service
def pension_save(*, user: Any, enrollment: PensionEnrollment, version: int | None = None) -> PensionEnrollment:
    """Pension enrollment of a village main or deputy cadre (one who holds or held a post there)."""
    require_write(user, enrollment.org)
    _village(enrollment.org, _("村干部养老保险"))
    if not _village_posts(enrollment.person, enrollment.org):
        raise ValidationError(
            {
                "person": _("%(person)s未在“%(org)s”担任过村干部职务")
                % {"person": enrollment.person.name, "org": enrollment.org.name}
            }
        )
    _not_future(enrollment.enrolled_on, "enrolled_on")
    others = PensionEnrollment.objects.filter(person=enrollment.person).exclude(pk=enrollment.pk)
    if _overlaps(others, enrollment.enrolled_on, enrollment.ended_on, "enrolled_on", "ended_on"):
        raise ValidationError({"enrolled_on": _("%(person)s在该期间已有参保记录") % {"person": enrollment.person.name}})
    return scoped_save(enrollment, user=user, org=enrollment.org, version=version)  # type: ignore[no-any-return]


@service
def retirement_subsidy_save(*, user: Any, subsidy: RetirementSubsidy, version: int | None = None) -> RetirementSubsidy:
    """离任生活补贴 (seed §三㈤6): a former main cadre (书记 or 主任) who left office and has no basic pension."""
    require_write(user, subsidy.org)
    _village(subsidy.org, _("离任村干部生活补贴"))
    name = subsidy.person.name
    posts = _village_posts(subsidy.person, subsidy.org)
    main = [p for p in posts if p.title in MAIN_CADRE_TITLES and p.started_on <= subsidy.started_on]
    if not main:
        raise ValidationError(
            {"person": _("%(person)s未在“%(org)s”担任过村主职干部") % {"person": name, "org": subsidy.org.name}}
        )
    still_main = Position.objects.filter(
        person=subsidy.person,
        title__in=MAIN_CADRE_TITLES,
        org__category__in=VILLAGE_LEVEL,
        started_on__lte=subsidy.started_on,
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=subsidy.started_on))
    if still_main.exists():
        raise ValidationError({"started_on": _("%(person)s在补贴起始日期时仍在主职岗位上") % {"person": name}})
    if subsidy.monthly_amount is not None and subsidy.monthly_amount <= 0:
        raise ValidationError({"monthly_amount": _("月补贴应大于0")})
    pensions = PensionEnrollment.objects.filter(person=subsidy.person)
    if _overlaps(pensions, subsidy.started_on, subsidy.ended_on, "enrolled_on", "ended_on"):
        raise ValidationError(
            {
                "person": _(
                    "%(person)s已参加基本养老保险，不享受离任生活补贴（方案：对未纳入基本养老保险范围的离任主职干部）"
                )
                % {"person": name}
            }
        )
    others = RetirementSubsidy.objects.filter(person=subsidy.person).exclude(pk=subsidy.pk)
    if _overlaps(others, subsidy.started_on, subsidy.ended_on, "started_on", "ended_on"):
        raise ValidationError({"started_on": _("%(person)s在该期间已有补贴记录") % {"person": name}})
    return scoped_save(subsidy, user=user, org=subsidy.org, version=version)  # type: ignore[no-any-return]


def years_in_office(positions: Iterable[Position], as_of: dt.date) -> float:
    """Years a person held village posts up to `as_of` (overlapping posts counted once) — derived, never typed."""
    spans = sorted((p.started_on, min(p.ended_on or as_of, as_of)) for p in positions if p.started_on <= as_of)
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


def can_edit_checklist(user: Any) -> bool:
    """The "十有" list is one for the whole tree: only an officer at its top changes it."""
    root = scope_root(user)
    return getattr(user, "role", None) == "officer" and root is not None and root.depth == 1


@service
def checklist_item_save(*, user: Any, item: ChecklistItem, version: int | None = None) -> ChecklistItem:
    """Add or change a "十有" item. An item is switched off rather than deleted: its checks stay on record,
    and an inactive item no longer counts in any activity room's "十有" (nor in live assessments)."""
    if not can_edit_checklist(user):
        raise PermissionDenied(_("只有最上级党委的组织委员可以修改“十有”项目"))
    if item.pk is not None:
        check_version(item, version)
    item.name = item.name.strip()
    if not item.name:
        raise ValidationError({"name": _("请填写项目名称")})
    clash = ChecklistItem.objects.filter(name=item.name).exclude(pk=item.pk).first()
    if clash is not None:
        raise ValidationError({"name": _("已有同名的“十有”项目“%(name)s”") % {"name": clash.name}})
    if not item.code:  # nobody types a code: a random one cannot clash with a concurrent addition
        item.code = f"item-{uuid.uuid4().hex[:12]}"
    save_validated(item)
    return item


@service
def record_delete(*, user: Any, record: Any) -> None:
    """Remove a record entered by mistake (the audit trail keeps it)."""
    org = record.group.org if isinstance(record, LeadingGroupMember) else record.org
    if isinstance(record, LeadingGroup | LeadingGroupMember | Funding):
        require_officer(user, org)
    scoped_delete(record, user=user, org=org)
