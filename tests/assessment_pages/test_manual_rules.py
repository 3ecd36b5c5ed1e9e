"""Rules of manual scores the pages rely on (fixed in services.manual_score_enter)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import Township, writer_for
from wuji.assessment.models import Assessment, ManualScore
from wuji.assessment.services import manual_score_enter
from wuji.orgs import services as org_services

pytestmark = pytest.mark.django_db


def test_an_org_outside_the_campaign_cannot_be_scored(draft: Assessment, township: Township) -> None:
    county_officer = writer_for(township.county)
    elsewhere_township = org_services.org_create(
        user=county_officer, parent=township.county, name="外乡党委", code="T02", kind="committee"
    )
    elsewhere = org_services.org_create(
        user=county_officer,
        parent=elsewhere_township,
        name="外村党支部",
        code="T02V1",
        kind="branch",
        category="village",
    )
    with pytest.raises(ValidationError, match="不在本次考评的范围内"):
        manual_score_enter(
            user=county_officer, assessment=draft, org=elsewhere, indicator="MAN", value=Decimal(5), reason="越界"
        )
    assert not ManualScore.objects.exists()


def test_a_township_figure_is_not_entered_per_org(draft: Assessment, township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError, match="不适用"):
        manual_score_enter(
            user=officer, assessment=draft, org=township.village_a, indicator="DUAL", value=Decimal(100), reason="x"
        )


def test_an_override_is_never_negative(draft: Assessment, township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError, match="负"):
        manual_score_enter(
            user=officer, assessment=draft, org=township.village_a, indicator="RES", value=Decimal(-1), reason="x"
        )
