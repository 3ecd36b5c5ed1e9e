"""The dashboards' figures: township, county and branch overviews, read from the engine.

Nothing here measures anything itself. Every value comes from one engine run
(`assessment.services.campaign_run`, or `engine.run` over a county for the
townships' standard), from the records the engine lists behind a value, from
the 整改 items and from the campaign's phases. The number of queries is fixed
whatever the number of orgs (tests/reports_dashboards pins it).

A `Figure` is one chart and the table behind it: `data` is what the chart draws
(plain numbers and labels, passed to the page with `json_script` and drawn by
static/wuji/js/dashboards.js), `columns`/`rows` the same figures as a table a
person can read, print or copy.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from wuji.activities.metrics import months_of
from wuji.activities.models import Activity
from wuji.assessment import engine, services
from wuji.assessment import selectors as assessment_selectors
from wuji.assessment.obligations import missed_months
from wuji.assessment.rectification import rectification_list_visible
from wuji.campaigns.models import Campaign
from wuji.core.scoping import scope
from wuji.orgs.choices import OrgKind
from wuji.orgs.models import Organization
from wuji.standards import registry
from wuji.standards.loader import IndicatorSpec
from wuji.standards.scoring import fmt, q

# The seed's targets a township reports against (seed §三), named by the metric
# that measures them so a county's own standard with other codes still shows them.
TARGET_METRICS: tuple[str, ...] = (
    "people.female_cadres",
    "people.reserve_cadres",
    "people.practical_talents",
    "support.remote_site_working",
    "support.ten_haves",
    "support.collective_income",
)
INCOME_METRIC = "support.collective_income"
TEN_HAVES_METRIC = "support.ten_haves"
TONE_COLORS = {
    "success": "#198754",
    "info": "#0aa2c0",
    "warning": "#d39e00",
    "danger": "#c62828",
    "secondary": "#6c757d",
}
_NAME_SUFFIXES = ("党总支部", "党总支", "党支部", "支部")


# --- what a page gets ---------------------------------------------------------------------------------------------


@dataclass
class Figure:
    """One chart and the table behind it."""

    key: str
    kind: str  # gauges, bars, stacked, heatmap, lines, ranking, timeline
    title: str
    columns: list[str]
    rows: list[list[str]]
    data: dict[str, Any]
    note: str = ""
    empty: str = ""  # shown instead of the chart when there is nothing to draw
    tall: bool = False

    @property
    def has_data(self) -> bool:
        return bool(self.rows)


@dataclass
class Tile:
    """A headline figure: a target against the actual."""

    code: str
    name: str
    value: str
    target: str
    met: bool
    note: str = ""
    number: float | None = None  # the engine's value, for the page's data attribute


@dataclass
class Dashboard:
    campaign: Campaign
    org: Organization
    as_of: dt.date
    tiles: list[Tile]
    figures: list[Figure]
    phases_note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def chart_data(self) -> dict[str, Any]:
        """What dashboards.js draws: one entry per figure with data (json_script)."""
        return {
            f.key: {"kind": f.kind, "title": f.title, "data": f.data}
            for f in self.figures
            if f.has_data and not f.empty
        }


# --- helpers --------------------------------------------------------------------------------------------------------


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def short_name(name: str, prefix: str = "") -> str:
    """“傅家堰乡桥河村党支部” → “桥河村”: the axis of a chart on a phone has room for a few characters."""
    text = name.removeprefix("中共")
    text = text[len(prefix) :] if prefix and text.startswith(prefix) and len(text) > len(prefix) else text
    for suffix in _NAME_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def _area_prefix(org: Organization) -> str:
    """The place name the branches of a committee repeat (“傅家堰乡党委” → “傅家堰乡”)."""
    name = org.name.removeprefix("中共")
    for suffix in ("党委", "委员会"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return ""


def _specs_by_metric(specs: Iterable[IndicatorSpec], level: str) -> dict[str, list[IndicatorSpec]]:
    by_metric: dict[str, list[IndicatorSpec]] = defaultdict(list)
    for spec in specs:
        if spec.metric and spec.level == level:
            by_metric[spec.metric].append(spec)
    return by_metric


def _target_number(spec: IndicatorSpec) -> float | None:
    target = spec.rule.target
    if target is None:
        return None
    if spec.rule.method == "checklist" or spec.metric == TEN_HAVES_METRIC:
        return 100.0 if target.value <= 1 else float(target.value)
    return float(target.value)


def _display_number(result: engine.IndicatorResult, spec: IndicatorSpec) -> float | None:
    """The value a chart draws: a 0–1 checklist share as a percentage."""
    if result.value is None:
        return None
    if spec.rule.method == "checklist" or spec.metric == TEN_HAVES_METRIC:
        return float(q(result.value * 100))
    return float(result.value)


def _met_text(met: bool) -> str:
    return _("达标") if met else _("未达标")


def _visible(user: Any, cards: Sequence[engine.OrgCard]) -> list[engine.OrgCard]:
    ids = set(
        scope(Organization.objects.filter(pk__in=[c.org_id for c in cards]), user, via="").values_list("pk", flat=True)
    )
    return [c for c in cards if c.org_id in ids]


# --- choosing the campaign and the org ---------------------------------------------------------------------------


def is_county(org: Organization) -> bool:
    """A committee with committees below it (a county over its townships)."""
    return (
        org.kind == OrgKind.COMMITTEE
        and Organization.objects.filter(path__startswith=org.path, kind=OrgKind.COMMITTEE).exclude(pk=org.pk).exists()
    )


def committee_get_visible(*, user: Any, pk: int) -> Organization:
    org = get_visible_org(user=user, pk=pk)
    if org.kind != OrgKind.COMMITTEE:
        raise Http404(_("该组织不是党委"))
    return org


def get_visible_org(*, user: Any, pk: int) -> Organization:
    org = scope(Organization.objects.filter(pk=pk), user, via="").first()
    if org is None:
        raise Http404(_("没有找到该党组织"))
    return org


def campaign_for(*, user: Any, org: Organization, year: int | None, pk: str | None = None) -> Campaign | None:
    """The campaign a dashboard of `org` shows: `?campaign=`, else the one over `org` (or above it) for the year,
    else the latest one. A campaign scoped below `org` (a township's under a county) is not it."""
    visible = assessment_selectors.campaign_list_visible(user=user)
    over = [c for c in visible if org.path.startswith(c.scope.path)]
    if pk:
        try:
            number = int(pk)
        except ValueError as exc:
            raise Http404 from exc
        found = next((c for c in over if c.pk == number), None)
        if found is None:
            raise Http404(_("没有找到该工作方案"))
        return found
    # The nearest campaign: a township's own before its county's.
    over.sort(key=lambda c: (c.year != year, -len(c.scope.path), -c.year))
    return over[0] if over else None


def campaigns_under(*, user: Any, county: Organization, year: int) -> list[Campaign]:
    """The campaigns of the townships of a county (and the county's own) for a year."""
    return [
        c
        for c in assessment_selectors.campaign_list_visible(user=user)
        if c.scope.path.startswith(county.path) and c.year == year
    ]


def campaign_years(*, user: Any, org: Organization) -> list[int]:
    years = {
        c.year
        for c in assessment_selectors.campaign_list_visible(user=user)
        if c.scope.path.startswith(org.path) or org.path.startswith(c.scope.path)
    }
    return sorted(years, reverse=True)


# --- the figures ----------------------------------------------------------------------------------------------------


def _tiles(run: engine.Run, org: Organization, specs: dict[str, IndicatorSpec]) -> list[Tile]:
    tiles = []
    for agg in run.aggregates:
        if agg.org_id != org.pk:
            continue
        result = agg.indicator
        tiles.append(
            Tile(
                code=result.code,
                name=result.name,
                value=assessment_selectors.value_text(result, specs.get(result.code)),
                target=result.target,
                met=result.met,
                note=result.note,
                number=_number(result.value),
            )
        )
    return tiles


def _aggregate_gauges(tiles: list[Tile], run: engine.Run, specs: dict[str, IndicatorSpec]) -> Figure:
    """Township figures in percent (coverage, 一肩挑) as gauges with their target."""
    gauges = []
    rows = []
    for tile in tiles:
        spec = specs.get(tile.code)
        if spec is None or spec.rule.unit != "%" or tile.number is None:
            continue
        gauges.append(
            {
                "code": tile.code,
                "name": tile.name,
                "value": tile.number,
                "target": _target_number(spec),
                "met": tile.met,
            }
        )
        rows.append([tile.name, tile.value, tile.target, _met_text(tile.met), tile.note])
    return Figure(
        key="aggregates",
        kind="gauges",
        title=_("全乡汇总指标"),
        columns=[_("指标"), _("实际"), _("目标"), _("是否达标"), _("说明")],
        rows=rows,
        data={"gauges": gauges},
        empty="" if gauges else _("本标准没有百分比形式的全乡汇总指标。"),
    )


def _target_results(
    cards: Sequence[engine.OrgCard], specs: dict[str, IndicatorSpec]
) -> dict[str, list[tuple[engine.OrgCard, engine.IndicatorResult, IndicatorSpec]]]:
    """For each seed-target metric, every (org, result) of the indicators measuring it."""
    wanted = set(TARGET_METRICS)
    out: dict[str, list[tuple[engine.OrgCard, engine.IndicatorResult, IndicatorSpec]]] = defaultdict(list)
    for card in cards:
        for result in card.indicators:
            spec = specs.get(result.code)
            if spec is not None and spec.metric in wanted and spec.level == registry.PER_ORG:
                out[spec.metric].append((card, result, spec))
    return out


def _targets_met(
    found: dict[str, list[tuple[engine.OrgCard, engine.IndicatorResult, IndicatorSpec]]], prefix: str
) -> Figure:
    labels, met, unmet, rows = [], [], [], []
    for metric in TARGET_METRICS:
        items = found.get(metric, [])
        if not items:
            continue
        spec = items[0][2]
        name = spec.name
        ok = [c for c, r, _s in items if r.met]
        missing = [c for c, r, _s in items if not r.met]
        labels.append(name)
        met.append(len(ok))
        unmet.append(len(missing))
        rows.append(
            [
                name,
                items[0][1].target,
                str(len(ok)),
                str(len(missing)),
                "、".join(short_name(c.name, prefix) for c in missing) or "—",
            ]
        )
    return Figure(
        key="targets",
        kind="stacked",
        title=_("各项目标达标的党组织数"),
        columns=[_("目标"), _("要求"), _("达标"), _("未达标"), _("未达标的党组织")],
        rows=rows,
        data={"labels": labels, "series": [{"name": _("达标"), "values": met}, {"name": _("未达标"), "values": unmet}]},
        note=_("每个村（社区）或党组织对照考评细则的要求计算；点击“数据表”可看到未达标的党组织。"),
    )


def _per_org_bars(
    key: str,
    title: str,
    items: list[tuple[engine.OrgCard, engine.IndicatorResult, IndicatorSpec]],
    prefix: str,
    value_column: str,
) -> Figure:
    labels, values, names, rows = [], [], [], []
    met: list[bool] = []
    target: float | None = None
    for card, result, spec in sorted(items, key=lambda t: t[0].code):
        target = _target_number(spec) if target is None else target
        labels.append(short_name(card.name, prefix))
        names.append(card.name)
        values.append(_display_number(result, spec))
        met.append(result.met)
        rows.append(
            [
                card.name,
                assessment_selectors.value_text(result, spec),
                result.target,
                _met_text(result.met),
                result.note,
            ]
        )
    return Figure(
        key=key,
        kind="bars",
        title=title,
        columns=[_("党组织"), value_column, _("目标"), _("是否达标"), _("说明")],
        rows=rows,
        data={"labels": labels, "names": names, "values": values, "met": met, "target": target},
        tall=len(labels) > 8,
        empty="" if items else _("本标准没有该项指标。"),
    )


def _required_activity_specs(specs: dict[str, IndicatorSpec]) -> set[str]:
    """Indicators that require an activity at a frequency (机关每月集中学习, 每年民主生活会 …)."""
    return {
        s.code for s in specs.values() if s.frequency and s.metric and s.metric.startswith("activities.") and s.params
    }


def _heatmap(
    cards: Sequence[engine.OrgCard],
    specs: dict[str, IndicatorSpec],
    scope_org: Organization,
    run: engine.Run,
    prefix: str,
) -> Figure:
    """Org × month: how many required activities each org held (the activity records behind the engine's values)."""
    required = _required_activity_specs(specs)
    wanted: dict[int, set[int]] = defaultdict(set)  # org → activity pks
    missed: dict[int, set[int]] = defaultdict(set)  # org → months the engine found without a monthly activity
    for card in cards:
        for result in card.indicators:
            if result.code not in required:
                continue
            if specs[result.code].metric == "activities.months_missed":
                missed[card.org_id].update(missed_months(result) or [])
            wanted[card.org_id].update(pk for label, pk in result.records if label == "activities.activity")
    months = months_of(registry.Period(run.period_start, run.as_of))
    held: dict[int, dt.date] = {}
    if any(wanted.values()):
        held = dict(
            Activity.objects.filter(
                Q(org__path__startswith=scope_org.path) | Q(paired_org__path__startswith=scope_org.path),
                held_on__gte=run.period_start,
                held_on__lte=run.as_of,
            ).values_list("pk", "held_on")
        )
    index = {m: i for i, m in enumerate(months)}
    cells: list[list[int]] = []
    rows: list[list[str]] = []
    labels: list[str] = []
    ordered = sorted(cards, key=lambda c: c.code)
    for y, card in enumerate(ordered):
        counts = [0] * len(months)
        for pk in wanted.get(card.org_id, ()):
            day = held.get(pk)
            if day is not None and (day.year, day.month) in index:
                counts[index[(day.year, day.month)]] += 1
        labels.append(short_name(card.name, prefix))
        gaps = missed.get(card.org_id, set())
        # -1: a month the engine lists as missing a required monthly activity.
        cells.extend([[x, y, -1 if months[x][1] in gaps and n == 0 else n] for x, n in enumerate(counts)])
        rows.append([card.name, *(str(n) for n in counts), str(sum(counts))])
    month_labels = [_("%(month)s月") % {"month": m} for _y, m in months]
    return Figure(
        key="activities",
        kind="heatmap",
        title=_("各党组织每月开展规定活动次数"),
        columns=[_("党组织"), *month_labels, _("合计")],
        rows=rows,
        data={
            "months": month_labels,
            "orgs": labels,
            "names": [c.name for c in ordered],
            "cells": cells,
            "max": max((c[2] for c in cells), default=0),
        },
        note=_(
            "规定活动：考评细则中有频次要求的活动（集中学习、民主生活会、组织生活会、远程教育、说事议事等）。机关和学校等每月须开展集中学习，空白的月份即未开展。"
        ),
        tall=True,
    )


def _ranking(cards: Sequence[engine.OrgCard], campaign: Campaign, prefix: str) -> Figure:
    tones = assessment_selectors.grade_tones(campaign.standard.document)
    ordered = sorted(cards, key=lambda c: (c.rank, c.code))
    rows = [
        [
            str(c.rank),
            c.name,
            str(assessment_selectors.CATEGORY_LABELS.get(c.category, c.category)),
            fmt(c.score),
            fmt(c.max_score),
            c.grade,
            str(len(c.gaps)),
        ]
        for c in ordered
    ]
    grades = [(g, sum(1 for c in ordered if c.grade == g)) for g in tones]
    return Figure(
        key="ranking",
        kind="ranking",
        title=_("全乡排名（实时得分）"),
        columns=[_("排名"), _("党组织"), _("类别"), _("得分"), _("满分"), _("等次"), _("缺项")],
        rows=rows,
        data={
            "labels": [short_name(c.name, prefix) for c in ordered],
            "names": [c.name for c in ordered],
            "ranks": [c.rank for c in ordered],  # the engine's: ties share a rank (1, 2, 2, 4)
            "values": [float(c.score) for c in ordered],
            "max": [float(c.max_score) for c in ordered],
            "grades": [c.grade for c in ordered],
            "colors": [TONE_COLORS.get(tones.get(c.grade, "secondary"), "#6c757d") for c in ordered],
            "legend": [{"name": g, "color": TONE_COLORS.get(tones[g], "#6c757d"), "count": n} for g, n in grades],
        },
        tall=True,
    )


@dataclass(frozen=True)
class _Item:
    opened: dt.date
    closed_on: dt.date | None
    reopened_on: dt.date | None


def _closed_on(item: _Item, day: dt.date) -> bool:
    if item.closed_on is None or item.closed_on > day:
        return False
    # Closed, then reopened by a later assessment (and not closed again yet).
    return not (item.reopened_on is not None and item.closed_on <= item.reopened_on <= day)


def rectification_series(items: Sequence[_Item], *, as_of: dt.date) -> tuple[list[dt.date], list[int], list[int]]:
    """Open and closed items at the end of each week from the first item to `as_of` (pure)."""
    opened = [i.opened for i in items if i.opened <= as_of]
    if not opened:
        return [], [], []
    start = min(opened)
    days: list[dt.date] = []
    day = start
    while day < as_of:
        days.append(day)
        day += dt.timedelta(days=7)
    days.append(as_of)
    open_counts, closed_counts = [], []
    for day in days:
        live = [i for i in items if i.opened <= day]
        closed = sum(1 for i in live if _closed_on(i, day))
        closed_counts.append(closed)
        open_counts.append(len(live) - closed)
    return days, open_counts, closed_counts


def _rectifications(user: Any, org: Organization, campaign: Campaign, as_of: dt.date) -> Figure:
    """整改 open vs closed over time. An item opens on its assessment's as-of day (when the gap was found)."""
    queryset = rectification_list_visible(user=user).filter(
        org__path__startswith=org.path, assessment__campaign=campaign
    )
    items = [
        _Item(found, closed, reopened)
        for found, closed, reopened in queryset.order_by().values_list("assessment__as_of", "closed_on", "reopened_on")
    ]
    days, open_counts, closed_counts = rectification_series(items, as_of=as_of)
    rows = [[d.isoformat(), str(o), str(c)] for d, o, c in zip(days, open_counts, closed_counts, strict=True)]
    return Figure(
        key="rectifications",
        kind="lines",
        title=_("整改事项：未销号与已销号"),
        columns=[_("日期"), _("未销号"), _("已销号")],
        rows=rows,
        data={
            "dates": [d.isoformat() for d in days],
            "series": [
                {"name": _("未销号"), "values": open_counts, "color": "#c62828"},
                {"name": _("已销号"), "values": closed_counts, "color": "#198754"},
            ],
        },
        empty="" if rows else _("截至该日尚无整改事项（考评发布后，未达标的指标会生成整改事项）。"),
    )


def _timeline(campaign: Campaign, today: dt.date) -> tuple[Figure, str]:
    """The campaign's four phases with today marked (the campaigns app's phases, else the seed's calendar)."""
    phases: list[dict[str, Any]] = []
    rows: list[list[str]] = []
    note = ""
    try:
        from wuji.campaigns import selectors as campaign_selectors

        timeline = campaign_selectors.timeline(campaign=campaign, today=today)
        for row in timeline.rows:
            phases.append(
                {
                    "name": row.phase.name,
                    "start": row.phase.starts_on.isoformat(),
                    "end": row.phase.ends_on.isoformat(),
                    "status": row.status,
                    "current": row.is_current,
                }
            )
            rows.append(
                [
                    row.phase.name,
                    row.phase.starts_on.isoformat(),
                    row.phase.ends_on.isoformat(),
                    row.status_label,
                    f"{row.done}/{row.tasks}",
                    str(row.overdue),
                ]
            )
    except ImportError:  # pragma: no cover - only while the campaigns app has no phases
        timeline = None
    if not phases:
        from wuji.campaigns.phases import PHASES, phase_status

        labels = {"upcoming": _("未开始"), "current": _("进行中"), "done": _("已结束")}
        for template in PHASES:
            start = dt.date(campaign.year, *template.start)
            end = dt.date(campaign.year, *template.end)
            status = phase_status(starts_on=start, ends_on=end, today=today)
            phases.append({"name": template.name, "start": start.isoformat(), "end": end.isoformat(), "status": status})
            rows.append([template.name, start.isoformat(), end.isoformat(), str(labels[status]), "—", "—"])
        note = _("本方案尚未设置阶段，按实施方案的时间安排显示。")
    figure = Figure(
        key="timeline",
        kind="timeline",
        title=_("工作阶段"),
        columns=[_("阶段"), _("开始"), _("结束"), _("状态"), _("任务完成"), _("逾期任务")],
        rows=rows,
        data={
            "phases": phases,
            "today": today.isoformat(),
            "todayLabel": _("今天 %(day)s") % {"day": today.isoformat()},
            "start": min((p["start"] for p in phases), default=campaign.starts_on.isoformat()),
            "end": max((p["end"] for p in phases), default=campaign.ends_on.isoformat()),
        },
        note=note,
    )
    return figure, note


# --- the township ------------------------------------------------------------------------------------------------


def township_dashboard(*, user: Any, campaign: Campaign, org: Organization, as_of: dt.date) -> Dashboard:
    """A township's picture: targets against actuals, activities by month, ranking, 整改, phases."""
    specs = assessment_selectors.specs_of(campaign)
    run = services.campaign_run(campaign, as_of=as_of, org=org)
    cards = _visible(user, run.cards)
    prefix = _area_prefix(org)
    tiles = _tiles(run, org, specs)
    found = _target_results(cards, specs)
    timeline, phases_note = _timeline(campaign, run.as_of)
    figures = [
        _aggregate_gauges(tiles, run, specs),
        _targets_met(found, prefix),
        _per_org_bars("income", _("村集体经济收入"), found.get(INCOME_METRIC, []), prefix, _("收入（元）")),
        _per_org_bars("ten", _("党员活动室“十有”完成度"), found.get(TEN_HAVES_METRIC, []), prefix, _("完成度")),
        _heatmap(cards, specs, org, run, prefix),
        _ranking(cards, campaign, prefix),
        _rectifications(user, org, campaign, run.as_of),
        timeline,
    ]
    sites = found.get("support.remote_site_working", [])
    extra = {
        "branches": len(cards),
        "villages": len({c.org_id for c, _r, _s in found.get("people.reserve_cadres", [])}),
        "remote_sites": sum(1 for _c, r, _s in sites if r.met),
        "remote_total": len(sites),
    }
    return Dashboard(campaign, org, run.as_of, tiles, figures, phases_note, extra)


# --- the county ---------------------------------------------------------------------------------------------------


@dataclass
class TownshipRow:
    org: Organization
    campaign: Campaign | None
    branches: int
    average: Decimal | None
    grades: dict[str, int]
    tiles: list[Tile]
    targets_met: int
    targets_total: int
    open_items: int
    closed_items: int

    @property
    def target_share(self) -> float | None:
        return round(100 * self.targets_met / self.targets_total, 1) if self.targets_total else None


def _townships(county: Organization) -> list[Organization]:
    return list(
        Organization.objects.filter(path__startswith=county.path, kind=OrgKind.COMMITTEE, depth=county.depth + 1)
        .filter(dissolved_on__isnull=True)
        .order_by("path")
    )


def county_dashboard(*, user: Any, county: Organization, year: int, as_of: dt.date) -> Dashboard | None:
    """A county's townships side by side, from one engine run per standard the townships' campaigns use."""
    campaigns = campaigns_under(user=user, county=county, year=year)
    if not campaigns:
        return None
    townships = _townships(county)
    own = next((c for c in campaigns if c.scope_id == county.pk), None)
    by_township: dict[int, Campaign] = {}
    for township in townships:
        over = sorted(
            (c for c in campaigns if township.path.startswith(c.scope.path)), key=lambda c: -len(c.scope.path)
        )
        if over:
            by_township[township.pk] = over[0]
    day = max(dt.date(year, 1, 1), min(as_of, dt.date(year, 12, 31)))
    runs: dict[int, engine.Run] = {}  # standard pk → run over the county
    for first in {c.standard_id: c for c in by_township.values()}.values():
        runs[first.standard_id] = engine.run(
            document=first.standard.document, scope=county, period_start=dt.date(year, 1, 1), as_of=day
        )
    main = own or campaigns[0]
    specs_by_standard = {c.standard_id: assessment_selectors.specs_of(c) for c in by_township.values()}
    orgs = list(Organization.objects.filter(path__startswith=county.path).values_list("pk", "path"))
    path_of = dict(orgs)
    visible_ids = set(
        scope(Organization.objects.filter(path__startswith=county.path), user, via="").values_list("pk", flat=True)
    )
    items = list(
        rectification_list_visible(user=user)
        .filter(org__path__startswith=county.path, assessment__campaign__in=campaigns)
        .order_by()
        .values_list("org__path", "assessment__as_of", "closed_on", "reopened_on")
    )
    rows: list[TownshipRow] = []
    for township in townships:
        campaign = by_township.get(township.pk)
        if campaign is None:
            rows.append(TownshipRow(township, None, 0, None, {}, [], 0, 0, 0, 0))
            continue
        run = runs[campaign.standard_id]
        specs = specs_by_standard[campaign.standard_id]
        cards = [
            c for c in run.cards if path_of.get(c.org_id, "").startswith(township.path) and c.org_id in visible_ids
        ]
        tiles = _tiles(run, township, specs)
        found = _target_results(cards, specs)
        results = [r for metric in TARGET_METRICS for _c, r, _s in found.get(metric, [])]
        mine = [_Item(a, c, r) for p, a, c, r in items if p.startswith(township.path)]
        closed = sum(1 for i in mine if i.opened <= day and _closed_on(i, day))
        opened = sum(1 for i in mine if i.opened <= day)
        grades: dict[str, int] = defaultdict(int)
        for card in cards:
            grades[card.grade] += 1
        average = q(sum((c.score for c in cards), Decimal(0)) / len(cards)) if cards else None
        rows.append(
            TownshipRow(
                org=township,
                campaign=campaign,
                branches=len(cards),
                average=average,
                grades=dict(grades),
                tiles=tiles,
                targets_met=sum(1 for r in results if r.met),
                targets_total=len(results),
                open_items=opened - closed,
                closed_items=closed,
            )
        )
    figures = _county_figures(rows, main, county)
    main_run = runs.get(main.standard_id)
    main_specs = specs_by_standard.get(main.standard_id, {})
    # Over a county only the shares add up (coverage, 一肩挑 %); a yes/no of the county committee itself does not.
    county_tiles = (
        [t for t in _tiles(main_run, county, main_specs) if _is_share(main_specs.get(t.code))] if main_run else []
    )
    return Dashboard(main, county, day, county_tiles, figures, extra={"townships": rows})


def _is_share(spec: IndicatorSpec | None) -> bool:
    return spec is not None and spec.rule.unit == "%"


def _county_figures(rows: list[TownshipRow], campaign: Campaign, county: Organization) -> list[Figure]:
    labels = [short_name(r.org.name, _area_prefix(county)).removesuffix("党委") for r in rows]
    codes: list[tuple[str, str]] = []
    specs = assessment_selectors.specs_of(campaign)
    for row in rows:
        for tile in row.tiles:
            if (tile.code, tile.name) not in codes and _is_share(specs.get(tile.code)):
                codes.append((tile.code, tile.name))
    aggregate_series = []
    aggregate_rows = []
    for code, name in codes:
        values = []
        for row in rows:
            found = next((t for t in row.tiles if t.code == code), None)
            values.append(found.number if found else None)
        aggregate_series.append({"name": name, "values": values})
    for row in rows:
        aggregate_rows.append(
            [row.org.name]
            + [
                next((f"{t.value}（{_met_text(t.met)}）" for t in row.tiles if t.code == code), "—")
                for code, _n in codes
            ]
        )
    tones = assessment_selectors.grade_tones(campaign.standard.document)
    grade_series = [
        {"name": g, "values": [r.grades.get(g, 0) for r in rows], "color": TONE_COLORS.get(tone, "#6c757d")}
        for g, tone in tones.items()
    ]
    return [
        Figure(
            key="county-aggregates",
            kind="grouped",
            title=_("各乡镇汇总指标"),
            columns=[_("乡镇"), *(n for _c, n in codes)],
            rows=aggregate_rows,
            data={"labels": labels, "series": aggregate_series, "unit": "%"},
        ),
        Figure(
            key="county-grades",
            kind="stacked",
            title=_("各乡镇党组织等次分布（实时）"),
            columns=[_("乡镇"), _("党组织"), _("平均分"), *tones.keys()],
            rows=[
                [r.org.name, str(r.branches), fmt(r.average) if r.average is not None else "—"]
                + [str(r.grades.get(g, 0)) for g in tones]
                for r in rows
            ],
            data={"labels": labels, "series": grade_series},
        ),
        Figure(
            key="county-targets",
            kind="bars",
            title=_("各乡镇目标达标率"),
            columns=[_("乡镇"), _("达标项次"), _("应达标项次"), _("达标率")],
            rows=[
                [
                    r.org.name,
                    str(r.targets_met),
                    str(r.targets_total),
                    f"{fmt(r.target_share)}%" if r.targets_total else "—",
                ]
                for r in rows
            ],
            data={
                "labels": labels,
                "names": [r.org.name for r in rows],
                "values": [r.target_share for r in rows],
                "target": 100,
                "unit": "%",
            },
            note=_(
                "达标率：各村（社区）和党组织在女干部、后备干部、实用人才、远程教育站点、活动室“十有”、集体经济收入各项目标中达标的项次占比。"
            ),
        ),
        Figure(
            key="county-rectifications",
            kind="stacked",
            title=_("各乡镇整改事项"),
            columns=[_("乡镇"), _("未销号"), _("已销号")],
            rows=[[r.org.name, str(r.open_items), str(r.closed_items)] for r in rows],
            data={
                "labels": labels,
                "series": [
                    {"name": _("未销号"), "values": [r.open_items for r in rows], "color": "#c62828"},
                    {"name": _("已销号"), "values": [r.closed_items for r in rows], "color": "#198754"},
                ],
            },
            empty="" if any(r.open_items or r.closed_items for r in rows) else _("截至该日各乡镇尚无整改事项。"),
        ),
    ]


# --- a branch -----------------------------------------------------------------------------------------------------


def branch_dashboard(*, user: Any, campaign: Campaign, org: Organization, as_of: dt.date) -> Dashboard:
    """A branch's own gauges, its activities by month, its 整改 items, and what to do next."""
    card = assessment_selectors.scorecard(user=user, campaign=campaign, org=org, as_of=as_of)
    specs = assessment_selectors.specs_of(campaign)
    result = card.card
    gauges: list[dict[str, Any]] = [
        {
            "code": "score",
            "name": _("实时得分"),
            "value": float(result.score),
            "max": float(result.max_score),
            "target": None,
            "met": True,
            "unit": _("分"),
        }
    ]
    rows = [[_("实时得分"), fmt(result.score), _("满分%(max)s") % {"max": fmt(result.max_score)}, result.grade, ""]]
    wanted = set(TARGET_METRICS)
    for indicator in result.indicators:
        spec = specs.get(indicator.code)
        if spec is None or spec.metric not in wanted:
            continue
        target = _target_number(spec)
        value = _display_number(indicator, spec)
        unit = "%" if spec.metric == TEN_HAVES_METRIC else spec.rule.unit
        top = max(target or 1, value or 0) * (1.25 if spec.metric != TEN_HAVES_METRIC else 1)
        if spec.rule.boolean:
            top = 1
        gauges.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "value": value,
                "max": 100 if spec.metric == TEN_HAVES_METRIC else top,
                "target": target,
                "met": indicator.met,
                "unit": unit,
                "boolean": spec.rule.boolean,
            }
        )
        rows.append(
            [
                indicator.name,
                assessment_selectors.value_text(indicator, spec),
                indicator.target,
                _met_text(indicator.met),
                indicator.note,
            ]
        )
    gauge_figure = Figure(
        key="gauges",
        kind="gauges",
        title=_("本支部主要指标"),
        columns=[_("指标"), _("实际"), _("目标"), _("是否达标"), _("说明")],
        rows=rows,
        data={"gauges": gauges},
    )
    groups = [g for g in card.groups if g.max_points > 0]
    dimension_figure = Figure(
        key="dimensions",
        kind="progress",
        title=_("五个基本：各部分得分"),
        columns=[_("部分"), _("得分"), _("满分"), _("失分")],
        rows=[[g.dimension, fmt(g.points), fmt(g.max_points), fmt(g.max_points - g.points)] for g in groups],
        data={
            "labels": [g.dimension for g in groups],
            "values": [float(g.points) for g in groups],
            "max": [float(g.max_points) for g in groups],
        },
    )
    run = engine.Run(
        standard_code="",
        standard_version="",
        period_start=dt.date(campaign.year, 1, 1),
        as_of=card.as_of,
        cards=[result],
        aggregates=[],
    )
    heatmap = _heatmap([result], specs, org, run, "")
    heatmap.tall = False
    heatmap.title = _("每月开展规定活动次数")
    figures = [gauge_figure, dimension_figure, heatmap, _rectifications(user, org, campaign, card.as_of)]
    timeline, note = _timeline(campaign, card.as_of)
    figures.append(timeline)
    due = {o.code for o in card.due_now}
    gaps = [g for g in card.gaps if g.result.code not in due]  # what is due is listed once, first
    dashboard = Dashboard(campaign, org, card.as_of, [], figures, note, {"scorecard": card, "gaps": gaps})
    return dashboard


def branch_org_get(*, user: Any, campaign: Campaign, pk: int) -> Organization:
    """A branch the user may see a page of (a secretary: their own; others: 404)."""
    return assessment_selectors.card_org_get(user=user, campaign=campaign, pk=pk)
