"""Scope on every 整改 page: a branch secretary sees and acts only on their own branch's items.

As tests/pages/test_scope.py: the table ROUTES lists every page (tests/test_every_url_is_covered.py fails
for a URL without an entry). Side A is 甲村 (secretary_a), side B is 乙村; another branch's item is a 404.
Drafting and rechecking are the officer's (403 for everyone else); the inspector reads everything and
may verify (销号) or return an item, nothing more; the auditor and the sysadmin get 403 everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.rectification.conftest import RectRecords
from wuji.assessment.models import Rectification
from wuji.core.models import Attachment

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[RectRecords], list[int]] | None  # the URL's arguments, or None for the list
    writes: bool  # a form or action that changes data
    methods: tuple[str, ...] = ("GET", "POST")
    own: int = 200  # what secretary_a gets on side A's page
    branch: bool = True  # the URL names a branch's record (another branch: 404)
    inspector: bool = False  # the inspector may do this write (销号, 退回)
    officer: int = 200  # what the officer gets (the owner, not the officer, reports their own work)

    def url(self, records: RectRecords) -> str:
        return reverse(self.name, args=self.args(records) if self.args else [])


ROUTES = [
    Route("rectification:list", None, False, ("GET",)),
    Route("rectification:detail", lambda r: [r.item.pk], False, ("GET",)),
    Route("rectification:edit", lambda r: [r.item.pk], True),
    Route("rectification:submit", lambda r: [r.item.pk], True, officer=403),
    Route("rectification:verify", lambda r: [r.pending.pk], True, own=403, inspector=True),
    Route("rectification:return", lambda r: [r.pending.pk], True, own=403, inspector=True),
    Route("rectification:draft", lambda r: [r.assessment.pk], True, ("POST",), own=403, branch=False),
    Route("rectification:recheck", lambda r: [r.final.pk], True, ("POST",), own=403, branch=False),
    Route("rectification:plan", lambda r: [r.org.pk, r.assessment.pk], False, ("GET",)),
]
BRANCH_ROUTES = [r for r in ROUTES if r.args is not None and r.branch]
OFFICER_ROUTES = [r for r in ROUTES if not r.branch]


def snapshot() -> dict[str, Any]:
    """Everything a page could change, to show that a refused request changed nothing."""
    return {
        "items": sorted(Rectification.objects.values_list("pk", "version", "status", "measures")),
        "attachments": Attachment.objects.count(),
        "audit": LogEntry.objects.count(),
    }


def call(client: Any, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.parametrize("route", BRANCH_ROUTES, ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branchs_item(route: Route, both: Any, secretary_a: Any, client_for: Any):
    _, records_b = both
    client = client_for(secretary_a)
    before = snapshot()
    for method in route.methods:
        response = call(client, method, route.url(records_b))
        assert response.status_code == 404, f"{method} {route.name}: {response.status_code}"
    assert snapshot() == before


@pytest.mark.parametrize("route", [r for r in BRANCH_ROUTES if "GET" in r.methods], ids=lambda r: r.name)
def test_secretary_reaches_their_own_item(route: Route, both: Any, secretary_a: Any, client_for: Any) -> None:
    records_a, _ = both
    response = client_for(secretary_a).get(route.url(records_a))
    # The owner may not verify or return their own item: 403, not 404.
    assert response.status_code == route.own, route.name


@pytest.mark.parametrize("persona", ["secretary_a", "inspector"])
@pytest.mark.parametrize("route", OFFICER_ROUTES, ids=lambda r: r.name)
def test_drafting_and_rechecking_are_the_officers(
    route: Route, persona: str, both: Any, request: Any, client_for: Any
) -> None:
    records_a, _ = both
    before = snapshot()
    response = client_for(request.getfixturevalue(persona)).post(route.url(records_a))
    assert response.status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_the_officer_reaches_every_page(route: Route, both: Any, officer: Any, client_for: Any) -> None:
    _, records_b = both
    client = client_for(officer)
    if "GET" in route.methods:
        assert client.get(route.url(records_b)).status_code == route.officer, route.name
    else:
        assert client.get(route.url(records_b)).status_code == 405
        assert client.post(route.url(records_b)).status_code == 302


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, both: Any, client: Any) -> None:
    records_a, _ = both
    for method in route.methods:
        response = call(client, method, route.url(records_a))
        assert response.status_code == 302 and reverse("login") in response["Location"], route.name


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_member_data(
    route: Route, persona: str, both: Any, request: Any, client_for: Any
) -> None:
    records_a, _ = both
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    for method in route.methods:
        response = call(client, method, route.url(records_a))
        assert response.status_code == 403, f"{persona} {method} {route.name}: {response.status_code}"
        assert "甲村" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_inspector_reads_everything_and_only_verifies(route: Route, both: Any, inspector: Any, client_for: Any) -> None:
    _, records_b = both
    client = client_for(inspector)
    before = snapshot()
    if route.writes and not route.inspector:
        for method in route.methods:
            response = call(client, method, route.url(records_b))
            assert response.status_code == 403, f"{method} {route.name}: {response.status_code}"
    elif route.writes:
        assert client.get(route.url(records_b)).status_code == 200
        assert client.post(route.url(records_b), {}).status_code == 400  # the form says what is missing
    else:
        assert client.get(route.url(records_b)).status_code == 200
    assert snapshot() == before


def test_lists_and_filters_never_show_another_branch(both: Any, secretary_a: Any, client_for: Any) -> None:
    records_a, records_b = both
    client = client_for(secretary_a)
    page = client.get(reverse("rectification:list")).content.decode()
    assert "甲村党支部" in page and "乙村党支部" not in page
    filtered = client.get(reverse("rectification:list"), {"org": records_b.org.pk}, HTTP_HX_REQUEST="true")
    assert "乙村党支部" not in filtered.content.decode()
    plan = client.get(reverse("rectification:plan", args=[records_a.org.pk, records_a.assessment.pk])).content.decode()
    assert "乙村" not in plan


def test_the_officer_sees_both_branches(both: Any, officer: Any, client_for: Any) -> None:
    page = client_for(officer).get(reverse("rectification:list")).content.decode()
    assert "甲村党支部" in page and "乙村党支部" in page
