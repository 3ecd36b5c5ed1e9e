"""Workbooks as a village clerk makes them, and private storage in a temporary directory."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

INCOME_HEADERS = ["序号", "所在党组织", "年度", "集体经济收入（元）", "其中经营性收入（元）"]


def clerk_workbook(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str = "") -> bytes:
    """A title row merged across the table, then the header, then the rows (dates as the clerk typed them)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append([title])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "台账.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def income_rows(org_code: str, years: Sequence[int] = (2008, 2009)) -> list[list[Any]]:
    return [[i + 1, org_code, year, 30000 + year, 1000] for i, year in enumerate(years)]


@pytest.fixture(autouse=True)
def private_root(settings: Any, tmp_path: Path) -> Path:
    settings.WUJI_PRIVATE_ROOT = tmp_path / "private"
    return Path(settings.WUJI_PRIVATE_ROOT)


@pytest.fixture
def today() -> dt.date:
    return dt.date.today()
