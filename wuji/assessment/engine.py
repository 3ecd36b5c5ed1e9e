"""The engine: fetch → compute → explain.

For every indicator of the standard, its metric measures all the orgs it applies
to in one call (queries grow with the number of indicators, never with the
number of orgs); scoring is pure (`standards.scoring`); every result carries its
reason and the records behind it.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from wuji.orgs.choices import OrgKind
from wuji.orgs.models import Organization, active_orgs_q
from wuji.standards import loader, registry
from wuji.standards.scoring import Outcome, competition_ranks, fmt, grade_for, score, target_text


@dataclass(frozen=True)
class Manual:
    """An inspector's entry: the value for a manual/checklist indicator, or an override of a computed one."""

    value: Decimal
    reason: str


@dataclass
class IndicatorResult:
    code: str
    name: str
    dimension: str
    item: str
    kind: str
    value: Decimal | None
    target: str
    met: bool
    points: Decimal
    max_points: Decimal
    reason: str
    note: str = ""
    records: list[tuple[str, int]] = field(default_factory=list)
    computed_value: Decimal | None = None  # kept when an inspector overrode it
    override_reason: str = ""
    effort: str = "medium"
    frequency: str | None = None
    veto_grade: str | None = None


@dataclass
class OrgCard:
    org_id: int
    code: str
    name: str
    category: str
    rubric: str
    score: Decimal
    max_score: Decimal
    grade: str
    indicators: list[IndicatorResult]
    rank: int = 0
    category_rank: int = 0

    @property
    def gaps(self) -> list[IndicatorResult]:
        """Unmet indicators, easy ones first (先易后难)."""
        order = {"easy": 0, "medium": 1, "hard": 2}
        return sorted((i for i in self.indicators if not i.met), key=lambda i: order.get(i.effort, 1))


@dataclass
class AggregateCard:
    org_id: int
    code: str
    name: str
    indicator: IndicatorResult


@dataclass
class Run:
    standard_code: str
    standard_version: str
    period_start: dt.date
    as_of: dt.date
    cards: list[OrgCard]
    aggregates: list[AggregateCard]


def _target_text(spec: loader.IndicatorSpec) -> str:
    if spec.rule.target is None:
        return "全部具备" if spec.rule.method == "checklist" else "考评组评定"
    return target_text(spec.rule)


def _result(
    spec: loader.IndicatorSpec, measured: registry.Measured | None, manual: Manual | None, target: str
) -> IndicatorResult:
    computed = measured.value if measured else None
    value = manual.value if manual is not None else computed
    outcome: Outcome = score(spec.rule, value)
    reason = outcome.reason
    if manual is not None and spec.kind == "metric":
        reason = f"{reason}（考评组将计算值 {fmt(computed)} 调整为 {fmt(value)}：{manual.reason}）"
    elif manual is not None:
        reason = f"{reason}（{manual.reason}）"
    return IndicatorResult(
        code=spec.code,
        name=spec.name,
        dimension=spec.dimension,
        item=spec.item,
        kind=spec.kind,
        value=value,
        target=target,
        met=outcome.met,
        points=outcome.points,
        max_points=outcome.max_points,
        reason=reason,
        note=measured.note if measured else "",
        records=measured.records if measured else [],
        computed_value=computed if manual is not None and spec.kind == "metric" else None,
        override_reason=manual.reason if manual is not None and spec.kind == "metric" else "",
        effort=spec.effort,
        frequency=spec.frequency,
        veto_grade=outcome.veto_grade,
    )


def _measure_all(
    specs: list[loader.IndicatorSpec],
    targets: dict[str, list[Any]],
    period: registry.Period,
    tree: QuerySet[Organization],
) -> dict[str, dict[int, registry.Measured]]:
    """Call each (metric, params) once for the union of the orgs its indicators apply to.

    The orgs go with a query selecting the same set (`tree` narrowed by kind and category), which a metric
    uses instead of a list of ids when the set is long (`registry.org_ids`)."""
    groups: dict[tuple[str, str], list[loader.IndicatorSpec]] = defaultdict(list)
    for spec in specs:
        if spec.metric:
            groups[(spec.metric, json.dumps(spec.params, sort_keys=True))].append(spec)
    measured: dict[str, dict[int, registry.Measured]] = {}
    for (name, params), group in groups.items():
        union: dict[int, Any] = {}
        for spec in group:
            union.update({o.pk: o for o in targets[spec.code]})
        if group[0].level == registry.AGGREGATE:
            query = tree.filter(kind=OrgKind.COMMITTEE)
        else:
            categories = {c for spec in group for c in spec.categories}
            query = tree.exclude(kind=OrgKind.COMMITTEE).filter(category__in=categories)
        orgs = registry.OrgSet(union.values(), query)
        values = registry.get(name).fn(orgs, period, json.loads(params)) if union else {}
        for spec in group:
            measured[spec.code] = values
    return measured


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A run allocates millions of small objects that live until it ends: full collections walking them
    cost a fifth of the time at 10,000 orgs (bench/README.md). Paused for the run, restored after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def run(
    *,
    document: dict[str, Any],
    scope: Organization,
    period_start: dt.date,
    as_of: dt.date,
    manual: dict[tuple[int, str], Manual] | None = None,
) -> Run:
    """Assess every branch under `scope` that existed on `as_of`, and the committees' aggregate figures."""
    with _collector_paused(), registry.run_cache():
        return _run(document=document, scope=scope, period_start=period_start, as_of=as_of, manual=manual or {})


def _run(
    *,
    document: dict[str, Any],
    scope: Organization,
    period_start: dt.date,
    as_of: dt.date,
    manual: dict[tuple[int, str], Manual],
) -> Run:
    period = registry.Period(period_start, as_of)
    specs = loader.indicators(document)
    in_tree = Organization.objects.filter(path__startswith=scope.path).filter(active_orgs_q(as_of))
    tree = list(in_tree.order_by("path"))
    branches = [o for o in tree if o.kind != OrgKind.COMMITTEE and o.category]
    committees = [o for o in tree if o.kind == OrgKind.COMMITTEE]
    per_org = [s for s in specs if s.level == registry.PER_ORG]
    aggregate = [s for s in specs if s.level == registry.AGGREGATE]
    targets = {s.code: [o for o in branches if o.category in s.categories] for s in per_org}
    targets |= {s.code: committees for s in aggregate}
    measured = _measure_all(specs, targets, period, in_tree)
    target_texts = {s.code: _target_text(s) for s in specs}  # per indicator, not per (org, indicator)

    rubrics = {c: r for r in document.get("rubrics", []) for c in r["categories"]}
    bands = loader.grade_bands(document)
    cards = []
    for org in branches:
        results = [
            _result(s, measured.get(s.code, {}).get(org.pk), manual.get((org.pk, s.code)), target_texts[s.code])
            for s in per_org
            if org.category in s.categories
        ]
        total = sum((r.points for r in results), Decimal(0))
        maximum = sum((r.max_points for r in results), Decimal(0))
        vetoes = [r.veto_grade for r in results if r.veto_grade]
        rubric = rubrics.get(org.category, {})
        # Grades are thresholds on a 100-point scale; a rubric of another total is scaled to it.
        scale = Decimal(100) / Decimal(str(rubric.get("total", 100)))
        cards.append(
            OrgCard(
                org_id=org.pk,
                code=org.code,
                name=org.name,
                category=org.category,
                rubric=rubric.get("code", org.category),
                score=total,
                max_score=maximum,
                grade=grade_for(total * scale, bands, vetoes),
                indicators=results,
            )
        )
    ranks = competition_ranks([(str(c.org_id), c.score) for c in cards])
    by_category: dict[str, list[OrgCard]] = defaultdict(list)
    for card in cards:
        card.rank = ranks[str(card.org_id)]
        by_category[card.category].append(card)
    for group in by_category.values():
        category_ranks = competition_ranks([(str(c.org_id), c.score) for c in group])
        for card in group:
            card.category_rank = category_ranks[str(card.org_id)]
    cards.sort(key=lambda c: (c.rank, c.code))
    aggregates = [
        AggregateCard(
            org.pk, org.code, org.name, _result(s, measured.get(s.code, {}).get(org.pk), None, target_texts[s.code])
        )
        for s in aggregate
        for org in committees
    ]
    return Run(
        standard_code=document["code"],
        standard_version=str(document["version"]),
        period_start=period_start,
        as_of=as_of,
        cards=cards,
        aggregates=aggregates,
    )


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def as_document(result: Run, *, campaign: str) -> dict[str, Any]:
    """The `assess --json` document of DESIGN §6."""
    return {
        "campaign": campaign,
        "standard": result.standard_code,
        "version": result.standard_version,
        "as_of": result.as_of.isoformat(),
        "orgs": [
            {
                "code": c.code,
                "name": c.name,
                "category": c.category,
                "score": _num(c.score),
                "max_score": _num(c.max_score),
                "grade": c.grade,
                "rank": c.rank,
                "category_rank": c.category_rank,
                "indicators": [
                    {
                        "code": i.code,
                        "value": _num(i.value),
                        "target": i.target,
                        "met": i.met,
                        "points": _num(i.points),
                        "max_points": _num(i.max_points),
                    }
                    for i in c.indicators
                ],
            }
            for c in result.cards
        ],
        "aggregates": [
            {
                "code": a.indicator.code,
                "scope": a.code,
                "value": _num(a.indicator.value),
                "target": a.indicator.target,
                "met": a.indicator.met,
            }
            for a in result.aggregates
        ],
    }


def card_json(card: OrgCard) -> list[dict[str, Any]]:
    """An org's indicators as stored when an assessment is published."""
    rows = []
    for i in card.indicators:
        row = asdict(i)
        for key in ("value", "points", "max_points", "computed_value"):
            row[key] = str(row[key]) if row[key] is not None else None
        row["records"] = [list(r) for r in i.records]
        rows.append(row)
    return rows
