"""Templates carry exactly the import headers; exports are masked, neutralised and import back unchanged."""

from __future__ import annotations

import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from openpyxl import load_workbook

from tests.ledgers.books import PEOPLE_HEADERS, clerk_book, read_rows
from tests.ledgers.test_people_import import member, registered
from wuji.ledgers import registry
from wuji.ledgers.exporter import export_workbook
from wuji.ledgers.importer import import_workbook
from wuji.ledgers.templates_xlsx import HELP_SHEET, template_workbook
from wuji.people.models import Person
from wuji.people.services import person_update

MINE = ("orgs", "people", "positions", "pools", "trainings")


@pytest.mark.parametrize("name", MINE)
def test_the_template_has_exactly_the_headers_the_import_reads(name: str, township: Any, officer: Any) -> None:
    ledger = registry.get(name)
    data = template_workbook(ledger, user=officer)
    book = load_workbook(io.BytesIO(data))

    assert [c.value for c in book.worksheets[0][1]] == ledger.headers()
    assert book.sheetnames[1] == HELP_SHEET
    explained = [
        row[0] for row in book[HELP_SHEET].iter_rows(min_row=2, max_row=len(ledger.columns) + 1, values_only=True)
    ]
    assert explained == ledger.headers()
    # an untouched template imports as zero rows, not as an error
    result = import_workbook(ledger, data, user=officer)
    assert (result.errors, result.total) == ([], 0)


def test_the_template_offers_drop_downs_for_values_from_a_list(township: Any, officer: Any) -> None:
    book = load_workbook(io.BytesIO(template_workbook(registry.get("people"), user=officer)))
    sheet = book.worksheets[0]
    lists = book["可选值"]
    by_column = {str(v.sqref).split(":")[0].rstrip("0123456789"): v for v in sheet.data_validations.dataValidation}
    headers = {c.value: c.column_letter for c in sheet[1]}
    assert set(by_column) == {headers[h] for h in ("性别", "学历", "所在党组织", "人员类别")}
    category = by_column[headers["人员类别"]]
    column = category.formula1.split("!")[1].split(":")[0].replace("$", "").rstrip("0123456789")
    values = [lists[f"{column}{r}"].value for r in range(2, 8)]
    assert values == ["正式党员", "预备党员", "发展对象", "入党积极分子", "入党申请人", "群众"]
    assert lists.sheet_state == "hidden"


@pytest.fixture
def imported(township: Any, officer: Any) -> list[Person]:
    rows = [
        member(1, "王建国", 手机号码="13907172233", 人员来源="退伍军人、返乡创业人员"),
        member(2, "李秀英", 人员类别="群众", 入党日期=None, 转正日期=None, 学历=None),
        member(3, "张桂兰", 人员类别="预备党员", 转正日期=None),
    ]
    result = import_workbook(registry.get("people"), clerk_book(PEOPLE_HEADERS, rows), user=officer)
    assert result.errors == []
    people = list(Person.objects.order_by("pk"))
    # typed on a page: text a spreadsheet would run as a formula
    person_update(user=officer, person=people[0], ethnicity="=cmd|' /C calc'!A0")
    return people


def test_an_export_imports_back_with_no_change(imported: list[Person], officer: Any) -> None:
    data = export_workbook(registry.get("people"), user=officer)
    audit_rows = LogEntry.objects.count()

    result = import_workbook(registry.get("people"), data, user=officer)

    assert (result.errors, result.created, result.updated, result.unchanged) == ([], 0, 0, 3)
    assert LogEntry.objects.count() == audit_rows


def test_an_export_masks_personal_data_for_those_who_may_not_see_it(
    imported: list[Person], officer: Any, inspector: Any
) -> None:
    full = {r[0]: r for r in read_rows(export_workbook(registry.get("people"), user=officer))[1:]}
    masked = {r[0]: r for r in read_rows(export_workbook(registry.get("people"), user=inspector))[1:]}
    wang = imported[0]

    assert full["王建国"][1] == wang.id_number and full["王建国"][10] == "13907172233"
    assert masked["王建国"][1] == wang.id_number[:6] + "********" + wang.id_number[-4:]
    assert masked["王建国"][10] == "139****2233"
    # and a masked export cannot be imported back by mistake
    result = import_workbook(
        registry.get("people"), export_workbook(registry.get("people"), user=inspector), user=officer
    )
    assert result.errors[0].message == "公民身份号码为脱敏显示（含*），不能用于导入；请填写完整号码"


def test_text_that_excel_would_run_as_a_formula_is_exported_as_text(imported: list[Person], officer: Any) -> None:
    book = load_workbook(io.BytesIO(export_workbook(registry.get("people"), user=officer)))
    cells = [c for row in book.worksheets[0].iter_rows(min_row=2) for c in row if c.value]
    assert all(c.data_type != "f" for c in cells)
    ethnicity = [c.value for c in cells if isinstance(c.value, str) and "cmd" in c.value]
    assert ethnicity == ["'=cmd|' /C calc'!A0"]


def test_roles_without_member_data_cannot_export(township: Any, auditor: Any, sysadmin: Any) -> None:
    for user in (auditor, sysadmin):
        with pytest.raises(PermissionDenied):
            export_workbook(registry.get("people"), user=user)


def test_a_secretary_exports_only_their_branch(imported: list[Person], secretary_b: Any, township: Any) -> None:
    registered(township.village_b, "赵永福", 7)
    rows = read_rows(export_workbook(registry.get("people"), user=secretary_b))
    assert [r[0] for r in rows[1:]] == ["赵永福"]


def test_each_import_and_export_leaves_one_security_event(township: Any, officer: Any) -> None:
    from wuji.audit.models import SecurityEvent

    data = clerk_book(PEOPLE_HEADERS, [member(1, "王建国"), member(2, "李秀英")])
    import_workbook(registry.get("people"), data, user=officer)
    export_workbook(registry.get("people"), user=officer)

    imports = list(SecurityEvent.objects.filter(action="import"))
    exports = list(SecurityEvent.objects.filter(action="export"))
    assert [(e.actor, e.outcome, e.object_repr) for e in imports] == [
        (officer, "success", "导入人员台账（people）：已导入：新增 2 行，更新 0 行，不变 0 行")
    ]
    assert [(e.actor, e.object_repr) for e in exports] == [(officer, "导出人员台账（people）：2 行，完整个人信息")]
