"""Exports of what a list page shows: the page's FilterSet over the page's scoped selector, to .xlsx.

Each list page with an "导出 Excel" button has a `ListExport` here, found by the page's URL
name (the button's template tag asks `for_view(view_name)`). Where a ledger of the same
records exists its columns and `export_row` are used, so an exported list imports back;
otherwise the spec names its columns. Personal data is masked unless the role may see it,
and every text cell that could be read as a formula is neutralised.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from wuji.core.scoping import can_see_personal_data
from wuji.ledgers import registry
from wuji.ledgers.reading import neutralise

Getter = Callable[[Any, registry.ExportContext], Any]
READ_ONLY = "（只读）"


def attr(path: str) -> Getter:
    """A dotted attribute path; a choice field gives its label."""

    def get(obj: Any, ctx: registry.ExportContext) -> Any:
        value: Any = obj
        parts = path.split(".")
        for index, part in enumerate(parts):
            if value is None:
                return None
            display = getattr(value, f"get_{part}_display", None) if index == len(parts) - 1 else None
            value = display() if callable(display) else getattr(value, part, None)
        return value

    return get


@dataclass(frozen=True)
class ListExport:
    """How one list page exports: its selector, its FilterSet, and its columns (or a ledger's)."""

    key: str
    view_names: tuple[str, ...]
    title: str
    queryset: Callable[[Any], QuerySet[Any]]
    filterset: Callable[[QueryDict, QuerySet[Any], Any], Any] | None = None
    ledger: str | None = None
    columns: tuple[tuple[str, Getter], ...] = ()
    widths: dict[int, int] = field(default_factory=dict)
    # What the page shows beyond the ledger's columns (a status the records' own pages change): written after
    # them under a header marked read-only, and not read back by the import.
    shown: tuple[tuple[str, Getter], ...] = ()

    def headers(self) -> list[str]:
        if self.ledger:
            return registry.get(self.ledger).headers() + [f"{header}{READ_ONLY}" for header, _get in self.shown]
        return [header for header, _get in self.columns]

    def rows(self, objects: Iterable[Any], ctx: registry.ExportContext) -> Iterable[list[Any]]:
        if self.ledger:
            ledger = registry.get(self.ledger)
            for obj in objects:
                yield ledger.export_row(obj, ctx) + [get(obj, ctx) for _header, get in self.shown]
        else:
            for obj in objects:
                yield [get(obj, ctx) for _header, get in self.columns]

    def filtered(self, user: Any, params: QueryDict) -> QuerySet[Any]:
        queryset = self.queryset(user)
        if self.filterset is not None and params:
            filterset = self.filterset(params, queryset, user)
            if filterset.is_valid():
                return filterset.qs  # type: ignore[no-any-return]
        return queryset


def _cell_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, (dt.date, int, float, Decimal)):
        return value
    if isinstance(value, Model):
        return neutralise(str(value))
    return neutralise(str(value))


THIN = Side(style="thin", color="999999")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2DCDB")


def write_sheet(
    sheet: Worksheet,
    *,
    title: str,
    headers: list[str],
    rows: Iterable[list[Any]],
    subtitle: str = "",
    widths: dict[int, int] | None = None,
) -> int:
    """A printable sheet: a title row, a header row repeated on every page, A4 landscape, fit to width.

    Returns the number of data rows written.
    """
    count = len(headers)
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(count, 1))
    sheet["A1"].font = Font(size=14, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 28
    header_row = 2
    if subtitle:
        sheet.append([subtitle])
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(count, 1))
        sheet["A2"].alignment = Alignment(horizontal="right")
        sheet["A2"].font = Font(size=9, color="666666")
        header_row = 3
    sheet.append(headers)
    for index in range(1, count + 1):
        cell = sheet.cell(row=header_row, column=index)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lengths = [len(h) * 2 + 2 for h in headers]
    written = 0
    for raw in rows:
        values = [_cell_value(v) for v in raw]
        sheet.append(values)
        written += 1
        row_number = header_row + written
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=index)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if index <= len(lengths) and value is not None:
                text = value.isoformat() if isinstance(value, dt.date) else str(value)
                lengths[index - 1] = max(lengths[index - 1], min(sum(2 if ord(c) > 127 else 1 for c in text), 40))
    for index, length in enumerate(lengths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (widths or {}).get(index, max(8, length + 1))
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    return written


def sheet_name(title: str, taken: set[str]) -> str:
    """Excel's sheet names: at most 31 characters, no []:*?/\\, unique in the workbook."""
    name = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f"({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name)
    return name


def export_list(spec: ListExport, *, user: Any, params: QueryDict) -> tuple[bytes, int]:
    """The list as the page shows it (its filters applied) as .xlsx bytes, and how many rows."""
    ctx = registry.ExportContext(user=user, full_personal_data=can_see_personal_data(user))
    objects = spec.filtered(user, params)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_name(spec.title, set())
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    count = write_sheet(
        sheet,
        title=spec.title,
        headers=spec.headers(),
        rows=spec.rows(objects.iterator(chunk_size=500) if _plain(objects) else objects, ctx),
        subtitle=f"导出时间：{stamp}",
        widths=spec.widths,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue(), count


def _plain(queryset: QuerySet[Any]) -> bool:
    # iterator() drops prefetch_related lookups unless chunk_size is given; both are fine here,
    # but a queryset with prefetches is cheaper iterated whole.
    return not getattr(queryset, "_prefetch_related_lookups", ())


# ---- the list pages -------------------------------------------------------------------------


def _specs() -> list[ListExport]:
    from wuji.activities import filtersets as act_filters
    from wuji.activities import selectors as act
    from wuji.assessment import rectification as rect
    from wuji.assessment.rectification_forms import RectificationFilterSet
    from wuji.governance import filtersets as gov_filters
    from wuji.governance import selectors as gov
    from wuji.orgs.selectors import org_choices, org_list_visible
    from wuji.people import selectors as people
    from wuji.people.filtersets import PersonFilterSet
    from wuji.support import filtersets as sup_filters
    from wuji.support import selectors as sup

    def orgs(user: Any) -> QuerySet[Any]:
        return org_choices(user=user)

    known = {ledger.name for ledger in registry.all_ledgers()}

    def ledger_or_none(name: str) -> str | None:
        return name if name in known else None

    def person_id(obj: Any, ctx: registry.ExportContext) -> str:
        return ctx.id_number(obj.id_number)

    return [
        ListExport(
            "people",
            ("people:list",),
            "人员名册",
            # The ledger's row reads each person's stages: fetched with the list, not one query a person.
            lambda user: people.person_list_visible(user=user).prefetch_related("stages"),
            lambda data, qs, user: PersonFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("people"),
            columns=(
                ("姓名", attr("name")),
                ("公民身份号码", person_id),
                ("性别", attr("gender")),
                ("出生日期", attr("birth_date")),
                ("所在党组织", attr("org.name")),
            ),
        ),
        ListExport(
            "activities",
            ("activities:list",),
            "党组织活动台账",
            lambda user: act.activity_list_visible(user=user),
            lambda data, qs, user: act_filters.ActivityFilterSet(
                data, queryset=qs, orgs=org_list_visible(user=user), types=act.activity_types()
            ),
            ledger=ledger_or_none("activities"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("活动类型", attr("type.name")),
                ("活动日期", attr("held_on")),
                ("主题", attr("topic")),
                ("应到人数", attr("expected")),
                ("实到人数", attr("present")),
                ("地点", attr("place")),
            ),
        ),
        ListExport(
            "pairings",
            ("activities:pairing_list",),
            "结对帮扶台账",
            lambda user: act.pairing_list_visible(user=user),
            lambda data, qs, user: act_filters.PairingFilterSet(data, queryset=qs, orgs=org_list_visible(user=user)),
            ledger=ledger_or_none("pairings"),
            columns=(
                ("机关党组织", attr("organ_org.name")),
                ("村（社区）党组织", attr("village_org.name")),
                ("结对日期", attr("started_on")),
                ("结束日期", attr("ended_on")),
            ),
        ),
        ListExport(
            "rules",
            ("governance:rule_list",),
            "制度台账",
            lambda user: gov.rule_list_visible(user=user),
            lambda data, qs, user: gov_filters.RuleFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("rules"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("制度类别", attr("kind")),
                ("制度名称", attr("title")),
                ("施行日期", attr("effective_on")),
                ("废止日期", attr("superseded_on")),
            ),
        ),
        ListExport(
            "matters",
            ("governance:matter_list",),
            "五议五公开事项台账",
            lambda user: gov.matter_list_visible(user=user),
            lambda data, qs, user: gov_filters.MatterFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("matters"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("事项名称", attr("title")),
                ("状态", attr("status")),
                ("办结日期", attr("closed_on")),
            ),
            shown=(("状态", attr("status")), ("提出日期", attr("started_on")), ("办结日期", attr("closed_on"))),
        ),
        ListExport(
            "income",
            ("support:income_list",),
            "村级集体经济收入台账",
            lambda user: sup.income_list_visible(user=user),
            lambda data, qs, user: sup_filters.IncomeFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("income"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("年度", attr("year")),
                ("集体经济收入（元）", attr("total")),
                ("其中经营性收入（元）", attr("operating")),
            ),
        ),
        ListExport(
            "funding",
            ("support:funding_list",),
            "经费保障台账",
            lambda user: sup.funding_list_visible(user=user),
            lambda data, qs, user: sup_filters.FundingFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("funding"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("年度", attr("year")),
                ("经费类别", attr("kind")),
                ("金额（元）", attr("amount")),
            ),
        ),
        ListExport(
            "facilities",
            ("support:facility_list",),
            "阵地设施台账",
            lambda user: sup.facility_list_visible(user=user),
            lambda data, qs, user: sup_filters.FacilityFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("facilities"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("类别", attr("kind")),
                ("名称", attr("name")),
                ("面积（平方米）", attr("area_m2")),
                ("启用日期", attr("opened_on")),
                ("停用日期", attr("closed_on")),
            ),
        ),
        ListExport(
            "pensions",
            ("support:pension_list",),
            "村干部养老保险台账",
            lambda user: sup.pension_list_visible(user=user),
            lambda data, qs, user: sup_filters.PensionFilterSet(data, queryset=qs, orgs=orgs(user)),
            ledger=ledger_or_none("pensions"),
            columns=(
                ("所在党组织", attr("org.name")),
                ("姓名", attr("person.name")),
                ("公民身份号码", lambda obj, ctx: ctx.id_number(obj.person.id_number)),
                ("险种", attr("scheme")),
                ("参保日期", attr("enrolled_on")),
                ("终止日期", attr("ended_on")),
            ),
        ),
        ListExport(
            "units",
            ("orgs:tree",),
            "党组织及单位",
            lambda user: org_list_visible(user=user),
            None,
            ledger=ledger_or_none("orgs"),
            columns=(
                ("组织名称", attr("name")),
                ("组织代码", attr("code")),
                ("组织类型", attr("kind")),
                ("组织类别", attr("category")),
                ("成立日期", attr("founded_on")),
            ),
        ),
        ListExport(
            "rectifications",
            ("rectification:list",),
            "整改台账",
            lambda user: rect.rectification_list_visible(user=user),
            lambda data, qs, user: RectificationFilterSet(
                data,
                queryset=qs,
                orgs=org_list_visible(user=user),
                assessments=rect.assessments_with_items(user=user),
                today=timezone.localdate(),
            ),
            columns=(
                ("党组织", attr("org.name")),
                ("指标", attr("indicator_name")),
                ("问题", attr("problem")),
                ("整改措施", attr("measures")),
                ("责任人", attr("owner_name")),
                ("整改期限", attr("due_on")),
                ("状态", attr("status")),
                ("销号日期", attr("closed_on")),
            ),
        ),
    ]


_BY_KEY: dict[str, ListExport] | None = None


def all_specs() -> dict[str, ListExport]:
    global _BY_KEY
    if _BY_KEY is None:
        _BY_KEY = {spec.key: spec for spec in _specs()}
    return _BY_KEY


def get(key: str) -> ListExport:
    return all_specs()[key]


def for_view(view_name: str | None) -> ListExport | None:
    if not view_name:
        return None
    for spec in all_specs().values():
        if view_name in spec.view_names:
            return spec
    return None
