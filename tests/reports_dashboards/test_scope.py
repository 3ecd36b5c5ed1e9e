"""Who sees which dashboard: the township's officer and inspector their township (and its branches), a county
officer the county and every township in it, a branch secretary only their own branch; auditor and sysadmin
nothing. ROUTES lists every dashboard URL (tests/test_every_url_is_covered.py checks it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import Township
from wuji.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[Township], list[Any]]
    expect: dict[str, int] = field(default_factory=dict)
    org_in_url: bool = False  # names a branch: another branch's page is 404 for a secretary

    def url(self, township: Township) -> str:
        return reverse(self.name, args=self.args(township))


ROUTES = [
    Route("reports:index", lambda t: [], {"officer": 200, "inspector": 200, "secretary_a": 200, "county_officer": 200}),
    Route(
        "reports:township",
        lambda t: [t.township.pk],
        {"officer": 200, "inspector": 200, "secretary_a": 403, "county_officer": 200},
    ),
    Route(
        "reports:county",
        lambda t: [t.county.pk],
        {"officer": 404, "inspector": 404, "secretary_a": 403, "county_officer": 200},
    ),
    Route(
        "reports:branch",
        lambda t: [t.village_a.pk],
        {"officer": 200, "inspector": 200, "secretary_a": 200, "county_officer": 200},
        org_in_url=True,
    ),
]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, township: Township, client: Any) -> None:
    response = client.get(route.url(township))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_dashboard(
    route: Route, persona: str, township: Township, scope_campaign: Campaign, request: Any, client_for: Any
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(route.url(township))
    assert response.status_code == 403
    assert "甲村" not in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "inspector", "secretary_a", "county_officer"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_each_role_gets_what_the_table_says(
    route: Route, persona: str, township: Township, scope_campaign: Campaign, request: Any, client_for: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    response = client.get(route.url(township))
    assert response.status_code == route.expect[persona], f"{persona} {route.name}: {response.status_code}"
    assert client.post(route.url(township)).status_code in {403, 404, 405}  # the dashboards only read


@pytest.mark.parametrize("route", [r for r in ROUTES if r.org_in_url], ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branch(
    route: Route, township: Township, scope_campaign: Campaign, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    url = reverse(route.name, args=[township.village_b.pk])
    for query in ("", f"?campaign={scope_campaign.pk}", "?as_of=2021-06-30"):
        response = client.get(url + query)
        assert response.status_code == 404, query
        assert "乙村" not in response.content.decode()


def test_secretary_lands_on_their_own_branch(
    township: Township, scope_campaign: Campaign, secretary_a: Any, client_for: Any
) -> None:
    page = client_for(secretary_a).get(reverse("reports:index")).content.decode()
    assert "甲村党支部" in page and "下一步要做的事" in page
    assert "乙村" not in page and "乡政府机关" not in page


def test_a_township_officer_cannot_open_another_township(
    township: Township, scope_campaign: Campaign, officer: Any, client_for: Any
) -> None:
    from tests.factories import writer_for
    from wuji.orgs import services as org_services

    other = org_services.org_create(
        user=writer_for(township.county), parent=township.county, name="邻乡党委", code="T02", kind="committee"
    )
    client = client_for(officer)
    assert client.get(reverse("reports:township", args=[other.pk])).status_code == 404
    assert client.get(reverse("reports:township", args=[township.village_a.pk])).status_code == 404  # not a committee
