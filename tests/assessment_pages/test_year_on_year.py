"""Year on year: the ranking and a card compare each org with last year's published assessment."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from tests.assessment_pages.conftest import AS_OF, Scored, add_reserves
from tests.factories import Township
from wuji.assessment.models import Assessment
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.campaigns.models import Campaign
from wuji.campaigns.services import campaign_create
from wuji.standards.models import Standard

pytestmark = pytest.mark.django_db


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def publish_last_year(standard: Standard, township: Township, officer: Any, kind: str = "final") -> Assessment:
    last = campaign_create(user=officer, code="pages-2020", scope=township.township, standard=standard, year=2020)
    assessment = assessment_create(user=officer, campaign=last, kind=kind, as_of=dt.date(2020, 10, 31))
    return assessment_publish(user=officer, assessment=assessment)


def test_without_a_published_last_year_the_ranking_says_so(campaign: Campaign, officer: Any, client_for: Any) -> None:
    response = client_for(officer).get(reverse("assessment:ranking", args=[campaign.pk]) + f"?as_of={AS_OF}")
    assert response.context["ranking"].previous is None
    assert "上年没有已发布的考评，暂无同比" in text(response)


def test_the_ranking_shows_each_orgs_change_since_last_year(
    campaign: Campaign, pages_standard: Standard, scored: Scored, township: Township, officer: Any, client_for: Any
) -> None:
    # Given last year's published final assessment (乙村 had 1 reserve cadre: 6 of 10 points, 2nd place)
    publish_last_year(pages_standard, township, officer)
    # When 乙村 adds two reserve cadres this year
    add_reserves(township.village_b, 2, entered_on=dt.date(2021, 3, 1))
    response = client_for(officer).get(reverse("assessment:ranking", args=[campaign.pk]) + f"?as_of={AS_OF}")
    ranking = response.context["ranking"]
    rows = {r.name: r for r in ranking.rows}
    # Then its change is +4 points and one place up; 甲村 stands still
    b = rows["乙村党支部"]
    assert b.previous is not None and (b.previous.score, b.previous.rank) == (6, 2)
    assert (b.score_change, b.rank_change) == (4, 1)
    assert rows["甲村党支部"].score_change == 0
    page = text(response)
    assert "较上年" in page and "+4.0" in page and "上年 6.0 · 第2名" in page
    assert "pages-2020" not in page and "测试乡党委2020年" in page  # named by the campaign, not its code


def test_a_final_assessment_wins_over_a_baseline_of_the_same_year(
    campaign: Campaign, pages_standard: Standard, township: Township, officer: Any, client_for: Any
) -> None:
    final = publish_last_year(pages_standard, township, officer)
    baseline = assessment_create(
        user=officer, campaign=final.campaign, kind=Assessment.Kind.BASELINE, as_of=dt.date(2020, 11, 30)
    )
    assessment_publish(user=officer, assessment=baseline)
    ranking = client_for(officer).get(reverse("assessment:ranking", args=[campaign.pk])).context["ranking"]
    assert ranking.previous.assessment == final


def test_the_card_marks_indicators_met_this_year_but_not_last(
    campaign: Campaign, pages_standard: Standard, scored: Scored, township: Township, officer: Any, client_for: Any
) -> None:
    publish_last_year(pages_standard, township, officer)
    add_reserves(township.village_b, 2, entered_on=dt.date(2021, 3, 1))
    url = reverse("assessment:scorecard", args=[campaign.pk, township.village_b.pk]) + f"?as_of={AS_OF}"
    response = client_for(officer).get(url)
    sc = response.context["sc"]
    assert sc.previous is not None and sc.score_change == 4
    reserve = next(r for g in sc.groups for r in g.rows if r.result.code == "RES")
    assert reserve.previous_met is False and reserve.result.met
    assert "上年未达标，今年已达标" in text(response)


def test_a_secretary_sees_only_their_own_change(
    campaign: Campaign,
    pages_standard: Standard,
    scored: Scored,
    township: Township,
    officer: Any,
    secretary_a: Any,
    client_for: Any,
) -> None:
    publish_last_year(pages_standard, township, officer)
    url = reverse("assessment:scorecard", args=[campaign.pk, township.village_a.pk]) + f"?as_of={AS_OF}"
    sc = client_for(secretary_a).get(url).context["sc"]
    assert sc.previous is not None and sc.previous.rank == 1
    other = reverse("assessment:scorecard", args=[campaign.pk, township.village_b.pk])
    assert client_for(secretary_a).get(other).status_code == 404
