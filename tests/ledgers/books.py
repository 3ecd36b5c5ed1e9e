"""Workbooks the way a village clerk makes them: a merged title row, 序号, blank rows, mixed dates."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook, load_workbook

from wuji.core import idcard

PEOPLE_HEADERS = [
    "序号",
    "姓名",
    "公民身份号码",
    "性别",
    "出生日期",
    "民族",
    "学历",
    "所在党组织",
    "人员类别",
    "入党日期",
    "转正日期",
    "手机号码",
    "人员来源",
    "备注",
]


def id_number(n: int, *, gender: str = "M", birth: dt.date = dt.date(1970, 3, 5), allow_x: bool = False) -> str:
    """A valid, unique number per n (without the X check digit unless allowed, so it fits a number cell)."""
    day = birth + dt.timedelta(days=n // 400)
    while True:
        number = idcard.make("420526", day, (n % 400) * 2, gender)
        if allow_x or not number.endswith("X"):
            return number
        day = day.replace(year=day.year + 1)


def clerk_book(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str = "甲村党员花名册",
    blank_after: Sequence[int] = (),
    date_cells: bool = False,
) -> bytes:
    """Title row merged over the header, a 填报单位 line, then the header; blank rows where asked.

    Row numbers as Excel shows them: title 1, 填报 line 2, header 3, first data row 4.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "花名册"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet.append(["填报单位：甲村党支部（盖章）", None, None, None, "填报日期：2010年10月"])
    sheet.append(list(headers))
    for index, row in enumerate(rows):
        sheet.append(list(row))
        if index in blank_after:
            sheet.append([None] * len(headers))
    sheet.append([])
    sheet.append(["填表人：张会计"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_book(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_rows(data: bytes, sheet: int = 0) -> list[tuple[Any, ...]]:
    book = load_workbook(io.BytesIO(data))
    return [tuple(r) for r in book.worksheets[sheet].iter_rows(values_only=True)]
