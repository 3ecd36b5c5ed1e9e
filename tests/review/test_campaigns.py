"""Review: a county's campaign is visible to a township's officer and inspector, but its pages must show them only
their own township's orgs (as the ranking does)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.review.conftest import OTHER_VILLAGE
from wuji.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["officer", "inspector"])
@pytest.mark.parametrize("page", ["campaigns:rewards", "campaigns:rectification"])
def test_a_township_reader_sees_only_their_townships_results_of_a_county_campaign(
    county_final: Campaign, who: str, page: str, request: pytest.FixtureRequest, client_for: Any
) -> None:
    user = request.getfixturevalue(who)
    response = client_for(user).get(reverse(page, args=[county_final.code]))
    assert response.status_code == 200
    assert OTHER_VILLAGE not in response.content.decode()


def test_the_county_officer_still_sees_every_township(
    county_final: Campaign, county_officer: Any, client_for: Any
) -> None:
    response = client_for(county_officer).get(reverse("campaigns:rectification", args=[county_final.code]))
    assert OTHER_VILLAGE in response.content.decode()
