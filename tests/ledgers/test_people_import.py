"""Importing the 人员台账 a village clerk keeps: messy cells in, the services' rules, all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied

from tests.factories import PersonFactory
from tests.ledgers.books import PEOPLE_HEADERS, clerk_book, id_number, plain_book, read_rows
from wuji.core import idcard
from wuji.ledgers import registry
from wuji.ledgers.importer import ERROR_HEADER, Issue, WorkbookError, error_workbook, import_workbook
from wuji.people.choices import Stage
from wuji.people.models import MembershipStage, Person

PEOPLE = registry.get("people")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def x_number() -> str:
    """A valid number whose check digit is X (people type it as a lowercase x)."""
    for n in range(2000):
        number = id_number(n, gender="F", allow_x=True)
        if number.endswith("X"):
            return number
    raise AssertionError("no X number found")


def registered(org: Any, name: str, n: int, **kwargs: Any) -> Person:
    """A person already registered through the service, with the number member(n) uses."""
    info = idcard.parse(id_number(n))
    return PersonFactory(  # type: ignore[no-any-return]
        org=org, name=name, id_number=info.number, gender=info.gender, birth_date=info.birth_date, **kwargs
    )


def member(n: int, name: str, org: str = "T01V1", **cells: Any) -> list[Any]:
    """One clerk row in PEOPLE_HEADERS order (序号 first, 备注 last)."""
    row = {
        "序号": n,
        "姓名": name,
        "公民身份号码": id_number(n),
        "性别": "男",
        "出生日期": None,
        "民族": "汉族",
        "学历": "高中",
        "所在党组织": org,
        "人员类别": "正式党员",
        "入党日期": "1998-06-30",
        "转正日期": "1999-07-01",
        "手机号码": None,
        "人员来源": None,
        "备注": "无",
    }
    row.update(cells)
    return [row[h] for h in PEOPLE_HEADERS]


def test_a_clerks_roster_with_every_kind_of_mess_is_read(township: Any, officer: Any) -> None:
    x_id = x_number()
    rows = [
        # trailing spaces, org by code, dashed dates
        member(1, " 王建国 ", 人员来源="退伍军人", 公民身份号码=f" {id_number(1)} "),
        # full-width digits, org by full name, 2010/4/15 and 2010年4月15日
        member(
            2,
            "李秀英",
            "甲村党支部",
            公民身份号码=id_number(2).translate(FULLWIDTH),
            性别="男",
            入党日期="2008/4/15",
            转正日期="2009年4月16日",
            手机号码="１３９ ０７１７ ２２３３",
        ),
        # a lowercase x, 2010.4.15 and an Excel date cell, 学历 as people say it
        member(
            3,
            "张桂兰",
            公民身份号码=x_id.lower(),
            性别="女",
            学历="大专",
            入党日期="2009.4.15",
            转正日期=dt.datetime(2010, 5, 4),
        ),
        # a probationary member admitted in a month people remember only as 2010.04
        member(4, "刘海涛", 人员类别="预备党员", 入党日期="2010.04", 转正日期=None, 学历="本科"),
        member(5, "陈丽华", 人员类别="群众", 入党日期=None, 转正日期=None, 民族="土家"),
    ]
    data = clerk_book(PEOPLE_HEADERS, rows, blank_after=(1, 3))

    result = import_workbook(PEOPLE, data, user=officer)

    assert result.errors == []
    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    assert result.header_row == 3
    assert [r[0] for r in result.rows] == [4, 5, 7, 8, 10]  # blank rows skipped, numbers as Excel shows them
    wang = Person.objects.get(name="王建国")
    assert wang.org == township.village_a
    assert [t.name for t in wang.sources.all()] == ["退伍军人"]
    li = Person.objects.get(name="李秀英")
    assert li.phone == "13907172233"
    assert {s.stage: s.started_on for s in li.stages.all()} == {
        Stage.PROBATIONARY: dt.date(2008, 4, 15),
        Stage.FULL: dt.date(2009, 4, 16),
    }
    zhang = Person.objects.get(name="张桂兰")
    assert zhang.id_number == x_id and zhang.education == "college"
    assert zhang.stages.get(stage=Stage.FULL).started_on == dt.date(2010, 5, 4)
    liu = Person.objects.get(name="刘海涛")
    assert [(s.stage, s.started_on, s.backfilled) for s in liu.stages.all()] == [
        (Stage.PROBATIONARY, dt.date(2010, 4, 1), True)
    ]
    chen = Person.objects.get(name="陈丽华")
    assert chen.ethnicity == "土家族" and not chen.stages.exists()


def test_a_roster_saved_by_excel_with_shared_strings_and_date_cells_is_read(township: Any, officer: Any) -> None:
    """Excel and WPS keep texts in the shared string table, record the sheet's <dimension> and store dates
    as numbers with a date format (here the Chinese one); openpyxl, which made the other test books, does
    none of these. XlsxWriter saves the way Excel does."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("党员花名册")
    chinese_date = book.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    sheet.merge_range(0, 0, 0, len(PEOPLE_HEADERS) - 1, "甲村党员花名册")
    sheet.write_row(1, 0, PEOPLE_HEADERS)
    rows = [member(1, "王建国"), member(2, "李秀英", 性别="男", 学历="大专"), member(3, "陈丽华", 人员类别="群众")]
    joined = {1: dt.datetime(1998, 6, 30), 2: dt.datetime(2008, 4, 15)}
    for index, row in enumerate(rows, start=2):
        number = row[0]
        sheet.write_row(index, 0, row[:9])
        if number in joined:
            sheet.write_datetime(index, 9, joined[number], chinese_date)
            sheet.write_datetime(index, 10, joined[number].replace(year=joined[number].year + 1), chinese_date)
        sheet.write_row(index, 11, row[11:])
    book.close()
    data = buffer.getvalue()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # what sets this book apart from openpyxl's
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
        assert "<dimension" in sheet_xml and 't="s"' in sheet_xml and "inlineStr" not in sheet_xml
        assert "王建国" in archive.read("xl/sharedStrings.xml").decode()

    result = import_workbook(PEOPLE, data, user=officer)

    assert result.errors == []
    assert (result.created, result.header_row) == (3, 2)
    li = Person.objects.get(name="李秀英")
    assert (li.org, li.education) == (township.village_a, "college")
    assert {s.stage: s.started_on for s in li.stages.all()} == {
        Stage.PROBATIONARY: dt.date(2008, 4, 15),
        Stage.FULL: dt.date(2009, 4, 15),
    }
    assert not Person.objects.get(name="陈丽华").stages.exists()
    assert import_workbook(PEOPLE, data, user=officer).unchanged == 3  # and again: nothing changes


def test_each_problem_is_reported_with_row_column_and_reason(township: Any, officer: Any) -> None:
    bad_check = id_number(6)[:17] + ("0" if id_number(6)[17] != "0" else "1")
    rows = [
        member(1, "王建国"),
        member(2, "", 入党日期="2008-13-01"),
        member(3, "李秀英", 公民身份号码=bad_check),
        member(4, "张桂兰", "丙村党支部"),
        member(5, "刘海涛", 性别="女"),
        member(6, "陈丽华", 人员类别="党小组长"),
        member(7, "杨德明", 转正日期="1998-12-01"),
        member(8, "黄春梅", 人员类别="预备党员", 转正日期=None, 入党日期=None),
        member(9, "赵永福", 公民身份号码=id_number(1)),
        member(10, "吴卫东", 公民身份号码=int(id_number(10))),  # Excel keeps 15 digits of a number cell
    ]
    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, rows), user=officer)

    assert result.errors == [
        Issue(5, "姓名", "必填，不能为空"),
        Issue(5, "入党日期", "日期“2008-13-01”不存在"),
        Issue(6, "公民身份号码", "公民身份号码校验位不正确，请核对号码"),
        Issue(7, "所在党组织", "找不到党组织“丙村党支部”（请填写组织代码或组织全称）"),
        Issue(8, "性别", "性别与公民身份号码不符（号码显示为男）"),
        Issue(
            9, "人员类别", "“党小组长”不是可选的值；可选：正式党员、预备党员、发展对象、入党积极分子、入党申请人、群众"
        ),
        Issue(10, "转正日期", "预备期未满，最早可于1999-06-30转正（接收为预备党员：1998-06-30）"),
        Issue(11, "入党日期", "人员类别为预备党员时须填写入党日期"),
        Issue(12, "", "与第 4 行重复"),
        Issue(13, "公民身份号码", "公民身份号码被Excel存成了数字，末几位已丢失；请把该列设为文本后重新填写"),
    ]
    assert not Person.objects.exists()
    assert result.summary().startswith("9 行有错误（共 10 处），未写入任何数据")


def test_the_error_report_is_the_workbook_with_an_error_column(township: Any, officer: Any) -> None:
    data = clerk_book(PEOPLE_HEADERS, [member(1, "王建国"), member(2, "李秀英", 公民身份号码="12345")])
    result = import_workbook(PEOPLE, data, user=officer)

    report = read_rows(error_workbook(data, result))

    assert report[2][-1] == ERROR_HEADER
    assert report[3][-1] is None
    assert report[4][1] == "李秀英"
    assert report[4][-1] == "公民身份号码：公民身份号码应为18位，当前为5位"


def test_one_bad_row_among_a_thousand_writes_nothing(township: Any, officer: Any) -> None:
    masses = {"人员类别": "群众", "入党日期": None, "转正日期": None}
    rows = [member(n, f"群众{n}", **masses) for n in range(1, 1001)]
    rows[533] = member(534, "党员534", 入党日期="2008-02-30")  # Excel row 537: title, 填报, header, then data
    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, rows), user=officer)

    assert result.errors == [Issue(537, "入党日期", "日期“2008-02-30”不存在")]
    assert result.created == 999
    assert Person.objects.count() == 0
    assert MembershipStage.objects.count() == 0


def test_a_service_refusal_late_in_the_file_rolls_back_every_earlier_row(township: Any, officer: Any) -> None:
    rows = [member(n, f"党员{n}") for n in range(1, 6)]
    rows.append(
        member(
            6,
            "杨德明",
            公民身份号码=idcard.make("420526", dt.date(1990, 1, 1), 12, "M"),
            入党日期="1989-01-01",
            转正日期="1990-01-02",
        )
    )
    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, rows), user=officer)

    assert result.errors == [Issue(9, "入党日期", "预备党员日期不能早于出生日期")]
    assert not Person.objects.exists()
    assert not LogEntry.objects.filter(content_type__model="person").exists()


def test_reimporting_the_same_file_changes_nothing_and_leaves_no_audit_rows(township: Any, officer: Any) -> None:
    data = clerk_book(PEOPLE_HEADERS, [member(n, f"党员{n}", 手机号码=f"1390000000{n}") for n in range(1, 6)])
    assert import_workbook(PEOPLE, data, user=officer).created == 5
    audit_rows = LogEntry.objects.count()
    versions = list(Person.objects.order_by("pk").values_list("version", flat=True))

    again = import_workbook(PEOPLE, data, user=officer)

    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 5, [])
    assert LogEntry.objects.count() == audit_rows
    assert list(Person.objects.order_by("pk").values_list("version", flat=True)) == versions


def test_a_changed_row_updates_the_person_found_by_id_number_and_the_audit_trail_shows_it(
    township: Any, officer: Any
) -> None:
    person = registered(township.village_a, "王建国", 1, phone="13900000001")
    rows = [
        member(
            1, "王建国", 所在党组织="乙村党支部", 手机号码="13900000009", 人员类别="群众", 入党日期=None, 转正日期=None
        )
    ]
    before = LogEntry.objects.get_for_object(person).count()

    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, rows), user=officer)

    assert (result.created, result.updated, result.unchanged) == (0, 1, 0)
    person.refresh_from_db()
    assert person.org == township.village_b and person.phone == "13900000009"
    entries = LogEntry.objects.get_for_object(person).order_by("-timestamp")
    assert entries.count() == before + 1
    latest = entries.first()
    assert latest is not None and latest.actor == officer
    assert "org" in latest.changes_dict and "phone_hash" in latest.changes_dict
    assert Person.objects.count() == 1


def test_a_row_outside_the_secretarys_branch_is_refused_and_nothing_written(township: Any, secretary_a: Any) -> None:
    rows = [member(1, "王建国", "T01V1"), member(2, "李秀英", "乙村党支部")]
    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, rows), user=secretary_a)

    assert result.errors == [Issue(5, "所在党组织", "“乙村党支部”不在您的管辖范围内，不能导入")]
    assert not Person.objects.exists()


def test_a_person_registered_in_another_branch_is_not_touched_by_a_secretary(township: Any, secretary_a: Any) -> None:
    registered(township.village_b, "王建国", 1)
    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, [member(1, "王建国")]), user=secretary_a)

    assert result.errors == [
        Issue(4, "公民身份号码", "该公民身份号码已在其他组织登记，请联系乡党委组织委员办理组织关系转接")
    ]


def test_roles_that_do_not_write_cannot_import(township: Any, inspector: Any, auditor: Any) -> None:
    data = clerk_book(PEOPLE_HEADERS, [member(1, "王建国")])
    for user in (inspector, auditor, None):
        with pytest.raises(PermissionDenied):
            import_workbook(PEOPLE, data, user=user)


def test_a_dry_run_lists_what_would_change_and_writes_nothing(township: Any, officer: Any) -> None:
    registered(township.village_a, "王建国", 1, phone="")
    registered(township.village_a, "李秀英", 2, phone="")
    rows = [
        member(1, "王建国", 人员类别="群众", 入党日期=None, 转正日期=None, 学历=None, 民族=None),
        member(2, "李秀英", 人员类别="群众", 入党日期=None, 转正日期=None, 手机号码="13900000002"),
        member(3, "张桂兰"),
    ]
    result = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, rows), user=officer, dry_run=True)

    assert (result.created, result.updated, result.unchanged) == (1, 1, 1)
    assert [(n, o.label, note) for n, o, note in result.rows] == [
        (4, "不变", "王建国（甲村党支部）"),
        (5, "更新", "李秀英：学历、手机号码"),
        (6, "新增", "张桂兰（甲村党支部）"),
    ]
    assert not result.committed
    assert Person.objects.count() == 2


def test_a_macro_workbook_or_another_file_type_is_refused_before_parsing(township: Any, officer: Any) -> None:
    data = plain_book(["姓名", "公民身份号码"], [])
    with pytest.raises(WorkbookError, match="只接受 .xlsx"):
        import_workbook(PEOPLE, data, user=officer, filename="花名册.xlsm")
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(WorkbookError, match="文件类型不符"):
        import_workbook(PEOPLE, buffer.getvalue(), user=officer)
    with pytest.raises(WorkbookError, match="文件类型不符"):
        import_workbook(PEOPLE, "姓名,公民身份号码\n".encode(), user=officer)


def test_a_sheet_without_the_required_headers_says_which_are_missing(township: Any, officer: Any) -> None:
    data = clerk_book(["序号", "姓名", "身份证号", "所在党组织"], [[1, "王建国", id_number(1), "T01V1"]])
    with pytest.raises(WorkbookError, match="缺少必填列：人员类别"):
        import_workbook(PEOPLE, data, user=officer)
