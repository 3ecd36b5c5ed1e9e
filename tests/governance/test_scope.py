"""Scope on every 基本制度 page: a branch secretary never sees or touches another branch.

As tests/pages/test_scope.py: the table ROUTES lists every page of the app (tests/test_every_url_is_covered.py
fails for a URL without an entry). `own` names the persona whose branch side A's record belongs to
(业绩登记 is a 机关 branch's, so its secretary is secretary_organ_a).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.governance.conftest import GovRecords
from wuji.core.models import Attachment
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    Matter,
    MatterStep,
    PerformanceRecord,
    RuleDocument,
)

pytestmark = pytest.mark.django_db

ORGAN_SECRETARY = "secretary_organ_a"


@dataclass(frozen=True)
class Route:
    name: str
    target: Callable[[GovRecords], Any] | None  # the record in the URL, or None for list/create pages
    writes: bool  # a form or action that changes data
    methods: tuple[str, ...] = ("GET", "POST")
    query: Callable[[GovRecords], str] | None = None
    own: str = "secretary_a"  # the secretary of side A's record
    officer_only: bool = False  # 村财乡管: the secretary of the village gets 403, not the form

    def url(self, records: GovRecords) -> str:
        args = [self.target(records).pk] if self.target else []
        url = reverse(self.name, args=args)
        return url + (self.query(records) if self.query else "")


ROUTES = [
    Route("governance:rule_list", None, False, ("GET",)),
    Route("governance:rule_adopt", None, True, query=lambda r: f"?org={r.org.pk}&kind=decision_procedure"),
    Route("governance:rule_detail", lambda r: r.rule, False, ("GET",)),
    Route("governance:matter_list", None, False, ("GET",)),
    Route("governance:matter_create", None, True),
    Route("governance:matter_detail", lambda r: r.matter, False, ("GET",)),
    Route("governance:matter_step", lambda r: r.matter, True),
    Route("governance:matter_disclose", lambda r: r.matter, True),
    Route("governance:matter_abandon", lambda r: r.matter, True),
    Route("governance:disclosure_list", None, False, ("GET",)),
    Route("governance:disclosure_create", None, True),
    Route("governance:disclosure_detail", lambda r: r.disclosure, False, ("GET",)),
    Route("governance:disclosure_edit", lambda r: r.disclosure, True),
    Route("governance:disclosure_publish", lambda r: r.disclosure, True),
    Route("governance:disclosure_delete", lambda r: r.disclosure, True),
    Route("governance:performance_list", None, False, ("GET",)),
    Route("governance:performance_create", None, True, own=ORGAN_SECRETARY),
    Route("governance:performance_edit", lambda r: r.performance, True, own=ORGAN_SECRETARY),
    Route("governance:performance_delete", lambda r: r.performance, True, own=ORGAN_SECRETARY),
    Route("governance:archive_list", None, False, ("GET",)),
    Route("governance:archive_create", None, True),
    Route("governance:archive_edit", lambda r: r.archive, True),
    Route("governance:archive_delete", lambda r: r.archive, True),
    Route("governance:asset_list", None, False, ("GET",)),
    Route("governance:asset_create", None, True),
    Route("governance:asset_edit", lambda r: r.asset, True),
    Route("governance:asset_delete", lambda r: r.asset, True),
    Route("governance:finance_list", None, False, ("GET",)),
    Route("governance:finance_create", None, True, query=lambda r: f"?org={r.org.pk}", officer_only=True),
    Route("governance:finance_edit", lambda r: r.finance, True, officer_only=True),
    Route("governance:finance_delete", lambda r: r.finance, True, officer_only=True),
]
OBJECT_ROUTES = [r for r in ROUTES if r.target is not None]
LIST_ROUTES = [r for r in ROUTES if r.name.endswith("_list")]
MODELS = [
    RuleDocument,
    Matter,
    MatterStep,
    Disclosure,
    PerformanceRecord,
    ArchiveRecord,
    CollectiveAsset,
    FinanceArrangement,
    Attachment,
]


def snapshot() -> dict[str, Any]:
    """Everything a page could change, to show that a refused request changed nothing."""
    state: dict[str, Any] = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}
    state["versions"] = sorted(
        (m.__name__, pk, v) for m in MODELS if hasattr(m, "version") for pk, v in m.objects.values_list("pk", "version")
    )
    state["matters"] = sorted(Matter.objects.values_list("pk", "status"))
    state["published"] = sorted(Disclosure.objects.values_list("pk", "published"))
    state["audit"] = LogEntry.objects.count()
    return state


def _request(client: Any, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branchs_record(route: Route, gov: Any, request: Any, client_for: Any) -> None:
    _, gov_b = gov
    client = client_for(request.getfixturevalue(route.own))
    before = snapshot()
    for method in route.methods:
        response = _request(client, method, route.url(gov_b))
        assert response.status_code == 404, f"{method} {route.name}: {response.status_code}"
    assert snapshot() == before


@pytest.mark.parametrize("route", [r for r in OBJECT_ROUTES if "GET" in r.methods], ids=lambda r: r.name)
def test_secretary_reaches_their_own_record(route: Route, gov: Any, request: Any, client_for: Any) -> None:
    gov_a, _ = gov
    response = client_for(request.getfixturevalue(route.own)).get(route.url(gov_a))
    # 村财乡管 is the township's decision: the village's own secretary sees a 403, not a 404.
    assert response.status_code == (403 if route.officer_only else 200), route.name


@pytest.mark.parametrize("route", [r for r in ROUTES if r.target is None and r.writes], ids=lambda r: r.name)
def test_create_pages_open_for_their_writers(route: Route, gov: Any, request: Any, client_for: Any) -> None:
    gov_a, _ = gov
    secretary = client_for(request.getfixturevalue(route.own)).get(route.url(gov_a))
    assert secretary.status_code == (403 if route.officer_only else 200), route.name
    assert client_for(request.getfixturevalue("officer")).get(route.url(gov_a)).status_code == 200


def test_create_pages_refuse_another_branch(gov: Any, secretary_a: Any, client_for: Any) -> None:
    """A secretary who posts village B's id gets the form back (not a valid choice) and nothing is written."""
    _, gov_b = gov
    client = client_for(secretary_a)
    before = snapshot()
    posts = {
        "governance:rule_adopt": {"org": gov_b.org.pk, "kind": "other", "title": "越界", "effective_on": "2021-01-01"},
        "governance:matter_create": {"org": gov_b.org.pk, "title": "越界"},
        "governance:disclosure_create": {"org": gov_b.org.pk, "kind": "party_affairs", "title": "越界", "content": "x"},
        "governance:archive_create": {"org": gov_b.org.pk, "category": "other", "year": 2020, "title": "越界"},
        "governance:asset_create": {
            "org": gov_b.org.pk,
            "kind": "fund",
            "description": "越界",
            "value": "1",
            "recorded_on": "2021-01-01",
        },
    }
    for name, data in posts.items():
        response = client.post(reverse(name), {**data, "text": "越界"})
        assert response.status_code == 400, name
        assert "选择一个有效的选项" in response.content.decode(), name
    assert snapshot() == before


def test_an_organ_secretary_cannot_record_another_organs_cadre(gov: Any, secretary_organ_a: Any, client_for: Any):
    _, gov_b = gov
    before = snapshot()
    response = client_for(secretary_organ_a).post(
        reverse("governance:performance_create"),
        {"person": gov_b.performance.person_id, "recorded_on": "2021-01-01", "content": "越界"},
    )
    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("route", LIST_ROUTES, ids=lambda r: r.name)
def test_lists_never_show_another_branch(route: Route, gov: Any, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    page = client.get(route.url(gov[0])).content.decode()
    assert "乙" not in page, route.name
    filtered = client.get(route.url(gov[0]), {"org": gov[1].org.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "乙" not in filtered, route.name


@pytest.mark.parametrize("route", LIST_ROUTES, ids=lambda r: r.name)
def test_the_officer_sees_both_sides(route: Route, gov: Any, officer: Any, client_for: Any) -> None:
    page = client_for(officer).get(route.url(gov[0])).content.decode()
    if route.name == "governance:performance_list":
        assert "甲干部" in page and "乙干部" in page
    else:
        assert "甲村" in page and "乙村" in page, route.name


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, gov: Any, client: Any) -> None:
    gov_a, _ = gov
    for method in route.methods:
        response = _request(client, method, route.url(gov_a))
        assert response.status_code == 302 and reverse("login") in response["Location"], route.name


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_member_data(
    route: Route, persona: str, gov: Any, request: Any, client_for: Any
) -> None:
    gov_a, _ = gov
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    for method in route.methods:
        response = _request(client, method, route.url(gov_a))
        assert response.status_code == 403, f"{persona} {method} {route.name}: {response.status_code}"
        assert "甲村" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_inspector_reads_everything_and_writes_nothing(route: Route, gov: Any, inspector: Any, client_for: Any):
    _, gov_b = gov
    client = client_for(inspector)
    before = snapshot()
    if route.writes:
        for method in route.methods:
            response = _request(client, method, route.url(gov_b))
            assert response.status_code == 403, f"{method} {route.name}: {response.status_code}"
    else:
        page = client.get(route.url(gov_b))
        assert page.status_code == 200
        links = ["/new/", "/edit/", "/step/", "/disclose/", "/abandon/", "/publish/", "/delete/"]
        assert not [link for link in links if link in page.content.decode()], route.name
    assert snapshot() == before
