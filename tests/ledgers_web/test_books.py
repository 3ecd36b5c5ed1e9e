"""The remaining ledgers on the framework: each imports through its app's services, re-imports unchanged,
refuses another branch's rows, and exports what imports back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import make_full_member
from tests.ledgers_web.conftest import clerk_workbook
from wuji.activities.models import Activity, ActivityType, Pairing
from wuji.governance.models import Matter, RuleDocument
from wuji.ledgers import registry
from wuji.ledgers.exporter import export_workbook
from wuji.ledgers.importer import import_workbook
from wuji.support.models import Facility, Funding

pytestmark = pytest.mark.django_db


def run(name: str, headers: list[str], rows: list[list[Any]], user: Any, *, dry_run: bool = False) -> Any:
    content = clerk_workbook(headers, rows, title=f"{registry.get(name).title}（2010年）")
    return import_workbook(registry.get(name), content, user=user, dry_run=dry_run, filename="x.xlsx")


def problems(result: Any) -> list[tuple[int, str]]:
    return [(issue.row, issue.column) for issue in result.errors]


ACTIVITY_HEADERS = ["序号", "所在党组织", "活动类型", "活动日期", "主题", "应到人数", "实到人数", "地点"]


@pytest.fixture
def study(db: None) -> ActivityType:
    return ActivityType.objects.get_or_create(code="study", defaults={"name": "集中学习"})[0]


def test_activities_count_attendance_from_the_member_list(township: Any, secretary_a: Any, study: ActivityType) -> None:
    for _ in range(2):
        make_full_member(org=township.village_a)
    rows = [
        [1, "甲村党支部", "集中学习", "2010.3.5", "学习两会精神", 2, 2, "村部"],
        [2, "T01V1", "集中学习", dt.datetime(2010, 4, 15), "学习党章", None, None, ""],
        [3, "甲村党支部", "集中学习", "2010年5月20日", "学习条例", 2, 1, ""],
        [4, "甲村党支部", "扭秧歌", "2010/6/1", "联欢", None, None, ""],
    ]
    result = run("activities", ACTIVITY_HEADERS, rows, secretary_a)
    assert problems(result) == [(5, "实到人数"), (6, "活动类型")]
    assert "缺席" in result.errors[0].message
    assert not Activity.objects.exists()

    result = run("activities", ACTIVITY_HEADERS, rows[:2], secretary_a)
    assert result.ok and result.created == 2
    activity = Activity.objects.get(topic="学习两会精神")
    assert activity.attendance.filter(present=True).count() == 2 and activity.backfilled

    again = run("activities", ACTIVITY_HEADERS, rows[:2], secretary_a)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_an_exported_ledger_imports_back_unchanged(township: Any, secretary_a: Any, study: ActivityType) -> None:
    make_full_member(org=township.village_a)
    run(
        "activities",
        ACTIVITY_HEADERS,
        [[1, "T01V1", "集中学习", "2010.3.5", "+学习党章（第一讲）", None, None, "-"]],
        secretary_a,
    )
    content = export_workbook(registry.get("activities"), user=secretary_a)
    result = import_workbook(registry.get("activities"), content, user=secretary_a, filename="e.xlsx")
    assert result.ok and (result.created, result.unchanged) == (0, 1)


def test_rules_are_versions_and_a_changed_text_is_refused(township: Any, secretary_a: Any) -> None:
    headers = ["所在党组织", "制度类别", "制度名称", "施行日期", "制度内容"]
    rows = [
        ["T01V1", "议事规则", "甲村议事规则", "2009.1.1", "一、……"],
        ["T01V1", "议事规则", "甲村议事规则（修订）", "2010.1.1", "一、……二、……"],
    ]
    assert run("rules", headers, rows, secretary_a).created == 2
    current = RuleDocument.objects.get(superseded_on__isnull=True)
    assert current.title == "甲村议事规则（修订）"
    assert run("rules", headers, rows, secretary_a).unchanged == 2
    changed = run("rules", headers, [[*rows[0][:4], "改了"]], secretary_a)
    assert problems(changed) == [(3, "制度内容")]


def test_matters_of_another_branch_are_refused(township: Any, secretary_a: Any) -> None:
    headers = ["所在党组织", "事项名称", "事项说明"]
    result = run("matters", headers, [["T01V1", "修建村组道路", ""], ["T01V2", "乙村事项", ""]], secretary_a)
    assert problems(result) == [(4, "所在党组织")]
    assert not Matter.objects.exists()
    assert run("matters", headers, [["T01V1", "修建村组道路", "筹资投劳"]], secretary_a).created == 1


def test_funding_and_pairings_are_the_officers(township: Any, officer: Any, secretary_a: Any) -> None:
    headers = ["所在党组织", "年度", "经费类别", "金额（元）"]
    rows = [["T01V1", 2009, "村级办公经费", "12,000"]]
    with pytest.raises(PermissionDenied):
        run("funding", headers, rows, secretary_a)
    assert run("funding", headers, rows, officer).created == 1
    assert Funding.objects.get().amount == 12000

    pairing_headers = ["机关党组织", "村（社区）党组织", "结对日期", "结束日期"]
    result = run("pairings", pairing_headers, [["T01G1", "甲村党支部", "2009.3", None]], officer)
    assert result.ok and Pairing.objects.get().started_on == dt.date(2009, 3, 1)


def test_facilities_update_in_place(township: Any, secretary_a: Any) -> None:
    headers = ["所在党组织", "设施类别", "名称", "面积（平方米）", "启用日期"]
    assert run("facilities", headers, [["T01V1", "党员活动室", "甲村活动室", 60, "2008.5"]], secretary_a).created == 1
    result = run("facilities", headers, [["T01V1", "党员活动室", "甲村活动室", 80, "2008.5"]], secretary_a)
    assert result.updated == 1 and Facility.objects.get().area_m2 == 80


def test_absences_are_recorded_person_by_person_after_the_activity(
    township: Any, secretary_a: Any, study: ActivityType
) -> None:
    first, second = (make_full_member(org=township.village_a) for _ in range(2))
    run(
        "activities", ACTIVITY_HEADERS, [[1, "T01V1", "集中学习", "2010.3.5", "学习两会精神", 2, None, ""]], secretary_a
    )
    headers = ["所在党组织", "活动日期", "主题", "姓名", "公民身份号码", "是否出席", "缺席原因"]
    rows = [["T01V1", "2010-03-05", "学习两会精神", first.name, first.id_number, "否", "外出务工"]]
    missing = run("attendance", headers, [[*rows[0][:6], None]], secretary_a)
    assert problems(missing) == [(3, "缺席原因")]
    unknown = run("attendance", headers, [["T01V1", "2010-03-06", *rows[0][2:]]], secretary_a)
    assert problems(unknown) == [(3, "主题")]

    assert run("attendance", headers, rows, secretary_a).updated == 1
    activity = Activity.objects.get()
    assert list(activity.attendance.filter(present=False).values_list("person", "absence_reason")) == [
        (first.pk, "work_away")
    ]
    assert activity.attendance.get(person=second).present
    assert run("attendance", headers, rows, secretary_a).unchanged == 1


def test_ten_haves_checks_item_by_item(township: Any, secretary_a: Any) -> None:
    from wuji.support.choices import DEFAULT_TEN_HAVES
    from wuji.support.models import FacilityCheck

    first_item = str(DEFAULT_TEN_HAVES[0][1])
    run(
        "facilities",
        ["所在党组织", "设施类别", "名称", "启用日期"],
        [["T01V1", "党员活动室", "活动室", "2008.5"]],
        secretary_a,
    )
    headers = ["所在党组织", "活动室名称", "检查日期", "项目", "是否具备", "说明"]
    rows = [["T01V1", "活动室", "2010.6.1", first_item, "是", ""], ["T01V1", "活动室", "2010.6.1", "有空调", "否", ""]]
    result = run("facility_checks", headers, rows, secretary_a)
    assert problems(result) == [(4, "项目")]
    assert run("facility_checks", headers, rows[:1], secretary_a).created == 1
    assert FacilityCheck.objects.get().present
    assert run("facility_checks", headers, rows[:1], secretary_a).unchanged == 1


MINE = ("activities", "attendance", "pairings", "rules", "matters", "income", "funding", "facilities")
MINE += ("facility_checks", "pensions")


@pytest.mark.parametrize("name", MINE)
def test_the_template_has_exactly_the_headers_the_import_reads(name: str, township: Any, officer: Any) -> None:
    import io

    from openpyxl import load_workbook

    from wuji.ledgers.templates_xlsx import template_workbook

    ledger = registry.get(name)
    data = template_workbook(ledger, user=officer)
    assert [c.value for c in load_workbook(io.BytesIO(data)).worksheets[0][1]] == ledger.headers()
    result = import_workbook(ledger, data, user=officer, dry_run=True)
    assert (result.errors, result.total) == ([], 0)
    assert load_workbook(io.BytesIO(export_workbook(ledger, user=officer))).worksheets[0].max_row >= 1
