"""Import a ledger workbook: validate every row through the services, write all or nothing.

The workbook is streamed (openpyxl read-only); rows are handled in chunks of
`registry.CHUNK_SIZE` so a ledger can look up what it needs for a chunk in a few
queries. Every row runs in its own savepoint inside one transaction; the errors
of all rows are collected and, if there is any (or on a dry run), the whole
transaction is rolled back, so nothing is written unless every row passes.

A ledger may also offer a bulk path (optional methods, found with getattr):

* ``plan_row(ctx, row) -> Outcome | None``: validate a row with the same rules as the
  services and keep the unsaved records in ``ctx.cache`` (no write, so no savepoint);
  raise as ``import_row`` does. ``None`` means "use ``import_row`` for this row".
* ``write_planned(ctx, *, discard: bool) -> None``: called after each chunk; write what
  was planned (bulk inserts, audit rows) or, once some row has failed and the import
  will be rolled back anyway, just forget it.

Rows that are neither blank nor data — a clerk's 合计/小计/总计 line (its first filled cell
says so and the other required cells are blank) — are skipped like blank rows. A value
merged down several data rows (所在党组织 over rows 5–9) is filled down: the merged
ranges are read from the sheet's XML once, since read-only sheets do not expose them.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from wuji.core import idcard
from wuji.core.scoping import scope
from wuji.core.uploads import check_upload
from wuji.ledgers import reading
from wuji.ledgers.registry import CHUNK_SIZE, Column, ImportContext, Ledger, Outcome, Row, RowError
from wuji.orgs.models import Organization

HEADER_SEARCH_ROWS = 30
ERROR_HEADER = "错误原因"
REFUSED_EXTENSIONS = (".xlsm", ".xls", ".xlsb", ".csv", ".et", ".ods")
TOTAL_MARKERS = frozenset({"合计", "小计", "总计", "共计"})
PROGRESS_EVERY = 100
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


class WorkbookError(Exception):
    """The file as a whole cannot be imported (wrong type, no header row …); the message is for the user."""


@dataclass(frozen=True)
class Issue:
    row: int  # the row number Excel shows (0: the file as a whole)
    column: str  # the header of the column ("" for the whole row)
    message: str

    def __str__(self) -> str:
        where = f"第 {self.row} 行" if self.row else "文件"
        return f"{where} {self.column}：{self.message}" if self.column else f"{where}：{self.message}"


@dataclass
class ImportResult:
    ledger: str
    dry_run: bool
    sheet: str = ""
    header_row: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[Issue] = field(default_factory=list)
    rows: list[tuple[int, Outcome, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def committed(self) -> bool:
        return self.ok and not self.dry_run

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged

    def summary(self) -> str:
        counts = f"新增 {self.created} 行，更新 {self.updated} 行，不变 {self.unchanged} 行"
        if self.errors:
            bad = len({i.row for i in self.errors})
            return f"{bad} 行有错误（共 {len(self.errors)} 处），未写入任何数据；其余各行：{counts}"
        return f"试导入（未写入）：{counts}" if self.dry_run else f"已导入：{counts}"


def _open(source: str | Path | bytes | IO[bytes], filename: str) -> tuple[IO[bytes], str]:
    if isinstance(source, str | Path):
        path = Path(source)
        return io.BytesIO(path.read_bytes()), filename or path.name
    if isinstance(source, bytes):
        return io.BytesIO(source), filename
    return source, filename or str(getattr(source, "name", "") or "")


def check_workbook_file(source: str | Path | bytes | IO[bytes], filename: str = "") -> IO[bytes]:
    """Refuse anything but a real .xlsx (macro workbooks, old .xls, bombs) before it is parsed."""
    stream, name = _open(source, filename)
    if name.lower().endswith(REFUSED_EXTENSIONS):
        raise WorkbookError(
            "只接受 .xlsx 格式的 Excel 工作簿（不接受含宏的 .xlsm、旧版 .xls 或其他格式），请另存为 .xlsx 后再导入"
        )
    try:
        check_upload(stream, allowed=("xlsx",))
    except ValidationError as exc:
        raise WorkbookError("；".join(exc.messages)) from None
    stream.seek(0)
    return stream


def _header_map(ledger: Ledger, values: tuple[Any, ...]) -> dict[str, int]:
    wanted: dict[str, str] = {}
    for col in ledger.columns:
        for spelling in (col.header, *col.aliases):
            wanted[reading.clean_header(spelling)] = col.key
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        key = wanted.get(reading.clean_header(value)) if value is not None else None
        if key is not None and key not in found:
            found[key] = index
    return found


def _find_header(ledger: Ledger, workbook: Any) -> tuple[Any, int, dict[str, int]]:
    required = {c.key for c in ledger.columns if c.required}
    best: tuple[int, str, set[str]] | None = None
    for sheet in workbook.worksheets:
        if not hasattr(sheet, "iter_rows"):
            continue
        try:  # the <dimension> the writer recorded, kept as an estimate of the rows for progress reports
            sheet.wuji_max_row = sheet.max_row
        except Exception:  # noqa: BLE001 - a missing or malformed dimension only loses the estimate
            sheet.wuji_max_row = None
        sheet.reset_dimensions()
        for number, values in enumerate(sheet.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True), start=1):
            found = _header_map(ledger, tuple(values))
            if required <= set(found):
                return sheet, number, found
            if len(found) >= 2 and (best is None or len(found) > len(best[2])):
                best = (number, sheet.title, set(found))
    if best is not None:
        missing = [c.header for c in ledger.columns if c.required and c.key not in best[2]]
        raise WorkbookError(f"工作表“{best[1]}”第 {best[0]} 行的表头缺少必填列：{'、'.join(missing)}")
    headers = "、".join(c.header for c in ledger.columns if c.required)
    raise WorkbookError(f"前 {HEADER_SEARCH_ROWS} 行中找不到表头（应含有：{headers}）；请使用“{ledger.title}”的模板")


class _OrgResolver:
    """Orgs by 组织代码 or full name among those in the user's scope, loaded once per import."""

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx
        for org in scope(Organization.objects.all(), ctx.user, via=""):
            self.add(org)
        self.outside: dict[str, bool] = {}

    def add(self, org: Organization) -> None:
        self.ctx.orgs_by_code[reading.clean_header(org.code)] = org
        same = self.ctx.orgs_by_name.setdefault(reading.clean_header(org.name), [])
        same[:] = [o for o in same if o.pk != org.pk] + [org]

    def resolve(self, text: str) -> Organization:
        key = reading.clean_header(text)
        org = self.ctx.orgs_by_code.get(key)
        if org is not None:
            return org
        named = self.ctx.orgs_by_name.get(key, [])
        if len(named) == 1:
            return named[0]
        if len(named) > 1:
            codes = "、".join(o.code for o in named)
            raise reading.CellError(f"有{len(named)}个名为“{text}”的组织，请改填组织代码（{codes}）")
        if key not in self.outside:
            self.outside[key] = Organization.objects.filter(Q(code=text) | Q(name=text)).exists()
        if self.outside[key]:
            raise reading.CellError(f"“{text}”不在您的管辖范围内，不能导入")
        raise reading.CellError(f"找不到党组织“{text}”（请填写组织代码或组织全称）")


def _parse_cell(col: Column, raw: Any, choices: dict[str, str]) -> Any:
    kind = col.kind
    if kind == "text":
        text = reading.clean_text(raw)
        if col.max_length and len(text) > col.max_length:
            raise reading.CellError(f"不能超过{col.max_length}个字（现为{len(text)}个字）")
        return text
    if kind == "date":
        return reading.parse_date(raw)
    if kind in {"int", "decimal"}:
        number: Any = reading.parse_int(raw) if kind == "int" else reading.parse_decimal(raw)
        if col.min_value is not None and number < col.min_value:
            raise reading.CellError(f"不能小于{col.min_value}")
        if col.max_value is not None and number > col.max_value:
            raise reading.CellError(f"不能大于{col.max_value}")
        return number
    if kind == "choice":
        text = reading.clean_text(raw)
        stored = choices.get(text) or choices.get(reading.clean_header(text))  # the label as written, or folded
        if stored is None:
            raise reading.CellError(f"“{text}”不是可选的值；可选：{'、'.join(col.labels())}")
        return stored
    if kind == "id":
        if isinstance(raw, str) and "*" in raw:
            raise reading.CellError("公民身份号码为脱敏显示（含*），不能用于导入；请填写完整号码")
        return reading.parse_id_number(raw)
    if kind == "phone":
        return reading.parse_phone(raw)
    if kind == "bool":
        return reading.parse_bool(raw)
    if kind == "org":
        return reading.clean_text(raw)  # resolved just before the row is imported (earlier rows may add orgs)
    raise AssertionError(f"unknown column kind {kind}")


def _blank_value(col: Column) -> Any:
    return "" if col.kind in {"text", "phone"} else (False if col.kind == "bool" else None)


def _issues_from(exc: Exception, ledger: Ledger, row: Row) -> list[Issue]:
    headers = {c.key: c.header for c in ledger.columns}

    def header_for(name: str) -> str:
        return headers.get(ledger.error_columns.get(name, name), "")

    if isinstance(exc, RowError):
        return [Issue(row.number, header_for(exc.column), exc.message)]
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return [
                Issue(row.number, header_for(name), "；".join(ValidationError(errs).messages))
                for name, errs in exc.error_dict.items()
            ]
        return [Issue(row.number, "", "；".join(exc.messages))]
    if isinstance(exc, PermissionDenied):
        return [Issue(row.number, "", str(exc) or "您无权修改该组织的数据")]
    return [Issue(row.number, "", "与已有数据冲突，无法保存（可能是重复登记）")]


def _column_index(letters: bytes) -> int:
    index = 0
    for char in letters:
        index = index * 26 + char - 64
    return index - 1


def merged_down(sheet: Any, header_row: int) -> dict[int, list[tuple[int, int]]]:
    """Data row -> [(column index, row holding the value)] for every range merged down several data rows.

    Read-only worksheets do not expose merged cells, so the <mergeCell> elements (after the
    sheet data) are read from the sheet's XML in one streaming pass. Only the first column of a
    range is filled (a range merged across columns too keeps its other cells empty).
    """
    archive = getattr(getattr(sheet, "parent", None), "_archive", None)
    path = getattr(sheet, "_worksheet_path", None)
    if archive is None or path is None:
        return {}
    found: set[tuple[int, int, int]] = set()
    tail = b""
    with archive.open(path) as xml:
        while block := xml.read(1 << 20):
            text = tail + block
            for match in _MERGE_RE.finditer(text):
                first_col, first_row, _last_col, last_row = match.groups()
                found.add((_column_index(first_col), int(first_row), int(last_row)))
            tail = text[-200:]
    fills: dict[int, list[tuple[int, int]]] = {}
    for column, first_row, last_row in found:
        if first_row <= header_row or last_row <= first_row:
            continue
        for number in range(first_row + 1, last_row + 1):
            fills.setdefault(number, []).append((column, first_row))
    return fills


def _is_total_row(values: tuple[Any, ...], required: list[int]) -> bool:
    """A clerk's 合计/小计/总计 line: its first filled cell says so and the other required cells are blank."""
    first = next((i for i, v in enumerate(values) if not reading.is_blank(v)), None)
    if first is None:
        return False
    text = re.sub(r"\s", "", reading.fold(reading.clean_text(values[first]))).rstrip(":")
    if text not in TOTAL_MARKERS:
        return False
    return all(i == first or i >= len(values) or reading.is_blank(values[i]) for i in required)


def _rows(
    sheet: Any, header_row: int, columns: dict[str, int], required: list[int] | None = None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    fills = merged_down(sheet, header_row)
    anchors: dict[int, set[int]] = {}
    for cells in fills.values():
        for column, first in cells:
            anchors.setdefault(first, set()).add(column)
    kept: dict[tuple[int, int], Any] = {}
    for number, values in enumerate(sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1):
        for column in anchors.get(number, ()):
            kept[(column, number)] = values[column] if column < len(values) else None
        if all(reading.is_blank(values[i]) if i < len(values) else True for i in columns.values()):
            continue  # blank row (a lone 序号 or a footer such as 填表人 in another column counts as blank)
        if required is not None and _is_total_row(values, required):
            continue  # a 合计 line under the data
        if number in fills:
            filled: list[Any] = list(values)
            for column, first in fills[number]:
                if column >= len(filled):
                    filled.extend([None] * (column + 1 - len(filled)))
                if reading.is_blank(filled[column]):
                    filled[column] = kept.get((column, first))
            values = tuple(filled)
        yield number, tuple(values)


def import_workbook(
    ledger: Ledger,
    source: str | Path | bytes | IO[bytes],
    *,
    user: Any,
    dry_run: bool = False,
    filename: str = "",
    keep_rows: bool = True,
    request: Any = None,
    progress: Callable[[int, int | None], None] | None = None,
) -> ImportResult:
    """Validate every row of `source` and write them all, or nothing; see the module docstring.

    Raises WorkbookError (file type, missing header) and PermissionDenied (a role that may not
    import); row problems are in `ImportResult.errors`. `request` (optional) gives the audit
    event its address; `keep_rows=False` keeps no per-row listing (large background imports).
    `progress(done, total)` (optional) is called about every 100 data rows and once at the end
    with the rows handled so far and the estimated number of data rows (None if unknown).
    """
    active = user is not None and getattr(user, "is_authenticated", False) and user.is_active
    if not active or getattr(user, "role", None) not in ledger.import_roles:
        raise PermissionDenied("您的角色不能导入该台账")
    stream = check_workbook_file(source, filename)
    workbook = load_workbook(stream, read_only=True, data_only=True)
    try:
        sheet, header_row, columns = _find_header(ledger, workbook)
        result = ImportResult(ledger=ledger.name, dry_run=dry_run, sheet=sheet.title, header_row=header_row)
        ctx = ImportContext(user=user, today=timezone.localdate(), dry_run=dry_run)
        with transaction.atomic(), idcard.remembered():
            _run(ledger, ctx, sheet, header_row, columns, result, keep_rows=keep_rows, progress=progress)
            result.errors.sort(key=lambda issue: issue.row)  # cell errors come before the chunk's service errors
            if result.errors or dry_run:
                transaction.set_rollback(True)
    finally:
        workbook.close()
    _record(ledger, user, result, request)
    return result


def _run(
    ledger: Ledger,
    ctx: ImportContext,
    sheet: Any,
    header_row: int,
    columns: dict[str, int],
    result: ImportResult,
    *,
    keep_rows: bool,
    progress: Callable[[int, int | None], None] | None = None,
) -> None:
    orgs = _OrgResolver(ctx)
    ctx.cache["org_resolver"] = orgs
    choice_tables = {c.key: reading.choice_lookup(c.choices, c.synonyms) for c in ledger.columns if c.kind == "choice"}
    seen: dict[object, int] = {}
    chunk: list[Row] = []
    write_planned = getattr(ledger, "write_planned", None)
    max_row = getattr(sheet, "wuji_max_row", None)
    total = max_row - header_row if isinstance(max_row, int) and max_row > header_row else None
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done, max(total, done) if total is not None else None)

    def flush() -> None:
        if not chunk:
            return
        ledger.prepare(ctx, chunk)
        for row in chunk:
            _import_one(ledger, ctx, row, orgs, seen, result, keep_rows=keep_rows)
            tick()
        if write_planned is not None:
            if result.errors:
                write_planned(ctx, discard=True)  # the import is rolled back anyway
            else:
                try:
                    with transaction.atomic():
                        write_planned(ctx, discard=False)
                except IntegrityError:
                    result.errors.append(Issue(chunk[0].number, "", "与已有数据冲突，无法保存（可能是重复登记）"))
        chunk.clear()

    required = [columns[c.key] for c in ledger.columns if c.required and c.key in columns]
    for number, values in _rows(sheet, header_row, columns, required):
        parsed: dict[str, Any] = {}
        problems: list[Issue] = []
        for col in ledger.columns:
            index = columns.get(col.key)
            raw = values[index] if index is not None and index < len(values) else None
            if reading.is_blank(raw) or (col.kind not in {"text"} and reading.clean_text(raw) in {"无", "/"}):
                if col.required:
                    problems.append(Issue(number, col.header, "必填，不能为空"))
                parsed[col.key] = _blank_value(col)
                continue
            try:
                parsed[col.key] = _parse_cell(col, raw, choice_tables.get(col.key, {}))
            except reading.CellError as exc:
                problems.append(Issue(number, col.header, str(exc)))
        if problems:
            result.errors.extend(problems)
            tick()
            continue
        chunk.append(Row(number, parsed))
        if len(chunk) >= CHUNK_SIZE:
            flush()
    flush()
    if progress is not None:
        progress(done, done)


def _import_one(
    ledger: Ledger,
    ctx: ImportContext,
    row: Row,
    orgs: _OrgResolver,
    seen: dict[object, int],
    result: ImportResult,
    *,
    keep_rows: bool,
) -> None:
    for col in ledger.columns:
        if col.kind == "org" and row.values[col.key]:
            try:
                row.values[col.key] = orgs.resolve(row.values[col.key])
            except reading.CellError as exc:
                result.errors.append(Issue(row.number, col.header, str(exc)))
                return
        elif col.kind == "org":
            row.values[col.key] = None
    key = ledger.key(row)
    if key is not None:
        if key in seen:
            result.errors.append(Issue(row.number, "", f"与第 {seen[key]} 行重复"))
            return
        seen[key] = row.number
    plan_row = getattr(ledger, "plan_row", None)
    try:
        outcome = plan_row(ctx, row) if plan_row is not None else None
        if outcome is None:
            with transaction.atomic():
                outcome = ledger.import_row(ctx, row)
    except (ValidationError, PermissionDenied, RowError, IntegrityError) as exc:
        result.errors.extend(_issues_from(exc, ledger, row))
        return
    if outcome is Outcome.CREATED:
        result.created += 1
    elif outcome is Outcome.UPDATED:
        result.updated += 1
    else:
        result.unchanged += 1
    if keep_rows:
        result.rows.append((row.number, outcome, row.note))


def _record(ledger: Ledger, user: Any, result: ImportResult, request: Any) -> None:
    from wuji.audit.events import record_event

    mode = "试导入" if result.dry_run else "导入"
    record_event(
        action="import",
        actor=user,
        request=request,
        object_repr=f"{mode}{ledger.title}（{ledger.name}）：{result.summary()}",
        outcome="success" if result.ok else "failure",
        detail={
            "ledger": ledger.name,
            "dry_run": result.dry_run,
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "error_rows": len({i.row for i in result.errors}),
        },
    )


def error_workbook(source: str | Path | bytes | IO[bytes], result: ImportResult) -> bytes:
    """The uploaded sheet again, with a 错误原因 column saying what is wrong in each bad row.

    Values only (the clerk's formatting and merged cells are not copied); text that Excel would
    run as a formula is neutralised as in exports.
    """
    stream, _name = _open(source, "")
    by_row: dict[int, list[str]] = {}
    for issue in result.errors:
        text = f"{issue.column}：{issue.message}" if issue.column else issue.message
        by_row.setdefault(issue.row, []).append(text)
    source_book = load_workbook(stream, read_only=True, data_only=True)
    out = Workbook(write_only=True)
    try:
        sheet = source_book[result.sheet] if result.sheet else source_book.worksheets[0]
        sheet.reset_dimensions()
        target = out.create_sheet(sheet.title)
        width = 0
        rows = list(sheet.iter_rows(max_row=result.header_row or 1, values_only=True))
        width = max((len(r) for r in rows), default=0)
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [reading.neutralise(v) for v in values] + [None] * (width - len(values))
            if number == result.header_row:
                cells.append(ERROR_HEADER)
            elif number in by_row:
                cells.append("；".join(by_row[number]))
            target.append(cells)
    finally:
        source_book.close()
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()
