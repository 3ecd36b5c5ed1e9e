"""Shared set-up of the review tests: a county campaign over two townships."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.campaigns.conftest import add_reserves, add_secretary, standard  # noqa: F401 (fixture)
from tests.factories import Township, writer_for
from wuji.assessment.models import Assessment
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.campaigns.models import Campaign
from wuji.campaigns.services import campaign_create
from wuji.orgs import services as org_services
from wuji.standards.models import Standard

OTHER_VILLAGE = "丙村党支部"


@pytest.fixture
def county_final(township: Township, standard: Standard, county_officer: Any, settings: Any) -> Campaign:  # noqa: F811
    """A county campaign over two townships, its final assessment published; 丙村 (the other township) fails."""
    settings.WUJI_DEFAULT_AS_OF = dt.date(2010, 10, 31)
    builder = writer_for(township.county)
    other = org_services.org_create(
        user=builder, parent=township.county, name="测试二乡党委", code="T02", kind="committee"
    )
    org_services.org_create(
        user=builder, parent=other, name=OTHER_VILLAGE, code="T02V1", kind="branch", category="village"
    )
    add_secretary(township.village_a)
    add_reserves(township.village_a, 3)
    campaign = campaign_create(
        user=county_officer, code="county-2010", scope=township.county, standard=standard, year=2010
    )
    final = assessment_create(
        user=county_officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=dt.date(2010, 7, 31)
    )
    assessment_publish(user=county_officer, assessment=final)
    return campaign
