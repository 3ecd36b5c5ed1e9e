"""Scope on every /ledgers/ page: a secretary imports and exports only their own branch's rows.

ROUTES lists every URL of the ledgers app (tests/test_every_url_is_covered.py fails for a
name missing here). An import job is its uploader's alone: anyone else gets 404 on it and
its files. A row for another branch in a workbook is an error naming row and column.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_full_member
from tests.ledgers_web.conftest import INCOME_HEADERS, clerk_workbook, income_rows, upload
from wuji.ledgers import exports, jobs
from wuji.ledgers.models import ImportJob
from wuji.support import services as support_services
from wuji.support.models import CollectiveIncome

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[ImportJob], list[Any]]  # the URL's arguments, given village B's job
    writes: bool
    methods: tuple[str, ...] = ("GET",)
    job: bool = False  # the URL is about one import job (its uploader's alone)

    def url(self, job: ImportJob) -> str:
        return reverse(self.name, args=self.args(job))


def none(job: ImportJob) -> list[Any]:
    return []


def job_pk(job: ImportJob) -> list[Any]:
    return [job.pk]


ROUTES = [
    Route("ledgers:index", none, False),
    Route("ledgers:template", lambda j: ["income"], False),
    Route("ledgers:upload", none, True, ("POST",)),
    Route("ledgers:job", job_pk, False, job=True),
    Route("ledgers:job_progress", job_pk, False, job=True),
    Route("ledgers:job_confirm", job_pk, True, ("POST",), job=True),
    Route("ledgers:job_file", job_pk, False, job=True),
    Route("ledgers:job_errors", job_pk, False, job=True),
    Route("ledgers:export", lambda j: ["income"], False),
    Route("ledgers:workbook", none, False),
]


@pytest.fixture
def job_b(township: Any, secretary_b: Any, django_capture_on_commit_callbacks: Any) -> ImportJob:
    """Village B's secretary has uploaded a workbook with one bad row (so every job page has content)."""
    rows = [*income_rows("T01V2", (2008,)), [2, "T01V2", "明年", 1, 0]]
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_create(
            user=secretary_b, ledger_name="income", upload=upload(clerk_workbook(INCOME_HEADERS, rows))
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    return job


@pytest.mark.parametrize("route", [r for r in ROUTES if r.job], ids=lambda r: r.name)
def test_another_branchs_job_is_404(route: Route, job_b: ImportJob, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    for method in route.methods:
        response = client.get(route.url(job_b)) if method == "GET" else client.post(route.url(job_b))
        assert response.status_code == 404, f"{method} {route.name}"
        assert "乙" not in response.content.decode()


@pytest.mark.parametrize("route", [r for r in ROUTES if r.job and "GET" in r.methods], ids=lambda r: r.name)
def test_the_uploader_reaches_their_job(route: Route, job_b: ImportJob, secretary_b: Any, client_for: Any) -> None:
    assert client_for(secretary_b).get(route.url(job_b)).status_code == 200, route.name


@pytest.mark.parametrize("route", [r for r in ROUTES if not r.job and "GET" in r.methods], ids=lambda r: r.name)
def test_member_data_roles_reach_the_pages_and_others_do_not(
    route: Route, job_b: ImportJob, secretary_a: Any, inspector: Any, auditor: Any, sysadmin: Any, client_for: Any
) -> None:
    for user in (secretary_a, inspector):
        assert client_for(user).get(route.url(job_b)).status_code == 200, (route.name, user)
    for user in (auditor, sysadmin):
        assert client_for(user).get(route.url(job_b)).status_code == 403, (route.name, user)


def test_a_row_for_another_branch_is_an_error_and_nothing_is_written(
    township: Any, secretary_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    rows = [*income_rows("T01V1", (2009,)), [2, "T01V2", 2009, 500, 0]]
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.job_create(
            user=secretary_a, ledger_name="income", upload=upload(clerk_workbook(INCOME_HEADERS, rows))
        )
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [{"row": 3, "column": "所在党组织", "message": job.errors[0]["message"]}]
    assert "管辖范围" in job.errors[0]["message"]
    assert not CollectiveIncome.objects.exists()


@pytest.mark.parametrize("key", sorted(exports.all_specs()))
def test_every_export_holds_only_the_secretarys_branch(
    key: str, township: Any, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    make_full_member(org=township.village_b, name="乙村党员")
    support_services.income_save(
        user=officer, income=CollectiveIncome(org=township.village_b, year=2009, total=Decimal(9), operating=Decimal(0))
    )
    response = client_for(secretary_a).get(reverse("ledgers:export", args=[key]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None)
    assert "乙村" not in cells and "T01V2" not in cells, key


def test_the_workbook_holds_only_the_secretarys_branch(
    township: Any, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    make_full_member(org=township.village_b, name="乙村党员")
    response = client_for(secretary_a).get(reverse("ledgers:workbook"))
    book = load_workbook(io.BytesIO(response.content))
    cells = " ".join(
        str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c is not None
    )
    assert "乙村" not in cells and "T01V2" not in cells


def test_the_index_page_query_count_is_pinned(
    township: Any, secretary_a: Any, client_for: Any, django_assert_num_queries: Any, job_b: ImportJob
) -> None:
    client = client_for(secretary_a)
    for year in (2007, 2008, 2009):
        jobs_rows = income_rows("T01V1", (year,))
        client.post(
            reverse("ledgers:upload"),
            {"ledger": "income", "workbook": upload(clerk_workbook(INCOME_HEADERS, jobs_rows))},
        )
    client.get(reverse("ledgers:index"))  # warm the registry
    with django_assert_num_queries(4):  # session, user (+ org), recent jobs
        response = client.get(reverse("ledgers:index"))
    assert response.status_code == 200
    assert response.content.decode().count(reverse("ledgers:job", args=[0]).replace("/0/", "/")) >= 3
