"""The figures a document quotes, read from the engine or a published assessment — never recomputed here.

`campaign_results` picks the source: the published assessment of the campaign (the frozen
results everyone has seen) when there is one for the day asked, else a live run of the engine.
Everything below only counts and sorts the engine's results (how many orgs met an indicator,
which unmet indicators are most common); no score, value or target is derived here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from wuji.assessment import engine, services
from wuji.assessment.models import AggregateResult, Assessment, OrgResult, Rectification
from wuji.assessment.rectification import Counts, rectification_counts
from wuji.assessment.selectors import CATEGORY_LABELS, card_from_result, specs_of, value_text
from wuji.campaigns.models import Campaign
from wuji.orgs.choices import Category
from wuji.standards import loader
from wuji.standards.loader import IndicatorSpec
from wuji.standards.scoring import fmt

VILLAGE_CATEGORIES = frozenset({Category.VILLAGE, Category.COMMUNITY})


@dataclass
class Results:
    """The cards and township figures of a campaign on a day, with where they came from."""

    campaign: Campaign
    as_of: dt.date
    cards: list[engine.OrgCard]
    aggregates: list[engine.AggregateCard]
    assessment: Assessment | None  # the published assessment read, or None for a live run

    @property
    def source_text(self) -> str:
        if self.assessment is not None:
            return f"{self.assessment.get_kind_display()}（已发布）"
        return "实时测评"


def _aggregate_from_result(row: AggregateResult) -> engine.AggregateCard:
    # A frozen aggregate is stored in the same shape as an org's indicator row (engine.card_json).
    holder = OrgResult(org=row.org, rubric="", score=0, max_score=0, grade="", rank=0, category_rank=0)
    holder.indicators = [row.result]
    indicator = card_from_result(holder).indicators[0]
    return engine.AggregateCard(row.org_id, row.org.code, row.org.name, indicator)


def published_results(assessment: Assessment) -> Results:
    """The frozen results of a published assessment."""
    rows = OrgResult.objects.filter(assessment=assessment).select_related("org").order_by("rank", "org__code")
    aggregates = AggregateResult.objects.filter(assessment=assessment).select_related("org").order_by("pk")
    return Results(
        campaign=assessment.campaign,
        as_of=assessment.as_of,
        cards=[card_from_result(r) for r in rows],
        aggregates=[_aggregate_from_result(a) for a in aggregates],
        assessment=assessment,
    )


def assessment_results(assessment: Assessment) -> Results:
    """An assessment's results: frozen when published, else its live draft (with the inspectors' scores)."""
    if assessment.status == Assessment.Status.PUBLISHED:
        return published_results(assessment)
    run = services.assessment_run(assessment)
    return Results(assessment.campaign, assessment.as_of, run.cards, run.aggregates, None)


def latest_published(campaign: Campaign, as_of: dt.date | None = None) -> Assessment | None:
    """The published assessment a summary reports: of the day asked, else the latest (a final one first)."""
    published = Assessment.objects.filter(campaign=campaign, status=Assessment.Status.PUBLISHED).select_related(
        "campaign__scope", "campaign__standard"
    )
    if as_of is not None:
        published = published.filter(as_of=as_of)
    candidates = sorted(
        published,
        key=lambda a: (a.kind == Assessment.Kind.FINAL, a.as_of, a.published_at or timezone.now()),
        reverse=True,
    )
    return candidates[0] if candidates else None


def campaign_results(campaign: Campaign, *, as_of: dt.date | None = None) -> Results:
    """A published assessment's results for the day (or the latest one), else a live run of the engine."""
    published = latest_published(campaign, as_of)
    if published is not None:
        return published_results(published)
    run = services.campaign_run(campaign, as_of=as_of)
    return Results(campaign, run.as_of, run.cards, run.aggregates, None)


# --- what a document says about the results -------------------------------------------------------------------


@dataclass
class IndicatorTally:
    """How the orgs an indicator applies to stand against it (indicators of the same name merged)."""

    name: str
    dimension: str
    applicable: int = 0
    met: int = 0
    unmet_orgs: list[str] = field(default_factory=list)

    @property
    def unmet(self) -> int:
        return self.applicable - self.met

    @property
    def share_text(self) -> str:
        return f"{self.met}/{self.applicable}"


@dataclass
class Problem:
    """An unmet indicator and how many orgs fall short of it (the 存在问题 of a summary)."""

    name: str
    dimension: str
    target: str
    orgs: list[str]


@dataclass
class CategoryLeader:
    category: str
    label: str
    count: int
    best: list[str]
    best_score: Decimal


@dataclass
class Figures:
    """Every number the 书面总结 quotes."""

    results: Results
    org_count: int
    by_category: list[tuple[str, int]]  # (label, how many), in the categories' order
    dimensions: list[str]
    tallies: dict[str, list[IndicatorTally]]  # per dimension, in the standard's order
    aggregates: list[tuple[str, str, str, bool, str]]  # (name, value, target, met, note)
    aggregate_by_code: dict[str, engine.IndicatorResult]
    village_tally: dict[str, IndicatorTally]  # V-… indicators by code, over villages and communities
    village_count: int
    income_values: list[tuple[str, Decimal]]  # (village, income in 元), highest first
    average_score: Decimal | None
    grades: list[tuple[str, int]]
    top: list[engine.OrgCard]
    failing: list[engine.OrgCard]
    leaders: list[CategoryLeader]
    problems: list[Problem]
    rectification: Counts | None
    rectification_assessments: int

    def value(self, result: engine.IndicatorResult) -> str:
        """A value as a person reads it (“77.8%”, “是”, “3名”)."""
        return value_text(result, specs_of(self.results.campaign).get(result.code))

    @staticmethod
    def category_label(category: str) -> str:
        return str(CATEGORY_LABELS.get(category, category))


def _category_order(category: str) -> int:
    labels = list(CATEGORY_LABELS)
    return labels.index(category) if category in labels else len(labels)


def _tallies(cards: list[engine.OrgCard], specs: dict[str, IndicatorSpec]) -> dict[str, dict[str, IndicatorTally]]:
    """Per dimension, per indicator name: how many orgs met it (bonus and veto items left out: no points)."""
    result: dict[str, dict[str, IndicatorTally]] = defaultdict(dict)
    order = {code: spec.order for code, spec in specs.items()}
    for card in cards:
        for ind in sorted(card.indicators, key=lambda i: order.get(i.code, 0)):
            if ind.max_points <= 0:
                continue
            tally = result[ind.dimension].setdefault(ind.name, IndicatorTally(ind.name, ind.dimension))
            tally.applicable += 1
            if ind.met:
                tally.met += 1
            else:
                tally.unmet_orgs.append(card.name)
    return result


def summary_figures(results: Results, *, today: dt.date | None = None) -> Figures:
    campaign = results.campaign
    specs = specs_of(campaign)
    cards = results.cards
    dimensions = [d["name"] for d in campaign.standard.document.get("dimensions", [])]
    tallies = _tallies(cards, specs)

    categories = Counter(c.category for c in cards)
    by_category = [
        (str(CATEGORY_LABELS.get(cat, cat)), n)
        for cat, n in sorted(categories.items(), key=lambda x: _category_order(x[0]))
    ]

    villages = [c for c in cards if c.category in VILLAGE_CATEGORIES]
    village_tally: dict[str, IndicatorTally] = {}
    income: list[tuple[str, Decimal]] = []
    for card in villages:
        for ind in card.indicators:
            tally = village_tally.setdefault(ind.code, IndicatorTally(ind.name, ind.dimension))
            tally.applicable += 1
            tally.met += int(ind.met)
            if not ind.met:
                tally.unmet_orgs.append(card.name)
            if ind.code == "V-INCOME" and ind.value is not None:
                income.append((card.name, ind.value))
    income.sort(key=lambda x: x[1], reverse=True)

    aggregates = [
        (
            a.indicator.name,
            value_text(a.indicator, specs.get(a.indicator.code)),
            a.indicator.target,
            a.indicator.met,
            a.indicator.note,
        )
        for a in results.aggregates
        if a.org_id == campaign.scope_id
    ]
    aggregate_by_code = {a.indicator.code: a.indicator for a in results.aggregates if a.org_id == campaign.scope_id}

    bands = [
        b.name for b in sorted(loader.grade_bands(campaign.standard.document), key=lambda b: b.min_score, reverse=True)
    ]
    grade_counts = Counter(c.grade for c in cards)
    lowest = bands[-1] if bands else ""

    leaders = []
    groups: dict[str, list[engine.OrgCard]] = defaultdict(list)
    for card in cards:
        groups[card.category].append(card)
    for cat in sorted(groups, key=_category_order):
        group = groups[cat]
        best_score = max(c.score for c in group)
        leaders.append(
            CategoryLeader(
                category=cat,
                label=str(CATEGORY_LABELS.get(cat, cat)),
                count=len(group),
                best=[c.name for c in group if c.category_rank == 1],
                best_score=best_score,
            )
        )

    unmet: dict[str, Problem] = {}
    for card in cards:
        for ind in card.indicators:
            if ind.met or ind.max_points <= 0:
                continue
            problem = unmet.setdefault(ind.name, Problem(ind.name, ind.dimension, ind.target, []))
            problem.orgs.append(card.name)
    problems = sorted(
        unmet.values(), key=lambda p: (-len(p.orgs), dimensions.index(p.dimension) if p.dimension in dimensions else 99)
    )

    items = Rectification.objects.filter(assessment__campaign=campaign, assessment__as_of__lte=results.as_of)
    day = today or results.as_of
    counts = rectification_counts(items, today=day)
    assessments_with_items = items.values("assessment_id").distinct().count() if counts.total else 0

    return Figures(
        results=results,
        org_count=len(cards),
        by_category=by_category,
        dimensions=dimensions,
        tallies={d: list(tallies.get(d, {}).values()) for d in dimensions},
        aggregates=aggregates,
        aggregate_by_code=aggregate_by_code,
        village_tally=village_tally,
        village_count=len(villages),
        income_values=income,
        average_score=(sum((c.score for c in cards), Decimal(0)) / len(cards)) if cards else None,
        grades=[(g, grade_counts.get(g, 0)) for g in bands],
        top=[c for c in cards if c.rank <= 3],
        failing=[c for c in cards if c.grade == lowest],
        leaders=leaders,
        problems=problems,
        rectification=counts if counts.total else None,
        rectification_assessments=assessments_with_items,
    )


def money_text(value: Decimal) -> str:
    """An amount in 元 as a township writes it: 8300元 → 0.83万元."""
    return f"{fmt((value / Decimal(10000)).quantize(Decimal('0.01')))}万元"


def score_text(value: Decimal | None) -> str:
    """A score with one decimal, as the ranking tables print it (66.0, 60.3)."""
    return "—" if value is None else str(Decimal(value).quantize(Decimal("0.1")))


def names_text(names: list[str], limit: int = 6) -> str:
    """A list of org names for a sentence: at most `limit`, then 等N个."""
    if len(names) <= limit:
        return "、".join(names)
    return "、".join(names[:limit]) + f"等{len(names)}个"
