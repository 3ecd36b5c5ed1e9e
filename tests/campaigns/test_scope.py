"""Scope on every campaign page: who reaches what, and a refused request changes nothing.

ROUTES lists every page of the campaigns app (tests/test_every_url_is_covered.py fails for a URL name
missing here). The campaign is the township's: a branch secretary reads its timeline, tasks and filings,
their own branch's rewards and construction plan (and moves its planned dates); every other write is the
officer's (403), and another branch's plan is 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import Township
from wuji.assessment.models import Assessment, Rectification
from wuji.campaigns.models import Campaign, ConstructionPlan, ConstructionPlanLine, Filing, Reward, Task

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Records:
    campaign: Campaign
    township: Township

    @property
    def task(self) -> Task:
        return Task.objects.filter(campaign=self.campaign).order_by("pk").first()  # type: ignore[return-value]

    @property
    def reward(self) -> Reward:
        return Reward.objects.filter(campaign=self.campaign).first()  # type: ignore[return-value]

    def line(self, org: Any) -> ConstructionPlanLine:
        return ConstructionPlanLine.objects.filter(plan__org=org).order_by("order").first()  # type: ignore[return-value]


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[Records], list[Any]]  # after the campaign code
    methods: tuple[str, ...] = ("GET", "POST")
    own: int = 200  # what secretary_a gets on a GET
    own_post: int = 403  # what secretary_a gets on a POST
    inspector: int = 200  # what the inspector gets on a GET


def _plan_args(r: Records) -> list[Any]:
    return [r.township.village_a.pk]


ROUTES = [
    Route("campaigns:list", lambda r: [], ("GET",)),
    Route("campaigns:detail", lambda r: [], ("GET",)),
    Route("campaigns:task_edit", lambda r: [r.task.pk], own=403, inspector=403),
    Route("campaigns:baseline", lambda r: [], own=403),
    Route("campaigns:plans", lambda r: [], ("GET",), own=302),
    Route("campaigns:plans_draft", lambda r: [], ("POST",)),
    Route("campaigns:plan", _plan_args, ("GET",)),
    Route("campaigns:line_edit", lambda r: [*_plan_args(r), r.line(r.township.village_a).pk], ("POST",), own_post=302),
    Route("campaigns:rewards", lambda r: []),
    Route("campaigns:reward_delete", lambda r: [r.reward.pk], ("POST",)),
    Route("campaigns:rectification", lambda r: [], own=403),
    Route("campaigns:filing", lambda r: []),
]


def url(route: Route, records: Records) -> str:
    if route.name == "campaigns:list":
        return reverse(route.name)
    return reverse(route.name, args=[records.campaign.code, *route.args(records)])


@pytest.fixture
def records(walked: Campaign, township: Township) -> Records:
    # 甲村 needs a plan line for the line route: move its reserves out of the baseline by adding a gap.
    plan = ConstructionPlan.objects.get(campaign=walked, org=township.village_a)
    if not plan.lines.exists():
        ConstructionPlanLine.objects.create(
            plan=plan, order=1, indicator="RES", indicator_name="后备干部", planned_on=walked.ends_on
        )
    return Records(walked, township)


def snapshot() -> dict[str, Any]:
    models = (Task, ConstructionPlan, ConstructionPlanLine, Reward, Filing, Assessment, Rectification)
    state: dict[str, Any] = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in models}
    state["tasks"] = sorted(Task.objects.values_list("pk", "status", "version"))
    state["lines"] = sorted(ConstructionPlanLine.objects.values_list("pk", "planned_on", "version"))
    state["audit"] = LogEntry.objects.count()
    return state


GETS = [r for r in ROUTES if "GET" in r.methods]
POSTS = [r for r in ROUTES if "POST" in r.methods]


def test_officer_reaches_every_page(records: Records, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    got = {r.name: client.get(url(r, records)).status_code for r in GETS}
    assert got == {r.name: 200 for r in GETS}


def test_inspector_reads_every_page_and_changes_nothing(records: Records, inspector: Any, client_for: Any) -> None:
    client = client_for(inspector)
    got = {r.name: client.get(url(r, records)).status_code for r in GETS}
    assert got == {r.name: r.inspector for r in GETS}
    before = snapshot()
    posted = {r.name: client.post(url(r, records), {}).status_code for r in POSTS}
    assert posted == {r.name: 403 for r in POSTS}
    assert snapshot() == before


def test_secretary_reaches_what_is_theirs_and_writes_nothing_else(
    records: Records, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    got = {r.name: client.get(url(r, records)).status_code for r in GETS}
    assert got == {r.name: r.own for r in GETS}
    refused = [r for r in POSTS if r.own_post == 403]
    before = snapshot()
    posted = {r.name: client.post(url(r, records), {}).status_code for r in refused}
    assert posted == {r.name: 403 for r in refused}
    assert snapshot() == before


def test_secretary_b_cannot_touch_secretary_as_plan(records: Records, secretary_b: Any, client_for: Any) -> None:
    line = records.line(records.township.village_a)
    data = {f"l{line.pk}-planned_on": "2010-09-09", f"l{line.pk}-version": line.version}
    before = snapshot()
    client = client_for(secretary_b)
    for name in ("campaigns:plan", "campaigns:line_edit"):
        route = next(r for r in ROUTES if r.name == name)
        for method in route.methods:
            response = client.get(url(route, records)) if method == "GET" else client.post(url(route, records), data)
            assert response.status_code == 404, f"{method} {name}: {response.status_code}"
            assert "甲村" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["auditor", "sysadmin", None])
def test_no_member_data_role_reaches_any_page(
    persona: str | None, records: Records, client_for: Any, client: Any, request: Any
) -> None:
    browser = client_for(request.getfixturevalue(persona)) if persona else client
    for route in ROUTES:
        for method in route.methods:
            response = browser.get(url(route, records)) if method == "GET" else browser.post(url(route, records), {})
            assert response.status_code == (403 if persona else 302), f"{persona} {method} {route.name}"
            if not persona:
                assert "/accounts/login/" in response["Location"]
