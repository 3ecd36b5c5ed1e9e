"""Writes through the services, stale writes refused, personal data masked, pages, tokens."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import World
from tests.api.test_scope import snapshot
from tests.factories import PASSWORD, make_full_member
from wuji.activities.models import Activity
from wuji.audit.models import SecurityEvent
from wuji.orgs.models import Organization
from wuji.people.models import Person
from wuji.support.models import CollectiveIncome, Facility

pytestmark = pytest.mark.django_db

STALE = "该记录已被他人修改"


def detail(name: str, obj: Any) -> str:
    return reverse(f"api:{name}-detail", args=[obj.pk])


# ---- masking ------------------------------------------------------------------------------------------------------


def test_personal_data_is_masked_by_default(world: World, api_for: Any) -> None:
    person = Person.objects.get(pk=world.a.person.pk)
    client = api_for(world.officer)
    for data in (client.get(detail("person", person)).json(), client.get(reverse("api:person-list")).json()):
        text = str(data)
        assert person.id_number not in text
        assert person.phone not in text
    row = client.get(detail("person", person)).json()
    assert row["id_number"] == person.id_number_masked
    assert row["phone"] == person.phone_masked


def test_reveal_shows_full_numbers_to_a_permitted_role_and_is_audited(world: World, api_for: Any) -> None:
    person = Person.objects.get(pk=world.a.person.pk)
    before = SecurityEvent.objects.filter(action="reveal").count()
    row = api_for(world.officer).get(detail("person", person) + "?reveal=1").json()
    assert row["id_number"] == person.id_number
    assert row["phone"] == person.phone
    events = SecurityEvent.objects.filter(action="reveal").order_by("-pk")
    assert events.count() == before + 1
    event = events.first()
    assert event is not None
    assert event.actor_id == world.officer.pk
    assert event.object_pk == str(person.pk)
    assert person.id_number not in str(event.detail) + event.object_repr

    page = api_for(world.officer).get(reverse("api:person-list") + "?reveal=1").json()
    assert person.id_number in {r["id_number"] for r in page["results"]}
    assert SecurityEvent.objects.filter(action="reveal").count() == before + 2


@pytest.mark.parametrize("user", ["secretary_a", "inspector"])
def test_reveal_is_refused_to_other_roles(world: World, api_for: Any, user: str) -> None:
    before = SecurityEvent.objects.filter(action="reveal").count()
    response = api_for(getattr(world, user)).get(detail("person", world.a.person) + "?reveal=1")
    assert response.status_code == 403
    assert world.a.person.id_number not in response.content.decode()
    assert SecurityEvent.objects.filter(action="reveal").count() == before


# ---- optimistic concurrency ---------------------------------------------------------------------------------------


def test_a_read_carries_the_version_as_etag(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    response = client.get(detail("facility", world.a.facility))
    assert response["ETag"] == '"1"'
    changed = client.patch(detail("facility", world.a.facility), {"note": "改"}, format="json", HTTP_IF_MATCH='"1"')
    assert changed.status_code == 200
    assert changed["ETag"] == '"2"'
    assert changed.json()["version"] == 2


@pytest.mark.parametrize(
    ("name", "attribute", "body"),
    [
        ("person", "person", {"note": "后来者"}),
        ("position", "position", {"selection_method": "appointment"}),
        ("activity", "activity", {"topic": "后来者"}),
        ("facility", "facility", {"note": "后来者"}),
        ("income", "income", {"note": "后来者"}),
    ],
)
def test_a_stale_write_is_refused_with_412_and_changes_nothing(
    world: World, api_for: Any, name: str, attribute: str, body: dict[str, Any]
) -> None:
    obj = getattr(world.a, attribute)
    url = detail(name, obj)
    first, second = api_for(world.secretary_a), api_for(world.officer)
    etag = first.get(url)["ETag"]
    assert (
        second.patch(
            url,
            {key: "appointment" if key == "selection_method" else "先到者" for key in body},
            format="json",
            HTTP_IF_MATCH=etag,
        ).status_code
        == 200
    )
    before = snapshot()
    for method in ("put", "patch"):
        response = getattr(first, method)(url, body, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == 412
        assert STALE in response.json()["detail"]
    assert snapshot() == before


@pytest.mark.parametrize("name", ["activity", "facility", "income"])
def test_a_stale_delete_is_refused(world: World, api_for: Any, name: str) -> None:
    obj = getattr(world.a, name)
    client = api_for(world.officer)
    client.patch(
        detail(name, obj), {"note" if name != "activity" else "topic": "改"}, format="json", HTTP_IF_MATCH='"1"'
    )
    before = snapshot()
    response = client.delete(detail(name, obj), HTTP_IF_MATCH='"1"')
    assert response.status_code == 412
    assert snapshot() == before
    assert client.delete(detail(name, obj), HTTP_IF_MATCH='"2"').status_code == 204
    assert client.get(detail(name, obj)).status_code == 404


@pytest.mark.parametrize("name", ["activity", "facility", "income"])
def test_every_api_write_is_audited_with_the_token_holder_as_actor(world: World, api_for: Any, name: str) -> None:
    """A token request has no session user: the actor comes from the service (a delete once had none)."""
    from auditlog.models import LogEntry

    obj = getattr(world.a, name)
    client = api_for(world.secretary_a)
    change = {"note" if name != "activity" else "topic": "改"}
    assert client.patch(detail(name, obj), change, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    assert client.delete(detail(name, obj), HTTP_IF_MATCH='"2"').status_code == 204
    entries = LogEntry.objects.filter(object_pk=str(obj.pk), content_type__model=type(obj).__name__.lower())
    actions = {
        e.action: e.actor_id for e in entries.filter(action__in=[LogEntry.Action.UPDATE, LogEntry.Action.DELETE])
    }
    assert actions == {LogEntry.Action.UPDATE: world.secretary_a.pk, LogEntry.Action.DELETE: world.secretary_a.pk}


def test_a_change_without_if_match_is_refused_with_428(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    before = snapshot()
    for method in ("put", "patch", "delete"):
        response = getattr(client, method)(detail("facility", world.a.facility), {"note": "盲改"}, format="json")
        assert response.status_code == 428
        assert "If-Match" in response.json()["detail"]
    assert snapshot() == before


# ---- the services' rules and messages ------------------------------------------------------------------------------


def test_person_is_created_through_the_service_and_shown_masked(world: World, api_for: Any) -> None:
    body = {"name": "新党员", "id_number": "110105199003070017", "org": world.a.org.pk, "phone": "13912345678"}
    response = api_for(world.secretary_a).post(reverse("api:person-list"), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["id_number"] == "110105********0017"
    assert data["phone"] == "139****5678"
    assert data["gender"] == "M"
    assert data["birth_date"] == "1990-03-07"
    assert response["ETag"] == '"1"'
    assert Person.objects.get(pk=data["id"]).id_number == "110105199003070017"


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"id_number": "123"}, "id_number", "公民身份号码应为18位"),
        ({"id_number": "110105199003070010"}, "id_number", "校验位不正确"),
        ({"phone": "12345"}, "phone", "手机号码应为以1开头的11位数字"),
        ({"gender": "F"}, "gender", "性别与公民身份号码不符"),
    ],
)
def test_person_validation_speaks_chinese_by_field(
    world: World, api_for: Any, body: dict[str, Any], field: str, message: str
) -> None:
    data = {"name": "新党员", "id_number": "110105199003070017", "org": world.a.org.pk, **body}
    before = snapshot()
    response = api_for(world.secretary_a).post(reverse("api:person-list"), data, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert snapshot() == before


def test_an_id_number_already_registered_is_refused(world: World, api_for: Any) -> None:
    taken = Person.objects.get(pk=world.a.person.pk).id_number
    body = {"name": "重复", "id_number": taken, "org": world.a.org.pk}
    response = api_for(world.secretary_a).post(reverse("api:person-list"), body, format="json")
    assert response.status_code == 400
    assert "该公民身份号码已登记" in response.json()["id_number"][0]


def test_required_fields_are_named(world: World, api_for: Any) -> None:
    response = api_for(world.secretary_a).post(reverse("api:person-list"), {}, format="json")
    assert response.status_code == 400
    assert {"name", "id_number", "org"} <= set(response.json())


def test_one_secretary_at_a_time(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    url = reverse("api:position-list")
    first = {"person": world.a.person.pk, "org": world.a.org.pk, "title": "secretary", "started_on": "2019-01-01"}
    assert client.post(url, first, format="json").status_code == 201
    other = make_full_member(org=world.a.org, name="另一人")
    before = snapshot()
    response = client.post(url, {**first, "person": other.pk, "started_on": "2020-01-01"}, format="json")
    assert response.status_code == 400
    assert "同一时间只能有一人" in response.json()["started_on"][0]
    assert snapshot() == before


def test_a_position_needs_a_full_member(world: World, api_for: Any) -> None:
    body = {"person": world.a.candidate.pk, "org": world.a.org.pk, "title": "member", "started_on": "2021-01-01"}
    response = api_for(world.secretary_a).post(reverse("api:position-list"), body, format="json")
    assert response.status_code == 400
    assert "不是正式党员" in response.json()["person"][0]


def test_activity_is_recorded_with_attendance(world: World, api_for: Any) -> None:
    today = timezone.localdate()
    body = {
        "org": world.a.org.pk,
        "type": world.a.activity.type_id,
        "held_on": today.isoformat(),
        "topic": "党课",
        "attendance": [{"person": world.a.person.pk, "present": False, "absence_reason": "illness"}],
    }
    response = api_for(world.secretary_a).post(reverse("api:activity-list"), body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert (data["expected"], data["present"]) == (1, 0)
    assert data["attendance"][0]["absence_reason"] == "illness"
    assert Activity.objects.filter(pk=data["id"], topic="党课").exists()


def test_activity_rules_are_the_services(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    body = {
        "org": world.a.org.pk,
        "type": world.a.activity.type_id,
        "held_on": tomorrow.isoformat(),
        "topic": "未来",
        "attendance": [{"person": world.a.person.pk, "present": True}],
    }
    before = snapshot()
    response = client.post(reverse("api:activity-list"), body, format="json")
    assert response.status_code == 400
    assert response.json()["held_on"] == ["活动日期不能晚于今天（活动举行后再登记）"]
    # Somebody of another branch cannot be put on the attendance list.
    body = {
        **body,
        "held_on": timezone.localdate().isoformat(),
        "attendance": [{"person": world.b.person.pk, "present": True}],
    }
    response = client.post(reverse("api:activity-list"), body, format="json")
    assert response.status_code == 400
    assert "不在您的范围内" in response.json()["attendance"][0]
    assert snapshot() == before


def test_a_paired_org_id_gets_one_answer_whether_or_not_the_org_exists(world: World, api_for: Any) -> None:
    """A joint activity's paired org may lie outside the user's subtree, so its id is taken as given; the
    refusal must not tell an unknown id from an org that exists but is not paired with the branch."""
    client = api_for(world.secretary_a)
    body = {
        "org": world.a.org.pk,
        "type": world.a.activity.type_id,
        "held_on": timezone.localdate().isoformat(),
        "topic": "联合主题党日",
        "attendance": [{"person": world.a.person.pk, "present": True}],
    }
    missing = Organization.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000
    before = snapshot()
    answers = [
        client.post(reverse("api:activity-list"), body | {"paired_org": pk}, format="json")
        for pk in (world.b.org.pk, missing)
    ]
    assert [r.status_code for r in answers] == [400, 400]
    assert answers[0].json()["paired_org"] == answers[1].json()["paired_org"]
    assert answers[0].json()["paired_org"] == ["活动当天两个党组织之间没有有效的结对帮扶关系"]
    # Nor does the set of fields in error when something else is wrong too.
    without_topic = {k: v for k, v in body.items() if k != "topic"}
    answers = [
        client.post(reverse("api:activity-list"), without_topic | {"paired_org": pk}, format="json")
        for pk in (world.b.org.pk, missing)
    ]
    assert answers[0].status_code == answers[1].status_code == 400
    assert answers[0].json() == answers[1].json() and set(answers[0].json()) == {"topic"}
    assert snapshot() == before


def test_matter_is_created_for_a_village_only(world: World, api_for: Any) -> None:
    client = api_for(world.officer)
    ok = client.post(reverse("api:matter-list"), {"org": world.a.org.pk, "title": "修桥"}, format="json")
    assert ok.status_code == 201
    assert ok.json()["status"] == "in_progress"
    organ = world.township.organ_a
    refused = client.post(reverse("api:matter-list"), {"org": organ.pk, "title": "修桥"}, format="json")
    assert refused.status_code == 400
    assert "只适用于" in str(refused.json()) or "村" in str(refused.json())


def test_facility_put_replaces_and_validates(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    url = detail("facility", world.a.facility)
    body = {
        "org": world.a.org.pk,
        "kind": "activity_room",
        "name": "新活动室",
        "opened_on": "2020-05-01",
        "closed_on": "2019-01-01",
    }
    response = client.put(url, body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 400
    assert response.json()["closed_on"] == ["停用日期不能早于建成日期"]
    assert Facility.objects.get(pk=world.a.facility.pk).version == 1
    response = client.put(url, {**body, "closed_on": None, "area_m2": "60.5"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "新活动室"
    assert response.json()["area_m2"] == "60.5"


def test_income_once_a_year_and_operating_within_total(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    url = reverse("api:income-list")
    duplicate = client.post(url, {"org": world.a.org.pk, "year": world.a.income.year, "total": "100"}, format="json")
    assert duplicate.status_code == 400
    assert "已登记" in duplicate.json()["year"][0]
    too_much = client.post(
        url, {"org": world.a.org.pk, "year": 2020, "total": "100", "operating": "200"}, format="json"
    )
    assert too_much.status_code == 400
    assert too_much.json()["operating"] == ["经营性收入不能大于集体经济收入"]
    future = client.post(
        url, {"org": world.a.org.pk, "year": timezone.localdate().year + 1, "total": "1"}, format="json"
    )
    assert future.json()["year"] == ["不能登记未来年度"]
    created = client.post(url, {"org": world.a.org.pk, "year": 2020, "total": "52000.50"}, format="json")
    assert created.status_code == 201
    assert CollectiveIncome.objects.get(pk=created.json()["id"]).total == 52000.50


# ---- pagination ---------------------------------------------------------------------------------------------------


def test_lists_are_paginated(world: World, api_for: Any) -> None:
    client = api_for(world.officer)
    first = client.get(reverse("api:person-list") + "?page_size=1").json()
    assert first["count"] == 4
    assert len(first["results"]) == 1
    assert "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["results"][0]["id"] != first["results"][0]["id"]
    assert client.get(reverse("api:person-list") + "?page=99").status_code == 404


def test_lists_use_the_pages_filtersets(world: World, api_for: Any) -> None:
    client = api_for(world.officer)
    rows = client.get(reverse("api:person-list"), {"org": world.b.org.pk, "stage": "full"}).json()["results"]
    assert [r["id"] for r in rows] == [world.b.person.pk]
    rows = client.get(reverse("api:person-list"), {"q": "jsj"}).json()["results"]  # pinyin initials: 甲书记
    assert world.a.person.pk in {r["id"] for r in rows}
    bad = client.get(reverse("api:income-list"), {"org": 999999})
    assert bad.status_code == 400
    assert "org" in bad.json()


# ---- token ----------------------------------------------------------------------------------------------------------


def test_token_from_username_and_password(world: World) -> None:
    client = APIClient()
    response = client.post(reverse("api:token"), {"username": "secretary_a", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert client.get(reverse("api:person-list")).status_code == 200


def test_a_locked_account_is_answered_like_a_wrong_password(world: World, settings: Any) -> None:
    client = APIClient(REMOTE_ADDR="10.0.0.7")
    url = reverse("api:token")
    wrong = [client.post(url, {"username": "secretary_a", "password": "nope"}, format="json") for _ in range(6)]
    assert {r.status_code for r in wrong} == {400}
    locked = client.post(url, {"username": "secretary_a", "password": PASSWORD}, format="json")
    assert locked.status_code == wrong[0].status_code
    assert locked.json() == wrong[0].json()
    assert "token" not in locked.json()


def test_session_writes_need_csrf(world: World) -> None:
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(world.secretary_a)
    assert client.get(reverse("api:facility-list")).status_code == 200
    before = snapshot()
    response = client.patch(detail("facility", world.a.facility), {"note": "x"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert snapshot() == before


def test_matter_steps_follow_the_five_in_order(world: World, api_for: Any) -> None:
    client = api_for(world.secretary_a)
    url = reverse("api:matter-steps", args=[world.a.matter.pk])
    before = snapshot()
    skipped = {"step": 3, "held_on": "2021-03-01", "expected": 7, "present": 7, "votes_for": 7}
    response = client.post(url, skipped, format="json")
    assert response.status_code == 400
    messages = " ".join(m for errors in response.json().values() for m in errors)
    assert re.search(r"[\u4e00-\u9fff]", messages)  # the service's reason, in Chinese
    assert snapshot() == before
    assert client.post(url, {"step": 1, "held_on": "2021-03-01"}, format="json").status_code == 201
