"""The 考评 pages as their users meet them: the ranking, a card that explains itself, manual scores, publishing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.assessment_pages.conftest import AS_OF, Scored, add_reserves, add_villages
from tests.factories import Township
from wuji.assessment.models import Assessment, ManualScore, OrgResult
from wuji.campaigns.models import Campaign

pytestmark = pytest.mark.django_db

# Pinned: a change that adds a query per org (or any query) fails here first.
PINNED = {"ranking": 20, "scorecard": 17}  # incl. one query for last year's published assessment


def ranking_url(campaign: Campaign, **query: Any) -> str:
    url = reverse("assessment:ranking", args=[campaign.pk])
    params = {"as_of": AS_OF.isoformat(), **query}
    return url + "?" + "&".join(f"{k}={v}" for k, v in params.items())


def card_url(campaign: Campaign, org: Any, query: str = f"?as_of={AS_OF.isoformat()}") -> str:
    return reverse("assessment:scorecard", args=[campaign.pk, org.pk]) + query


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_the_scorecard_explains_a_deduction_and_links_the_records(
    campaign: Campaign, township: Township, scored: Scored, officer: Any, client_for: Any
) -> None:
    response = client_for(officer).get(card_url(campaign, township.village_b))
    page = response.content.decode()
    assert "后备干部1名，少2名，扣4分" in page
    person = scored.reserves_b[0].person
    assert f'href="{reverse("people:detail", args=[person.pk])}"' in page  # the record behind the value
    assert f"{person.name}（后备干部）" in page
    card = response.context["sc"]
    assert (card.card.score, card.card.max_score) == (6, 18)
    assert [g.result.code for g in card.gaps][:1] == ["RES"]  # easy first: 先易后难
    assert "缺哪一项补哪一项，先易后难" in page


def test_an_activity_links_to_its_page(
    campaign: Campaign, township: Township, scored: Scored, officer: Any, client_for: Any
) -> None:
    page = client_for(officer).get(card_url(campaign, township.organ_a)).content.decode()
    assert f'href="{reverse("activities:detail", args=[scored.life.pk])}"' in page


def test_the_ranking_ranks_ties_together(campaign: Campaign, township: Township, officer: Any, client_for: Any) -> None:
    add_reserves(township.village_b, 2)  # village_b now scores as village_a
    response = client_for(officer).get(ranking_url(campaign))
    rows = response.context["ranking"].rows
    assert [(r.name, r.rank) for r in rows] == [("甲村党支部", 1), ("乙村党支部", 1), ("乡政府机关党支部", 3)]
    assert "并列" in response.content.decode()
    by_category = client_for(officer).get(ranking_url(campaign, category="organ")).context["ranking"].rows
    assert [(r.name, r.category_rank, r.rank) for r in by_category] == [("乡政府机关党支部", 1, 3)]


def test_the_ranking_shows_the_township_figures(campaign: Campaign, officer: Any, client_for: Any) -> None:
    response = client_for(officer).get(ranking_url(campaign))
    aggregates = response.context["ranking"].aggregates
    assert [(a.name, a.value, a.met) for a in aggregates] == [("一肩挑比例", "0%", False)]
    assert "全乡汇总指标" in text(response) and "未达标" in text(response)


def test_publishing_freezes_the_ranking(
    campaign: Campaign, draft: Assessment, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    confirm = client.get(reverse("assessment:publish", args=[draft.pk]))
    assert "确认发布" in confirm.content.decode()
    response = client.post(reverse("assessment:publish", args=[draft.pk]))
    assert response["Location"] == reverse("assessment:detail", args=[draft.pk])
    draft.refresh_from_db()
    detail = client.get(response["Location"]).content.decode()
    assert "已冻结" in detail and draft.content_sha256 in detail

    add_reserves(township.village_b, 2)  # the village fixes its gap after publication
    frozen = client.get(ranking_url(campaign, assessment=draft.pk)).context["ranking"]
    live = client.get(ranking_url(campaign)).context["ranking"]
    score = {r.name: r.score for r in frozen.rows}
    assert frozen.source == "published" and score["乙村党支部"] == 6
    assert {r.name: r.score for r in live.rows}["乙村党支部"] == 10
    card = client.get(card_url(campaign, township.village_b, f"?assessment={draft.pk}"))
    assert card.context["sc"].card.score == 6 and "后备干部1名，少2名，扣4分" in card.content.decode()
    assert "第2名" in card.content.decode()  # a published card has its rank


def test_manual_scores_and_overrides_show_both_values(
    campaign: Campaign, draft: Assessment, township: Township, inspector: Any, client_for: Any
) -> None:
    client = client_for(inspector)
    url = reverse("assessment:manual", args=[draft.pk])
    key = f"m{township.village_a.pk}-MAN"
    too_high = client.post(url, {"action": "manual", "row": key, f"{key}-value": "6", f"{key}-reason": "很好"})
    assert too_high.status_code == 400 and not ManualScore.objects.exists()
    no_reason = client.post(url, {"action": "manual", "row": key, f"{key}-value": "5", f"{key}-reason": ""})
    assert no_reason.status_code == 400 and not ManualScore.objects.exists()
    assert (
        client.post(url, {"action": "manual", "row": key, f"{key}-value": "5", f"{key}-reason": "阵地规范"}).status_code
        == 302
    )
    override = {
        "action": "override",
        "override-org": township.village_b.pk,
        "override-indicator": "RES",
        "override-value": "3",
        "override-reason": "两名后备干部已公示，待入库",
    }
    assert client.post(url, override).status_code == 302
    page = client.get(url)
    row = page.context["page"].overrides[0]
    assert (row.computed, row.entered) == ("1名", "3名")
    card = client.get(card_url(campaign, township.village_b, f"?assessment={draft.pk}")).content.decode()
    assert "计算值 1名" in card and "两名后备干部已公示" in card


def test_a_published_assessment_takes_no_more_scores(
    draft: Assessment, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    client.post(reverse("assessment:publish", args=[draft.pk]))
    key = f"m{township.village_a.pk}-MAN"
    response = client.post(
        reverse("assessment:manual", args=[draft.pk]),
        {"action": "manual", "row": key, f"{key}-value": "5", f"{key}-reason": "补评"},
    )
    assert response.status_code == 302 and not ManualScore.objects.exists()
    assert "已冻结" in client.get(reverse("assessment:manual", args=[draft.pk])).content.decode()


def test_an_officer_creates_an_assessment(campaign: Campaign, officer: Any, client_for: Any) -> None:
    response = client_for(officer).post(
        reverse("assessment:create", args=[campaign.pk]), {"kind": "baseline", "as_of": "2021-06-30"}
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("assessment:detail", args=[assessment.pk])
    assert (assessment.kind, assessment.status, assessment.as_of.isoformat()) == ("baseline", "draft", "2021-06-30")
    wrong_year = client_for(officer).post(
        reverse("assessment:create", args=[campaign.pk]), {"kind": "final", "as_of": "2023-06-30"}
    )
    assert wrong_year.status_code == 400 and "方案年度" in wrong_year.content.decode()


def test_the_organ_card_lists_what_is_due(
    campaign: Campaign, township: Township, officer: Any, client_for: Any
) -> None:
    response = client_for(officer).get(card_url(campaign, township.organ_a))
    due = {(o.code, o.status) for o in response.context["sc"].obligations}
    assert ("STUDY", "due") in due and ("STUDY", "overdue") in due  # October not held; January–September missed
    assert not any(code == "LIFE" for code, _ in due)  # the 民主生活会 was held in March
    page = text(response)
    assert "本月应办" in page and "10月尚未开展" in page


def test_the_ranking_costs_the_same_queries_for_more_orgs(
    campaign: Campaign, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    client.get(ranking_url(campaign))  # the session's as-of day is stored once
    with CaptureQueriesContext(connection) as few:
        assert len(client.get(ranking_url(campaign)).context["ranking"].rows) == 3
    add_villages(township, 5)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(ranking_url(campaign)).context["ranking"].rows) == 8
    assert len(few.captured_queries) == len(many.captured_queries) == PINNED["ranking"]


def test_the_scorecard_costs_the_same_queries_for_more_orgs_and_records(
    campaign: Campaign, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    client.get(card_url(campaign, township.village_b))
    with CaptureQueriesContext(connection) as few:
        client.get(card_url(campaign, township.village_b))
    add_villages(township, 5)
    add_reserves(township.village_b, 4)  # more records behind the value: still one query for their links
    with CaptureQueriesContext(connection) as many:
        response = client.get(card_url(campaign, township.village_b))
    assert len(response.context["sc"].groups[0].rows[0].links) == 5
    assert len(few.captured_queries) == len(many.captured_queries) == PINNED["scorecard"]


def test_published_results_are_read_not_recomputed(
    campaign: Campaign, draft: Assessment, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    client.post(reverse("assessment:publish", args=[draft.pk]))
    assert OrgResult.objects.filter(assessment=draft).count() == 3
    with CaptureQueriesContext(connection) as ctx:
        client.get(ranking_url(campaign, assessment=draft.pk))
    assert not any("people_poolentry" in q["sql"] for q in ctx.captured_queries)
