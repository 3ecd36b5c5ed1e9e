"""Scope on every page: a branch secretary never sees or touches another branch.

The table ROUTES lists every page of the member-data apps; a new URL without
an entry here fails `test_every_route_is_in_the_table`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.pages.conftest import VillageRecords
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people.models import MembershipStage, Person, PoolEntry, Position, Training

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    target: Callable[[VillageRecords], Any] | None  # the record in the URL, or None for list/create pages
    writes: bool  # a form or action that changes data
    methods: tuple[str, ...] = ("GET", "POST")
    query: Callable[[VillageRecords], str] | None = None

    def url(self, records: VillageRecords) -> str:
        args = [self.target(records).pk] if self.target else []
        url = reverse(self.name, args=args)
        return url + (self.query(records) if self.query else "")


ROUTES = [
    Route("home", None, False, ("GET",)),
    Route("orgs:tree", None, False, ("GET",)),
    Route("orgs:create", None, True, query=lambda r: f"?parent={r.org.pk}"),
    Route("orgs:weak_warnings", None, True, ("POST",)),
    Route("orgs:detail", lambda r: r.org, False, ("GET",)),
    Route("orgs:edit", lambda r: r.org, True),
    Route("orgs:move", lambda r: r.org, True),
    Route("orgs:dissolve", lambda r: r.org, True),
    Route("orgs:unit_create", lambda r: r.org, True),
    Route("orgs:weak_flag_create", lambda r: r.org, True),
    Route("orgs:unit_edit", lambda r: r.unit, True),
    Route("orgs:mass_org_create", lambda r: r.unit, True),
    Route("orgs:mass_org_edit", lambda r: r.mass_org, True),
    Route("orgs:weak_flag_edit", lambda r: r.weak_flag, True),
    Route("people:list", None, False, ("GET",)),
    Route("people:create", None, True, query=lambda r: f"?org={r.org.pk}"),
    Route("people:detail", lambda r: r.person, False, ("GET",)),
    Route("people:edit", lambda r: r.person, True),
    Route("people:stage_create", lambda r: r.candidate, True),
    Route("people:stage_extend", lambda r: r.candidate, True),
    Route("people:stage_undo", lambda r: r.candidate, True, ("POST",)),
    Route("people:position_create", lambda r: r.person, True),
    Route("people:pool_create", lambda r: r.candidate, True),
    Route("people:training_create", lambda r: r.person, True),
    Route("people:position_end", lambda r: r.position, True),
    Route("people:pool_exit", lambda r: r.pool_entry, True),
    Route("people:training_delete", lambda r: r.training, True, ("POST",)),
]
OBJECT_ROUTES = [r for r in ROUTES if r.target is not None]


def snapshot() -> dict[str, Any]:
    """Everything a page could change, to show that a refused request changed nothing."""
    models = [Organization, Unit, MassOrganization, WeakFlag, Person, MembershipStage, Position, PoolEntry, Training]
    state: dict[str, Any] = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in models}
    state["versions"] = sorted(
        (m.__name__, pk, v)
        for m in [Organization, Unit, MassOrganization, WeakFlag, Person, Position, PoolEntry, Training]
        for pk, v in m.objects.values_list("pk", "version")
    )
    state["audit"] = LogEntry.objects.count()
    return state


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branchs_record(route: Route, both: Any, secretary_a: Any, client_for: Any):
    _, records_b = both
    client = client_for(secretary_a)
    before = snapshot()
    for method in route.methods:
        response = client.get(route.url(records_b)) if method == "GET" else client.post(route.url(records_b), {})
        assert response.status_code == 404, f"{method} {route.name}: {response.status_code}"
    assert snapshot() == before


@pytest.mark.parametrize("route", [r for r in OBJECT_ROUTES if "GET" in r.methods], ids=lambda r: r.name)
def test_secretary_reaches_their_own_record(route: Route, both: Any, secretary_a: Any, client_for: Any) -> None:
    records_a, _ = both
    response = client_for(secretary_a).get(route.url(records_a))
    structural = {
        "orgs:move",
        "orgs:dissolve",
        "orgs:unit_create",
        "orgs:weak_flag_create",
        "orgs:unit_edit",
        "orgs:weak_flag_edit",
    }
    # Structure (units, weak flags, moving, dissolving) is the officer's: the secretary sees a 403, not a 404.
    assert response.status_code == (403 if route.name in structural else 200), route.name


def test_create_pages_refuse_another_branch(both: Any, secretary_a: Any, client_for: Any) -> None:
    _, records_b = both
    client = client_for(secretary_a)
    assert client.get(reverse("orgs:create") + f"?parent={records_b.org.pk}").status_code == 404
    before = snapshot()
    response = client.post(
        reverse("people:create"),
        {"name": "越界", "id_number": "11010519900101003X", "org": records_b.org.pk, "ethnicity": "汉族"},
    )
    assert response.status_code == 400
    assert "选择一个有效的选项" in response.content.decode() or "有效" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("url_name", ["home", "orgs:tree", "people:list"])
def test_lists_never_show_another_branch(url_name: str, both: Any, secretary_a: Any, client_for: Any) -> None:
    page = client_for(secretary_a).get(reverse(url_name)).content.decode()
    assert "甲" in page
    assert "乙书记" not in page and "乙村党支部" not in page


def test_search_never_finds_another_branch(both: Any, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    for query in ["乙书记", "yi", "ysj", ""]:
        results = client.get(reverse("people:list"), {"q": query}, HTTP_HX_REQUEST="true").content.decode()
        assert "乙书记" not in results, query
    assert "甲书记" in client.get(reverse("people:list"), {"q": "jsj"}, HTTP_HX_REQUEST="true").content.decode()
    records_b = both[1]
    filtered = client.get(reverse("people:list"), {"org": records_b.org.pk}).content.decode()
    assert "乙书记" not in filtered


def test_officer_sees_both_branches(both: Any, officer: Any, client_for: Any) -> None:
    page = client_for(officer).get(reverse("people:list")).content.decode()
    assert "甲书记" in page and "乙书记" in page
    tree = client_for(officer).get(reverse("orgs:tree")).content.decode()
    assert "甲村党支部" in tree and "乙村党支部" in tree


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, both: Any, client: Any) -> None:
    records_a, _ = both
    for method in route.methods:
        response = client.get(route.url(records_a)) if method == "GET" else client.post(route.url(records_a), {})
        assert response.status_code == 302 and reverse("login") in response["Location"], route.name


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", [r for r in ROUTES if r.name != "home"], ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_member_data(
    route: Route, persona: str, both: Any, request: Any, client_for: Any
) -> None:
    records_a, _ = both
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    for method in route.methods:
        response = client.get(route.url(records_a)) if method == "GET" else client.post(route.url(records_a), {})
        assert response.status_code == 403, f"{persona} {method} {route.name}: {response.status_code}"
        assert "甲书记" not in response.content.decode()
    assert snapshot() == before


def test_home_sends_auditor_and_sysadmin_to_their_pages(auditor: Any, sysadmin: Any, client_for: Any) -> None:
    assert client_for(auditor).get(reverse("home"))["Location"] == reverse("audit:list")
    assert client_for(sysadmin).get(reverse("home"))["Location"] == reverse("admin:index")


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_inspector_reads_everything_and_writes_nothing(
    route: Route, both: Any, inspector: Any, client_for: Any
) -> None:
    _, records_b = both
    client = client_for(inspector)
    before = snapshot()
    if route.writes:
        for method in route.methods:
            response = client.get(route.url(records_b)) if method == "GET" else client.post(route.url(records_b), {})
            assert response.status_code == 403, f"{method} {route.name}: {response.status_code}"
    else:
        assert client.get(route.url(records_b)).status_code == 200
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["officer", "secretary_a", "inspector", "sysadmin"])
def test_only_the_auditor_reads_the_audit_trail(
    persona: str, both: Any, request: Any, auditor: Any, client_for: Any
) -> None:
    assert client_for(request.getfixturevalue(persona)).get(reverse("audit:list")).status_code == 403
    assert client_for(auditor).get(reverse("audit:list")).status_code == 200
