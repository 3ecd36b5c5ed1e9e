"""Review: the 人员名册 export (the people list's "导出 Excel") runs in a fixed number of queries."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import PersonFactory, Township

pytestmark = pytest.mark.django_db


def _export_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("ledgers:export", args=["people"]))
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_people_export_does_not_query_per_person(township: Township, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    PersonFactory(org=township.village_a)
    few = _export_queries(client)
    for _ in range(5):
        PersonFactory(org=township.village_a)
    assert _export_queries(client) == few
