"""Reads of 基本保障, always scoped to what the user may see, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wuji.core.scoping import scope
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization, active_orgs_q
from wuji.people.choices import CHAIR_TITLES, Title
from wuji.people.models import Person, Position
from wuji.support.choices import INCOME_TARGET, FacilityKind, FundingKind
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

VILLAGE_LEVEL = [Category.VILLAGE, Category.COMMUNITY]
# The facility kinds of the overview, in the seed's order (§三㈤2).
OVERVIEW_KINDS = [
    FacilityKind.ACTIVITY_ROOM,
    FacilityKind.OFFICE,
    FacilityKind.SERVICE_CENTER,
    FacilityKind.CLINIC,
    FacilityKind.LIBRARY,
    FacilityKind.SERVICE_SHOP,
]


def _open_on(day: dt.date, start: str, end: str) -> Q:
    """Rows begun by `day` (an unknown start counts as begun) and not yet ended."""
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day})
    )


def village_orgs(*, user: Any, day: dt.date) -> QuerySet[Organization]:
    """The village and community orgs in the user's scope that existed on `day`, in tree order."""
    return (
        scope(Organization.objects.all(), user, via="")
        .filter(category__in=VILLAGE_LEVEL)
        .filter(active_orgs_q(day))
        .order_by("path")
    )


def writable_village_orgs(*, user: Any) -> QuerySet[Organization]:
    """Village and community orgs a form may offer (in scope, not dissolved)."""
    return (
        scope(Organization.objects.all(), user, via="")
        .filter(category__in=VILLAGE_LEVEL, dissolved_on__isnull=True)
        .order_by("path")
    )


# ---- 领导小组 / 工作专班 -------------------------------------------------------------


def committee_choices(*, user: Any) -> QuerySet[Organization]:
    """The committees in scope that may set up a group (the township's, for its officer)."""
    return scope(Organization.objects.all(), user, via="").filter(kind=OrgKind.COMMITTEE, dissolved_on__isnull=True)


def group_list_visible(*, user: Any) -> QuerySet[LeadingGroup]:
    current = Q(members__ended_on__isnull=True)
    return scope(LeadingGroup.objects.select_related("org"), user).annotate(
        member_count=Count("members", filter=current)
    )


def group_get_visible(*, user: Any, pk: int) -> LeadingGroup:
    return get_object_or_404(scope(LeadingGroup.objects.select_related("org"), user), pk=pk)


def group_members(group: LeadingGroup) -> list[LeadingGroupMember]:
    """Members, current ones first, leader before deputies before members."""
    rank = {"leader": 0, "deputy": 1, "member": 2}
    members = list(group.members.select_related("person", "person__org"))
    members.sort(key=lambda m: (m.ended_on is not None, rank.get(m.role, 9), m.started_on, m.pk))
    return members


def member_get_visible(*, user: Any, pk: int) -> LeadingGroupMember:
    queryset = LeadingGroupMember.objects.select_related("group", "group__org", "person", "person__org")
    return get_object_or_404(scope(queryset, user, via="group__org"), pk=pk)


def people_under(*, user: Any, org: Organization) -> QuerySet[Person]:
    """People in the user's scope whose org lies under `org` (whom a group of `org` may take in)."""
    return (
        scope(Person.objects.select_related("org"), user)
        .filter(org__path__startswith=org.path)
        .order_by("org__path", "name_pinyin", "id")
    )


# ---- 阵地设施 and "十有" ---------------------------------------------------------------


def facility_list_visible(*, user: Any) -> QuerySet[Facility]:
    return scope(Facility.objects.select_related("org"), user).order_by("org__path", "kind", "name")


def facility_get_visible(*, user: Any, pk: int) -> Facility:
    return get_object_or_404(scope(Facility.objects.select_related("org"), user), pk=pk)


def active_items() -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(active=True).order_by("order", "id"))


def latest_checks(facility_ids: list[int], day: dt.date) -> dict[tuple[int, int], FacilityCheck]:
    """For each (room, active item), the latest check on or before `day` — one query for any number of rooms.

    Two checks on the same day: the one recorded later counts.
    """
    if not facility_ids:
        return {}
    newest = (
        FacilityCheck.objects.filter(facility=OuterRef("facility"), item=OuterRef("item"), checked_on__lte=day)
        .order_by("-checked_on", "-id")
        .values("id")[:1]
    )
    checks = (
        FacilityCheck.objects.filter(facility_id__in=facility_ids, item__active=True, checked_on__lte=day)
        .filter(id=Subquery(newest))
        .select_related("photo")
    )
    return {(c.facility_id, c.item_id): c for c in checks}


@dataclass(frozen=True)
class ChecklistRow:
    item: ChecklistItem
    check: FacilityCheck | None

    @property
    def present(self) -> bool:
        return bool(self.check and self.check.present)


@dataclass(frozen=True)
class Checklist:
    """The "十有" of one room on a day: each active item with the check that counts."""

    rows: list[ChecklistRow]

    @property
    def present(self) -> int:
        return sum(1 for r in self.rows if r.present)

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.present == self.total

    @property
    def unchecked(self) -> int:
        return sum(1 for r in self.rows if r.check is None)


def facility_checklist(facility: Facility, day: dt.date) -> Checklist:
    items = active_items()
    checks = latest_checks([facility.pk], day)
    return Checklist([ChecklistRow(item, checks.get((facility.pk, item.pk))) for item in items])


def facility_check_history(facility: Facility, day: dt.date) -> list[dict[str, Any]]:
    """The dates this room was checked up to `day`, newest first, with how many items were in place."""
    rows = (
        FacilityCheck.objects.filter(facility=facility, checked_on__lte=day)
        .values("checked_on")
        .annotate(items=Count("id"), present=Count("id", filter=Q(present=True)))
        .order_by("-checked_on")
    )
    return [dict(row) for row in rows[:20]]


@dataclass
class OverviewRow:
    """One village's service system on a day: which kinds of facility it has, and its "十有"."""

    org: Organization
    kinds: dict[str, bool] = field(default_factory=dict)
    ten_present: int | None = None  # None: no activity room
    ten_total: int = 0

    @property
    def cells(self) -> list[bool]:
        return [self.kinds.get(kind, False) for kind in OVERVIEW_KINDS]

    @property
    def labelled(self) -> list[tuple[str, bool]]:
        return [(str(FacilityKind(kind).label), self.kinds.get(kind, False)) for kind in OVERVIEW_KINDS]

    @property
    def complete_kinds(self) -> bool:
        return all(self.cells)

    @property
    def ten_complete(self) -> bool:
        return self.ten_present is not None and self.ten_total > 0 and self.ten_present == self.ten_total


def facility_overview(*, user: Any, day: dt.date) -> list[OverviewRow]:
    """Every village/community org in scope × the facility kinds, with the best room's "十有" — 4 queries."""
    rows = {org.pk: OverviewRow(org=org) for org in village_orgs(user=user, day=day)}
    facilities = Facility.objects.filter(org_id__in=list(rows)).filter(_open_on(day, "opened_on", "closed_on"))
    rooms: dict[int, list[int]] = defaultdict(list)
    for facility_id, org_id, kind in facilities.values_list("id", "org_id", "kind"):
        rows[org_id].kinds[kind] = True
        if kind == FacilityKind.ACTIVITY_ROOM:
            rooms[org_id].append(facility_id)
    total = ChecklistItem.objects.filter(active=True).count()
    checks = latest_checks([pk for ids in rooms.values() for pk in ids], day)
    present_by_room: dict[int, int] = defaultdict(int)
    for (facility_id, _item_id), check in checks.items():
        if check.present:
            present_by_room[facility_id] += 1
    for org_id, ids in rooms.items():
        rows[org_id].ten_present = max(present_by_room[pk] for pk in ids)
        rows[org_id].ten_total = total
    return list(rows.values())


# ---- 远程教育站点 -----------------------------------------------------------------------


def _latest_inspection(day: dt.date) -> QuerySet[SiteInspection]:
    return SiteInspection.objects.filter(site=OuterRef("pk"), inspected_on__lte=day).order_by("-inspected_on", "-id")


def site_list_visible(*, user: Any, day: dt.date) -> QuerySet[RemoteEducationSite]:
    """Sites with what their latest inspection on or before `day` found (`last_working` None: never inspected)."""
    latest = _latest_inspection(day)
    return (
        scope(RemoteEducationSite.objects.select_related("org"), user)
        .annotate(
            last_inspected_on=Subquery(latest.values("inspected_on")[:1]),
            last_working=Subquery(latest.values("working")[:1]),
            last_note=Subquery(latest.values("note")[:1]),
        )
        .order_by("org__path", "name")
    )


def site_get_visible(*, user: Any, pk: int, day: dt.date | None = None) -> RemoteEducationSite:
    """The site with its status as of `day` (today when not given), or 404 outside the user's scope."""
    return get_object_or_404(site_list_visible(user=user, day=day or timezone.localdate()), pk=pk)


def site_inspections(site: RemoteEducationSite, limit: int = 50) -> list[SiteInspection]:
    """The latest inspections of a site, newest first."""
    return list(site.inspections.order_by("-inspected_on", "-id")[:limit])


def site_status(site: Any, day: dt.date) -> str:
    """closed / working / broken / unchecked, as of `day` (needs the annotations of site_list_visible)."""
    if site.closed_on and site.closed_on <= day:
        return "closed"
    if site.established_on > day:
        return "future"
    if site.last_working is None:
        return "unchecked"
    return "working" if site.last_working else "broken"


@dataclass(frozen=True)
class SiteGap:
    org: Organization
    status: str  # none / broken / unchecked
    sites: list[Any]


def village_site_gaps(*, user: Any, day: dt.date) -> list[SiteGap]:
    """Villages with no open site on `day`, or none that worked at its latest inspection — 2 queries."""
    by_org: dict[int, list[Any]] = defaultdict(list)
    for site in site_list_visible(user=user, day=day).filter(established_on__lte=day).exclude(closed_on__lte=day):
        by_org[site.org_id].append(site)
    gaps = []
    for org in village_orgs(user=user, day=day):
        sites = by_org.get(org.pk, [])
        statuses = {site_status(s, day) for s in sites}
        if not sites:
            gaps.append(SiteGap(org, "none", []))
        elif "working" not in statuses:
            gaps.append(SiteGap(org, "broken" if "broken" in statuses else "unchecked", sites))
    return gaps


# ---- 集体经济收入 -----------------------------------------------------------------------


def income_list_visible(*, user: Any) -> QuerySet[CollectiveIncome]:
    return scope(CollectiveIncome.objects.select_related("org"), user).order_by("-year", "org__path")


def income_get_visible(*, user: Any, pk: int) -> CollectiveIncome:
    return get_object_or_404(scope(CollectiveIncome.objects.select_related("org"), user), pk=pk)


@dataclass(frozen=True)
class IncomeCell:
    year: int
    total: Decimal | None
    operating: Decimal | None
    previous: Decimal | None

    @property
    def recorded(self) -> bool:
        return self.total is not None

    @property
    def met(self) -> bool:
        return self.total is not None and self.total >= INCOME_TARGET

    @property
    def change(self) -> Decimal | None:
        if self.total is None or self.previous is None:
            return None
        return self.total - self.previous

    @property
    def change_pct(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return float(self.change / self.previous * 100)


@dataclass(frozen=True)
class IncomeTrendRow:
    org: Organization
    cells: list[IncomeCell]

    @property
    def latest(self) -> IncomeCell:
        return self.cells[-1]


def income_trend(*, user: Any, end_year: int, years: int = 5, org: Organization | None = None) -> list[IncomeTrendRow]:
    """Villages × the `years` years up to `end_year`: total, operating income and the change — one query.

    Each village row carries its incomes as subqueries on the (org, year) unique index,
    the year before the first included so the first change can be shown.
    """
    span = list(range(end_year - years, end_year + 1))
    annotations: dict[str, Any] = {}
    for year in span:
        income = CollectiveIncome.objects.filter(org=OuterRef("pk"), year=year)
        annotations[f"total_{year}"] = Subquery(income.values("total")[:1])
        annotations[f"operating_{year}"] = Subquery(income.values("operating")[:1])
    orgs = scope(Organization.objects.all(), user, via="").filter(category__in=VILLAGE_LEVEL)
    # A village dissolved before the first year shown has nothing to say about these years.
    orgs = orgs.filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__year__gte=span[1]))
    if org is not None:
        orgs = orgs.filter(path__startswith=org.path)
    rows = []
    for village in orgs.order_by("path").annotate(**annotations):
        cells = [
            IncomeCell(
                year=year,
                total=getattr(village, f"total_{year}"),
                operating=getattr(village, f"operating_{year}"),
                previous=getattr(village, f"total_{year - 1}"),
            )
            for year in span[1:]
        ]
        rows.append(IncomeTrendRow(village, cells))
    return rows


# ---- 经费保障 ---------------------------------------------------------------------------


def funding_list_visible(*, user: Any) -> QuerySet[Funding]:
    return scope(Funding.objects.select_related("org"), user).order_by("-year", "org__path", "kind")


def funding_get_visible(*, user: Any, pk: int) -> Funding:
    return get_object_or_404(scope(Funding.objects.select_related("org"), user), pk=pk)


@dataclass(frozen=True)
class FundingYear:
    year: int
    by_kind: dict[str, Decimal]
    villages: int

    @property
    def amounts(self) -> list[Decimal]:
        return [self.by_kind.get(kind, Decimal(0)) for kind in FundingKind.values]

    @property
    def total(self) -> Decimal:
        return sum(self.by_kind.values(), Decimal(0))


def funding_summary(fundings: QuerySet[Funding]) -> list[FundingYear]:
    """Per year, the sums by kind of the (filtered) rows — one query."""
    sums: dict[int, dict[str, Decimal]] = defaultdict(dict)
    villages: dict[int, int] = {}
    rows = (
        fundings.order_by().values("year", "kind").annotate(amount=Sum("amount"), villages=Count("org", distinct=True))
    )
    for row in rows:
        sums[row["year"]][row["kind"]] = row["amount"]
        villages[row["year"]] = max(villages.get(row["year"], 0), row["villages"])
    return [FundingYear(year, sums[year], villages[year]) for year in sorted(sums, reverse=True)]


# ---- 养老保险 and 离任生活补贴 ----------------------------------------------------------


def pension_list_visible(*, user: Any) -> QuerySet[PensionEnrollment]:
    return scope(PensionEnrollment.objects.select_related("org", "person"), user).order_by("org__path", "-enrolled_on")


def pension_get_visible(*, user: Any, pk: int) -> PensionEnrollment:
    return get_object_or_404(scope(PensionEnrollment.objects.select_related("org", "person"), user), pk=pk)


def subsidy_list_visible(*, user: Any) -> QuerySet[RetirementSubsidy]:
    """Subsidies with each person's posts prefetched, so years in office are derived without a query per row."""
    return (
        scope(RetirementSubsidy.objects.select_related("org", "person"), user)
        .prefetch_related(Prefetch("person__positions", queryset=Position.objects.order_by("started_on")))
        .order_by("org__path", "-started_on")
    )


def subsidy_get_visible(*, user: Any, pk: int) -> RetirementSubsidy:
    return get_object_or_404(subsidy_list_visible(user=user), pk=pk)


def cadres_of(*, orgs: QuerySet[Organization], main_only: bool = False) -> QuerySet[Person]:
    """People who hold or held a post in one of `orgs` (whom a pension or subsidy form may offer)."""
    posts = Position.objects.filter(person=OuterRef("pk"), org__in=orgs)
    if main_only:
        posts = posts.filter(title__in=[Title.SECRETARY, *CHAIR_TITLES])
    return Person.objects.filter(Exists(posts)).select_related("org").order_by("org__path", "name_pinyin", "id")


@dataclass
class MainCadreRow:
    """A village's current branch secretary and committee chair, and whether each is insured."""

    org: Organization
    secretary: Position | None = None
    chair: Position | None = None

    @property
    def holders(self) -> list[tuple[str, Position | None]]:
        return [("secretary", self.secretary), ("chair", self.chair)]

    @property
    def all_enrolled(self) -> bool:
        held = [p for _, p in self.holders if p is not None]
        return bool(held) and all(getattr(p, "enrolled", False) for p in held)


def main_cadre_enrollment(*, user: Any, day: dt.date) -> list[MainCadreRow]:
    """Per village in scope on `day`: its main cadres and whether each is enrolled in a pension — 2 queries."""
    rows = {org.pk: MainCadreRow(org) for org in village_orgs(user=user, day=day)}
    enrolled = PensionEnrollment.objects.filter(person=OuterRef("person"), enrolled_on__lte=day).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    )
    posts = (
        Position.objects.filter(org_id__in=list(rows), title__in=[Title.SECRETARY, *CHAIR_TITLES], started_on__lte=day)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        .select_related("person", "org")
        .annotate(enrolled=Exists(enrolled))
        .order_by("started_on")
    )
    for post in posts:
        row = rows[post.org_id]
        if post.title == Title.SECRETARY:
            row.secretary = post
        else:
            row.chair = post
    return list(rows.values())
