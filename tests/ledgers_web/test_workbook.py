"""The 台账 workbook: one printable sheet per ledger over the user's scope."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wuji.audit.models import SecurityEvent
from wuji.ledgers import registry
from wuji.support import services as support_services
from wuji.support.models import CollectiveIncome

pytestmark = pytest.mark.django_db


def test_a_sheet_per_ledger_formatted_for_printing(
    township: Any, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    for org in (township.village_a, township.village_b):
        support_services.income_save(
            user=officer, income=CollectiveIncome(org=org, year=2009, total=Decimal(5), operating=Decimal(0))
        )
    response = client_for(secretary_a).get(reverse("ledgers:workbook"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [ledger.title for ledger in registry.all_ledgers()]
    sheet = book["村级集体经济收入台账"]
    assert "甲村党支部" in str(sheet["A1"].value)  # the title names the scope
    assert [c.value for c in sheet[3]][:3] == ["所在党组织", "年度", "集体经济收入（元）"]
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.column_dimensions["A"].width >= 10
    assert [r[0] for r in sheet.iter_rows(min_row=4, values_only=True)] == ["T01V1"]  # not 乙村
    assert SecurityEvent.objects.filter(action="export", actor=secretary_a).exists()
