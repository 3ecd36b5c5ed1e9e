"""Reads of 基本活动, always scoped to what the user may see.

A joint activity (one with a `paired_org`) counts for both orgs: it is visible
to, listed for and counted in the ledger of either side.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DateField, F, Func, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.shortcuts import get_object_or_404

from wuji.activities.models import (
    Activity,
    ActivityType,
    Attendance,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.core.scoping import can_write, scope
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization
from wuji.orgs.selectors import org_choices, org_list_visible
from wuji.people.choices import Stage
from wuji.people.models import MembershipStage, Person

GROUP_STUDY = "group_study"
DEMOCRATIC_LIFE = "democratic_life"
ACTIVITY_ORGS = ("org", "paired_org")


# ---------------------------------------------------------------- orgs and types


def writable_orgs(*, user: Any) -> list[Organization]:
    """Orgs the user may record for (officer: the subtree; secretary: their branch), tree order."""
    return [o for o in org_choices(user=user) if can_write(user, o)]


def activity_types() -> list[tuple[ActivityType, int]]:
    """Active types in tree order with their depth (a parent, then its subtypes)."""
    types = list(ActivityType.objects.filter(active=True).order_by("order", "id"))
    children: dict[int | None, list[ActivityType]] = defaultdict(list)
    for t in types:
        children[t.parent_id].append(t)
    ordered: list[tuple[ActivityType, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for t in children.get(parent, []):
            ordered.append((t, depth))
            walk(t.pk, depth + 1)

    walk(None, 0)
    known = {t.pk for t, _ in ordered}
    ordered += [(t, 0) for t in types if t.pk not in known]  # a subtype of an inactive type
    return ordered


# ---------------------------------------------------------------- activities


def activity_list_visible(*, user: Any) -> QuerySet[Activity]:
    """Activities of the user's orgs (held by or jointly with them); 应到/实到 counted in the same query."""
    return (
        scope(Activity.objects.all(), user, via=ACTIVITY_ORGS)
        .select_related("org", "type", "type__parent", "paired_org")
        .annotate(
            expected=Count("attendance"),
            present=Count("attendance", filter=Q(attendance__present=True)),
        )
        .order_by("-held_on", "-id")
    )


def activity_get_visible(*, user: Any, pk: int) -> Activity:
    return get_object_or_404(
        scope(Activity.objects.select_related("org", "type", "type__parent", "paired_org"), user, via=ACTIVITY_ORGS),
        pk=pk,
    )


def activity_attendance(activity: Activity) -> list[Attendance]:
    return list(activity.attendance.select_related("person", "person__org").order_by("person__name_pinyin", "id"))


def members_for_form(org: Organization, day: dt.date) -> list[Person]:
    """Who an activity of `org` on `day` expects: its members on that day."""
    from wuji.activities.services import members_on

    return members_on(org, day)


def paired_orgs_on(org: Organization | None, day: dt.date | None) -> QuerySet[Organization]:
    """The orgs `org` has an active pairing with on `day` (a joint activity may name only these)."""
    if org is None or day is None:
        return Organization.objects.none()
    active = Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    pairings = Pairing.objects.filter(active)
    organ_side = pairings.filter(village_org=org).values("organ_org_id")
    village_side = pairings.filter(organ_org=org).values("village_org_id")
    return Organization.objects.filter(Q(pk__in=organ_side) | Q(pk__in=village_side)).order_by("path")


# ---------------------------------------------------------------- pairings


def pairing_list_visible(*, user: Any) -> QuerySet[Pairing]:
    """Pairings either side of which is in the user's scope, with the count of their joint activities."""
    open_end = Coalesce(OuterRef("ended_on"), Value(dt.date(9999, 12, 31)), output_field=DateField())
    joint = Activity.objects.filter(
        Q(org=OuterRef("organ_org"), paired_org=OuterRef("village_org"))
        | Q(org=OuterRef("village_org"), paired_org=OuterRef("organ_org")),
        held_on__gte=OuterRef("started_on"),
        held_on__lt=open_end,
    )
    count = joint.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return (
        scope(Pairing.objects.all(), user, via=("organ_org", "village_org"))
        .select_related("organ_org", "village_org")
        .annotate(joint_count=Subquery(count, output_field=IntegerField()))
        .order_by("-started_on", "organ_org__path", "village_org__path")
    )


def pairing_get_visible(*, user: Any, pk: int) -> Pairing:
    return get_object_or_404(
        scope(Pairing.objects.select_related("organ_org", "village_org"), user, via=("organ_org", "village_org")),
        pk=pk,
    )


# ---------------------------------------------------------------- member-year records and honours


def duty_post_list_visible(*, user: Any) -> QuerySet[DutyPost]:
    return scope(DutyPost.objects.select_related("person", "org"), user).order_by("-year", "org__path", "id")


def pledge_list_visible(*, user: Any) -> QuerySet[Pledge]:
    return scope(Pledge.objects.select_related("person", "org"), user).order_by("-year", "org__path", "id")


def prosperity_list_visible(*, user: Any) -> QuerySet[ProsperityPlanEntry]:
    return scope(ProsperityPlanEntry.objects.select_related("person", "org"), user).order_by(
        "-year", "-is_model", "org__path", "id"
    )


def review_list_visible(*, user: Any) -> QuerySet[PartySpiritReview]:
    return scope(PartySpiritReview.objects.select_related("person", "org"), user).order_by(
        "-reviewed_on", "org__path", "id"
    )


def honor_list_visible(*, user: Any) -> QuerySet[Honor]:
    return scope(Honor.objects.select_related("org"), user).order_by("-year", "org__path", "id")


def record_get_visible(queryset: QuerySet[Any], pk: int) -> Any:
    """One record of an already scoped list (404 outside the scope)."""
    return get_object_or_404(queryset, pk=pk)


def members_in(orgs: list[Organization], day: dt.date) -> list[Person]:
    """Party members (probationary or full on `day`) of `orgs`, grouped by org in tree order, then by name."""
    member_ids = MembershipStage.objects.filter(
        person__org__in=orgs, stage__in=[Stage.PROBATIONARY, Stage.FULL], started_on__lte=day
    ).values("person_id")
    return list(
        Person.objects.filter(pk__in=member_ids).select_related("org").order_by("org__path", "name_pinyin", "id")
    )


# ---------------------------------------------------------------- the ledger (活动台账)


@dataclass
class LedgerRow:
    """One activity type's counts per month (index 1–12) for an org and a year."""

    type: ActivityType
    depth: int
    year: int
    months: list[int] = field(default_factory=lambda: [0] * 13)
    missing: list[bool] = field(default_factory=lambda: [False] * 13)  # a month the seed requires and lacks

    @property
    def total(self) -> int:
        return sum(self.months[1:])

    @property
    def cells(self) -> list[tuple[int, int, bool, dt.date, dt.date]]:
        """(month, count, missing, first day, last day) for each month."""
        return [
            (m, self.months[m], self.missing[m], dt.date(self.year, m, 1), month_end(self.year, m))
            for m in range(1, 13)
        ]


@dataclass
class OrgLedger:
    org: Organization
    year: int
    rows: list[LedgerRow]
    months_due: int  # months of the year up to the as-of day
    study_required: bool  # 机关每月组织1次集中学习 (seed §三㈢1)
    study_months: int = 0
    democratic_life_on: list[dt.date] = field(default_factory=list)

    @property
    def missing_study_months(self) -> list[int]:
        row = next((r for r in self.rows if r.type.code == GROUP_STUDY), None)
        return [m for m in range(1, 13) if row and row.missing[m]]


@dataclass
class BranchLedgerRow:
    org: Organization
    study: list[int]  # 集中学习 per month (index 1–12)
    study_missing: list[bool]
    democratic_life: int
    total: int

    @property
    def study_cells(self) -> list[tuple[int, int, bool]]:
        return [(m, self.study[m], self.study_missing[m]) for m in range(1, 13)]

    @property
    def study_required(self) -> bool:
        return self.org.category == Category.ORGAN


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def months_due(year: int, day: dt.date) -> int:
    """How many months of `year` have begun by `day` (a month not yet begun is not missing)."""
    if year < day.year:
        return 12
    if year > day.year:
        return 0
    return day.month


def _type_roots() -> dict[int, int]:
    """Each type's top-level ancestor."""
    parents = dict(ActivityType.objects.values_list("pk", "parent_id"))
    roots = {}
    for pk in parents:
        node = pk
        seen = set()
        while parents.get(node) and node not in seen:
            seen.add(node)
            node = parents[node]
        roots[pk] = node
    return roots


def org_ledger(org: Organization, year: int, day: dt.date) -> OrgLedger:
    """Month × type counts of `org`'s activities (its own and joint ones) in `year`: one aggregate query."""
    counts = (
        Activity.objects.filter(Q(org=org) | Q(paired_org=org), held_on__year=year)
        .annotate(month=ExtractMonth("held_on"))
        .order_by()
        .values("type_id", "month")
        .annotate(n=Count("id"))
    )
    types = activity_types()
    roots = _type_roots()
    rows = {t.pk: LedgerRow(type=t, depth=depth, year=year) for t, depth in types}
    for row in counts:
        type_id, month, n = row["type_id"], row["month"], row["n"]
        if type_id in rows:
            rows[type_id].months[month] += n
        root = roots.get(type_id)
        if root is not None and root != type_id and root in rows:
            rows[root].months[month] += n  # a parent row counts its subtypes too
    due = months_due(year, day)
    required = org.category == Category.ORGAN
    ledger = OrgLedger(org=org, year=year, rows=list(rows.values()), months_due=due, study_required=required)
    for r in ledger.rows:
        if r.type.code == GROUP_STUDY:
            ledger.study_months = sum(1 for m in range(1, 13) if r.months[m])
            if required:
                r.missing = [False] + [m <= due and not r.months[m] for m in range(1, 13)]
    ledger.democratic_life_on = list(
        Activity.objects.filter(
            Q(org=org) | Q(paired_org=org), held_on__year=year, type__code=DEMOCRATIC_LIFE
        ).values_list("held_on", flat=True)
    )
    return ledger


def branch_ledger(*, user: Any, root: Organization, year: int, day: dt.date) -> list[BranchLedgerRow]:
    """For every branch under `root` in scope: 集中学习 per month, 民主生活会 held, activities in `year`."""
    orgs = list(
        org_list_visible(user=user)
        .filter(path__startswith=root.path)
        .exclude(kind=OrgKind.COMMITTEE)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__year__gte=year))
    )
    ids = {o.pk for o in orgs}
    counts = (
        Activity.objects.filter(
            Q(org__path__startswith=root.path) | Q(paired_org__path__startswith=root.path), held_on__year=year
        )
        .annotate(month=ExtractMonth("held_on"))
        .order_by()
        .values("org_id", "paired_org_id", "type__code", "type__parent__code", "month")
        .annotate(n=Count("id"))
    )
    study: dict[int, list[int]] = {pk: [0] * 13 for pk in ids}
    life: dict[int, int] = dict.fromkeys(ids, 0)
    total: dict[int, int] = dict.fromkeys(ids, 0)
    for row in counts:
        codes = {row["type__code"], row["type__parent__code"]}
        for org_id in {row["org_id"], row["paired_org_id"]} & ids:
            total[org_id] += row["n"]
            if GROUP_STUDY in codes:
                study[org_id][row["month"]] += row["n"]
            if DEMOCRATIC_LIFE in codes:
                life[org_id] += row["n"]
    due = months_due(year, day)
    result = []
    for org in orgs:
        months = study[org.pk]
        required = org.category == Category.ORGAN
        missing = [False] + [required and m <= due and not months[m] for m in range(1, 13)]
        result.append(BranchLedgerRow(org, months, missing, life[org.pk], total[org.pk]))
    return result


def org_for_ledger(*, user: Any, pk: int | None) -> Organization:
    """The org a ledger is for: the one asked for (404 outside the scope), else the user's own."""
    from wuji.core.scoping import scope_root

    if pk:
        return get_object_or_404(org_list_visible(user=user), pk=pk)
    root = scope_root(user)
    assert root is not None
    return root
