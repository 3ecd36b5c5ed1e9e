"""Scope on every API endpoint: a secretary's token never sees or changes another branch's rows.

ROUTES lists every URL name under the `api` namespace (tests/test_every_url_is_covered.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.api.conftest import ApiRecords, World
from wuji.activities.models import Activity, Attendance
from wuji.assessment.models import Rectification
from wuji.governance.models import Matter
from wuji.orgs.models import Organization
from wuji.people.models import Person, PoolEntry, Position, Training
from wuji.support.models import CollectiveIncome, Facility

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    target: str | None = None  # the ApiRecords attribute in the URL (detail routes)
    writes: tuple[str, ...] = ()  # methods besides GET the endpoint takes
    member_data: bool = True  # False: the token endpoint (anyone may ask for a token)
    reads: bool = True  # False: an action that only takes POST

    def url(self, records: ApiRecords | None = None) -> str:
        if self.target is None:
            return reverse(self.name)
        assert records is not None
        return reverse(self.name, args=[target_of(self, records).pk])


def target_of(route: Route, records: ApiRecords) -> Any:
    return records.org if route.target == "org" else getattr(records, route.target or "")


ROUTES = [
    Route("api:api-root"),
    Route("api:token", member_data=False),
    Route("api:schema"),
    Route("api:docs"),
    Route("api:redoc"),
    Route("api:org-list"),
    Route("api:org-detail", "org"),
    Route("api:person-list", writes=("POST",)),
    Route("api:person-detail", "person", ("PUT", "PATCH")),
    Route("api:position-list", writes=("POST",)),
    Route("api:position-detail", "position", ("PUT", "PATCH")),
    Route("api:pool-list"),
    Route("api:pool-detail", "pool_entry"),
    Route("api:training-list"),
    Route("api:training-detail", "training"),
    Route("api:activity-list", writes=("POST",)),
    Route("api:activity-detail", "activity", ("PUT", "PATCH", "DELETE")),
    Route("api:matter-list", writes=("POST",)),
    Route("api:matter-detail", "matter"),
    Route("api:matter-steps", "matter", ("POST",), reads=False),
    Route("api:facility-list", writes=("POST",)),
    Route("api:facility-detail", "facility", ("PUT", "PATCH", "DELETE")),
    Route("api:income-list", writes=("POST",)),
    Route("api:income-detail", "income", ("PUT", "PATCH", "DELETE")),
    Route("api:assessment-list"),
    Route("api:assessment-detail", "assessment"),
    Route("api:rectification-list"),
    Route("api:rectification-detail", "rectification"),
]
LIST_ROUTES = [r for r in ROUTES if r.name.endswith("-list")]
DETAIL_ROUTES = [r for r in ROUTES if r.target is not None and r.target != "assessment" and r.reads]
MEMBER_ROUTES = [r for r in ROUTES if r.member_data]
ids = [r.name for r in ROUTES]

# What secretary_a may change on her own rows (and tries on secretary_b's): a small valid PATCH.
PATCHES = {
    "person": {"note": "改"},
    "position": {"selection_method": "direct_election"},
    "activity": {"topic": "新主题"},
    "facility": {"note": "改"},
    "income": {"note": "改"},
}
STEP = {"step": 1, "held_on": "2021-03-01"}  # a villagers' proposal: the first of the five steps


def records_url(route: Route, world: World, records: ApiRecords) -> str:
    if route.target == "assessment":
        return reverse(route.name, args=[world.assessment.pk])
    return route.url(records if route.target else None)


def snapshot() -> dict[str, Any]:
    """Everything an API write could change, to show that a refused request changed nothing."""
    versioned = [Organization, Person, Position, PoolEntry, Training, Activity, Matter, Facility, CollectiveIncome]
    state: dict[str, Any] = {
        m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in [*versioned, Attendance, Rectification]
    }
    state["versions"] = sorted(
        (m.__name__, pk, v) for m in versioned for pk, v in m.objects.values_list("pk", "version")
    )
    state["audit"] = LogEntry.objects.count()
    return state


def result_ids(response: Any) -> set[int]:
    return {row["id"] if "id" in row else row["org"] for row in response.json()["results"]}


@pytest.mark.parametrize("route", LIST_ROUTES, ids=lambda r: r.name)
def test_lists_never_show_another_branch(world: World, api_for: Any, route: Route) -> None:
    client = api_for(world.secretary_a)
    response = client.get(route.url())
    assert response.status_code == 200
    shown = result_ids(response)
    kind = route.name.removeprefix("api:").removesuffix("-list")
    if kind == "assessment":  # the township's campaign: both secretaries see the run, not each other's results
        assert shown == {world.assessment.pk}
        return
    attribute = {"org": "org", "pool": "pool_entry"}.get(kind, kind)
    own, other = getattr(world.a, attribute), getattr(world.b, attribute)
    assert own.pk in shown
    assert other.pk not in shown
    if kind == "org":
        assert shown == {world.a.org.pk}


def test_assessment_detail_shows_only_own_results(world: World, api_for: Any) -> None:
    url = reverse("api:assessment-detail", args=[world.assessment.pk])
    results = api_for(world.secretary_a).get(url).json()["results"]
    assert {r["org"] for r in results} == {world.a.org.pk}
    officer_results = api_for(world.officer).get(url).json()["results"]
    assert {world.a.org.pk, world.b.org.pk} <= {r["org"] for r in officer_results}


@pytest.mark.parametrize("route", DETAIL_ROUTES, ids=lambda r: r.name)
def test_another_branch_record_is_not_found(world: World, api_for: Any, route: Route) -> None:
    client = api_for(world.secretary_a)
    assert client.get(route.url(world.a)).status_code == 200
    assert client.get(route.url(world.b)).status_code == 404


def test_another_branch_matter_cannot_be_advanced(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    before = snapshot()
    response = client.post(reverse("api:matter-steps", args=[world.b.matter.pk]), STEP, format="json")
    assert response.status_code == 404
    assert snapshot() == before
    response = client.post(reverse("api:matter-steps", args=[world.a.matter.pk]), STEP, format="json")
    assert response.status_code == 201, response.content
    assert [s["step"] for s in response.json()["steps"]] == [1]


@pytest.mark.parametrize("route", [r for r in DETAIL_ROUTES if r.writes], ids=lambda r: r.name)
def test_another_branch_record_cannot_be_changed(world: World, api_for: Any, route: Route) -> None:
    client = api_for(world.secretary_a)
    other = target_of(route, world.b)
    body = PATCHES[route.target or ""]
    before = snapshot()
    for method in route.writes:
        call = getattr(client, method.lower())
        response = call(route.url(world.b), body, format="json", HTTP_IF_MATCH=f'"{other.version}"')
        assert response.status_code == 404, (method, response.content)
    assert snapshot() == before
    # The same change on her own row goes through: the refusal was about scope, not the request.
    own = target_of(route, world.a)
    response = client.patch(route.url(world.a), body, format="json", HTTP_IF_MATCH=f'"{own.version}"')
    assert response.status_code == 200, response.content


CREATES = {
    "api:person-list": lambda org: {"name": "越界", "id_number": "110105199003070033", "org": org.pk},
    "api:position-list": lambda org: {"person": None, "org": org.pk, "title": "member", "started_on": "2020-01-01"},
    "api:activity-list": lambda org: {
        "org": org.pk,
        "type": 1,
        "held_on": "2021-01-01",
        "topic": "越界",
        "attendance": [],
    },
    "api:matter-list": lambda org: {"org": org.pk, "title": "越界"},
    "api:facility-list": lambda org: {"org": org.pk, "kind": "office", "name": "越界"},
    "api:income-list": lambda org: {"org": org.pk, "year": 2020, "total": "1"},
}


@pytest.mark.parametrize("route", [r for r in LIST_ROUTES if r.writes], ids=lambda r: r.name)
def test_cannot_create_in_another_branch(world: World, api_for: Any, route: Route) -> None:
    body = CREATES[route.name](world.b.org)
    if "person" in body:
        body["person"] = world.b.person.pk
    before = snapshot()
    response = api_for(world.secretary_a).post(route.url(), body, format="json")
    assert response.status_code in {400, 403, 404}
    assert "org" in response.json() or "detail" in response.json()
    assert snapshot() == before


@pytest.mark.parametrize("user", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", MEMBER_ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_get_403_everywhere(world: World, api_for: Any, route: Route, user: str) -> None:
    client = api_for(getattr(world, user))
    before = snapshot()
    url = records_url(route, world, world.a)
    assert client.get(url).status_code == 403  # refused before the method is looked at
    for method in route.writes:
        assert getattr(client, method.lower())(url, {}, format="json", HTTP_IF_MATCH='"1"').status_code == 403
    assert snapshot() == before


@pytest.mark.parametrize("route", MEMBER_ROUTES, ids=lambda r: r.name)
def test_anonymous_gets_401(world: World, client: Any, route: Route) -> None:
    response = client.get(records_url(route, world, world.a))
    assert response.status_code in {401, 403}
    if route.name.endswith(("-list", "-detail")):
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Token")


@pytest.mark.parametrize("route", [r for r in ROUTES if r.writes], ids=lambda r: r.name)
def test_inspector_reads_but_never_writes(world: World, api_for: Any, route: Route) -> None:
    client = api_for(world.inspector)
    url = records_url(route, world, world.a)
    if route.reads:
        assert client.get(url).status_code == 200
    before = snapshot()
    for method in route.writes:
        if route.name == "api:matter-steps":
            body = STEP
        else:
            body = PATCHES.get(route.target or "", {}) if route.target else CREATES[route.name](world.a.org)
        response = getattr(client, method.lower())(url, body, format="json", HTTP_IF_MATCH='"1"')
        assert response.status_code == 403
    assert snapshot() == before


def test_officer_sees_the_whole_township(world: World, api_for: Any) -> None:
    client = api_for(world.officer)
    for route in LIST_ROUTES:
        response = client.get(route.url())
        assert response.status_code == 200
        if route.name not in {"api:assessment-list", "api:org-list"}:
            assert response.json()["count"] >= 2, route.name
