"""基本制度 lists run a fixed number of queries, whatever the number of rows or orgs (pinned)."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, Township, writer_for
from tests.governance.conftest import DAY, record_steps
from wuji.governance import services
from wuji.governance.choices import ArchiveCategory, AssetKind, DisclosureKind, RuleKind
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    PerformanceRecord,
)
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization

pytestmark = pytest.mark.django_db

# Pinned counts: a change that adds a query per row (or any query) fails here first. Each includes the
# session and user (2), saving the as-of day in the session (3) and the org filter's choices (counted,
# then listed: 2); the rules page adds the org × kind table (one query), the matter list its steps and
# disclosures (prefetched).
PINNED = {
    "governance:rule_list": 13,
    "governance:matter_list": 11,
    "governance:disclosure_list": 9,
    "governance:performance_list": 9,
    "governance:archive_list": 10,
    "governance:asset_list": 10,
    "governance:finance_list": 10,
}
_codes = count(1)


def grow(township: Township, n: int) -> None:
    """Add n villages and an organ, each with n records of every kind (rules with superseded versions)."""
    officer = writer_for(township.township)
    organ = org_services.org_create(
        user=officer,
        parent=township.township,
        name=f"机关{next(_codes)}",
        code=f"G{next(_codes)}",
        kind=OrgKind.BRANCH,
        category=Category.ORGAN,
    )
    cadre = PersonFactory(org=organ)
    for _ in range(n):
        code = next(_codes)
        village: Organization = org_services.org_create(
            user=officer,
            parent=township.township,
            name=f"村{code}",
            code=f"V{code}",
            kind=OrgKind.BRANCH,
            category=Category.VILLAGE,
        )
        for i, kind in enumerate(list(RuleKind)[:n]):
            for version in range(2):
                services.rule_document_adopt(
                    user=officer,
                    org=village,
                    kind=kind,
                    title=f"{kind.label}{version}",
                    effective_on=dt.date(2019 + version, 1, 1 + i),
                    text="x",
                )
        for i in range(n):
            matter = services.matter_create(user=officer, org=village, title=f"事项{i}")
            record_steps(matter, officer, 1 + i % 5)
            if i % 5 >= 2:
                services.matter_disclose(
                    user=officer,
                    matter=matter,
                    kind=DisclosureKind.PROPOSAL,
                    content="x",
                    published_on=dt.date(2021, 4, 1),
                )
            services.disclosure_save(
                user=officer,
                disclosure=Disclosure(org=village, kind=DisclosureKind.VILLAGE_AFFAIRS, title=f"公开{i}", content="x"),
            )
            services.archive_record_save(
                user=officer,
                record=ArchiveRecord(org=village, category=list(ArchiveCategory)[i % 6], year=2000 + i, title=f"卷{i}"),
            )
            services.collective_asset_save(
                user=officer,
                asset=CollectiveAsset(
                    org=village, kind=list(AssetKind)[i % 3], description=f"资产{i}", value=100 + i, recorded_on=DAY
                ),
            )
            services.finance_arrangement_save(
                user=officer,
                arrangement=FinanceArrangement(
                    org=village, township_managed=i % 2 == 0, started_on=dt.date(2010 + i, 1, 1)
                ),
            )
            services.performance_record_save(
                user=officer, record=PerformanceRecord(person=cadre, org=organ, recorded_on=DAY, content=f"业绩{i}")
            )


def count_queries(client: Any, url: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", list(PINNED))
def test_lists_run_a_fixed_number_of_queries(url_name: str, township: Township, officer: Any, client_for: Any):
    client = client_for(officer)
    grow(township, 2)
    small = count_queries(client, reverse(url_name), as_of="2021-06-30")
    grow(township, 6)
    large = count_queries(client, reverse(url_name), as_of="2021-06-30")
    assert small == large == PINNED[url_name], (small, large)


@pytest.mark.parametrize("url_name", ["governance:rule_list", "governance:matter_list"])
def test_filtered_and_htmx_lists_too(url_name: str, township: Township, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    grow(township, 2)
    params = {"org": township.township.pk, "as_of": "2021-06-30"}
    small = count_queries(client, reverse(url_name), **params)
    grow(township, 5)
    assert count_queries(client, reverse(url_name), **params) == small
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse(url_name), params, HTTP_HX_REQUEST="true")
    assert len(ctx.captured_queries) <= small


def test_the_coverage_table_is_one_query(township: Township, officer: Any, django_assert_num_queries: Any) -> None:
    from wuji.governance.selectors import rule_coverage

    grow(township, 3)
    with django_assert_num_queries(1):
        coverage = rule_coverage(user=officer, day=dt.date(2021, 6, 30))
    assert len(coverage.rows) == 4 + 1 + 3  # the test township, and the organ and villages grow() added
