"""List pages run a fixed number of queries, whatever the number of rows (pinned)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.people import services as people_services
from wuji.people.choices import Pool, Title
from wuji.people.models import Position

pytestmark = pytest.mark.django_db

# Pinned counts: a change that adds a query per row (or any query) fails here first.
PINNED = {
    "people:list": 8,
    "orgs:tree": 15,
    "home": 16,
    "audit:list": 8,
}


def grow(township: Township, n: int) -> None:
    """Add n members with posts, pool entries and source tags to each village."""
    for village in (township.village_a, township.village_b):
        officer = writer_for(village)
        for i in range(n):
            person = make_full_member(org=village, full_on=dt.date(2000 + i % 20, 7, 1))
            if i == 0 and not Position.objects.filter(org=village, title=Title.SECRETARY).exists():
                people_services.position_assign(
                    user=officer, person=person, org=village, title=Title.SECRETARY, started_on=dt.date(2021, 1, 1)
                )
            people_services.pool_enter(
                user=officer, person=person, org=village, pool=Pool.PRACTICAL_TALENT, entered_on=dt.date(2021, 1, 1)
            )
            people_services.training_record(
                user=officer, person=person, name=f"培训{i}", category="cadre", started_on=dt.date(2021, 3, 1)
            )
        PersonFactory(org=village)


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["people:list", "orgs:tree", "home"])
def test_list_pages_run_a_fixed_number_of_queries(
    url_name: str, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    grow(township, 2)
    small = count_queries(client, reverse(url_name))
    grow(township, 6)
    large = count_queries(client, reverse(url_name))
    assert small == large == PINNED[url_name], (small, large)


def test_audit_list_runs_a_fixed_number_of_queries(township: Township, auditor: Any, client_for: Any) -> None:
    client = client_for(auditor)
    grow(township, 1)
    small = count_queries(client, reverse("audit:list"))
    grow(township, 3)
    large = count_queries(client, reverse("audit:list"))
    assert small == large == PINNED["audit:list"], (small, large)
