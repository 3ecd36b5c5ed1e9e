"""The 台账 workbook: one sheet per ledger over the user's scope, formatted for printing."""

from __future__ import annotations

import io
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from wuji.core.scoping import can_see_personal_data, scope_root
from wuji.ledgers import registry
from wuji.ledgers.exports import sheet_name, write_sheet


def ledger_workbook(*, user: Any) -> tuple[bytes, dict[str, int]]:
    """Every ledger the user may read, as printable sheets; and the row count of each."""
    root = scope_root(user)
    ctx = registry.ExportContext(user=user, full_personal_data=can_see_personal_data(user))
    workbook = Workbook()
    default = workbook.active
    taken: set[str] = set()
    counts: dict[str, int] = {}
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    for ledger in registry.all_ledgers():
        sheet = workbook.create_sheet(sheet_name(ledger.title, taken))
        objects = ledger.export_queryset(user)
        counts[ledger.name] = write_sheet(
            sheet,
            title=f"{root.name if root else ''}{ledger.title}",
            headers=ledger.headers(),
            rows=(ledger.export_row(obj, ctx) for obj in objects),
            subtitle=f"截至 {stamp}",
            widths={i: col.width for i, col in enumerate(ledger.columns, start=1)},
        )
    if default is not None and len(workbook.worksheets) > 1:
        workbook.remove(default)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), counts
