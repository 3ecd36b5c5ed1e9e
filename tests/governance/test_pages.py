"""基本制度 pages as a secretary and an officer use them: 五议五公开 end to end, forms, rules, registers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import Township
from tests.governance.conftest import DAY, GovRecords, pdf_upload, png_upload, record_steps
from wuji.governance import services
from wuji.governance.choices import MatterStatus, RuleKind
from wuji.governance.models import Disclosure, Matter, MatterStep, RuleDocument

pytestmark = pytest.mark.django_db

PRIMARY = re.compile(r'<a class="btn btn-primary btn-lg" href="([^"]+)">.*?</i> ([^<]+)</a>', re.S)
EXPECTED_BUTTONS = [
    "登记“村（居）民建议”",
    "登记“支部会提议”",
    "登记“两委”商议",
    "进行“提议事项公开”",
    "登记“党员大会审议”",
    "进行“审议程序公开”",
    "登记“村（居）民（代表）大会决议”",
    "进行“议事结果公开”",
    "进行“实施方案公开”",
    "进行“办理结果公开”",
]


def field_error(html: str, field: str) -> str:
    """The error shown beside `field` ('' if none)."""
    match = re.search(rf'id="id_{field}_error">(.*?)</div>', html, re.S)
    return match.group(1).strip() if match else ""


def test_a_secretary_walks_a_matter_through_all_ten_actions(
    township: Township, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    response = client.post(reverse("governance:matter_create"), {"org": township.village_a.pk, "title": "修建村组道路"})
    matter = Matter.objects.get(title="修建村组道路")
    detail = reverse("governance:matter_detail", args=[matter.pk])
    assert response.status_code == 302 and response["Location"] == detail
    day = DAY
    for number, expected_button in enumerate(EXPECTED_BUTTONS, start=1):
        page = client.get(detail).content.decode()
        assert page.count("btn btn-primary") == 1, f"action {number}: exactly one primary button"
        url, label = PRIMARY.search(page).groups()  # type: ignore[union-attr]
        assert label.strip() == expected_button
        form = client.get(url).content.decode()
        if url.endswith("/step/"):
            if number == 1:  # a villager's proposal: no meeting numbers
                assert 'name="expected"' not in form and 'name="votes_for"' not in form
                data = {"held_on": day, "note": "村民张某某等12人建议修路"}
            else:
                assert 'name="expected"' in form and 'name="abstentions"' in form
                data = {
                    "held_on": day,
                    "expected": 9,
                    "present": 8,
                    "votes_for": 7,
                    "votes_against": 1,
                    "abstentions": 0,
                }
        else:
            assert url.endswith("/disclose/") and 'name="photo"' in form and 'accept="image/jpeg,image/png"' in form
            data = {"published_on": day, "channel": "board", "content": f"{expected_button}的内容"}
            if number == 4:
                data["photo"] = png_upload()
        response = client.post(url, data)
        assert response.status_code == 302, (expected_button, field_error(response.content.decode(), "__all__"))
        day += dt.timedelta(days=2)
    page = client.get(detail).content.decode()
    assert "已办结" in page and "五议五公开已全部完成" in page and "btn btn-primary" not in page
    assert "应到 9　实到 8　同意 7　反对 1　弃权 0" in page
    matter.refresh_from_db()
    assert matter.status == MatterStatus.COMPLETED
    assert "已办结" in client.get(reverse("governance:matter_list")).content.decode()
    photo = matter.disclosures.get(kind="proposal").photo
    assert photo is not None and f'src="{reverse("attachment", args=[photo.pk])}"' in page


def test_bad_numbers_come_back_beside_the_fields(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("governance:matter_step", args=[gov_a.matter.pk])  # step 4 is next
    numbers = {"held_on": "2021-04-01", "votes_against": 0, "abstentions": 0}
    response = client.post(url, {**numbers, "expected": 5, "present": 6, "votes_for": 5})
    html = response.content.decode()
    assert response.status_code == 400
    assert field_error(html, "present") == "实到人数（6）不能多于应到人数（5）"
    response = client.post(url, {**numbers, "expected": 10, "present": 8, "votes_for": 9})
    assert field_error(response.content.decode(), "votes_for") == "同意、反对、弃权票数之和（9）不能多于实到人数（8）"
    response = client.post(url, {**numbers, "expected": 10, "present": 5, "votes_for": 5})
    assert "未超过应到10人的半数，会议无效" in field_error(response.content.decode(), "present")
    response = client.post(url, {**numbers, "held_on": "2021-03-02", "expected": 10, "present": 8, "votes_for": 6})
    assert "不能早于上一环节（2021-03-15）" in field_error(response.content.decode(), "held_on")
    response = client.post(url, {"held_on": "2021-04-01"})
    assert field_error(response.content.decode(), "expected") == "请填写应到人数"
    assert MatterStep.objects.filter(matter=gov_a.matter).count() == 3


def test_a_failed_vote_stops_the_matter_on_the_page(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("governance:matter_step", args=[gov_a.matter.pk])
    data = {"held_on": "2021-04-01", "expected": 30, "present": 20, "votes_for": 10, "votes_against": 8}
    assert client.post(url, {**data, "abstentions": 2}).status_code == 302
    page = client.get(reverse("governance:matter_detail", args=[gov_a.matter.pk])).content.decode()
    assert "“党员大会审议”未获通过，事项停止" in page and "未通过" in page and "btn btn-primary" not in page
    assert "终止该事项" not in page
    # The forms now send the secretary back to the matter, and a forced post changes nothing.
    assert client.get(url).status_code == 302
    disclose = reverse("governance:matter_disclose", args=[gov_a.matter.pk])
    assert client.post(disclose, {"published_on": "2021-04-02", "channel": "board", "content": "x"}).status_code == 302
    assert not Disclosure.objects.filter(matter=gov_a.matter).exists()


def test_the_disclosure_form_refuses_a_non_image_photo(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    url = reverse("governance:matter_disclose", args=[gov_a.matter.pk])
    data = {"published_on": "2021-03-20", "channel": "board", "content": "修路事项公开", "photo": pdf_upload("x.png")}
    response = client_for(secretary_a).post(url, data)
    assert response.status_code == 400
    assert "只接受" in field_error(response.content.decode(), "photo")
    assert not Disclosure.objects.filter(matter=gov_a.matter).exists()


def test_abandoning_needs_a_reason_on_the_page(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("governance:matter_abandon", args=[gov_a.matter.pk])
    response = client.post(url, {"reason": "", "on": "2021-04-01"})
    assert response.status_code == 400 and field_error(response.content.decode(), "reason") == "请填写终止原因"
    assert client.post(url, {"reason": "上级资金未落实", "on": "2021-04-01"}).status_code == 302
    page = client.get(reverse("governance:matter_detail", args=[gov_a.matter.pk])).content.decode()
    assert "已终止" in page and "上级资金未落实" in page


def test_the_detail_page_offers_the_meeting_beside_a_due_disclosure(
    gov_a: GovRecords, secretary_a: Any, inspector: Any, client_for: Any
) -> None:
    url = reverse("governance:matter_detail", args=[gov_a.matter.pk])
    page = client_for(secretary_a).get(url).content.decode()
    assert PRIMARY.search(page).group(2).strip() == "进行“提议事项公开”"  # type: ignore[union-attr]
    assert "登记“党员大会审议”" in page and 'aria-current="step"' in page
    assert "“党员大会审议”通过后公开" in page  # the next disclosure waits for the meeting
    read_only = client_for(inspector).get(url).content.decode()
    assert "btn btn-primary" not in read_only and "下一步：进行“提议事项公开”" in read_only


def test_the_matter_list_shows_each_next_action(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    page = client_for(secretary_a).get(reverse("governance:matter_list")).content.decode()
    assert "下一步：进行“提议事项公开”" in page
    filtered = client_for(secretary_a).get(reverse("governance:matter_list"), {"status": "completed"})
    assert "甲村修路" not in filtered.content.decode()


# ---- rules ---------------------------------------------------------------------------------


def test_adopting_a_rule_with_a_file_through_the_page(township: Township, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("governance:rule_adopt") + f"?org={township.village_a.pk}&kind=archive_management"
    form = client.get(url).content.decode()
    assert 'value="档案管理制度"' in form and 'enctype="multipart/form-data"' in form
    data = {"org": township.village_a.pk, "kind": "archive_management", "title": "档案管理制度"}
    response = client.post(url, {**data, "effective_on": "2021-01-01"})
    assert response.status_code == 400
    assert field_error(response.content.decode(), "text") == "请填写制度内容或上传制度文件"
    response = client.post(url, {**data, "effective_on": "2021-01-01", "upload": pdf_upload("档案制度.pdf")})
    rule = RuleDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("governance:rule_detail", args=[rule.pk])
    page = client.get(response["Location"]).content.decode()
    assert reverse("attachment", args=[rule.attachment_id]) in page and "档案制度.pdf" in page
    assert client.get(reverse("attachment", args=[rule.attachment_id])).status_code == 200
    # A second version: the form refuses an older date beside the field, then supersedes.
    response = client.post(url, {**data, "effective_on": "2020-06-01", "text": "旧"})
    assert "须晚于现行版本" in field_error(response.content.decode(), "effective_on")
    client.post(url, {**data, "title": "档案管理制度（修订）", "effective_on": "2021-02-01", "text": "新"})
    page = client.get(reverse("governance:rule_detail", args=[rule.pk])).content.decode()
    assert "已废止" in page and "档案管理制度（修订）" in page
    listing = client.get(reverse("governance:rule_list")).content.decode()
    assert "2021-02-01 起废止" in listing and "现行" in listing


def test_a_secretary_sees_their_own_branchs_checklist(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    page = client_for(secretary_a).get(reverse("governance:rule_list"), {"as_of": "2021-06-30"}).content.decode()
    assert "制度齐全情况" in page and "缺 9 项" in page
    assert f"?org={gov_a.org.pk}&amp;kind=three_assets_management" in page  # a link to fill the gap


def test_the_officer_sees_the_org_by_kind_table(gov: Any, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    page = client.get(reverse("governance:rule_list"), {"as_of": "2021-06-30"}).content.decode()
    assert "gov-matrix" in page and "5 个组织中 0 个齐全" in page
    assert page.count("✓") >= 2  # each village's 议事规则
    one = client.get(reverse("governance:rule_list"), {"org": gov[0].org.pk}).content.decode()
    assert "gov-matrix" not in one and "甲村党支部" in one


def test_coverage_follows_the_as_of_day(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    before = client.get(reverse("governance:rule_list"), {"as_of": "2019-12-31"}).content.decode()
    assert "缺 10 项" in before
    services.rule_document_adopt(
        user=secretary_a,
        org=gov_a.org,
        kind=RuleKind.OTHER,
        title="卫生制度",
        effective_on=dt.date(2019, 1, 1),
        text="x",
    )
    assert "缺 10 项" in client.get(reverse("governance:rule_list"), {"as_of": "2019-12-31"}).content.decode()


# ---- disclosures ---------------------------------------------------------------------------


def test_a_draft_is_edited_then_published_then_frozen(gov_a: GovRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    draft = gov_a.disclosure
    edit = reverse("governance:disclosure_edit", args=[draft.pk])
    data = {"org": gov_a.org.pk, "kind": "party_affairs", "title": "党费收缴情况", "content": "一季度党费"}
    response = client.post(edit, {**data, "channel": "board", "version": draft.version})
    assert response.status_code == 302
    stale = client.post(edit, {**data, "channel": "meeting", "version": draft.version})
    assert "已被他人修改" in stale.content.decode()
    publish = reverse("governance:disclosure_publish", args=[draft.pk])
    assert client.post(publish, {"published_on": "2021-04-01"}).status_code == 302
    draft.refresh_from_db()
    assert draft.published and draft.published_on == dt.date(2021, 4, 1) and draft.title == "党费收缴情况"
    response = client.get(edit)
    assert response.status_code == 302
    assert client.post(edit, {**data, "title": "偷改"}).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "党费收缴情况"
    assert client.post(reverse("governance:disclosure_delete", args=[draft.pk])).status_code == 302
    assert Disclosure.objects.filter(pk=draft.pk).exists()
    page = client.get(reverse("governance:disclosure_detail", args=[draft.pk])).content.decode()
    assert "已公开" in page and "/edit/" not in page


def test_a_disclosure_photo_upload(township: Township, secretary_a: Any, client_for: Any) -> None:
    data = {
        "org": township.village_a.pk,
        "kind": "village_affairs",
        "title": "财务公开",
        "content": "收支",
        "channel": "board",
    }
    response = client_for(secretary_a).post(
        reverse("governance:disclosure_create"), {**data, "photo_upload": png_upload()}
    )
    assert response.status_code == 302
    assert Disclosure.objects.get(title="财务公开").photo is not None


# ---- registers ----------------------------------------------------------------------------


def test_asset_totals_follow_the_filter(gov: Any, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    page = client.get(reverse("governance:asset_list")).content.decode()
    assert "400,000.00" in page  # two buildings of 200,000
    one = client.get(reverse("governance:asset_list"), {"org": gov[0].org.pk}, HTTP_HX_REQUEST="true").content.decode()
    assert "200,000.00" in one and "400,000.00" not in one and "<html" not in one


def test_registers_round_trip(gov_a: GovRecords, secretary_a: Any, secretary_organ_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    archive = gov_a.archive
    edit = reverse("governance:archive_edit", args=[archive.pk])
    data = {"org": gov_a.org.pk, "category": "finance", "year": 2020, "title": "2020年财务凭证", "file_no": "2020-2"}
    assert client.post(edit, {**data, "version": archive.version}).status_code == 302
    archive.refresh_from_db()
    assert archive.title == "2020年财务凭证"
    response = client.post(reverse("governance:archive_create"), {**data, "year": 20})
    assert field_error(response.content.decode(), "year") == "请填写四位年份"
    assert client.post(reverse("governance:archive_delete", args=[archive.pk])).status_code == 302
    assert not type(archive).objects.filter(pk=archive.pk).exists()
    organ = client_for(secretary_organ_a)
    cadre = gov_a.performance.person
    response = organ.post(
        reverse("governance:performance_create"),
        {"person": cadre.pk, "recorded_on": "2021-02-01", "content": "完成脱贫结对帮扶"},
    )
    assert response.status_code == 302
    page = organ.get(reverse("governance:performance_list"), {"person": cadre.pk, "year": 2021}).content.decode()
    assert "完成脱贫结对帮扶" in page and "甲干部完成招商任务" in page
    assert "完成脱贫结对帮扶" not in organ.get(reverse("governance:performance_list"), {"year": 2020}).content.decode()


def test_the_finance_list_is_the_officers_to_change(
    gov_a: GovRecords, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    page = client_for(secretary_a).get(reverse("governance:finance_list"), {"as_of": "2021-06-30"}).content.decode()
    assert "村财乡管" in page and "/finance/new/" not in page
    client = client_for(officer)
    response = client.post(
        reverse("governance:finance_create"),
        {"org": gov_a.org.pk, "township_managed": "False", "started_on": "2021-05-01", "note": "试点自管"},
    )
    assert response.status_code == 302
    again = client.post(
        reverse("governance:finance_create"),
        {"org": gov_a.org.pk, "township_managed": "True", "started_on": "2021-05-01"},
    )
    assert again.status_code == 400 and "该村（社区）在这一天已有一条登记" in again.content.decode()
    before = client.get(reverse("governance:finance_list"), {"as_of": "2021-04-30"}).content.decode()
    after = client.get(reverse("governance:finance_list"), {"as_of": "2021-05-01"}).content.decode()
    assert "试点自管" not in before and "试点自管" in after and "村级自管" in after


def test_step_numbers_never_show_personal_data(gov_a: GovRecords, officer: Any, client_for: Any) -> None:
    record_steps(gov_a.matter, officer, 0)
    for name in ["governance:matter_detail", "governance:performance_list"]:
        args = [gov_a.matter.pk] if name.endswith("detail") else []
        page = client_for(officer).get(reverse(name, args=args)).content.decode()
        assert not re.search(r"\d{17}[\dX]|1\d{10}", page), name
