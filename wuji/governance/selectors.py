"""Reads of 基本制度, always scoped to what the user may see (another branch's rows are 404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value, When
from django.shortcuts import get_object_or_404

from wuji.core.scoping import can_write, scope
from wuji.governance.choices import RULE_KIND_SHORT, ArchiveCategory, AssetKind, RuleKind, required_rules
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    Matter,
    MatterStep,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs.choices import Category
from wuji.orgs.models import Organization, active_orgs_q
from wuji.orgs.selectors import org_choices, org_list_visible
from wuji.people.models import Person

VILLAGE_LEVEL: list[str] = [Category.VILLAGE, Category.COMMUNITY]


# ---- orgs a form may offer ---------------------------------------------------------------


def writable_orgs(*, user: Any, categories: list[str] | None = None) -> QuerySet[Organization]:
    """Orgs the user may record for (their own branch, or the officer's subtree), optionally of some categories."""
    orgs = org_choices(user=user)
    if categories is not None:
        orgs = orgs.filter(category__in=categories)
    return orgs.filter(pk__in=[o.pk for o in orgs if can_write(user, o)])


def organ_people(*, user: Any, writable_only: bool = False) -> QuerySet[Person]:
    """People of 机关 branches in scope (业绩登记 is for 机关 party cadres)."""
    people = scope(Person.objects.select_related("org"), user).filter(org__category=Category.ORGAN)
    if writable_only:
        people = people.filter(org__in=writable_orgs(user=user, categories=[Category.ORGAN]))
    return people.order_by("org__path", "name_pinyin")


# ---- rules ---------------------------------------------------------------------------------


def rule_list_visible(*, user: Any) -> QuerySet[RuleDocument]:
    """Rules by org, then in the order the seed names the kinds, newest version first."""
    kind_order = Case(*[When(kind=k.value, then=Value(i)) for i, k in enumerate(RuleKind)], default=Value(99))
    return (
        scope(RuleDocument.objects.all(), user)
        .select_related("org", "superseded_by", "attachment")
        .order_by("org__path", kind_order, "title", "-effective_on", "-id")
    )


def rule_current(*, user: Any, org_id: int, kind: str) -> RuleDocument | None:
    """The org's rule of `kind` not yet superseded (for 其他制度, any of them), if any and if visible."""
    return rule_list_visible(user=user).filter(org_id=org_id, kind=kind, superseded_on__isnull=True).first()


def rule_get_visible(*, user: Any, pk: int) -> RuleDocument:
    return get_object_or_404(rule_list_visible(user=user), pk=pk)


def rule_history(rule: RuleDocument) -> list[RuleDocument]:
    """Every version of this rule of its org, newest first (其他制度: those of the same title)."""
    versions = RuleDocument.objects.filter(org_id=rule.org_id, kind=rule.kind)
    if rule.kind == RuleKind.OTHER:
        versions = versions.filter(title=rule.title)
    return list(versions.order_by("-effective_on", "-id"))


def in_force_q(day: dt.date) -> Q:
    """Rules in force on `day`: effective by then and not yet superseded."""
    return Q(effective_on__lte=day) & (Q(superseded_on__isnull=True) | Q(superseded_on__gt=day))


@dataclass
class CoverageRow:
    """制度齐全情况 of one org on one day."""

    org: Organization
    required: tuple[RuleKind, ...]
    present: set[str] = field(default_factory=set)
    cells: list[tuple[RuleKind, str]] = field(default_factory=list)  # one per column of the table

    @property
    def missing(self) -> list[RuleKind]:
        return [k for k in self.required if k.value not in self.present]

    @property
    def complete(self) -> bool:
        return not self.missing

    def cell(self, kind: str) -> str:
        """'ok' (required and in force), 'missing', 'extra' (in force, not required) or '' (neither)."""
        if kind in {k.value for k in self.required}:
            return "ok" if kind in self.present else "missing"
        return "extra" if kind in self.present else ""


@dataclass
class Coverage:
    rows: list[CoverageRow]
    kinds: list[RuleKind]  # the columns: every kind some listed org must have

    @property
    def heads(self) -> list[tuple[RuleKind, str]]:
        return [(k, str(RULE_KIND_SHORT[k])) for k in self.kinds]

    @property
    def complete_count(self) -> int:
        return sum(1 for r in self.rows if r.complete)


def rule_coverage(*, user: Any, day: dt.date, org: Organization | None = None) -> Coverage:
    """Which required rules each org in scope (or `org` and those below it) has in force on `day`.

    One query whatever the number of orgs: each org comes with one EXISTS per rule kind.
    """
    in_force = RuleDocument.objects.filter(in_force_q(day), org=OuterRef("pk"))
    flags = {f"has_{k.value}": Exists(in_force.filter(kind=k.value)) for k in RuleKind if k != RuleKind.OTHER}
    orgs = org_list_visible(user=user).filter(active_orgs_q(day)).annotate(**flags)
    if org is not None:
        orgs = orgs.filter(path__startswith=org.path)
    rows = [
        CoverageRow(
            org=o,
            required=required_rules(o.category),
            present={name.removeprefix("has_") for name in flags if getattr(o, name)},
        )
        for o in orgs
    ]
    needed = {k for row in rows for k in row.required}
    kinds = [k for k in RuleKind if k in needed]
    for row in rows:
        row.cells = [(k, row.cell(k.value)) for k in kinds]
    return Coverage(rows=rows, kinds=kinds)


# ---- 五议五公开 ----------------------------------------------------------------------------


def _matter_rows() -> list[Prefetch]:
    return [
        Prefetch("steps", queryset=MatterStep.objects.order_by("step")),
        Prefetch("disclosures", queryset=Disclosure.objects.select_related("photo").order_by("published_on", "id")),
    ]


def matter_list_visible(*, user: Any) -> QuerySet[Matter]:
    """Matters with their steps and disclosures prefetched (a row shows the next action): a fixed query count."""
    return (
        scope(Matter.objects.all(), user)
        .select_related("org")
        .prefetch_related(*_matter_rows())
        .order_by("-created_at", "-id")
    )


def matter_get_visible(*, user: Any, pk: int) -> Matter:
    return get_object_or_404(matter_list_visible(user=user), pk=pk)


# ---- 党务/村务 disclosures of an org ------------------------------------------------------


def disclosure_list_visible(*, user: Any) -> QuerySet[Disclosure]:
    """An org's own 党务/村务 disclosures (a matter's five are shown with the matter)."""
    return (
        scope(Disclosure.objects.filter(matter__isnull=True), user)
        .select_related("org", "photo")
        .order_by("published", "-published_on", "-id")
    )


def disclosure_get_visible(*, user: Any, pk: int) -> Disclosure:
    return get_object_or_404(disclosure_list_visible(user=user), pk=pk)


# ---- registers -----------------------------------------------------------------------------


def performance_list_visible(*, user: Any) -> QuerySet[PerformanceRecord]:
    return scope(PerformanceRecord.objects.all(), user).select_related("org", "person").order_by("-recorded_on", "-id")


def performance_get_visible(*, user: Any, pk: int) -> PerformanceRecord:
    return get_object_or_404(performance_list_visible(user=user), pk=pk)


def archive_list_visible(*, user: Any) -> QuerySet[ArchiveRecord]:
    return (
        scope(ArchiveRecord.objects.all(), user)
        .select_related("org")
        .order_by("org__path", "-year", "category", "file_no", "id")
    )


def archive_get_visible(*, user: Any, pk: int) -> ArchiveRecord:
    return get_object_or_404(archive_list_visible(user=user), pk=pk)


def archive_counts(records: QuerySet[ArchiveRecord]) -> list[tuple[str, int]]:
    """(category label, number of files) among `records`, in the order of the categories (one query)."""
    counts = dict(records.order_by().values_list("category").annotate(n=Count("id")))
    return [(str(c.label), counts[c.value]) for c in ArchiveCategory if counts.get(c.value)]


def asset_list_visible(*, user: Any) -> QuerySet[CollectiveAsset]:
    return (
        scope(CollectiveAsset.objects.all(), user)
        .select_related("org")
        .order_by("org__path", "kind", "-recorded_on", "-id")
    )


def asset_get_visible(*, user: Any, pk: int) -> CollectiveAsset:
    return get_object_or_404(asset_list_visible(user=user), pk=pk)


@dataclass(frozen=True)
class AssetTotal:
    kind: AssetKind
    count: int
    value: Decimal

    @property
    def value_display(self) -> str:
        return f"{self.value:,.2f}"


def asset_totals(assets: QuerySet[CollectiveAsset]) -> list[AssetTotal]:
    """Count and value per kind of `assets` (already filtered), in one aggregate query."""
    sums: dict[str, Any] = {}
    for kind in AssetKind:
        sums[f"{kind.value}_n"] = Count("id", filter=Q(kind=kind.value))
        sums[f"{kind.value}_v"] = Sum("value", filter=Q(kind=kind.value))
    row = assets.order_by().aggregate(**sums)
    return [
        AssetTotal(kind=kind, count=row[f"{kind.value}_n"] or 0, value=row[f"{kind.value}_v"] or Decimal("0"))
        for kind in AssetKind
    ]


def finance_list_visible(*, user: Any) -> QuerySet[FinanceArrangement]:
    return scope(FinanceArrangement.objects.all(), user).select_related("org").order_by("org__path", "-started_on")


def finance_get_visible(*, user: Any, pk: int) -> FinanceArrangement:
    return get_object_or_404(finance_list_visible(user=user), pk=pk)


def finance_villages(*, user: Any, day: dt.date) -> QuerySet[Organization]:
    """Every village (community) in scope with the arrangement in force on `day` annotated (one query)."""
    current = FinanceArrangement.objects.filter(org=OuterRef("pk"), started_on__lte=day).order_by("-started_on")
    return (
        org_list_visible(user=user)
        .filter(active_orgs_q(day), category__in=VILLAGE_LEVEL)
        .annotate(
            arrangement_id=Subquery(current.values("pk")[:1]),
            township_managed=Subquery(current.values("township_managed")[:1]),
            arrangement_since=Subquery(current.values("started_on")[:1]),
            arrangement_note=Subquery(current.values("note")[:1]),
        )
    )
