"""The orgs, positions, pools and trainings ledgers: created, re-imported unchanged, updated by natural key."""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditlog.models import LogEntry

from tests.factories import make_full_member
from tests.ledgers.books import clerk_book, id_number, plain_book
from wuji.core import idcard
from wuji.ledgers import registry
from wuji.ledgers.importer import Issue, import_workbook
from wuji.orgs.models import Organization
from wuji.people.choices import Pool, SelectionMethod, Title
from wuji.people.models import PoolEntry, Position, Training

ORG_HEADERS = ["序号", "组织名称", "组织代码", "上级组织", "组织类型", "组织类别", "成立日期"]


def full_member(township: Any, n: int, name: str) -> Any:
    info = idcard.parse(id_number(n))
    return make_full_member(
        org=township.village_a, name=name, id_number=info.number, gender=info.gender, birth_date=info.birth_date
    )


def test_orgs_are_created_under_a_parent_named_by_code_or_by_a_row_above(township: Any, officer: Any) -> None:
    rows = [
        [1, "丙村党总支", "T01V3", "T01", "党总支", "农村", "2010.4.15"],
        [2, "丙村第一党支部", "T01V31", "丙村党总支", "党支部", "农村", "2010年5月1日"],
        [3, "甲村党支部", "T01V1", "测试乡党委", "党支部", "农村", "1990-01-01"],
    ]
    data = clerk_book(ORG_HEADERS, rows, title="测试乡党组织台账")
    result = import_workbook(registry.get("orgs"), data, user=officer)

    assert (result.errors, result.created, result.unchanged) == ([], 2, 1)
    general = Organization.objects.get(code="T01V3")
    branch = Organization.objects.get(code="T01V31")
    assert general.kind == "general_branch" and general.founded_on == dt.date(2010, 4, 15)
    assert Organization.objects.get_parent(branch) == general  # type: ignore[attr-defined]

    again = import_workbook(registry.get("orgs"), data, user=officer)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_an_org_row_that_differs_updates_it_and_one_outside_scope_is_refused(
    township: Any, officer: Any, secretary_a: Any
) -> None:
    rows = [[1, "甲村党支部（新）", "T01V1", "T01", "党支部", "农村", None]]
    result = import_workbook(registry.get("orgs"), plain_book(ORG_HEADERS, rows), user=officer)
    assert result.updated == 1
    village = Organization.objects.get(code="T01V1")
    assert village.name == "甲村党支部（新）"
    assert LogEntry.objects.get_for_object(village).latest("timestamp").actor == officer

    outside = [[1, "测试县委", "T", None, "党委", None, None]]
    refused = import_workbook(registry.get("orgs"), plain_book(ORG_HEADERS, outside), user=officer)
    assert refused.errors == [Issue(2, "组织代码", "组织代码“T”已被您管辖范围以外的组织使用")]


def test_positions_are_assigned_then_ended_by_a_later_file(township: Any, officer: Any) -> None:
    person = full_member(township, 1, "王建国")
    headers = ["姓名", "公民身份号码", "所在党组织", "职务", "任职日期", "免职日期", "产生方式"]
    first = plain_book(
        headers,
        [
            ["王建国", person.id_number, "甲村党支部", "支部书记", "2008.04", None, "两推一选"],
            ["王建国", person.id_number, "T01V1", "村民委员会主任", "2008-05-01", None, None],
        ],
    )
    result = import_workbook(registry.get("positions"), first, user=officer)
    assert (result.errors, result.created) == ([], 2)
    secretary = Position.objects.get(title=Title.SECRETARY)
    assert secretary.started_on == dt.date(2008, 4, 1)
    assert secretary.selection_method == SelectionMethod.TWO_RECOMMEND_ONE_ELECTION
    assert import_workbook(registry.get("positions"), first, user=officer).unchanged == 2

    ended = plain_book(headers, [["王建国", person.id_number, "T01V1", "党支部书记", "2008-04-01", "2011/3/1", None]])
    result = import_workbook(registry.get("positions"), ended, user=officer)
    assert result.updated == 1
    secretary.refresh_from_db()
    assert secretary.ended_on == dt.date(2011, 3, 1)


def test_a_position_row_is_checked_by_the_position_rules(township: Any, officer: Any) -> None:
    person = full_member(township, 1, "王建国")
    headers = ["姓名", "公民身份号码", "所在党组织", "职务", "任职日期"]
    rows = [
        ["王建国", person.id_number, "乡政府机关党支部", "村委会主任", "2008-05-01"],
        ["张三", person.id_number, "T01V1", "党支部书记", "2008-05-01"],
        ["李四", id_number(9), "T01V1", "党支部书记", "2008-05-01"],
    ]
    result = import_workbook(registry.get("positions"), plain_book(headers, rows), user=officer)
    assert result.errors == [
        Issue(2, "职务", "村委会职务只能登记在村党组织"),
        Issue(3, "姓名", "姓名与该公民身份号码登记的姓名（王建国）不一致"),
        Issue(4, "公民身份号码", "未找到该公民身份号码登记的人员，请先在人员台账中登记"),
    ]
    assert not Position.objects.exists()


def test_pools_and_trainings_import_once(township: Any, officer: Any) -> None:
    person = full_member(township, 1, "王建国")
    pools = plain_book(
        ["姓名", "公民身份号码", "所在党组织", "类别", "入库日期", "出库日期"],
        [
            ["王建国", person.id_number, "T01V1", "后备干部", "2009-03-01", None],
            ["王建国", person.id_number, "T01V1", "实用人才", "2009年3月", None],
        ],
    )
    result = import_workbook(registry.get("pools"), pools, user=officer)
    assert (result.errors, result.created) == ([], 2)
    assert set(PoolEntry.objects.values_list("pool", flat=True)) == {Pool.RESERVE_CADRE, Pool.PRACTICAL_TALENT}
    assert import_workbook(registry.get("pools"), pools, user=officer).unchanged == 2

    headers = ["姓名", "公民身份号码", "培训名称", "培训类别", "开始日期", "结束日期", "主办单位"]
    trainings = plain_book(
        headers, [["王建国", person.id_number, "村干部轮训班", "村干部培训", "2010.3.2", "2010.3.4", "县委组织部"]]
    )
    result = import_workbook(registry.get("trainings"), trainings, user=officer)
    assert (result.errors, result.created) == ([], 1)
    assert Training.objects.get().organizer == "县委组织部"
    assert import_workbook(registry.get("trainings"), trainings, user=officer).unchanged == 1
    changed = plain_book(
        headers, [["王建国", person.id_number, "村干部轮训班", "村干部培训", "2010.3.2", "2010.3.5", None]]
    )
    result = import_workbook(registry.get("trainings"), changed, user=officer)
    assert result.errors == [Issue(2, "", "该次培训已登记，结束日期与登记的不同；如需更正请在人员页面修改")]
