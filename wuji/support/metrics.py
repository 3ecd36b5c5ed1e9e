"""Metrics of 基本保障 (seed §三㈤) for the standard engine."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Q

from wuji.people.choices import MAIN_CADRE_TITLES
from wuji.people.models import Position
from wuji.standards.registry import AGGREGATE, Measured, Period, metric, org_ids
from wuji.support.choices import FacilityKind, GroupKind
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    FacilityCheck,
    LeadingGroup,
    PensionEnrollment,
    RemoteEducationSite,
    SiteInspection,
)

KIND_LABELS = dict(FacilityKind.choices)


def _ids(orgs: Sequence[Any]) -> list[int]:
    return [o.pk for o in orgs]


def _open_on(day: Any, start: str, end: str) -> Q:
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


@metric("support.leading_group", label="领导小组和工作专班", unit="", level=AGGREGATE)
def leading_group(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """1 when the committee has both a 领导小组 and a 工作专班 in place at the period's end."""
    kinds: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, org_id, kind in LeadingGroup.objects.filter(
        _open_on(period.end, "established_on", "dissolved_on"), org_id__in=org_ids(orgs)
    ).values_list("pk", "org_id", "kind"):
        kinds[org_id][kind] = pk
    return {
        pk: Measured(
            Decimal(1 if {GroupKind.LEADING_GROUP, GroupKind.WORK_TEAM} <= set(kinds[pk]) else 0),
            [("support.leadinggroup", g) for g in kinds[pk].values()],
        )
        for pk in _ids(orgs)
    }


@metric("support.ten_haves", label="活动室“十有”", unit="")
def ten_haves(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Share (0–1) of the active "十有" items in place in the org's activity room at the period's end."""
    items = list(ChecklistItem.objects.filter(active=True).values_list("pk", flat=True))
    rooms = dict(
        Facility.objects.filter(
            _open_on(period.end, "opened_on", "closed_on") | Q(opened_on__isnull=True, closed_on__isnull=True),
            org_id__in=org_ids(orgs),
            kind=FacilityKind.ACTIVITY_ROOM,
        ).values_list("pk", "org_id")
    )
    latest: dict[tuple[int, int], tuple[Any, int, bool]] = {}
    for pk, facility_id, item_id, checked_on, present in FacilityCheck.objects.filter(
        facility_id__in=rooms, item_id__in=items, checked_on__lte=period.end
    ).values_list("pk", "facility_id", "item_id", "checked_on", "present"):
        key = (facility_id, item_id)
        if key not in latest or checked_on > latest[key][0]:
            latest[key] = (checked_on, pk, present)
    rooms_of: dict[int, list[int]] = defaultdict(list)
    for facility_id, org_id in rooms.items():
        rooms_of[org_id].append(facility_id)
    result = {}
    for org_id in _ids(orgs):
        mine = rooms_of[org_id]
        best: tuple[int, list[int]] = (0, [])
        for facility_id in mine:
            ok = [latest[(facility_id, i)][1] for i in items if latest.get((facility_id, i), (None, 0, False))[2]]
            if len(ok) >= best[0]:
                best = (len(ok), ok)
        value = (Decimal(best[0]) / len(items)).quantize(Decimal("0.01")) if items and mine else Decimal(0)
        note = f"{best[0]}/{len(items)}项" if mine else "无党员活动室"
        result[org_id] = Measured(value, [("support.facilitycheck", pk) for pk in best[1]], note=note)
    return result


@metric("support.facilities_missing", label="缺少的阵地设施", unit="处", params=("kinds",))
def facilities_missing(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    required = list(params.get("kinds", []))
    present: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, org_id, kind in Facility.objects.filter(
        Q(opened_on__isnull=True) | Q(opened_on__lte=period.end),
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end),
        org_id__in=org_ids(orgs),
    ).values_list("pk", "org_id", "kind"):
        present[org_id][kind] = pk
    result = {}
    for org_id in _ids(orgs):
        missing = [k for k in required if k not in present[org_id]]
        note = "缺：" + "、".join(str(KIND_LABELS.get(k, k)) for k in missing) if missing else "齐全"
        result[org_id] = Measured(
            Decimal(len(missing)), [("support.facility", pk) for pk in present[org_id].values()], note=note
        )
    return result


@metric("support.remote_site_working", label="远程教育站点正常运行", unit="")
def remote_site_working(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """1 when the org has a site whose latest inspection by the period's end found it working (none yet: working)."""
    sites = dict(
        RemoteEducationSite.objects.filter(
            _open_on(period.end, "established_on", "closed_on"), org_id__in=org_ids(orgs)
        ).values_list("pk", "org_id")
    )
    latest: dict[int, tuple[Any, bool]] = {}
    for site_id, inspected_on, working in SiteInspection.objects.filter(
        site_id__in=sites, inspected_on__lte=period.end
    ).values_list("site_id", "inspected_on", "working"):
        if site_id not in latest or inspected_on > latest[site_id][0]:
            latest[site_id] = (inspected_on, working)
    sites_of: dict[int, list[int]] = defaultdict(list)
    for site_id, org_id in sites.items():
        sites_of[org_id].append(site_id)
    result = {}
    for org_id in _ids(orgs):
        mine = sites_of[org_id]
        running = [s for s in mine if latest.get(s, (None, True))[1]]
        note = "无站点" if not mine else ("正常" if running else "站点不能正常运行")
        result[org_id] = Measured(
            Decimal(1 if running else 0), [("support.remoteeducationsite", s) for s in mine], note=note
        )
    return result


@metric("support.collective_income", label="村集体经济收入", unit="元", params=("year_offset",))
def collective_income(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    year = period.end.year + int(params.get("year_offset", 0))
    rows = {
        org_id: (pk, total)
        for pk, org_id, total in CollectiveIncome.objects.filter(org_id__in=org_ids(orgs), year=year).values_list(
            "pk", "org_id", "total"
        )
    }
    return {
        pk: Measured(rows[pk][1], [("support.collectiveincome", rows[pk][0])], note=f"{year}年")
        if pk in rows
        else Measured(None, [], note=f"{year}年未登记")
        for pk in _ids(orgs)
    }


@metric("support.main_cadres_insured", label="主职干部参加养老保险", unit="%")
def main_cadres_insured(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    day = period.end
    mains: dict[int, set[int]] = defaultdict(set)
    for org_id, person_id in Position.objects.filter(
        _open_on(day, "started_on", "ended_on"), org_id__in=org_ids(orgs), title__in=MAIN_CADRE_TITLES
    ).values_list("org_id", "person_id"):
        mains[org_id].add(person_id)
    insured: dict[int, dict[int, int]] = defaultdict(dict)
    for pk, org_id, person_id in PensionEnrollment.objects.filter(
        _open_on(day, "enrolled_on", "ended_on"), org_id__in=org_ids(orgs)
    ).values_list("pk", "org_id", "person_id"):
        insured[org_id][person_id] = pk
    result = {}
    for org_id in _ids(orgs):
        cadres = mains[org_id]
        done = {p: r for p, r in insured[org_id].items() if p in cadres}
        value = (Decimal(100) * len(done) / len(cadres)).quantize(Decimal("0.1")) if cadres else None
        result[org_id] = Measured(
            value, [("support.pensionenrollment", r) for r in done.values()], note=f"{len(done)}/{len(cadres)}名"
        )
    return result
