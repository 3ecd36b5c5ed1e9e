"""Every list endpoint asks the database a fixed number of questions, however many rows it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.api.conftest import World, make_api_records
from tests.api.test_scope import LIST_ROUTES
from tests.factories import writer_for
from wuji.assessment import rectification as rect
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, OrgKind

pytestmark = pytest.mark.django_db

# Token lookup (1, with the user) and the user's org (1) come first; then count, page and prefetches.
PINNED = {
    "api:org-list": 5,
    "api:person-list": 5,
    "api:position-list": 4,
    "api:pool-list": 4,
    "api:training-list": 4,
    "api:activity-list": 4,
    "api:matter-list": 7,
    "api:facility-list": 4,
    "api:income-list": 4,
    "api:assessment-list": 4,
    "api:rectification-list": 4,
}


def counts(client: Any) -> dict[str, tuple[int, int]]:
    """(queries, rows shown) of every list endpoint."""
    result = {}
    for route in LIST_ROUTES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(route.name) + "?reveal=0")
        assert response.status_code == 200
        result[route.name] = (len(queries), len(response.json()["results"]))
    return result


def grow(world: World) -> None:
    """Two more villages with a row of every kind, and a second published assessment with its items."""
    builder = writer_for(world.township.township)
    for n in (3, 4):
        org = org_services.org_create(
            user=builder,
            parent=world.township.township,
            name=f"{n}村党支部",
            code=f"T01V{n}",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
            founded_on=dt.date(1990, 1, 1),
        )
        make_api_records(org, name=f"{n}号书记")
    final = assessment_create(
        user=world.officer, campaign=world.assessment.campaign, kind="final", as_of=dt.date(2021, 10, 31)
    )
    final = assessment_publish(user=world.officer, assessment=final)
    rect.rectifications_draft(user=world.officer, assessment=final)


def test_list_query_counts_are_pinned_and_do_not_grow_with_rows(world: World, api_for: Any) -> None:
    client = api_for(world.officer)
    small = counts(client)
    grow(world)
    large = counts(client)
    for name, (queries, rows) in small.items():
        grown_queries, grown_rows = large[name]
        assert grown_rows > rows, name
        assert grown_queries == queries, (name, queries, grown_queries)
    assert {name: queries for name, (queries, _) in large.items()} == PINNED
