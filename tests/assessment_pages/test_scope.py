"""Scope on every 考评 page: who may read the ranking, open a card, score, create and publish.

The table ROUTES lists every page of the app (tests/test_every_url_is_covered.py fails for a URL
without an entry). `expect` gives the status of a GET for each reading persona; a secretary opening
another branch's card gets 404, never the card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import Township
from wuji.assessment.models import AggregateResult, Assessment, ManualScore, OrgResult
from wuji.campaigns.models import Campaign
from wuji.orgs.models import Organization

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Pages:
    campaign: Campaign
    assessment: Assessment
    own: Organization  # secretary_a's branch
    other: Organization  # another branch


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[Pages, Organization], list[Any]]
    methods: tuple[str, ...] = ("GET",)
    expect: dict[str, int] = field(default_factory=lambda: {"officer": 200, "inspector": 200, "secretary_a": 200})
    org_in_url: bool = False  # the URL names a branch: another branch's is 404 for a secretary

    def url(self, pages: Pages, org: Organization) -> str:
        return reverse(self.name, args=self.args(pages, org))


READ = {"officer": 200, "inspector": 200, "secretary_a": 200}
RANKING = {"officer": 200, "inspector": 200, "secretary_a": 403}
OFFICER_ONLY = {"officer": 200, "inspector": 403, "secretary_a": 403}

ROUTES = [
    Route("assessment:index", lambda p, o: [], expect=READ),
    Route("assessment:self", lambda p, o: [], expect={"officer": 302, "inspector": 302, "secretary_a": 302}),
    Route("assessment:ranking", lambda p, o: [p.campaign.pk], expect=RANKING),
    Route("assessment:scorecard", lambda p, o: [p.campaign.pk, o.pk], expect=READ, org_in_url=True),
    Route("assessment:create", lambda p, o: [p.campaign.pk], ("GET", "POST"), expect=OFFICER_ONLY),
    Route("assessment:detail", lambda p, o: [p.assessment.pk], expect=READ),
    Route("assessment:manual", lambda p, o: [p.assessment.pk], ("GET", "POST"), expect=RANKING),
    Route("assessment:publish", lambda p, o: [p.assessment.pk], ("GET", "POST"), expect=OFFICER_ONLY),
]


@pytest.fixture
def pages(campaign: Campaign, draft: Assessment, township: Township) -> Pages:
    return Pages(campaign, draft, township.village_a, township.village_b)


def snapshot() -> dict[str, Any]:
    """Everything these pages could change, to show that a refused request changed nothing."""
    return {
        "assessments": sorted(Assessment.objects.values_list("pk", "status", "content_sha256")),
        "manual": sorted(ManualScore.objects.values_list("pk", "org_id", "indicator", "value", "reason")),
        "results": OrgResult.objects.count() + AggregateResult.objects.count(),
        "audit": LogEntry.objects.count(),
    }


def _call(client: Any, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, pages: Pages, client: Any) -> None:
    for method in route.methods:
        response = _call(client, method, route.url(pages, pages.own))
        assert response.status_code == 302 and reverse("login") in response["Location"], (method, route.name)


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_assessment(
    route: Route, persona: str, pages: Pages, request: Any, client_for: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    for method in route.methods:
        response = _call(client, method, route.url(pages, pages.own))
        assert response.status_code == 403, f"{persona} {method} {route.name}: {response.status_code}"
        assert "甲村党支部" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["officer", "inspector", "secretary_a"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_each_role_gets_what_the_table_says(
    route: Route, persona: str, pages: Pages, request: Any, client_for: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    response = client.get(route.url(pages, pages.own))
    assert response.status_code == route.expect[persona], f"{persona} GET {route.name}: {response.status_code}"
    if route.expect[persona] == 403 and "POST" in route.methods:
        assert client.post(route.url(pages, pages.own), {}).status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("route", [r for r in ROUTES if r.org_in_url], ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branchs_card(
    route: Route, pages: Pages, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    url = route.url(pages, pages.other)
    for query in ("", f"?assessment={pages.assessment.pk}", "?as_of=2021-06-30"):
        response = client.get(url + query)
        assert response.status_code == 404, query
        assert "乙村党支部" not in response.content.decode()


def test_secretary_sees_their_own_card_and_lands_on_it(pages: Pages, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    response = client.get(reverse("assessment:self"))
    assert response["Location"] == reverse("assessment:scorecard", args=[pages.campaign.pk, pages.own.pk])
    card = client.get(response["Location"] + "?as_of=2021-10-31").content.decode()
    assert "甲村党支部" in card and "本支部自评" in card and "本月应办" in card
    index = client.get(reverse("assessment:index")).content.decode()
    assert "本支部自评" in index and "实时排名" not in index


def test_secretary_cannot_score_even_their_own_branch(pages: Pages, secretary_a: Any, client_for: Any) -> None:
    before = snapshot()
    url = reverse("assessment:manual", args=[pages.assessment.pk])
    response = client_for(secretary_a).post(
        url,
        {
            "action": "manual",
            "row": f"m{pages.own.pk}-MAN",
            f"m{pages.own.pk}-MAN-value": "5",
            f"m{pages.own.pk}-MAN-reason": "自评",
        },
    )
    assert response.status_code == 403
    assert snapshot() == before


def test_a_campaign_of_another_township_is_404(pages: Pages, officer: Any, client_for: Any, township: Township) -> None:
    other = Campaign.objects.create(
        code="other",
        name="外乡",
        scope=township.county,
        standard=pages.campaign.standard,
        year=2021,
        starts_on=pages.campaign.starts_on,
        ends_on=pages.campaign.ends_on,
    )
    elsewhere = Organization.objects.get(pk=township.county.pk)
    # The county's campaign is above the township officer: visible (a campaign over their area) …
    assert client_for(officer).get(reverse("assessment:ranking", args=[other.pk])).status_code == 200
    # … but the county root itself has no card.
    assert client_for(officer).get(reverse("assessment:scorecard", args=[other.pk, elsewhere.pk])).status_code == 404


def test_inspector_enters_manual_scores_but_cannot_publish(pages: Pages, inspector: Any, client_for: Any) -> None:
    client = client_for(inspector)
    key = f"m{pages.other.pk}-MAN"
    response = client.post(
        reverse("assessment:manual", args=[pages.assessment.pk]),
        {"action": "manual", "row": key, f"{key}-value": "4", f"{key}-reason": "活动室整洁，经费有保障"},
    )
    assert response.status_code == 302
    entry = ManualScore.objects.get(assessment=pages.assessment, org=pages.other, indicator="MAN")
    assert entry.value == Decimal(4) and entry.entered_by == inspector
    before = snapshot()
    assert client.post(reverse("assessment:publish", args=[pages.assessment.pk])).status_code == 403
    assert (
        client.post(
            reverse("assessment:create", args=[pages.campaign.pk]), {"kind": "final", "as_of": "2021-10-31"}
        ).status_code
        == 403
    )
    assert snapshot() == before
    assert Assessment.objects.get(pk=pages.assessment.pk).status == Assessment.Status.DRAFT
