"""The audit trail: every change through a service says who, what and which fields — never the secrets."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from tests.factories import PersonFactory, Township, make_full_member
from wuji.orgs import services as org_services
from wuji.orgs.models import Organization
from wuji.people import services as people_services
from wuji.people.choices import Stage, Title
from wuji.people.models import MembershipStage, Person, Position

pytestmark = pytest.mark.django_db

D = dt.date
NUMBER = "11010519491231002X"
PHONE = "13812341234"
NEW_PHONE = "13900001111"


def entries_for(obj: Model) -> list[LogEntry]:
    content_type = ContentType.objects.get_for_model(type(obj))
    return list(LogEntry.objects.filter(content_type=content_type, object_pk=str(obj.pk)).order_by("timestamp", "pk"))


def last_entry(obj: Model) -> LogEntry:
    entries = entries_for(obj)
    assert entries, f"no audit entry for {obj!r}"
    return entries[-1]


def changes(entry: LogEntry) -> dict[str, Any]:
    return dict(entry.changes_dict)


def test_registering_a_person_is_recorded_with_the_actor_and_fields(township: Township, officer: Any) -> None:
    person = people_services.person_create(
        user=officer, org=township.village_a, name="张三", id_number=NUMBER, phone=PHONE
    )

    entry = last_entry(person)
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor == officer
    assert {"name", "org", "id_hash", "birth_date", "gender"} <= set(changes(entry))
    assert changes(entry)["name"] == ["None", "张三"]


def test_consecutive_changes_by_different_people_each_name_their_actor(
    township: Township, officer: Any, secretary_a: Any
) -> None:
    person = PersonFactory(org=township.village_a, user=officer)
    people_services.person_update(user=secretary_a, person=person, note="书记补充")
    people_services.person_update(user=officer, person=person, note="组织委员核实")

    entries = entries_for(person)

    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, officer),
        (LogEntry.Action.UPDATE, secretary_a),
        (LogEntry.Action.UPDATE, officer),
    ]


def test_a_change_after_a_page_request_names_the_one_who_made_it(
    township: Township, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    # the audit middleware of an earlier request by someone else must not claim later changes
    person = PersonFactory(org=township.village_a, user=secretary_a)
    client_for(officer).get("/")

    people_services.person_update(user=secretary_a, person=person, note="书记补充")

    assert last_entry(person).actor == secretary_a


def test_inside_a_request_the_address_is_kept_and_the_request_context_survives(
    township: Township, officer: Any
) -> None:
    person = PersonFactory(org=township.village_a, user=officer)
    with set_actor(officer, remote_addr="10.1.2.3"):  # what the middleware does around a view
        people_services.person_update(user=officer, person=person, note="页面保存")
        via_service = last_entry(person)
        organ = Organization.objects.get(pk=township.organ_a.pk)
        organ.note = "直接保存"
        organ.save()  # a save outside any service, later in the same request

    assert (via_service.actor, via_service.remote_addr) == (officer, "10.1.2.3")
    assert (last_entry(organ).actor, last_entry(organ).remote_addr) == (officer, "10.1.2.3")


def test_an_update_records_the_old_and_new_value(township: Township, secretary_a: Any) -> None:
    person = PersonFactory(org=township.village_a, user=secretary_a, name="张三")

    people_services.person_update(user=secretary_a, person=person, name="张叁")

    entry = last_entry(person)
    assert entry.action == LogEntry.Action.UPDATE
    assert entry.actor == secretary_a
    assert changes(entry)["name"] == ["张三", "张叁"]
    assert "name_pinyin" not in changes(entry)  # derived from the name: not worth a line of its own


def test_a_changed_phone_shows_as_a_changed_hash_only(township: Township, officer: Any) -> None:
    person = people_services.person_create(
        user=officer, org=township.village_a, name="张三", id_number=NUMBER, phone=PHONE
    )

    people_services.person_update(user=officer, person=person, phone=NEW_PHONE)

    entry = last_entry(person)
    assert set(changes(entry)) == {"phone_hash"}
    assert entry.actor == officer


def test_a_refused_change_leaves_no_entry(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a, user=officer)
    before = LogEntry.objects.count()

    with pytest.raises(Exception, match="已被他人修改"):
        people_services.person_update(user=officer, person=person, version=person.version - 1, name="改名")

    assert LogEntry.objects.count() == before


def test_a_stage_its_deletion_and_a_term_are_recorded(township: Township, officer: Any, secretary_a: Any) -> None:
    person = PersonFactory(org=township.village_a, user=secretary_a)
    stage = people_services.stage_record(
        user=secretary_a, person=person, stage=Stage.APPLICANT, started_on=D(2015, 1, 1)
    )
    stage_pk = stage.pk
    created = last_entry(stage)

    people_services.stage_delete_latest(user=officer, person=person)

    assert (created.action, created.actor) == (LogEntry.Action.CREATE, secretary_a)
    assert changes(created)["started_on"] == ["None", "2015-01-01"]
    assert not MembershipStage.objects.filter(pk=stage_pk).exists()
    deleted = LogEntry.objects.get(
        content_type=ContentType.objects.get_for_model(MembershipStage),
        object_pk=str(stage_pk),
        action=LogEntry.Action.DELETE,
    )
    assert deleted.actor == officer


def test_ending_a_term_records_its_end(township: Township, officer: Any, secretary_a: Any) -> None:
    member = make_full_member(org=township.village_a)
    term = people_services.position_assign(
        user=officer, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )

    people_services.position_end(user=secretary_a, position=term, ended_on=D(2018, 1, 1), reason="换届")

    entry = last_entry(term)
    assert (entry.action, entry.actor) == (LogEntry.Action.UPDATE, secretary_a)
    assert changes(entry)["ended_on"] == ["None", "2018-01-01"]
    assert changes(entry)["end_reason"] == ["", "换届"]
    assert last_entry(term) != entries_for(term)[0]
    assert entries_for(term)[0].actor == officer


def test_org_changes_are_recorded(township: Township, officer: Any) -> None:
    branch = org_services.org_create(
        user=officer, parent=township.township, name="丙村党支部", code="T01V3", kind="branch", category="village"
    )
    org_services.org_update(user=officer, org=Organization.objects.get(pk=branch.pk), name="丙村党总支部")
    org_services.org_dissolve(
        user=officer, org=Organization.objects.get(pk=branch.pk), dissolved_on=D(2019, 1, 1), reason="撤并"
    )

    created, renamed, dissolved = entries_for(branch)
    assert all(e.actor == officer for e in (created, renamed, dissolved))
    assert created.action == LogEntry.Action.CREATE
    assert changes(renamed)["name"] == ["丙村党支部", "丙村党总支部"]
    assert changes(dissolved)["dissolved_on"] == ["None", "2019-01-01"]
    assert changes(dissolved)["dissolved_reason"] == ["", "撤并"]


def test_moving_an_org_is_recorded_with_where_it_came_from(township: Township, officer: Any) -> None:
    extra = org_services.org_create(
        user=officer,
        parent=township.township,
        name="片区党总支",
        code="T01Z",
        kind="general_branch",
        category="village",
    )
    old_path = Organization.objects.get(pk=township.village_a.pk).path

    org_services.org_move(
        user=officer,
        org=Organization.objects.get(pk=township.village_a.pk),
        new_parent=Organization.objects.get(pk=extra.pk),
    )

    entry = last_entry(township.village_a)
    new_path = Organization.objects.get(pk=township.village_a.pk).path
    assert (entry.action, entry.actor) == (LogEntry.Action.UPDATE, officer)
    assert changes(entry)["path"] == [old_path, new_path]


def test_the_tree_built_at_set_up_is_recorded_without_an_actor_for_the_root(township: Township) -> None:
    root_entry = last_entry(township.county)
    branch_entry = last_entry(township.village_a)

    assert (root_entry.action, root_entry.actor) == (LogEntry.Action.CREATE, None)
    assert branch_entry.actor == township.county_officer


def test_no_entry_ever_holds_an_id_number_or_a_phone(township: Township, officer: Any, secretary_a: Any) -> None:
    # given a person who goes through everything a person goes through
    person = people_services.person_create(
        user=officer, org=township.village_a, name="张三", id_number=NUMBER.lower(), phone=PHONE
    )
    people_services.person_update(user=secretary_a, person=person, phone=NEW_PHONE, note="更新电话")
    other_number = "110105194912310037"
    people_services.person_update(user=officer, person=Person.objects.get(pk=person.pk), id_number=_valid(other_number))
    people_services.stage_record(
        user=secretary_a,
        person=person,
        stage=Stage.PROBATIONARY,
        started_on=D(2010, 7, 1),
        backfilled=True,
        note="依据档案补录",
    )
    people_services.stage_record(
        user=secretary_a, person=person, stage=Stage.FULL, started_on=D(2011, 7, 1), backfilled=True, note="档案"
    )
    term = people_services.position_assign(
        user=officer, person=person, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )
    people_services.position_end(user=officer, position=term, ended_on=D(2018, 1, 1))
    people_services.person_update(user=officer, person=Person.objects.get(pk=person.pk), phone="")

    # then no audit text anywhere holds them
    secrets = [NUMBER, NUMBER.lower(), NUMBER[:17], _valid(other_number), PHONE, NEW_PHONE]
    entries = list(LogEntry.objects.all())
    assert len(entries) >= 8
    for entry in entries:
        text = " ".join(
            [
                entry.changes_text or "",
                json.dumps(entry.changes, ensure_ascii=False),
                json.dumps(entry.serialized_data, ensure_ascii=False),
                json.dumps(entry.additional_data, ensure_ascii=False),
                entry.object_repr,
            ]
        )
        for secret in secrets:
            assert secret not in text, f"{secret} leaked into audit entry {entry.pk}: {text}"
    assert Position.objects.filter(person=person).exists()


def _valid(first17_or_number: str) -> str:
    """Turn any 17 digits (plus anything) into a valid number by fixing the check digit."""
    from wuji.core import idcard

    first17 = first17_or_number[:17]
    return first17 + idcard.check_digit(first17)
