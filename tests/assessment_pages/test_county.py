"""A county's campaign: the county officer ranks the branches of all its townships; a township officer sees
only their own township's rows of it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tests.assessment_pages.conftest import AS_OF, Scored, add_reserves, add_secretary
from tests.factories import Township, writer_for
from wuji.assessment.models import Assessment
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.campaigns.models import Campaign
from wuji.campaigns.services import campaign_create
from wuji.orgs import services as org_services
from wuji.orgs.models import Organization
from wuji.standards.models import Standard

pytestmark = pytest.mark.django_db


@pytest.fixture
def county_campaign(pages_standard: Standard, township: Township, county_officer: Any, scored: Scored) -> Campaign:
    # A second township with one village under the same county.
    builder = writer_for(township.county)
    other = org_services.org_create(
        user=builder, parent=township.county, name="测试二乡党委", code="T02", kind="committee"
    )
    village = org_services.org_create(
        user=builder, parent=other, name="丙村党支部", code="T02V1", kind="branch", category="village"
    )
    add_secretary(village)
    add_reserves(village, 2, entered_on=dt.date(2021, 2, 1))
    return campaign_create(
        user=county_officer, code="county-2021", scope=township.county, standard=pages_standard, year=2021
    )


def test_the_county_officer_ranks_every_branch_of_the_county(
    county_campaign: Campaign, county_officer: Any, client_for: Any
) -> None:
    url = reverse("assessment:ranking", args=[county_campaign.pk]) + f"?as_of={AS_OF}"
    response = client_for(county_officer).get(url)
    assert response.status_code == 200
    ranking = response.context["ranking"]
    assert {r.name for r in ranking.rows} == {"甲村党支部", "乙村党支部", "乡政府机关党支部", "丙村党支部"}
    # 丙村: secretary + 2 reserve cadres (one short: 2 points off) → 8 of 10, between 甲村 (10) and 乙村 (6)
    assert [(r.name, r.category_rank) for r in ranking.rows if r.category == "village"] == [
        ("甲村党支部", 1),
        ("丙村党支部", 2),
        ("乙村党支部", 3),
    ]
    # The aggregate figure is given for each township committee and the county itself
    assert {a.scope_name for a in ranking.aggregates} == {"测试县委", "测试乡党委", "测试二乡党委"}


def test_a_county_campaign_is_published_and_its_cards_open(
    county_campaign: Campaign, township: Township, county_officer: Any, client_for: Any
) -> None:
    assessment = assessment_create(
        user=county_officer, campaign=county_campaign, kind=Assessment.Kind.FINAL, as_of=AS_OF
    )
    assessment_publish(user=county_officer, assessment=assessment)
    client = client_for(county_officer)
    card = client.get(
        reverse("assessment:scorecard", args=[county_campaign.pk, township.village_b.pk])
        + f"?assessment={assessment.pk}"
    )
    assert card.status_code == 200
    assert card.context["sc"].card.rank == 4 and "第4名" in card.content.decode()


def test_a_township_officer_sees_only_their_townships_rows(
    county_campaign: Campaign, officer: Any, client_for: Any
) -> None:
    url = reverse("assessment:ranking", args=[county_campaign.pk]) + f"?as_of={AS_OF}"
    response = client_for(officer).get(url)
    assert response.status_code == 200
    names = {r.name for r in response.context["ranking"].rows}
    assert names == {"甲村党支部", "乙村党支部", "乡政府机关党支部"}
    other = Organization.objects.get(code="T02V1")
    card = reverse("assessment:scorecard", args=[county_campaign.pk, other.pk])
    assert client_for(officer).get(card).status_code == 404
