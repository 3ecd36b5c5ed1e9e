"""The dashboards show the engine's figures: the same numbers as `campaign_run`, in a fixed number of queries,
the table behind every chart, no inline script, ECharts served from static/vendor."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessment_pages.conftest import add_villages
from tests.factories import Township
from tests.reports_dashboards.conftest import AS_OF
from wuji.assessment.services import campaign_run
from wuji.campaigns.models import Campaign
from wuji.reports import dashboards
from wuji.reports.dashboards import _Item, rectification_series

pytestmark = pytest.mark.django_db


def figure(dashboard: dashboards.Dashboard, key: str) -> dashboards.Figure:
    return next(f for f in dashboard.figures if f.key == key)


def test_township_figures_are_the_engines(
    township: Township, dash_campaign: Campaign, officer: Any, client_for: Any
) -> None:
    response = client_for(officer).get(reverse("reports:index"))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    run = campaign_run(dash_campaign, as_of=AS_OF)
    assert dashboard.as_of == AS_OF

    # The township figures (coverage, 一肩挑 …) are the engine's aggregates, value for value.
    expected = {
        a.indicator.code: (a.indicator.value, a.indicator.met)
        for a in run.aggregates
        if a.org_id == township.township.pk
    }
    assert {
        t.code: (Decimal(str(t.number)) if t.number is not None else None, t.met) for t in dashboard.tiles
    } == expected
    dual = next(a.indicator for a in run.aggregates if a.indicator.code == "T-DUAL")
    assert dual.value == Decimal(50)  # one of the two villages: village_a's secretary chairs the village committee
    html = response.content.decode()
    assert 'data-engine-code="T-DUAL" data-engine-value="50.0"' in html

    # The ranking is the engine's, rank for rank.
    ranking = figure(dashboard, "ranking")
    assert [(r[0], r[1], r[3]) for r in ranking.rows] == [
        (str(c.rank), c.name, dashboards.fmt(c.score)) for c in run.cards
    ]

    # Villages meeting the reserve-cadre target: village_a (3) meets it, village_b (1) does not.
    targets = figure(dashboard, "targets")
    reserve = next(r for r in targets.rows if r[0] == "后备干部")
    assert reserve[2:4] == ["1", "1"] and "乙村" in reserve[4]

    # The four phases of the seed's calendar, today marked.
    timeline = figure(dashboard, "timeline")
    assert [p["name"] for p in timeline.data["phases"]] == ["动员部署", "调查研究", "集中建设", "总结验收"]
    assert timeline.data["today"] == "2021-10-31"
    assert timeline.data["phases"][-1]["status"] == "current"


def test_the_heat_map_counts_the_activities_behind_the_engines_values(
    township: Township, dash_campaign: Campaign, officer: Any
) -> None:
    dashboard = dashboards.township_dashboard(user=officer, campaign=dash_campaign, org=township.township, as_of=AS_OF)
    heat = figure(dashboard, "activities")
    rows = {r[0]: r[1:] for r in heat.rows}
    assert heat.columns[1] == "1月" and heat.columns[-2] == "10月"
    assert rows["甲村党支部"][:4] == ["0", "0", "1", "0"]  # the 民主生活会 in March
    assert rows["乡政府机关党支部"][:3] == ["1", "1", "0"]  # 集中学习 in January and February only
    organ = heat.data["orgs"].index("乡政府机关")
    cells = {(x, y): n for x, y, n in heat.data["cells"]}
    # The engine lists March to October as months without the monthly study: drawn as missing (-1).
    assert cells[(0, organ)] == 1 and cells[(2, organ)] == -1 and cells[(9, organ)] == -1


def test_query_count_does_not_grow_with_the_number_of_orgs(
    township: Township, dash_campaign: Campaign, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    url = reverse("reports:township", args=[township.township.pk])
    client.get(url)  # warm caches (content types, sessions)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add_villages(township, 4)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.context["dashboard"].extra["branches"] == 7
    assert len(large) == len(small), "a query per org crept in"
    # Pinned: the engine's one pass per metric and parameters, plus a handful for the page (session, user,
    # campaign, heat map, 整改 items, phases). A change here is a change to look at, not to paper over.
    assert len(large) == 60, "\n".join(q["sql"][:120] for q in large.captured_queries)


def test_branch_page_is_the_scorecards(
    township: Township, dash_campaign: Campaign, secretary_a: Any, client_for: Any
) -> None:
    response = client_for(secretary_a).get(reverse("reports:index"))
    dashboard = response.context["dashboard"]
    assert dashboard.org == township.village_a
    card = next(c for c in campaign_run(dash_campaign, as_of=AS_OF).cards if c.org_id == township.village_a.pk)
    gauges = {g["code"]: g for g in figure(dashboard, "gauges").data["gauges"]}
    assert gauges["score"]["value"] == float(card.score)
    assert gauges["V-RESERVE"]["value"] == 3 and gauges["V-RESERVE"]["met"] is True
    html = response.content.decode()
    assert "下一步要做的事" in html
    scorecard = dashboard.extra["scorecard"]
    for obligation in scorecard.due_now:
        assert obligation.name in html
    # A gap that is already listed as due is not listed twice.
    due = {o.code for o in scorecard.due_now}
    assert not due & {g.result.code for g in dashboard.extra["gaps"]}


def test_county_officer_sees_the_townships(
    township: Township, dash_campaign: Campaign, county_officer: Any, client_for: Any
) -> None:
    response = client_for(county_officer).get(reverse("reports:index"))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    assert dashboard.org == township.county
    row = next(r for r in dashboard.extra["townships"] if r.org == township.township)
    run = campaign_run(dash_campaign, as_of=AS_OF)
    assert row.branches == len(run.cards)
    assert row.average == dashboards.q(sum(c.score for c in run.cards) / len(run.cards))
    dual = next(t for t in row.tiles if t.code == "T-DUAL")
    assert dual.number == 50.0
    assert reverse("reports:township", args=[township.township.pk]) in response.content.decode()


def test_rectification_series_counts_open_and_closed_items_by_week() -> None:
    items = [
        _Item(dt.date(2021, 8, 1), None, None),
        _Item(dt.date(2021, 8, 1), dt.date(2021, 8, 10), None),
        # closed, then reopened by a later assessment on 8-20 and not closed again
        _Item(dt.date(2021, 8, 1), dt.date(2021, 8, 5), dt.date(2021, 8, 20)),
        _Item(dt.date(2021, 9, 1), None, None),  # after the day asked for
    ]
    days, open_counts, closed_counts = rectification_series(items, as_of=dt.date(2021, 8, 22))
    assert days == [dt.date(2021, 8, 1), dt.date(2021, 8, 8), dt.date(2021, 8, 15), dt.date(2021, 8, 22)]
    assert open_counts == [3, 2, 1, 2]
    assert closed_counts == [0, 1, 2, 1]
    assert rectification_series([], as_of=dt.date(2021, 8, 22)) == ([], [], [])


def test_no_campaign_yet_says_so(township: Township, officer: Any, client_for: Any) -> None:
    response = client_for(officer).get(reverse("reports:index"))
    assert response.status_code == 200
    assert "尚无覆盖该党组织的工作方案" in response.content.decode()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
EVENT_ATTRIBUTE = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize("persona", ["officer", "secretary_a", "county_officer"])
def test_pages_carry_data_not_code_and_every_chart_has_its_table(
    persona: str, township: Township, dash_campaign: Campaign, request: Any, client_for: Any
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(reverse("reports:index"))
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), "inline <script> (the CSP forbids it)"
    assert not EVENT_ATTRIBUTE.search(html), "an on* attribute (the CSP forbids it)"
    assert '<script id="wuji-dashboard-data" type="application/json">' in html
    assert "/static/vendor/echarts/echarts.min.js" in html and "/static/wuji/js/dashboards.js" in html
    assert not re.search(r"(src|href)=\"https?://", html), "nothing may load from another host"
    dashboard = response.context["dashboard"]
    for fig in dashboard.figures:
        if fig.has_data and not fig.empty:
            assert f'data-wuji-chart="{fig.key}"' in html
            assert f'id="figure-{fig.key}-table"' in html, f"{fig.key} has no table behind it"
            assert all(len(row) == len(fig.columns) for row in fig.rows), fig.key


def test_nav_links_to_the_dashboard(township: Township, officer: Any, client_for: Any) -> None:
    html = client_for(officer).get(reverse("home")).content.decode()
    assert f'href="{reverse("reports:index")}"' in html


def test_echarts_is_vendored_at_the_pinned_version() -> None:
    root = Path(django_settings.BASE_DIR)
    script = (root / "scripts" / "vendor.sh").read_text(encoding="utf-8")
    pin = re.search(r'^ECHARTS_VERSION="([0-9.]+)"$', script, re.M)
    assert pin is not None
    vendor = root / "static" / "vendor" / "echarts"
    assert (vendor / "VERSION").read_text().strip() == pin.group(1)
    assert (vendor / "echarts.min.js").stat().st_size > 500_000
    assert "Apache License" in (vendor / "LICENSE").read_text(encoding="utf-8")
    assert (vendor / "NOTICE").exists()
    assert f"| `echarts` | {pin.group(1)} |" in (root / "static" / "vendor" / "README.md").read_text(encoding="utf-8")
    assert "--ignore-scripts" in script
