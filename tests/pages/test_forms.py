"""The forms as a secretary or officer uses them: what they type, what they are told, what changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import Township, make_full_member
from tests.pages.test_scope import snapshot
from wuji.core import idcard
from wuji.people.models import MembershipStage, Person, Position

pytestmark = pytest.mark.django_db

VALID_ID = idcard.make("420529", dt.date(1985, 3, 8), 123, "F")


def person_form(org: Any, **overrides: Any) -> dict[str, Any]:
    data = {"name": "向秀英", "id_number": VALID_ID, "org": org.pk, "ethnicity": "土家族", "phone": "13972000001"}
    return {**data, **overrides}


def test_secretary_registers_a_person_and_the_audit_trail_says_who(
    township: Township, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    response = client.post(reverse("people:create"), person_form(township.village_a), REMOTE_ADDR="10.1.2.3")
    person = Person.objects.get(name="向秀英")
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.gender == "F" and person.birth_date == dt.date(1985, 3, 8)  # derived, not typed
    entry = LogEntry.objects.get_for_object(person).get(action=LogEntry.Action.CREATE)
    assert entry.actor == secretary_a and entry.remote_addr == "10.1.2.3"
    assert VALID_ID not in str(entry.changes) and "13972000001" not in str(entry.changes)


@pytest.mark.parametrize(
    "id_number,message",
    [
        (VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1"), "校验位不正确"),
        ("42052919850308", "应为18位"),
        ("420529198513081234", "出生日期无效"),
    ],
)
def test_a_bad_id_number_is_explained_beside_the_field(
    id_number: str, message: str, township: Township, secretary_a: Any, client_for: Any
) -> None:
    before = snapshot()
    response = client_for(secretary_a).post(
        reverse("people:create"), person_form(township.village_a, id_number=id_number)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_typed_gender_that_disagrees_with_the_id_number_is_refused(
    township: Township, secretary_a: Any, client_for: Any
) -> None:
    response = client_for(secretary_a).post(
        reverse("people:create"), person_form(township.village_a, gender="M", birth_date="1985-03-08")
    )
    assert response.status_code == 400
    assert "性别与公民身份号码不符" in response.content.decode()
    assert not Person.objects.filter(name="向秀英").exists()


def test_activist_promoted_too_early_is_refused_with_the_earliest_date(
    township: Township, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    client.post(reverse("people:create"), person_form(township.village_a))
    person = Person.objects.get(name="向秀英")
    url = reverse("people:stage_create", args=[person.pk])
    assert client.post(url, {"stage": "applicant", "started_on": "2019-03-01"}).status_code == 302
    assert client.post(url, {"stage": "activist", "started_on": "2019-06-01"}).status_code == 302
    response = client.post(url, {"stage": "candidate", "started_on": "2020-01-10"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "一年以上培养教育" in page and "2020-06-01" in page
    assert list(person.stages.values_list("stage", flat=True)) == ["applicant", "activist"]


def test_admission_needs_a_majority_of_all_full_members(township: Township, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    client.post(reverse("people:create"), person_form(township.village_a))
    person = Person.objects.get(name="向秀英")
    url = reverse("people:stage_create", args=[person.pk])
    for stage, day in [("applicant", "2017-03-01"), ("activist", "2017-06-01"), ("candidate", "2018-06-01")]:
        assert client.post(url, {"stage": stage, "started_on": day}).status_code == 302
    response = client.post(
        url,
        {
            "stage": "probationary",
            "started_on": "2018-09-01",
            "voters_eligible": 10,
            "voters_present": 6,
            "votes_for": 5,
        },
    )
    assert response.status_code == 400
    assert "未超过有表决权正式党员10人的半数" in response.content.decode()
    assert not MembershipStage.objects.filter(person=person, stage="probationary").exists()


def test_two_secretaries_on_the_same_day_are_refused(township: Township, secretary_a: Any, client_for: Any) -> None:
    first = make_full_member(org=township.village_a, name="甲一")
    second = make_full_member(org=township.village_a, name="甲二", birth_date=dt.date(1970, 2, 2))
    client = client_for(secretary_a)
    form = {
        "org": township.village_a.pk,
        "title": "secretary",
        "started_on": "2021-01-05",
        "selection_method": "two_recommend_one_election",
    }
    assert client.post(reverse("people:position_create", args=[first.pk]), form).status_code == 302
    response = client.post(reverse("people:position_create", args=[second.pk]), form)
    assert response.status_code == 400
    assert "同一时间只能有一人" in response.content.decode() and "甲一" in response.content.decode()
    assert Position.objects.filter(org=township.village_a, title="secretary").count() == 1


def test_a_stale_edit_is_refused_and_nothing_is_overwritten(
    township: Township, secretary_a: Any, officer: Any, client_for: Any
) -> None:
    person = make_full_member(org=township.village_a, name="原名")
    url = reverse("people:edit", args=[person.pk])
    stale = {"name": "秘书改名", "org": township.village_a.pk, "ethnicity": "汉族", "version": person.version}
    fresh = {**stale, "name": "组织委员改名", "id_number": person.id_number}
    assert client_for(officer).post(url, fresh).status_code == 302
    response = client_for(secretary_a).post(url, stale)
    assert response.status_code == 400
    assert "已被他人修改" in response.content.decode()
    person.refresh_from_db()
    assert person.name == "组织委员改名"


def test_personal_data_is_masked_unless_the_role_may_see_it(
    township: Township, secretary_a: Any, officer: Any, inspector: Any, client_for: Any
) -> None:
    person = make_full_member(org=township.village_a, name="隐私", phone="13812345678")
    url = reverse("people:detail", args=[person.pk])
    for user in (secretary_a, inspector):
        page = client_for(user).get(url).content.decode()
        assert person.id_number not in page and "13812345678" not in page
        assert person.id_number_masked in page and "138****5678" in page
        listing = client_for(user).get(reverse("people:list")).content.decode()
        assert person.id_number not in listing and person.id_number_masked in listing
    # The officer too sees them masked until revealing them with a reason (tests/security/test_reveal.py).
    officer_page = client_for(officer).get(url).content.decode()
    assert person.id_number not in officer_page and person.id_number_masked in officer_page
    revealed = client_for(officer).post(url, {"reveal_reason": "核对党员信息"}).content.decode()
    assert person.id_number in revealed and "13812345678" in revealed


def test_a_secretary_cannot_change_an_id_number_they_cannot_see(
    township: Township, secretary_a: Any, client_for: Any
) -> None:
    person = make_full_member(org=township.village_a, name="改号")
    original = person.id_number
    other = idcard.make("420529", dt.date(1966, 6, 6), 444, person.gender)
    form = {
        "name": "改号",
        "id_number": other,
        "org": township.village_a.pk,
        "ethnicity": "汉族",
        "version": person.version,
    }
    page = client_for(secretary_a).get(reverse("people:edit", args=[person.pk])).content.decode()
    assert original not in page
    client_for(secretary_a).post(reverse("people:edit", args=[person.pk]), form)
    person.refresh_from_db()
    assert person.id_number == original


def test_dissolving_an_org_with_people_is_refused(township: Township, officer: Any, client_for: Any) -> None:
    make_full_member(org=township.village_b, name="留守")
    response = client_for(officer).post(
        reverse("orgs:dissolve", args=[township.village_b.pk]), {"dissolved_on": "2022-01-01", "reason": "合并"}
    )
    assert response.status_code == 400
    assert "还有1名人员" in response.content.decode()
    township.village_b.refresh_from_db()
    assert township.village_b.dissolved_on is None


def test_officer_creates_and_moves_an_org(township: Township, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    response = client.post(
        reverse("orgs:create") + f"?parent={township.township.pk}",
        {
            "name": "丙村党总支",
            "code": "T01V3",
            "kind": "general_branch",
            "category": "village",
            "founded_on": "2020-05-01",
        },
    )
    assert response.status_code == 302
    general = township.township.__class__.objects.get(code="T01V3")
    moved = client.post(reverse("orgs:move", args=[township.village_b.pk]), {"new_parent": general.pk})
    assert moved.status_code == 302
    township.village_b.refresh_from_db()
    assert township.village_b.path.startswith(general.path)
    # The move form never offers the org's own subtree.
    page = client.get(reverse("orgs:move", args=[general.pk])).content.decode()
    assert f'value="{township.village_b.pk}"' not in page
