"""The blank template of a ledger: exactly the headers the import reads, a help sheet, drop-downs.

Sheet 1 (the ledger's title) has the header row (required columns bold and red-marked) and
columns formatted as text where Excel would otherwise mangle the value (ID numbers, phones).
Sheet 2 "填写说明" explains every column and its allowed values. Sheet 3 "可选值" (hidden)
holds the lists the drop-downs of sheet 1 point to.
"""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from wuji.core.scoping import scope
from wuji.ledgers.reading import DATE_HINT
from wuji.ledgers.registry import Column, Ledger

HELP_SHEET = "填写说明"
LISTS_SHEET = "可选值"
DATA_ROWS = 2000
KIND_HELP = {
    "text": "文字",
    "int": "整数",
    "decimal": "数字",
    "date": f"日期，{DATE_HINT}",
    "choice": "从下拉列表中选择",
    "org": "组织代码或组织全称",
    "id": "18位公民身份号码",
    "phone": "11位手机号码",
    "bool": "是／否",
}


def _org_labels(user: Any) -> list[str]:
    from wuji.orgs.models import Organization

    if user is None:
        return []
    return [
        o.name for o in scope(Organization.objects.filter(dissolved_on__isnull=True), user, via="").order_by("path")
    ]


def _list_values(col: Column, user: Any) -> list[str]:
    if col.kind == "choice":
        return list(dict.fromkeys(col.labels()))
    if col.kind == "org":
        return _org_labels(user)
    if col.kind == "bool":
        return ["是", "否"]
    return []


def template_workbook(ledger: Ledger, *, user: Any = None) -> bytes:
    """The template as .xlsx bytes; with a `user`, org columns get a drop-down of the orgs in their scope."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = ledger.title
    lists = book.create_sheet(LISTS_SHEET)
    help_sheet = book.create_sheet(HELP_SHEET, index=1)
    required_font = Font(bold=True, color="C00000")
    fill = PatternFill("solid", fgColor="DDEBF7")
    list_index = 0
    for index, col in enumerate(ledger.columns, start=1):
        cell = sheet.cell(row=1, column=index, value=col.header)
        cell.font = required_font if col.required else Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = col.width
        if col.kind in {"id", "phone", "text", "org", "choice"}:
            sheet.column_dimensions[letter].number_format = "@"  # keep 18-digit numbers as text
        values = _list_values(col, user)
        if values:
            list_index += 1
            list_column = get_column_letter(list_index)
            lists.cell(row=1, column=list_index, value=col.header)
            for offset, value in enumerate(values, start=2):
                lists[f"{list_column}{offset}"] = value
            source = f"{quote_sheetname(LISTS_SHEET)}!${list_column}$2:${list_column}${len(values) + 1}"
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=not col.required,
                showErrorMessage=col.kind == "choice",
                errorTitle="不在可选范围内",
                error=f"{col.header}请从下拉列表中选择",
            )
            sheet.add_data_validation(validation)
            validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")
    sheet.freeze_panes = "A2"
    lists.sheet_state = "hidden"

    help_sheet.append(["列名", "是否必填", "填写要求", "可填写的值"])
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = fill
    for col in ledger.columns:
        allowed = "、".join(_list_values(col, user)) if col.kind != "org" else ""
        explain = "；".join(x for x in (KIND_HELP.get(col.kind, ""), col.help) if x)
        help_sheet.append([col.header, "必填" if col.required else "选填", explain, allowed])
    help_sheet.append([])
    for line in (
        "表头上方可以有标题行，表格中可以有“序号”列和空行，多出的列不会读取。",
        "所有行都检查无误才会写入；有任何一行出错，一行也不写入，并逐行列出错误。",
        "同一文件重复导入不会重复登记：已登记且内容相同的行保持不变。选填列留空表示不修改已登记的内容。",
        "导出文件中以 = + - @ 开头的文字前加了一个英文单引号（'），防止被当作公式；导入时会自动去掉。",
    ):
        help_sheet.append([line])
    for letter, width in (("A", 18), ("B", 10), ("C", 60), ("D", 60)):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
