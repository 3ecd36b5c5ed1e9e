"""入侵防范: every ledger's import, fed arbitrary cells by hypothesis, answers with row errors or rows — never an
exception — and a dry run writes nothing.

Each example is a workbook with the ledger's own headers and a few rows of hostile cells (formulas, huge and
negative numbers, impossible dates, control characters, very long text, numbers where text goes and back).
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.factories import Township
from wuji.ledgers import registry
from wuji.ledgers.importer import import_workbook
from wuji.people.models import Person

pytestmark = pytest.mark.django_db

EXAMPLES_PER_LEDGER = 6

TEXT = st.sampled_from(
    [
        "",
        "  ",
        "=1+1",
        "@SUM(A1)",
        "+86",
        "-0",
        "２０１０年４月１５日",
        "2010-02-30",
        "2010.13",
        "0000-00-00",
        "男",
        "女",
        "未知",
        "正式党员",
        "入党积极分子",
        "T01V1",
        "甲村党支部",
        "不存在的组织",
        "11010519491231002X",
        "11010519491231002x",
        "110105194912310021",
        "13800138000",
        "<script>alert(1)</script>",
        "合计",
        "\x00\x01",
        "𠀀𠀁",
        "党" * 300,
    ]
)
CELL = st.one_of(
    TEXT,
    st.text(max_size=20),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.none(),
)


def workbook(headers: list[str], rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        cells = []
        for value in row:
            # openpyxl refuses control characters and infinities in cells: a real file cannot hold them either.
            if isinstance(value, str):
                value = "".join(ch for ch in value if ch >= " " or ch in "\t\n")
            if isinstance(value, float) and (value != value or value in {float("inf"), float("-inf")}):
                value = str(value)
            cells.append(value)
        sheet.append(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(ledger.name for ledger in registry.all_ledgers()))
def test_no_workbook_makes_an_import_fail_with_an_exception(name: str, township: Township, officer: Any) -> None:
    ledger = registry.get(name)
    headers = ledger.headers()
    before = Person.objects.count()

    @settings(
        max_examples=EXAMPLES_PER_LEDGER,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.lists(st.lists(CELL, min_size=len(headers), max_size=len(headers)), min_size=1, max_size=3))
    def check(rows: list[list[Any]]) -> None:
        result = import_workbook(ledger, workbook(headers, rows), user=officer, dry_run=True, filename="f.xlsx")
        for issue in result.errors:
            assert issue.message and (issue.row == 0 or issue.row >= 2)  # a row (or the file) and why

    check()
    assert Person.objects.count() == before  # dry runs wrote nothing
