"""Attendance arithmetic, back-entry and joint activities: the rules of 基本活动 as a secretary meets them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.activities.conftest import activity_type, days_ago
from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.activities import rules, selectors, services
from wuji.activities.models import Activity, Attendance, Pairing
from wuji.activities.services import Presence

pytestmark = pytest.mark.django_db


def record(org: Any, presence: list[Presence], **kwargs: Any) -> Activity:
    fields: dict[str, Any] = {
        "type": activity_type("group_study"),
        "held_on": days_ago(1),
        "topic": "学习十七届四中全会精神",
    }
    fields.update(kwargs)
    return services.activity_record(user=writer_for(org), org=org, presence=presence, **fields)


@pytest.fixture
def members(township: Township) -> list[Any]:
    return [make_full_member(org=township.village_a, name=f"党员{i}") for i in range(4)]


# ---------------------------------------------------------------- 应到 / 实到


def test_expected_is_the_rows_and_present_the_ticked_ones(township: Township, members: list[Any]) -> None:
    activity = record(
        township.village_a,
        [
            Presence(members[0], True),
            Presence(members[1], True),
            Presence(members[2], True),
            Presence(members[3], False, "work_away"),
        ],
    )
    listed = selectors.activity_list_visible(user=writer_for(township.village_a)).get(pk=activity.pk)
    assert (listed.expected, listed.present) == (4, 3)
    count = rules.headcount(a.present for a in activity.attendance.all())
    assert (count.expected, count.present, count.absent) == (4, 3, 1)
    assert count.rate == 0.75
    assert rules.headcount([]).rate == 0.0


def test_the_counts_are_never_typed(township: Township, members: list[Any]) -> None:
    assert not {"expected", "present", "expected_count"} & {f.name for f in Activity._meta.get_fields()}


def test_an_absence_needs_its_reason(township: Township, members: list[Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        record(township.village_a, [Presence(members[0], True), Presence(members[1], False)])
    assert "缺席原因" in str(refused.value) and members[1].name in str(refused.value)
    assert not Activity.objects.exists() and not Attendance.objects.exists()


def test_a_person_of_another_org_is_refused(township: Township, members: list[Any]) -> None:
    stranger = make_full_member(org=township.village_b, name="乙村人")
    with pytest.raises(ValidationError) as refused:
        record(township.village_a, [Presence(members[0], True), Presence(stranger, True)])
    assert "不是本组织" in str(refused.value)
    assert not Activity.objects.exists()


def test_the_same_person_twice_is_refused(township: Township, members: list[Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        record(township.village_a, [Presence(members[0], True), Presence(members[0], False, "illness")])
    assert "重复" in str(refused.value)
    assert not Activity.objects.exists()


def test_an_activity_without_attendance_is_refused(township: Township) -> None:
    with pytest.raises(ValidationError):
        record(township.village_a, [])


def test_expected_are_the_members_on_the_day(township: Township) -> None:
    old = make_full_member(org=township.village_a, name="老党员", full_on=dt.date(2001, 7, 1))
    new = make_full_member(org=township.village_a, name="新党员", full_on=dt.date(2011, 7, 1))  # probationary 2010-07
    PersonFactory(org=township.village_a, name="群众")
    make_full_member(org=township.village_b, name="别村党员")
    assert services.members_on(township.village_a, dt.date(2010, 1, 1)) == [old]
    assert set(services.members_on(township.village_a, dt.date(2010, 8, 1))) == {old, new}


def test_an_attendance_row_is_in_the_audit_trail(township: Township, members: list[Any]) -> None:
    from auditlog.models import LogEntry

    activity = record(township.village_a, [Presence(members[0], True), Presence(members[1], False, "illness")])
    rows = LogEntry.objects.get_for_model(Attendance).filter(object_pk__in=[a.pk for a in activity.attendance.all()])
    assert rows.count() == 2


# ---------------------------------------------------------------- back-entry (补录)


def test_eight_days_late_without_a_reason_is_refused(township: Township, members: list[Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        record(township.village_a, [Presence(members[0], True)], held_on=days_ago(8))
    assert "补录" in str(refused.value) and "8天" in str(refused.value)
    assert not Activity.objects.exists()


def test_eight_days_late_with_a_reason_is_shown_as_a_back_entry(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    activity = record(
        township.village_a, [Presence(members[0], True)], held_on=days_ago(8), backfill_reason="线下召开，会后补录"
    )
    assert activity.backfilled
    client = client_for(secretary_a)
    listing = client.get(reverse("activities:list")).content.decode()
    assert "补录" in listing and "线下召开，会后补录" in listing  # the badge, its reason as a tooltip
    detail = client.get(reverse("activities:detail", args=[activity.pk])).content.decode()
    assert "补录原因" in detail and "线下召开，会后补录" in detail
    only = client.get(reverse("activities:list"), {"backfilled": "1"}).content.decode()
    assert activity.topic in only


def test_seven_days_is_not_a_back_entry(township: Township, members: list[Any]) -> None:
    activity = record(township.village_a, [Presence(members[0], True)], held_on=days_ago(7))
    assert not activity.backfilled
    assert rules.is_back_entry(dt.date(2010, 3, 1), dt.date(2010, 3, 8)) is False
    assert rules.is_back_entry(dt.date(2010, 3, 1), dt.date(2010, 3, 9)) is True


def test_a_later_edit_does_not_make_a_timely_entry_a_back_entry(township: Township, members: list[Any]) -> None:
    activity = record(township.village_a, [Presence(members[0], True)], held_on=days_ago(2))
    later = dt.date.today() + dt.timedelta(days=30)
    updated = services.activity_update(
        user=writer_for(township.village_a), activity=activity, topic="改了主题", today=later
    )
    assert updated.topic == "改了主题" and not updated.backfilled


def test_an_activity_in_the_future_is_refused(township: Township, members: list[Any]) -> None:
    with pytest.raises(ValidationError) as refused:
        record(township.village_a, [Presence(members[0], True)], held_on=days_ago(-1))
    assert "晚于今天" in str(refused.value)


def test_an_old_activity_stays_editable_after_a_member_moves(township: Township, members: list[Any]) -> None:
    from wuji.people import services as people_services

    activity = record(township.village_a, [Presence(members[0], True), Presence(members[1], True)])
    people_services.person_update(user=writer_for(township.village_a), person=members[1], org=township.village_b)
    updated = services.activity_update(user=writer_for(township.village_a), activity=activity, place="党员活动室")
    assert updated.place == "党员活动室" and updated.attendance.count() == 2


# ---------------------------------------------------------------- joint activities of a pairing


def pair(township: Township, **kwargs: Any) -> Pairing:
    fields = {"started_on": dt.date(2020, 1, 1)} | kwargs
    return services.pairing_save(
        user=writer_for(township.organ_a),
        pairing=Pairing(organ_org=township.organ_a, village_org=township.village_a, **fields),
    )


def test_a_joint_activity_needs_an_active_pairing(township: Township, members: list[Any]) -> None:
    joint = {"paired_org": township.organ_a}
    with pytest.raises(ValidationError) as refused:
        record(township.village_a, [Presence(members[0], True)], **joint)
    assert "结对" in str(refused.value)
    pair(township, started_on=dt.date(2020, 1, 1), ended_on=days_ago(10))  # ended before the activity
    with pytest.raises(ValidationError):
        record(township.village_a, [Presence(members[0], True)], **joint)
    assert not Activity.objects.exists()


def test_a_joint_activity_counts_for_both_orgs(
    township: Township, members: list[Any], officer: Any, client_for: Any
) -> None:
    from tests.factories import UserFactory
    from wuji.accounts.choices import Role

    pairing = pair(township)
    organ_member = make_full_member(org=township.organ_a, name="机关干部")
    activity = record(
        township.village_a,
        [Presence(members[0], True), Presence(organ_member, True)],
        type=activity_type("pairing_help"),
        topic="结对帮扶修水渠",
        paired_org=township.organ_a,
    )
    organ_secretary = UserFactory(username="organ_secretary", role=Role.SECRETARY, org=township.organ_a)
    organ_client = client_for(organ_secretary)
    assert "结对帮扶修水渠" in organ_client.get(reverse("activities:list")).content.decode()
    assert organ_client.get(reverse("activities:detail", args=[activity.pk])).status_code == 200
    assert organ_client.get(reverse("activities:edit", args=[activity.pk])).status_code == 403  # village_a's record
    officer_client = client_for(officer)
    for org in (township.organ_a, township.village_a):
        page = officer_client.get(reverse("activities:list"), {"org": org.pk}).content.decode()
        assert "结对帮扶修水渠" in page, org.name
    assert (
        "结对帮扶修水渠"
        not in officer_client.get(reverse("activities:list"), {"org": township.village_b.pk}).content.decode()
    )
    year = activity.held_on.year
    for org in (township.organ_a, township.village_a):
        ledger = selectors.org_ledger(org, year, activity.held_on)
        row = next(r for r in ledger.rows if r.type.code == "pairing_help")
        assert row.total == 1, org.name
    listed = selectors.pairing_list_visible(user=officer).get(pk=pairing.pk)
    assert listed.joint_count == 1


def test_pairing_is_the_officers(township: Township, secretary_a: Any) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.pairing_save(
            user=secretary_a,
            pairing=Pairing(organ_org=township.organ_a, village_org=township.village_a, started_on=dt.date(2020, 1, 1)),
        )
    with pytest.raises(ValidationError):  # two villages are not a pairing
        services.pairing_save(
            user=writer_for(township.village_a),
            pairing=Pairing(
                organ_org=township.village_b, village_org=township.village_a, started_on=dt.date(2020, 1, 1)
            ),
        )


# ---------------------------------------------------------------- member-year records


def test_member_year_records_are_for_party_members_once_a_year(township: Township) -> None:
    from wuji.activities.models import DutyPost, PartySpiritReview

    member = make_full_member(org=township.village_a, name="设岗党员", full_on=dt.date(2005, 7, 1))
    officer = writer_for(township.village_a)
    services.member_year_record_save(
        user=officer, record=DutyPost(person=member, org=township.village_a, year=2010, post="宣传岗", duty="宣传")
    )
    with pytest.raises(ValidationError):  # once a year
        services.member_year_record_save(
            user=officer, record=DutyPost(person=member, org=township.village_a, year=2010, post="调解岗", duty="调解")
        )
    masses = PersonFactory(org=township.village_a, name="群众甲")
    with pytest.raises(ValidationError) as refused:
        services.member_year_record_save(
            user=officer, record=DutyPost(person=masses, org=township.village_a, year=2010, post="岗", duty="责")
        )
    assert "不是党员" in str(refused.value)
    with pytest.raises(ValidationError):  # not yet a member on the day
        services.party_spirit_review_save(
            user=officer,
            review=PartySpiritReview(
                person=member, org=township.village_a, reviewed_on=dt.date(2003, 1, 1), outcome="good"
            ),
        )
