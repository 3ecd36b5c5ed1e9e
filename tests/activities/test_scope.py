"""Scope on every 基本活动 page: a branch secretary never sees or touches another branch.

ROUTES lists every page of the app (tests/test_every_url_is_covered.py checks that
none is missing). A route's record is in its URL (`target`) or, for the pages that
take an org in the query string (record forms, the attendance fragment, the ledger),
in `query`: both must give a 404 for another branch's secretary.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.activities.conftest import YEAR, ActivityRecords
from wuji.activities.models import (
    Activity,
    Attendance,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.core.models import Attachment

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    target: Callable[[ActivityRecords], Any] | None  # the record in the URL, or None for list/create pages
    writes: bool  # a form or action that changes data (or a piece of one)
    methods: tuple[str, ...] = ("GET", "POST")
    query: Callable[[ActivityRecords], str] | None = None  # names the branch's org in the query string

    def url(self, records: ActivityRecords) -> str:
        args = [self.target(records).pk] if self.target else []
        url = reverse(self.name, args=args)
        return url + (self.query(records) if self.query else "")


def _org(r: ActivityRecords) -> str:
    return f"?org={r.org.pk}"


ROUTES = [
    Route("activities:list", None, False, ("GET",)),
    Route("activities:create", None, True, query=_org),
    Route("activities:attendance_rows", None, True, ("GET",), query=lambda r: f"?org={r.org.pk}&held_on={YEAR}-05-01"),
    Route("activities:ledger", None, False, ("GET",), query=lambda r: f"?org={r.org.pk}&year={YEAR}"),
    Route("activities:detail", lambda r: r.activity, False, ("GET",)),
    Route("activities:edit", lambda r: r.activity, True),
    Route("activities:delete", lambda r: r.activity, True),
    Route("activities:pairing_list", None, False, ("GET",)),
    Route("activities:pairing_create", None, True),
    Route("activities:pairing_edit", lambda r: r.pairing, True),
]
for _key, _attr in [
    ("duty_post", "duty_post"),
    ("pledge", "pledge"),
    ("prosperity", "prosperity"),
    ("review", "review"),
    ("honor", "honor"),
]:
    ROUTES += [
        Route(f"activities:{_key}_list", None, False, ("GET",)),
        Route(f"activities:{_key}_create", None, True, query=_org),
        Route(f"activities:{_key}_edit", lambda r, a=_attr: getattr(r, a), True),
        Route(f"activities:{_key}_delete", lambda r, a=_attr: getattr(r, a), True),
    ]
SCOPED_ROUTES = [r for r in ROUTES if r.target is not None or r.query is not None]
# Pairings are arranged by the township: a secretary sees theirs but may not change it (403, not 404).
OFFICER_ONLY = {"activities:pairing_create", "activities:pairing_edit"}

MODELS = [Activity, Attendance, Pairing, DutyPost, Pledge, ProsperityPlanEntry, PartySpiritReview, Honor, Attachment]
VERSIONED = [Activity, Pairing, DutyPost, Pledge, ProsperityPlanEntry, PartySpiritReview, Honor]


def snapshot() -> dict[str, Any]:
    """Everything a page could change, to show that a refused request changed nothing."""
    state: dict[str, Any] = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}
    state["versions"] = sorted(
        (m.__name__, pk, v) for m in VERSIONED for pk, v in m.objects.values_list("pk", "version")
    )
    state["attendance"] = sorted(Attendance.objects.values_list("pk", "present", "absence_reason"))
    state["audit"] = LogEntry.objects.count()
    return state


def _request(client: Any, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.parametrize("route", SCOPED_ROUTES, ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branchs_record(
    route: Route, both_activities: Any, secretary_a: Any, client_for: Any
) -> None:
    _, records_b = both_activities
    client = client_for(secretary_a)
    before = snapshot()
    for method in route.methods:
        response = _request(client, method, route.url(records_b))
        assert response.status_code == 404, f"{method} {route.name}: {response.status_code}"
    assert snapshot() == before


@pytest.mark.parametrize("route", [r for r in ROUTES if "GET" in r.methods], ids=lambda r: r.name)
def test_secretary_reaches_their_own_pages(route: Route, both_activities: Any, secretary_a: Any, client_for: Any):
    records_a, _ = both_activities
    response = client_for(secretary_a).get(route.url(records_a))
    assert response.status_code == (403 if route.name in OFFICER_ONLY else 200), route.name


@pytest.mark.parametrize(
    "url_name",
    ["activities:list", *(f"activities:{k}_list" for k in ("duty_post", "pledge", "prosperity", "review", "honor"))],
)
def test_lists_never_show_another_branch(url_name: str, both_activities: Any, secretary_a: Any, client_for: Any):
    page = client_for(secretary_a).get(reverse(url_name)).content.decode()
    assert "甲党员" in page
    assert "乙党员" not in page and "乙村党支部" not in page


def test_filtering_by_another_branch_shows_nothing_of_it(
    both_activities: Any, secretary_a: Any, client_for: Any
) -> None:
    _, records_b = both_activities
    client = client_for(secretary_a)
    for url_name in ["activities:list", "activities:pledge_list", "activities:honor_list"]:
        page = client.get(reverse(url_name), {"org": records_b.org.pk}).content.decode()
        assert "乙党员" not in page, url_name


def test_pairings_show_only_the_secretarys_own(both_activities: Any, secretary_a: Any, client_for: Any) -> None:
    page = client_for(secretary_a).get(reverse("activities:pairing_list")).content.decode()
    assert "甲村党支部" in page and "乙村党支部" not in page


def test_the_form_offers_only_the_secretarys_own_members(
    both_activities: Any, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    for url_name in ["activities:create", "activities:pledge_create", "activities:review_create"]:
        page = client.get(reverse(url_name)).content.decode()
        assert "甲党员1" in page and "乙党员" not in page, url_name


def test_officer_sees_both_branches(both_activities: Any, officer: Any, client_for: Any) -> None:
    page = client_for(officer).get(reverse("activities:list")).content.decode()
    assert "甲党员学习会" in page and "乙党员学习会" in page


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, both_activities: Any, client: Any) -> None:
    records_a, _ = both_activities
    for method in route.methods:
        response = _request(client, method, route.url(records_a))
        assert response.status_code == 302 and reverse("login") in response["Location"], route.name


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_member_data(
    route: Route, persona: str, both_activities: Any, request: Any, client_for: Any
) -> None:
    records_a, _ = both_activities
    client = client_for(request.getfixturevalue(persona))
    before = snapshot()
    for method in route.methods:
        response = _request(client, method, route.url(records_a))
        assert response.status_code == 403, f"{persona} {method} {route.name}: {response.status_code}"
        assert "甲党员" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_inspector_reads_everything_and_writes_nothing(
    route: Route, both_activities: Any, inspector: Any, client_for: Any
) -> None:
    _, records_b = both_activities
    client = client_for(inspector)
    before = snapshot()
    if route.writes:
        for method in route.methods:
            response = _request(client, method, route.url(records_b))
            assert response.status_code == 403, f"{method} {route.name}: {response.status_code}"
    else:
        assert client.get(route.url(records_b)).status_code == 200
    assert snapshot() == before
