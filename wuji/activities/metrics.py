"""Metrics of 基本活动 (seed §三㈢) for the standard engine."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Q

from wuji.activities.models import Activity, ActivityType, DutyPost, Honor, Pairing, PartySpiritReview, Pledge
from wuji.people.choices import Stage
from wuji.people.models import MembershipStage
from wuji.standards.registry import Measured, Period, metric, org_ids, shared


def _ids(orgs: Sequence[Any]) -> list[int]:
    return [o.pk for o in orgs]


def _type_ids(code: str | None) -> list[int] | None:
    """The type and its subtypes (远程教育 counts its 理论学习, 实用技术培训 …)."""
    if not code:
        return None
    rows = list(ActivityType.objects.filter(Q(code=code) | Q(parent__code=code)).values_list("pk", flat=True))
    return rows


class _ActivityRow(NamedTuple):
    """An activity as the metrics read it (plain values: a county has hundreds of thousands)."""

    pk: int
    org_id: int
    paired_org_id: int | None
    held_on: dt.date


def _activities(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, list[_ActivityRow]]:
    """Activities of each org in the period; a joint activity of a pairing counts for both orgs."""
    ids = org_ids(orgs)
    rows = Activity.objects.filter(
        Q(org_id__in=ids) | Q(paired_org_id__in=ids), held_on__gte=period.start, held_on__lte=period.end
    )
    types = _type_ids(params.get("type"))
    if types is not None:
        rows = rows.filter(type_id__in=types)
    by_org: dict[int, list[_ActivityRow]] = defaultdict(list)
    for row in rows.values_list("pk", "org_id", "paired_org_id", "held_on"):
        activity = _ActivityRow(*row)
        by_org[activity.org_id].append(activity)
        if activity.paired_org_id and activity.paired_org_id != activity.org_id:
            by_org[activity.paired_org_id].append(activity)
    return by_org


@metric("activities.count", label="", unit="次", params=("type",))  # labelled by the indicator
def count(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    by_org = _activities(orgs, period, params)
    return {
        pk: Measured(Decimal(len(by_org[pk])), [("activities.activity", a.pk) for a in by_org[pk]]) for pk in _ids(orgs)
    }


def months_of(period: Period) -> list[tuple[int, int]]:
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@metric("activities.months_missed", label="未开展活动的月份", unit="个月", params=("type",))
def months_missed(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Months of the period without the activity (机关每月组织1次集中学习)."""
    by_org = _activities(orgs, period, params)
    months = months_of(period)
    result = {}
    for pk in _ids(orgs):
        held = {(a.held_on.year, a.held_on.month) for a in by_org[pk]}
        missed = [f"{m}月" for y, m in months if (y, m) not in held]
        note = "缺：" + "、".join(missed) if missed else f"{len(months)}个月均已开展"
        result[pk] = Measured(Decimal(len(missed)), [("activities.activity", a.pk) for a in by_org[pk]], note=note)
    return result


@metric("activities.paired", label="结对帮扶关系", unit="个")
def paired(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    day = period.end
    active = Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    ids = _ids(orgs)
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, organ, village in (
        Pairing.objects.filter(active)
        .filter(Q(organ_org_id__in=org_ids(orgs)) | Q(village_org_id__in=org_ids(orgs)))
        .values_list("pk", "organ_org_id", "village_org_id")
    ):
        by_org[organ].append(pk)
        by_org[village].append(pk)
    return {pk: Measured(Decimal(len(by_org[pk])), [("activities.pairing", p) for p in by_org[pk]]) for pk in ids}


def _members(orgs: Sequence[Any], period: Period) -> dict[int, set[int]]:
    """Each org's members as of the period's end; fetched once per engine run for the four member-share metrics."""

    def fetch() -> dict[int, set[int]]:
        members: dict[int, set[int]] = defaultdict(set)
        rows = MembershipStage.objects.filter(
            person__org_id__in=org_ids(orgs), stage__in=[Stage.PROBATIONARY, Stage.FULL], started_on__lte=period.end
        )
        for person_id, org_id in rows.values_list("person_id", "person__org_id").order_by():  # sets: no sort
            members[org_id].add(person_id)
        return members

    return shared(("activities.members", period, frozenset(o.pk for o in orgs)), fetch)


def _member_share(orgs: Sequence[Any], period: Period, rows: Any, label: str) -> dict[int, Measured]:
    members = _members(orgs, period)
    covered: dict[int, dict[int, int]] = defaultdict(dict)
    for pk, person_id, org_id in rows.values_list("pk", "person_id", "org_id"):
        covered[org_id][person_id] = pk
    result = {}
    for org_id in _ids(orgs):
        mine = members[org_id]
        done = {p: r for p, r in covered[org_id].items() if p in mine}
        value = (Decimal(100) * len(done) / len(mine)).quantize(Decimal("0.1")) if mine else None
        result[org_id] = Measured(value, [(label, r) for r in done.values()], note=f"{len(done)}/{len(mine)}名党员")
    return result


@metric("activities.duty_post_share", label="设岗定责覆盖率", unit="%")
def duty_post_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    rows = DutyPost.objects.filter(org_id__in=org_ids(orgs), year=period.end.year)
    return _member_share(orgs, period, rows, "activities.dutypost")


@metric("activities.pledge_share", label="服务承诺覆盖率", unit="%")
def pledge_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    rows = Pledge.objects.filter(org_id__in=org_ids(orgs), year=period.end.year)
    return _member_share(orgs, period, rows, "activities.pledge")


@metric("activities.review_share", label="党性定期分析覆盖率", unit="%")
def review_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    rows = PartySpiritReview.objects.filter(
        org_id__in=org_ids(orgs), reviewed_on__gte=period.start, reviewed_on__lte=period.end
    )
    return _member_share(orgs, period, rows, "activities.partyspiritreview")


@metric("activities.honors", label="创先争优荣誉", unit="项")
def honors(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in Honor.objects.filter(
        org_id__in=org_ids(orgs), year__gte=period.start.year - 1, year__lte=period.end.year
    ).values_list("pk", "org_id"):
        by_org[org_id].append(pk)
    return {pk: Measured(Decimal(len(by_org[pk])), [("activities.honor", h) for h in by_org[pk]]) for pk in _ids(orgs)}
