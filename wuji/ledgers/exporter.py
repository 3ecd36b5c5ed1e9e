"""Export a ledger (or any queryset a list page shows) to .xlsx bytes, streamed with write-only openpyxl.

The columns are the ledger's import headers, so an export can be edited and imported back.
ID numbers and phones are masked unless the user may see personal data; text cells that
begin with =, +, -, @, a tab or a CR get a leading apostrophe (see the registry docstring).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from wuji.core.scoping import can_read_member_data, can_see_personal_data
from wuji.ledgers.reading import neutralise
from wuji.ledgers.registry import ExportContext, Ledger

DATE_FORMAT = "yyyy-mm-dd"
BATCH = 2000


def export_rows(ledger: Ledger, queryset: QuerySet[Any], ctx: ExportContext) -> Iterator[list[object]]:
    """Each object's cells, read in batches (prefetches included) so memory stays flat on large tables."""
    for obj in queryset.iterator(chunk_size=BATCH):
        yield ledger.export_row(obj, ctx)


def export_workbook(ledger: Ledger, *, user: Any, queryset: QuerySet[Any] | None = None, request: Any = None) -> bytes:
    """The ledger as .xlsx bytes; `queryset` (already scoped and filtered) defaults to the ledger's own.

    One audit event per call; `request` (optional) gives it the address.
    """
    if not can_read_member_data(user):
        raise PermissionDenied("您的角色不能导出台账")
    if queryset is None:
        queryset = ledger.export_queryset(user)
    ctx = ExportContext(user=user, full_personal_data=can_see_personal_data(user))
    book = Workbook(write_only=True)
    sheet = book.create_sheet(ledger.title)
    for index, col in enumerate(ledger.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = col.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for col in ledger.columns:
        cell = WriteOnlyCell(sheet, value=col.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in export_rows(ledger, queryset, ctx):
        row: list[Any] = []
        for value in values:
            if isinstance(value, dt.date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATE_FORMAT
                row.append(cell)
            else:
                row.append(neutralise(value))
        sheet.append(row)
        count += 1
    buffer = io.BytesIO()
    book.save(buffer)
    _record(ledger, user, count, ctx.full_personal_data, request)
    return buffer.getvalue()


def _record(ledger: Ledger, user: Any, count: int, full: bool, request: Any) -> None:
    from wuji.audit.events import record_event

    masked = "完整个人信息" if full else "个人信息已脱敏"
    record_event(
        action="export",
        actor=user,
        request=request,
        object_repr=f"导出{ledger.title}（{ledger.name}）：{count} 行，{masked}",
        detail={"ledger": ledger.name, "rows": count, "masked": not full},
    )
