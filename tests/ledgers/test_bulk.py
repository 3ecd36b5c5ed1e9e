"""The bulk path of the people import gives what the per-row services give: rows, stages, audit rows, errors."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from auditlog.models import LogEntry
from django.db import transaction
from openpyxl import Workbook

from tests.ledgers.books import PEOPLE_HEADERS, clerk_book, id_number
from tests.ledgers.test_people_import import member, registered
from wuji.audit import chain
from wuji.core import idcard
from wuji.ledgers import registry
from wuji.ledgers.books.people import PeopleLedger
from wuji.ledgers.importer import ImportResult, Issue, import_workbook
from wuji.people.models import MembershipStage, Person

PEOPLE = registry.get("people")
STAGE_HEADERS = [*PEOPLE_HEADERS, "申请入党日期", "确定积极分子日期", "列为发展对象日期"]


class PerRowPeople(PeopleLedger):
    """The same ledger with the bulk path switched off: every row through the services."""

    plan_row = None  # type: ignore[assignment]


PER_ROW = PerRowPeople()


def staged(n: int, name: str, org: str = "T01V1", **cells: Any) -> list[Any]:
    row = dict(zip(PEOPLE_HEADERS, member(n, name, org), strict=True))
    row.update({"申请入党日期": None, "确定积极分子日期": None, "列为发展对象日期": None})
    row.update(cells)
    return [row[h] for h in STAGE_HEADERS]


MASSES = {"人员类别": "群众", "入党日期": None, "转正日期": None}


def mixed_rows() -> list[list[Any]]:
    """New members, applicants, activists, candidates, masses with sources; one registered person changed."""
    return [
        staged(1, "王建国", 手机号码="13900000001", 人员来源="退伍军人、返乡创业人员"),
        staged(2, "李秀英", 人员类别="预备党员", 入党日期="2010-04-15", 转正日期=None, 学历="大专"),
        staged(
            3,
            "张桂兰",
            性别="男",
            人员类别="发展对象",
            入党日期=None,
            转正日期=None,
            申请入党日期="2007-03-01",
            确定积极分子日期="2008-01-01",
            列为发展对象日期="2009-06-01",
        ),
        staged(
            4,
            "刘海涛",
            人员类别="入党积极分子",
            入党日期=None,
            转正日期=None,
            申请入党日期="2009-01-01",
            确定积极分子日期="2009-05-01",
        ),
        staged(5, "陈丽华", 民族="土家", 人员来源="大学生村官", **MASSES),
        staged(6, "杨德明", "乙村党支部", 手机号码="13900000006", **MASSES),  # registered: an update (per-row path)
        staged(7, "黄春梅", 人员类别="入党申请人", 入党日期=None, 转正日期=None, 申请入党日期="2010.3"),
    ]


def snapshot(result: ImportResult) -> dict[str, Any]:
    """What an import left behind, with database ids replaced by the person's ID number."""
    by_pk = {p.pk: p.id_number for p in Person.objects.all()}
    people = sorted(
        (
            p.id_number,
            p.name,
            p.org.code,
            p.gender,
            p.birth_date,
            p.phone,
            p.ethnicity,
            p.education,
            p.version,
            tuple(t.name for t in p.sources.all()),
        )
        for p in Person.objects.select_related("org").prefetch_related("sources")
    )
    stages = sorted(
        (by_pk[s.person_id], s.stage, s.started_on, s.org_id, s.backfilled, s.note)
        for s in MembershipStage.objects.all()
    )
    entries = []
    for entry in LogEntry.objects.select_related("content_type").order_by("id"):
        changes = dict(entry.changes or {})
        if "id" in changes:
            changes["id"] = "<id>"
        if entry.content_type.model == "membershipstage" and "person" in changes:
            old, new = changes["person"]
            changes["person"] = [old, by_pk.get(int(new))]
        owner = by_pk.get(entry.object_id) if entry.content_type.model == "person" else None
        entries.append(
            (
                entry.content_type.model,
                owner,
                entry.action,
                entry.object_repr,
                entry.actor_id,
                entry.actor_email,
                entry.serialized_data,
                repr(sorted(changes.items())),
            )
        )
    rows = [(n, o.value, note) for n, o, note in result.rows]
    counts = (result.created, result.updated, result.unchanged)
    return {
        "people": people,
        "stages": stages,
        "entries": entries,
        "rows": rows,
        "counts": counts,
        "errors": result.errors,
    }


def import_and_undo(ledger: Any, data: bytes, user: Any) -> dict[str, Any]:
    """Import, take the snapshot, then roll it all back so the other path starts from the same state."""
    with transaction.atomic():
        before = LogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        result = import_workbook(ledger, data, user=user)
        seen = snapshot(result)
        seen["entries"] = seen["entries"][len(LogEntry.objects.filter(id__lte=before)) :]
        seen["chain"] = chain.verify()
        transaction.set_rollback(True)
    return seen


def test_the_bulk_path_writes_the_same_people_stages_and_audit_rows_as_the_services(
    township: Any, officer: Any
) -> None:
    registered(township.village_a, "杨德明", 6, phone="")
    data = clerk_book(STAGE_HEADERS, mixed_rows())

    bulk = import_and_undo(PEOPLE, data, officer)
    per_row = import_and_undo(PER_ROW, data, officer)

    assert bulk["errors"] == [] and bulk["counts"] == (6, 1, 0)
    assert bulk["chain"] == [] and per_row["chain"] == []
    for key in ("people", "stages", "rows", "counts"):
        assert bulk[key] == per_row[key], key
    # The same audit rows; only their order differs (an update is written at once, the chunk's new people after it).
    assert sorted(bulk["entries"]) == sorted(per_row["entries"])
    assert bulk["entries"][0][:3] == ("person", id_number(6), LogEntry.Action.UPDATE)
    assert bulk["entries"][1:] == [e for e in per_row["entries"] if e[1] != id_number(6)]
    models = [e[0] for e in bulk["entries"]]
    assert models.count("person") == 6 + 2 + 1  # six created, two with sources, one update
    assert models.count("membershipstage") == 2 + 1 + 3 + 2 + 1
    assert {e[4] for e in bulk["entries"]} == {officer.pk}


def test_the_bulk_path_reports_the_same_errors_as_the_services(township: Any, officer: Any) -> None:
    rows = [
        staged(1, "王建国"),
        staged(2, "李秀英", 性别="女"),
        staged(3, "张桂兰", 转正日期="1998-12-01"),
        staged(4, "刘海涛", 人员类别="预备党员", 转正日期=None, 入党日期=None),
        staged(5, "陈丽华", 公民身份号码=id_number(1)),
        staged(
            6,
            "杨德明",
            公民身份号码=idcard.make("420526", dt.date(1990, 1, 1), 12, "M"),
            入党日期="1989-01-01",
            转正日期="1990-01-02",
        ),
        staged(7, "黄春梅", 人员来源="宇航员", **MASSES),
        staged(
            8,
            "赵永福",
            人员类别="入党积极分子",
            入党日期=None,
            转正日期=None,
            申请入党日期="2009-01-01",
            确定积极分子日期="2010-01-01",
            列为发展对象日期="2010-06-01",
        ),
        staged(
            9,
            "吴卫东",
            人员类别="发展对象",
            入党日期=None,
            转正日期=None,
            申请入党日期="2009-01-01",
            确定积极分子日期="2009-05-01",
            列为发展对象日期="2009-12-01",
        ),
        staged(10, "周文", 入党日期="2030-01-01", 转正日期="2031-01-02"),
        staged(11, "孙敏", 人员类别="预备党员", 入党日期="2009-05-01", 转正日期=None, 申请入党日期="2010-01-01"),
        staged(12, "马力", "丙村党支部"),
    ]
    data = clerk_book(STAGE_HEADERS, rows)

    bulk = import_and_undo(PEOPLE, data, officer)
    per_row = import_and_undo(PER_ROW, data, officer)

    assert bulk["errors"] == per_row["errors"]
    assert [issue.row for issue in bulk["errors"]] == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]
    assert bulk["errors"][0] == Issue(5, "性别", "性别与公民身份号码不符（号码显示为男）")
    assert bulk["people"] == per_row["people"] == []


def test_a_secretary_is_refused_the_same_way_on_both_paths(township: Any, secretary_a: Any) -> None:
    data = clerk_book(PEOPLE_HEADERS, [member(1, "王建国"), member(2, "李秀英", "乙村党支部")])
    bulk = import_and_undo(PEOPLE, data, secretary_a)
    assert bulk["errors"] == import_and_undo(PER_ROW, data, secretary_a)["errors"]
    assert bulk["errors"] == [Issue(5, "所在党组织", "“乙村党支部”不在您的管辖范围内，不能导入")]


def test_a_bulk_import_keeps_the_audit_chain_and_a_reimport_is_unchanged(township: Any, officer: Any) -> None:
    rows = [member(n, f"党员{n}", 人员来源="退伍军人") for n in range(1, 1201)]  # more than one chunk
    data = clerk_book(PEOPLE_HEADERS, rows)

    result = import_workbook(PEOPLE, data, user=officer, keep_rows=False)

    assert (result.created, result.errors) == (1200, [])
    assert Person.objects.count() == 1200 and MembershipStage.objects.count() == 2400
    assert LogEntry.objects.filter(content_type__model="person").count() == 2400
    assert chain.verify() == []
    audit_rows = LogEntry.objects.count()
    again = import_workbook(PEOPLE, data, user=officer, keep_rows=False)
    assert (again.created, again.updated, again.unchanged, again.errors) == (0, 0, 1200, [])
    assert LogEntry.objects.count() == audit_rows


def test_the_bulk_path_writes_in_a_bounded_number_of_queries(
    township: Any, officer: Any, django_assert_max_num_queries: Any
) -> None:
    data = clerk_book(PEOPLE_HEADERS, [member(n, f"党员{n}") for n in range(1, 301)])
    with django_assert_max_num_queries(40):
        result = import_workbook(PEOPLE, data, user=officer, keep_rows=False)
    assert result.created == 300


def test_a_totals_row_under_the_data_is_skipped_like_a_blank_row(township: Any, officer: Any) -> None:
    rows = [member(1, "王建国"), member(2, "李秀英")]
    totals = ["合计", None, None, None, None, None, None, None, None, None, None, None, None, "2人"]
    subtotal = [None, "小 计：", None, None, None, None, None, None, None, None, None, None, None, None]
    data = clerk_book(PEOPLE_HEADERS, [*rows, subtotal, totals])

    result = import_workbook(PEOPLE, data, user=officer)

    assert (result.created, result.errors) == (2, [])
    half_filled = ["合计", "张桂兰", None, None, None, None, None, None, None, None, None, None, None, None]
    refused = import_workbook(PEOPLE, clerk_book(PEOPLE_HEADERS, [half_filled]), user=officer)
    assert refused.errors and refused.errors[0].row == 4  # a row with data in required cells is not a totals row


def test_progress_is_reported_about_every_hundred_rows(township: Any, officer: Any) -> None:
    data = clerk_book(PEOPLE_HEADERS, [member(n, f"群众{n}", **MASSES) for n in range(1, 251)])
    calls: list[tuple[int, int | None]] = []

    import_workbook(PEOPLE, data, user=officer, progress=lambda done, total: calls.append((done, total)))

    assert [done for done, _total in calls] == [100, 200, 250]
    assert all(total is not None and total >= done for done, total in calls)
    assert calls[-1] == (250, 250)


def test_a_value_merged_down_several_rows_is_filled_down(township: Any, officer: Any) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["甲村党员花名册"])
    sheet.merge_cells("A1:N1")
    sheet.append(PEOPLE_HEADERS)
    for n in range(1, 6):
        sheet.append(member(n, f"党员{n}", 所在党组织="T01V1" if n == 1 else None))
    org_column = PEOPLE_HEADERS.index("所在党组织") + 1
    sheet.merge_cells(start_row=3, start_column=org_column, end_row=7, end_column=org_column)
    buffer = io.BytesIO()
    book.save(buffer)

    result = import_workbook(PEOPLE, buffer.getvalue(), user=officer)

    assert (result.created, result.errors) == (5, [])
    assert set(Person.objects.values_list("org__code", flat=True)) == {"T01V1"}
