"""Reads of campaigns, assessments, rankings and scorecards — always through the user's scope.

A campaign (and its assessments) is visible when the user's scope root lies on the
campaign's branch of the tree: its scope is at or below the user's root (an officer
of the township or the county, an inspector), or above it (a branch secretary sees
the campaign of their township). Org cards are for orgs in the user's own subtree.

Live figures come from the engine (`services.campaign_run` / `assessment_run`);
published ones from the frozen `OrgResult` rows. Both become the same view models,
so a page never knows which it shows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db.models import Case, IntegerField, QuerySet, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.assessment import engine, obligations, services
from wuji.assessment.models import AggregateResult, Assessment, ManualScore, OrgResult
from wuji.assessment.obligations import Obligation
from wuji.campaigns.models import Campaign
from wuji.core.scoping import scope, scope_root
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization
from wuji.orgs.selectors import org_get_visible
from wuji.standards import loader
from wuji.standards.loader import IndicatorSpec
from wuji.standards.rubric import EFFORT_LABELS, method_text
from wuji.standards.rubric import rows as rubric_rows
from wuji.standards.scoring import fmt, q

CATEGORY_LABELS = dict(Category.choices)
_TONES = ("success", "info", "warning")  # the brand colour (primary) is red: not for a good grade


def grade_tones(document: dict[str, Any]) -> dict[str, str]:
    """A colour per grade, best first: the top grades green, teal, amber; the lowest red."""
    names = [b.name for b in sorted(loader.grade_bands(document), key=lambda b: b.min_score, reverse=True)]
    return {name: "danger" if i == len(names) - 1 else _TONES[min(i, 2)] for i, name in enumerate(names)}


# --- campaigns and assessments -------------------------------------------------------------------------------


def _ancestor_paths(path: str) -> list[str]:
    step = Organization.steplen
    return [path[:end] for end in range(step, len(path) + 1, step)]


def campaign_list_visible(*, user: Any) -> QuerySet[Campaign]:
    """Campaigns over the user's subtree, or over an org above it (the township of a secretary)."""
    base = Campaign.objects.select_related("scope", "standard")
    root = scope_root(user)
    if root is None:
        return base.none()
    return (scope(base, user, via="scope") | base.filter(scope__path__in=_ancestor_paths(root.path))).order_by(
        "-year", "code"
    )


def campaign_get_visible(*, user: Any, pk: int) -> Campaign:
    return get_object_or_404(campaign_list_visible(user=user), pk=pk)


def assessment_list_visible(*, user: Any) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(campaign__in=campaign_list_visible(user=user))
        .select_related("campaign", "campaign__scope", "campaign__standard")
        .order_by("-as_of", "-pk")
    )


def assessment_get_visible(*, user: Any, pk: int) -> Assessment:
    return get_object_or_404(assessment_list_visible(user=user), pk=pk)


def campaign_day(campaign: Campaign, requested: dt.date | None) -> dt.date:
    """The as-of day for a live view: the day asked for when it lies in the campaign's year,
    else today but no later than the campaign's end (as `assess` does)."""
    first, last = dt.date(campaign.year, 1, 1), dt.date(campaign.year, 12, 31)
    if requested is not None and first <= requested <= last:
        return requested
    return max(first, min(timezone.localdate(), campaign.ends_on))


def current_campaign_for(*, user: Any) -> Campaign | None:
    """The campaign a secretary's self-assessment belongs to: this year's, else the latest over their branch."""
    campaigns = list(campaign_list_visible(user=user))
    this_year = timezone.localdate().year
    return next((c for c in campaigns if c.year == this_year), campaigns[0] if campaigns else None)


def card_org_get(*, user: Any, campaign: Campaign, pk: int) -> Organization:
    """An org whose card the user may open in this campaign: in their scope, under the campaign, a branch."""
    org = org_get_visible(user=user, pk=pk)
    if not org.path.startswith(campaign.scope.path) or org.kind == OrgKind.COMMITTEE or not org.category:
        raise Http404(_("该党组织不在本次考评范围内"))
    return org


def card_orgs(*, user: Any, campaign: Campaign) -> QuerySet[Organization]:
    """The branches of the campaign the user may open a card of (for pickers)."""
    return (
        scope(Organization.objects.filter(path__startswith=campaign.scope.path), user, via="")
        .exclude(kind=OrgKind.COMMITTEE)
        .exclude(category="")
        .filter(dissolved_on__isnull=True)
        .order_by("path")
    )


def assessment_for_campaign(*, user: Any, campaign: Campaign, pk: str | None) -> Assessment | None:
    """The `?assessment=` of a campaign page (404 when it is not this campaign's or not visible)."""
    if not pk:
        return None
    try:
        number = int(pk)
    except ValueError as exc:
        raise Http404 from exc
    assessment = assessment_get_visible(user=user, pk=number)
    if assessment.campaign_id != campaign.pk:
        raise Http404
    return assessment


def _visible_org_ids(user: Any, ids: Iterable[int]) -> set[int]:
    return set(scope(Organization.objects.filter(pk__in=list(ids)), user, via="").values_list("pk", flat=True))


# --- turning results into what a page shows ------------------------------------------------------------------


def specs_of(campaign: Campaign) -> dict[str, IndicatorSpec]:
    return {s.code: s for s in loader.indicators(campaign.standard.document)}


def value_text(result: engine.IndicatorResult, spec: IndicatorSpec | None, value: Decimal | None = None) -> str:
    """A value as a person reads it: “3名”, “是”, “80%”, “4分”."""
    number = result.value if value is None else value
    if number is None:
        return "—"
    if spec is None:
        return fmt(number)
    if spec.rule.method == "checklist":
        return f"{fmt(q(number * 100))}%"
    if spec.kind == "manual":
        return _("%(points)s分") % {"points": fmt(number)}
    if spec.rule.boolean:
        return _("是") if number >= 1 else _("否")
    return f"{fmt(number)}{spec.rule.unit}"


def _result_from_json(row: dict[str, Any]) -> engine.IndicatorResult:
    """A frozen indicator (engine.card_json) back as an IndicatorResult."""
    known = {f.name for f in fields(engine.IndicatorResult)}
    data = {k: v for k, v in row.items() if k in known}
    for key in ("value", "points", "max_points", "computed_value"):
        if data.get(key) is not None:
            data[key] = Decimal(str(data[key]))
    data["records"] = [(str(label), int(pk)) for label, pk in data.get("records", [])]
    return engine.IndicatorResult(**data)


def card_from_result(result: OrgResult) -> engine.OrgCard:
    return engine.OrgCard(
        org_id=result.org_id,
        code=result.org.code,
        name=result.org.name,
        category=result.org.category,
        rubric=result.rubric,
        score=result.score,
        max_score=result.max_score,
        grade=result.grade,
        indicators=[_result_from_json(row) for row in result.indicators],
        rank=result.rank,
        category_rank=result.category_rank,
    )


# --- the ranking ---------------------------------------------------------------------------------------------


@dataclass
class RankingRow:
    rank: int
    category_rank: int
    org_id: int
    code: str
    name: str
    category: str
    score: Decimal
    max_score: Decimal
    grade: str
    gaps: int
    vetoed: bool = False
    tone: str = "secondary"
    previous: PreviousResult | None = None

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS.get(self.category, self.category))

    @property
    def score_change(self) -> Decimal | None:
        return None if self.previous is None else self.score - self.previous.score

    @property
    def rank_change(self) -> int | None:
        """Places gained since last year (positive: moved up)."""
        return None if self.previous is None else self.previous.rank - self.rank


@dataclass
class AggregateRow:
    code: str
    name: str
    scope_name: str
    value: str
    target: str
    met: bool
    note: str
    reason: str


@dataclass
class Ranking:
    campaign: Campaign
    as_of: dt.date
    source: str  # live, draft, published
    assessment: Assessment | None
    rows: list[RankingRow]
    aggregates: list[AggregateRow]
    categories: list[tuple[str, str]]
    category: str = ""
    grades: list[tuple[str, str, int]] = field(default_factory=list)  # (grade, tone, how many)
    previous: PreviousYear | None = None

    @property
    def shared_ranks(self) -> set[int]:
        """Ranks held by more than one org (ties: 1, 2, 2, 4)."""
        counts: dict[int, int] = defaultdict(int)
        for row in self.rows:
            counts[row.rank] += 1
        return {rank for rank, n in counts.items() if n > 1}


# --- year on year -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PreviousResult:
    """An org's published result in the same scope's campaign of the year before."""

    score: Decimal
    max_score: Decimal
    rank: int
    category_rank: int
    grade: str
    met: dict[str, bool]  # indicator code -> met


@dataclass(frozen=True)
class PreviousYear:
    campaign: Campaign
    assessment: Assessment
    results: dict[int, PreviousResult]
    current_standard: str  # the code of this year's standard

    @property
    def same_standard(self) -> bool:
        """Indicators compare one by one only under the same standard (each rubric is out of 100 either way)."""
        return self.campaign.standard.code == self.current_standard


def previous_year(campaign: Campaign, *, org_ids: Iterable[int] | None = None) -> PreviousYear | None:
    """Last year's published assessment of the same scope (the final one if there is one), in two queries."""
    assessment = (
        Assessment.objects.filter(
            campaign__scope_id=campaign.scope_id,
            campaign__year=campaign.year - 1,
            status=Assessment.Status.PUBLISHED,
        )
        .select_related("campaign__standard")
        .annotate(is_final=Case(When(kind=Assessment.Kind.FINAL, then=1), default=0, output_field=IntegerField()))
        .order_by("-is_final", "-as_of", "-pk")
        .first()
    )
    if assessment is None:
        return None
    rows = OrgResult.objects.filter(assessment=assessment)
    if org_ids is not None:
        rows = rows.filter(org_id__in=list(org_ids))
    results = {
        r.org_id: PreviousResult(
            score=r.score,
            max_score=r.max_score,
            rank=r.rank,
            category_rank=r.category_rank,
            grade=r.grade,
            met={i["code"]: bool(i.get("met")) for i in r.indicators},
        )
        for r in rows.only("org_id", "score", "max_score", "rank", "category_rank", "grade", "indicators")
    }
    return PreviousYear(
        campaign=assessment.campaign,
        assessment=assessment,
        results=results,
        current_standard=campaign.standard.code,
    )


def _rows_from_cards(cards: list[engine.OrgCard]) -> list[RankingRow]:
    return [
        RankingRow(
            rank=c.rank,
            category_rank=c.category_rank,
            org_id=c.org_id,
            code=c.code,
            name=c.name,
            category=c.category,
            score=c.score,
            max_score=c.max_score,
            grade=c.grade,
            gaps=len(c.gaps),
            vetoed=any(i.veto_grade for i in c.indicators),
        )
        for c in cards
    ]


def _aggregate_rows(
    items: list[tuple[int, str, engine.IndicatorResult]], specs: dict[str, IndicatorSpec]
) -> list[tuple[int, AggregateRow]]:
    return [
        (
            org_id,
            AggregateRow(
                code=r.code,
                name=r.name,
                scope_name=scope_name,
                value=value_text(r, specs.get(r.code)),
                target=r.target,
                met=r.met,
                note=r.note,
                reason=r.reason,
            ),
        )
        for org_id, scope_name, r in items
    ]


def ranking(
    *, user: Any, campaign: Campaign, as_of: dt.date, assessment: Assessment | None = None, category: str = ""
) -> Ranking:
    """The township ranking: live, a draft's (with its manual scores), or a published one's frozen rows."""
    specs = specs_of(campaign)
    if assessment is not None and assessment.status == Assessment.Status.PUBLISHED:
        source = "published"
        results = list(
            OrgResult.objects.filter(assessment=assessment).select_related("org").order_by("rank", "org__code")
        )
        rows = [
            RankingRow(
                rank=r.rank,
                category_rank=r.category_rank,
                org_id=r.org_id,
                code=r.org.code,
                name=r.org.name,
                category=r.org.category,
                score=r.score,
                max_score=r.max_score,
                grade=r.grade,
                gaps=sum(1 for i in r.indicators if not i.get("met")),
                vetoed=any(i.get("veto_grade") for i in r.indicators),
            )
            for r in results
        ]
        frozen = AggregateResult.objects.filter(assessment=assessment).select_related("org").order_by("pk")
        aggregates = _aggregate_rows([(a.org_id, a.org.name, _result_from_json(a.result)) for a in frozen], specs)
        as_of = assessment.as_of
    else:
        if assessment is not None:
            source, run = "draft", services.assessment_run(assessment)
            as_of = assessment.as_of
        else:
            source, run = "live", services.campaign_run(campaign, as_of=as_of)
        rows = _rows_from_cards(run.cards)
        aggregates = _aggregate_rows([(a.org_id, a.name, a.indicator) for a in run.aggregates], specs)
    visible = _visible_org_ids(user, [r.org_id for r in rows] + [org_id for org_id, _ in aggregates])
    rows = [r for r in rows if r.org_id in visible]
    present = sorted(
        {r.category for r in rows}, key=lambda c: list(CATEGORY_LABELS).index(c) if c in CATEGORY_LABELS else 99
    )
    if category:
        rows = [r for r in rows if r.category == category]
    tones = grade_tones(campaign.standard.document)
    previous = previous_year(campaign, org_ids=[r.org_id for r in rows])
    for row in rows:
        row.tone = tones.get(row.grade, "secondary")
        row.previous = previous.results.get(row.org_id) if previous else None
    return Ranking(
        campaign=campaign,
        as_of=as_of,
        source=source,
        assessment=assessment,
        rows=rows,
        aggregates=[a for org_id, a in aggregates if org_id in visible],
        categories=[(c, str(CATEGORY_LABELS.get(c, c))) for c in present],
        category=category,
        grades=[(g, tone, sum(1 for r in rows if r.grade == g)) for g, tone in tones.items()],
        previous=previous,
    )


# --- the records behind a value --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordLink:
    text: str
    url: str | None


def _url(name: str, args: Iterable[Any] = (), query: dict[str, Any] | None = None) -> str | None:
    try:
        url = reverse(name, args=list(args))
    except NoReverseMatch:  # a page not built yet: the caller falls back to the org's page
        return None
    return f"{url}?{urlencode(query)}" if query else url


def _label(choices: Any, value: str) -> str:
    return str(dict(choices).get(value, value))


def _day(value: Any) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


@dataclass(frozen=True)
class _Linker:
    """How to show and link one model's records: the fields to fetch (one query), the scope path, the link."""

    via: str | tuple[str, ...]
    fields: tuple[str, ...]
    build: Callable[[dict[str, Any], Organization], tuple[str, str | None]]


def _person(text: Callable[[dict[str, Any]], str]) -> Callable[[dict[str, Any], Organization], tuple[str, str | None]]:
    return lambda row, org: (text(row), _url("people:detail", [row["person_id"]]))


def _listed(
    name: str, text: Callable[[dict[str, Any]], str]
) -> Callable[[dict[str, Any], Organization], tuple[str, str | None]]:
    return lambda row, org: (text(row), _url(name, query={"org": org.pk}))


def _detail(
    name: str, key: str, text: Callable[[dict[str, Any]], str]
) -> Callable[[dict[str, Any], Organization], tuple[str, str | None]]:
    return lambda row, org: (text(row), _url(name, [row[key]]))


def _linkers() -> dict[str, _Linker]:
    from wuji.people.choices import Pool, Stage, Title

    return {
        "people.person": _Linker("org", ("pk", "name"), lambda r, o: (r["name"], _url("people:detail", [r["pk"]]))),
        "people.position": _Linker(
            "org",
            ("pk", "person_id", "person__name", "title"),
            _person(lambda r: f"{r['person__name']}（{_label(Title.choices, r['title'])}）"),
        ),
        "people.poolentry": _Linker(
            "org",
            ("pk", "person_id", "person__name", "pool"),
            _person(lambda r: f"{r['person__name']}（{_label(Pool.choices, r['pool'])}）"),
        ),
        "people.training": _Linker(
            "person__org",
            ("pk", "person_id", "person__name", "name", "started_on"),
            _person(lambda r: f"{r['person__name']}：{r['name']}（{_day(r['started_on'])}）"),
        ),
        "people.membershipstage": _Linker(
            "org",
            ("pk", "person_id", "person__name", "stage", "started_on"),
            _person(lambda r: f"{r['person__name']}（{_label(Stage.choices, r['stage'])}，{_day(r['started_on'])}）"),
        ),
        "orgs.organization": _Linker("", ("pk", "name"), _detail("orgs:detail", "pk", lambda r: r["name"])),
        "orgs.unit": _Linker(
            ("covered_by", "area"),
            ("pk", "name", "covered_by_id", "area_id"),
            lambda r, o: (r["name"], _url("orgs:detail", [r["covered_by_id"] or r["area_id"]])),
        ),
        "orgs.weakflag": _Linker(
            "org",
            ("pk", "org_id", "flagged_on"),
            _detail("orgs:detail", "org_id", lambda r: _("软弱涣散认定（%(day)s）") % {"day": _day(r["flagged_on"])}),
        ),
        "activities.activity": _Linker(
            ("org", "paired_org"),
            ("pk", "held_on", "topic", "type__name"),
            _detail("activities:detail", "pk", lambda r: f"{_day(r['held_on'])} {r['type__name']}：{r['topic']}"),
        ),
        "activities.pairing": _Linker(
            ("organ_org", "village_org"),
            ("pk", "organ_org__name", "village_org__name"),
            _listed("activities:pairing_list", lambda r: f"{r['organ_org__name']} ↔ {r['village_org__name']}"),
        ),
        "activities.dutypost": _Linker(
            "org",
            ("pk", "person__name", "year"),
            _listed(
                "activities:duty_post_list",
                lambda r: _("%(name)s（%(year)s年设岗定责）") % {"name": r["person__name"], "year": r["year"]},
            ),
        ),
        "activities.pledge": _Linker(
            "org",
            ("pk", "person__name", "year"),
            _listed(
                "activities:pledge_list",
                lambda r: _("%(name)s（%(year)s年服务承诺）") % {"name": r["person__name"], "year": r["year"]},
            ),
        ),
        "activities.partyspiritreview": _Linker(
            "org",
            ("pk", "person__name", "reviewed_on"),
            _listed(
                "activities:review_list",
                lambda r: (
                    _("%(name)s（党性分析 %(day)s）") % {"name": r["person__name"], "day": _day(r["reviewed_on"])}
                ),
            ),
        ),
        "activities.honor": _Linker(
            "org", ("pk", "title", "year"), _listed("activities:honor_list", lambda r: f"{r['year']}年 {r['title']}")
        ),
        "governance.ruledocument": _Linker(
            "org", ("pk", "title"), _detail("governance:rule_detail", "pk", lambda r: r["title"])
        ),
        "governance.matter": _Linker(
            "org", ("pk", "title"), _detail("governance:matter_detail", "pk", lambda r: r["title"])
        ),
        "governance.disclosure": _Linker(
            "org",
            ("pk", "title", "published_on"),
            _detail("governance:disclosure_detail", "pk", lambda r: f"{_day(r['published_on'])} {r['title']}"),
        ),
        "governance.archiverecord": _Linker(
            "org", ("pk", "title", "year"), _listed("governance:archive_list", lambda r: f"{r['year']}年 {r['title']}")
        ),
        "governance.collectiveasset": _Linker(
            "org", ("pk", "description"), _listed("governance:asset_list", lambda r: r["description"])
        ),
        "governance.financearrangement": _Linker(
            "org",
            ("pk", "started_on", "township_managed"),
            _listed(
                "governance:finance_list",
                lambda r: (
                    (_("村财乡管（%(day)s起）") if r["township_managed"] else _("村财村管（%(day)s起）"))
                    % {"day": _day(r["started_on"])}
                ),
            ),
        ),
        "governance.performancerecord": _Linker(
            "org",
            ("pk", "person__name", "recorded_on"),
            _listed("governance:performance_list", lambda r: f"{r['person__name']}（{_day(r['recorded_on'])}）"),
        ),
        "support.leadinggroup": _Linker(
            "org", ("pk", "name"), _detail("support:group_detail", "pk", lambda r: r["name"])
        ),
        "support.facility": _Linker(
            "org", ("pk", "name"), _detail("support:facility_detail", "pk", lambda r: r["name"])
        ),
        "support.facilitycheck": _Linker(
            "facility__org",
            ("pk", "facility_id", "facility__name", "item__name", "present"),
            _detail(
                "support:facility_detail",
                "facility_id",
                lambda r: f"{r['facility__name']}：{r['item__name']}{'✓' if r['present'] else '✗'}",
            ),
        ),
        "support.remoteeducationsite": _Linker(
            "org", ("pk", "name"), _detail("support:site_detail", "pk", lambda r: r["name"])
        ),
        "support.collectiveincome": _Linker(
            "org",
            ("pk", "year", "total"),
            _listed(
                "support:income_list",
                lambda r: _("%(year)s年 %(total)s元") % {"year": r["year"], "total": fmt(r["total"])},
            ),
        ),
        "support.pensionenrollment": _Linker(
            "org", ("pk", "person__name"), _listed("support:pension_list", lambda r: r["person__name"])
        ),
    }


def record_links(
    *, user: Any, records: Iterable[tuple[str, int]], org: Organization
) -> dict[tuple[str, int], RecordLink]:
    """Each visible record behind a card's values, with its page: one query per model, never one per row.

    A record outside the user's scope is left out (the caller counts it); a model without a page of its
    own links to the org's page.
    """
    by_model: dict[str, set[int]] = defaultdict(set)
    for label, pk in records:
        by_model[label].add(pk)
    linkers = _linkers()
    org_url = _url("orgs:detail", [org.pk])
    out: dict[tuple[str, int], RecordLink] = {}
    for label, pks in sorted(by_model.items()):
        linker = linkers.get(label)
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        if linker is None:
            via = "org" if any(f.name == "org" for f in model._meta.get_fields()) else ""
            if not via:
                continue
            for pk in scope(model.objects.filter(pk__in=pks), user, via=via).values_list("pk", flat=True):
                out[(label, pk)] = RecordLink(f"{model._meta.verbose_name} #{pk}", org_url)
            continue
        rows = scope(model.objects.filter(pk__in=pks), user, via=linker.via).values(*linker.fields)
        for row in rows:
            text, url = linker.build(row, org)
            out[(label, row["pk"])] = RecordLink(text, url or org_url)
    return out


# --- the scorecard -------------------------------------------------------------------------------------------


@dataclass
class IndicatorRow:
    result: engine.IndicatorResult
    spec: IndicatorSpec | None
    value: str
    computed: str  # the computed value when an inspector overrode it
    method: str  # 评分办法
    links: list[RecordLink] = field(default_factory=list)
    hidden: int = 0  # records behind the value the user may not see
    previous_met: bool | None = None  # met in last year's published assessment (same standard only)

    @property
    def effort_label(self) -> str:
        return str(EFFORT_LABELS.get(self.result.effort, ""))

    @property
    def is_bonus(self) -> bool:
        return self.spec is not None and self.spec.rule.method == "bonus"

    @property
    def is_veto(self) -> bool:
        return self.spec is not None and self.spec.rule.method == "veto"

    @property
    def record_count(self) -> int:
        return len(self.links) + self.hidden

    @property
    def lost(self) -> Decimal:
        return self.result.max_points - self.result.points


@dataclass
class CardGroup:
    dimension: str
    rows: list[IndicatorRow]

    @property
    def points(self) -> Decimal:
        return sum((r.result.points for r in self.rows), Decimal(0))

    @property
    def max_points(self) -> Decimal:
        return sum((r.result.max_points for r in self.rows), Decimal(0))


@dataclass
class Scorecard:
    campaign: Campaign
    org: Organization
    as_of: dt.date
    source: str  # live, draft, published
    assessment: Assessment | None
    card: engine.OrgCard
    groups: list[CardGroup]
    gaps: list[IndicatorRow]
    obligations: list[Obligation]
    tone: str = "secondary"
    previous_year: PreviousYear | None = None

    @property
    def category_label(self) -> str:
        return str(CATEGORY_LABELS.get(self.card.category, self.card.category))

    @property
    def previous(self) -> PreviousResult | None:
        return self.previous_year.results.get(self.org.pk) if self.previous_year else None

    @property
    def score_change(self) -> Decimal | None:
        return None if self.previous is None else self.card.score - self.previous.score

    @property
    def lost(self) -> Decimal:
        return self.card.max_score - self.card.score

    @property
    def ranked(self) -> bool:
        return self.source == "published"

    @property
    def vetoes(self) -> list[IndicatorRow]:
        return [r for g in self.groups for r in g.rows if r.result.veto_grade]

    @property
    def due_now(self) -> list[Obligation]:
        return [o for o in self.obligations if o.status in {"overdue", "due"}]

    @property
    def due_later(self) -> list[Obligation]:
        return [o for o in self.obligations if o.status == "upcoming"]


def _card(
    *, campaign: Campaign, org: Organization, as_of: dt.date, assessment: Assessment | None
) -> tuple[str, dt.date, engine.OrgCard | None]:
    if assessment is not None and assessment.status == Assessment.Status.PUBLISHED:
        result = OrgResult.objects.filter(assessment=assessment, org=org).select_related("org").first()
        return "published", assessment.as_of, card_from_result(result) if result else None
    if assessment is not None:
        run = services.assessment_run(assessment, org=org)
        source, as_of = "draft", assessment.as_of
    else:
        run = services.campaign_run(campaign, as_of=as_of, org=org)
        source = "live"
    return source, as_of, next((c for c in run.cards if c.org_id == org.pk), None)


def scorecard(
    *, user: Any, campaign: Campaign, org: Organization, as_of: dt.date, assessment: Assessment | None = None
) -> Scorecard:
    """One org's card: every indicator with its value, reason and records; its gaps; what is due."""
    source, as_of, card = _card(campaign=campaign, org=org, as_of=as_of, assessment=assessment)
    if card is None:
        raise Http404(_("该党组织不在本次考评范围内（截至该日尚未成立或已撤销）"))
    specs = specs_of(campaign)
    links = record_links(user=user, records=[r for i in card.indicators for r in i.records], org=org)
    last_year = previous_year(campaign, org_ids=[org.pk])
    last = last_year.results.get(org.pk) if last_year and last_year.same_standard else None
    rows: dict[str, IndicatorRow] = {}
    groups: list[CardGroup] = []
    for result in card.indicators:
        spec = specs.get(result.code)
        found = [links[r] for r in result.records if r in links]
        row = IndicatorRow(
            result=result,
            spec=spec,
            value=value_text(result, spec),
            computed=value_text(result, spec, result.computed_value) if result.computed_value is not None else "",
            method=method_text(spec.rule) if spec else "",
            links=found,
            hidden=len(result.records) - len(found),
            previous_met=last.met.get(result.code) if last else None,
        )
        rows[result.code] = row
        if not groups or groups[-1].dimension != result.dimension:
            groups.append(CardGroup(result.dimension, []))
        groups[-1].rows.append(row)
    due: list[Obligation] = []
    if source == "live":
        deadline = obligations.yearly_deadline(as_of=as_of, campaign_end=campaign.ends_on)
        due = obligations.obligations(card.indicators, specs, as_of=as_of, deadline=deadline)
    return Scorecard(
        campaign=campaign,
        org=org,
        as_of=as_of,
        source=source,
        assessment=assessment,
        card=card,
        groups=groups,
        gaps=[rows[g.code] for g in card.gaps],
        obligations=due,
        tone=grade_tones(campaign.standard.document).get(card.grade, "secondary"),
        previous_year=last_year,
    )


# --- manual scores and overrides -----------------------------------------------------------------------------


@dataclass
class ManualRow:
    """One manual (or checklist) indicator of one org, with what the inspectors entered."""

    org_id: int
    org_name: str
    result: engine.IndicatorResult
    spec: IndicatorSpec
    entry: ManualScore | None
    guide: str = ""

    @property
    def upper(self) -> Decimal:
        return self.spec.rule.points if self.spec.kind == "manual" else Decimal(1)

    @property
    def key(self) -> str:
        return f"m{self.org_id}-{self.spec.code}"


@dataclass
class OverrideRow:
    org_id: int
    org_name: str
    spec: IndicatorSpec
    computed: str
    entered: str
    entry: ManualScore
    reason: str


@dataclass
class ManualPage:
    manual: list[ManualRow]
    overrides: list[OverrideRow]
    orgs: list[tuple[int, str]]  # the orgs the user may score, for the override form
    computed: list[IndicatorSpec]  # the computed indicators that can be overridden


def manual_page(*, user: Any, assessment: Assessment, org: Organization | None = None) -> ManualPage:
    """The manual indicators × orgs of a draft, and the overrides entered so far (computed value kept beside)."""
    specs = specs_of(assessment.campaign)
    guides = {r.spec.code: r.guide for r in rubric_rows(assessment.campaign.standard.document)}
    run = services.assessment_run(assessment, org=org)
    visible = _visible_org_ids(user, [c.org_id for c in run.cards])
    cards = [c for c in run.cards if c.org_id in visible]
    cards.sort(key=lambda c: c.code)
    entries = {
        (m.org_id, m.indicator): m
        for m in ManualScore.objects.filter(assessment=assessment, org_id__in=visible).select_related("entered_by")
    }
    manual: list[ManualRow] = []
    overrides: list[OverrideRow] = []
    for card in cards:
        for result in card.indicators:
            spec = specs.get(result.code)
            if spec is None:
                continue
            entry = entries.get((card.org_id, spec.code))
            if spec.kind in {"manual", "checklist"}:
                manual.append(ManualRow(card.org_id, card.name, result, spec, entry, guides.get(spec.code, "")))
            elif entry is not None:
                overrides.append(
                    OverrideRow(
                        card.org_id,
                        card.name,
                        spec,
                        computed=value_text(result, spec, result.computed_value),
                        entered=value_text(result, spec),
                        entry=entry,
                        reason=entry.reason,
                    )
                )
    computed = [s for s in specs.values() if s.kind == "metric" and s.level == "org"]
    return ManualPage(manual=manual, overrides=overrides, orgs=[(c.org_id, c.name) for c in cards], computed=computed)


def manual_org_get(*, user: Any, assessment: Assessment, pk: int) -> Organization:
    return card_org_get(user=user, campaign=assessment.campaign, pk=pk)


def campaign_assessments(*, campaigns: list[Campaign], user: Any) -> dict[int, list[Assessment]]:
    """The assessments of each listed campaign (one query)."""
    by_campaign: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in assessment_list_visible(user=user).filter(campaign__in=campaigns):
        by_campaign[assessment.campaign_id].append(assessment)
    return by_campaign
