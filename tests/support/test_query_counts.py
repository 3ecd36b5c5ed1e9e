"""基本保障 pages run a fixed number of queries, whatever the number of villages or rows (pinned)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from tests.support.conftest import make_support_records
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, OrgKind
from wuji.people import services as people_services
from wuji.people.choices import Title
from wuji.support import services
from wuji.support.models import CollectiveIncome, PensionEnrollment, RetirementSubsidy

pytestmark = pytest.mark.django_db

# Pinned counts: a change that adds a query per row (or any query) fails here first.
PINNED = {
    "support:facility_overview": 11,
    "support:income_trend": 7,
    "support:subsidy_list": 11,
    "support:site_list": 12,
    "support:pension_list": 12,
    "support:facility_list": 7,
}
_made = {"n": 0}


def grow(township: Township, n: int) -> None:
    """Add n villages with a full set of 基本保障 records, and more incomes and subsidies."""
    builder = writer_for(township.township)
    for _ in range(n):
        _made["n"] += 1
        i = _made["n"]
        village = org_services.org_create(
            user=builder,
            parent=township.township,
            name=f"增村{i}党支部",
            code=f"T01X{i}",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
            founded_on=dt.date(1990, 1, 1),
        )
        records = make_support_records(township, village, prefix=f"增{i}")
        for year in (2007, 2008, 2010):
            services.income_save(
                user=builder,
                income=CollectiveIncome(org=village, year=year, total=Decimal(40000 + 5000 * i), operating=Decimal(0)),
            )
        chair = PersonFactory(org=village)
        people_services.position_assign(
            user=builder,
            person=chair,
            org=village,
            title=Title.VILLAGE_CHAIR,
            started_on=dt.date(2009, 1, 1),
        )
        services.pension_save(
            user=builder,
            enrollment=PensionEnrollment(
                person=chair, org=village, scheme="rural_basic", enrolled_on=dt.date(2009, 6, 1)
            ),
        )
        old = make_full_member(org=village, full_on=dt.date(1990, 7, 1))
        people_services.position_assign(
            user=builder,
            person=old,
            org=village,
            title=Title.SECRETARY,
            started_on=dt.date(1995, 1, 1),
            ended_on=dt.date(2004, 12, 31),
        )
        services.retirement_subsidy_save(
            user=builder,
            subsidy=RetirementSubsidy(
                person=old, org=village, started_on=dt.date(2005, 1, 1), monthly_amount=Decimal(200)
            ),
        )
        assert records.room.pk


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"as_of": "2010-12-31"})
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", sorted(PINNED))
def test_pages_run_a_fixed_number_of_queries(url_name: str, township: Township, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    grow(township, 2)
    small = count_queries(client, reverse(url_name))
    grow(township, 6)
    large = count_queries(client, reverse(url_name))
    assert small == large == PINNED[url_name], (small, large)


def test_the_income_trend_reads_incomes_in_one_query(township: Township, officer: Any) -> None:
    from wuji.support.selectors import income_trend

    grow(township, 3)
    with CaptureQueriesContext(connection) as ctx:
        rows = income_trend(user=officer, end_year=2010)
    assert len(ctx.captured_queries) == 1
    assert len(rows) == 5  # 甲, 乙 and the three new villages
    assert all(len(row.cells) == 5 for row in rows)
