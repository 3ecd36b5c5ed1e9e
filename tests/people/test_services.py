"""Writes about people: each bad input is refused with its reason, and nothing changes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import PersonFactory, Township, develop, make_full_member
from wuji.core import idcard
from wuji.orgs.services import org_create, org_dissolve
from wuji.people import services
from wuji.people.choices import Pool, Stage, Title
from wuji.people.models import MembershipStage, Person, PoolEntry, Position, Training

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2020, 1, 1)


def said(exc: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(exc.value.messages)


# -- registering a person ------------------------------------------------------------


def test_an_officer_registers_a_person_with_facts_derived_from_the_number(township: Township, officer: Any) -> None:
    number = idcard.make("320102", D(1985, 3, 9), 11, "M")

    person = services.person_create(user=officer, org=township.village_a, name=" 张三 ", id_number=number)

    fresh = Person.objects.get(pk=person.pk)
    assert fresh.name == "张三"
    assert (fresh.birth_date, fresh.gender) == (D(1985, 3, 9), "M")
    assert (fresh.name_pinyin, fresh.name_initials) == ("zhangsan", "zs")


def test_an_invalid_id_number_is_refused_and_nobody_is_registered(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.person_create(user=officer, org=township.village_a, name="张三", id_number="110105194912310021")

    assert "校验位不正确" in caught.value.message_dict["id_number"][0]
    assert Person.objects.count() == 0


def test_a_typed_gender_that_disagrees_with_the_number_is_refused(township: Township, officer: Any) -> None:
    number = idcard.make("110105", D(1980, 1, 1), 1, "M")

    with pytest.raises(ValidationError) as caught:
        services.person_create(user=officer, org=township.village_a, name="张三", id_number=number, gender="F")

    assert caught.value.message_dict["gender"] == ["性别与公民身份号码不符（号码显示为男）"]
    assert Person.objects.count() == 0


def test_a_typed_birth_date_that_disagrees_with_the_number_is_refused(township: Township, officer: Any) -> None:
    number = idcard.make("110105", D(1980, 1, 1), 1, "M")

    with pytest.raises(ValidationError) as caught:
        services.person_create(
            user=officer, org=township.village_a, name="张三", id_number=number, birth_date=D(1980, 1, 2)
        )

    assert caught.value.message_dict["birth_date"] == ["出生日期与公民身份号码不符（号码显示为1980-01-01）"]
    assert Person.objects.count() == 0


def test_typed_facts_that_agree_with_the_number_are_accepted(township: Township, officer: Any) -> None:
    number = idcard.make("110105", D(1980, 1, 1), 1, "M")

    services.person_create(
        user=officer, org=township.village_a, name="张三", id_number=number, gender="M", birth_date=D(1980, 1, 1)
    )

    assert Person.objects.count() == 1


def test_nobody_is_registered_in_a_dissolved_org(township: Township, officer: Any) -> None:
    org_dissolve(user=officer, org=township.village_b, dissolved_on=D(2019, 1, 1), reason="合并")

    with pytest.raises(ValidationError, match="已撤销"):
        PersonFactory(org=township.village_b, user=officer)

    assert Person.objects.count() == 0


def test_a_blank_name_is_refused(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        PersonFactory(org=township.village_a, user=officer, name="  ")

    assert "name" in caught.value.message_dict
    assert Person.objects.count() == 0


def test_a_second_save_from_a_stale_form_is_refused(township: Township, officer: Any, secretary_a: Any) -> None:
    person = PersonFactory(org=township.village_a, name="张三")
    version_seen = Person.objects.get(pk=person.pk).version
    services.person_update(user=secretary_a, person=person, version=version_seen, note="先保存")

    with pytest.raises(ValidationError, match="已被他人修改"):
        services.person_update(user=officer, person=Person.objects.get(pk=person.pk), version=version_seen, name="李四")

    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.name, fresh.note) == ("张三", "先保存")


def test_changing_the_number_to_one_that_breaks_the_history_is_refused(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a, birth_date=D(1990, 1, 1))
    services.stage_record(user=officer, person=person, stage=Stage.APPLICANT, started_on=D(2015, 1, 1))
    original = person.id_number
    younger = idcard.make("110105", D(2000, 1, 1), 3, person.gender)

    with pytest.raises(ValidationError, match="未满18周岁"):
        services.person_update(user=officer, person=person, id_number=younger)

    fresh = Person.objects.get(pk=person.pk)
    assert (fresh.id_number, fresh.birth_date) == (original, D(1990, 1, 1))


# -- permissions --------------------------------------------------------------------


def test_a_secretary_registers_people_in_their_own_branch(township: Township, secretary_a: Any) -> None:
    person = PersonFactory(org=township.village_a, user=secretary_a)

    assert person.org == township.village_a


def test_a_secretary_cannot_touch_another_branch(township: Township, secretary_a: Any) -> None:
    other = make_full_member(org=township.village_b, name="乙村党员")
    mine = make_full_member(org=township.village_a)
    stages_before = MembershipStage.objects.count()

    with pytest.raises(PermissionDenied):
        PersonFactory(org=township.village_b, user=secretary_a)
    with pytest.raises(PermissionDenied):
        services.person_update(user=secretary_a, person=other, name="改名")
    with pytest.raises(PermissionDenied):
        services.person_update(user=secretary_a, person=mine, org=township.village_b)
    with pytest.raises(PermissionDenied):
        services.stage_delete_latest(user=secretary_a, person=other)
    with pytest.raises(PermissionDenied):
        services.position_assign(
            user=secretary_a, person=other, org=township.village_b, title=Title.MEMBER, started_on=D(2018, 1, 1)
        )
    with pytest.raises(PermissionDenied):  # nor put the other branch's member into a post of their own
        services.position_assign(
            user=secretary_a, person=other, org=township.village_a, title=Title.MEMBER, started_on=D(2018, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.pool_enter(
            user=secretary_a, person=other, org=township.village_b, pool=Pool.RESERVE_CADRE, entered_on=D(2018, 1, 1)
        )
    with pytest.raises(PermissionDenied):
        services.training_record(
            user=secretary_a, person=other, name="党务培训", category="party_affairs", started_on=D(2018, 1, 1)
        )

    assert Person.objects.get(pk=other.pk).name == "乙村党员"
    assert Person.objects.get(pk=mine.pk).org == township.village_a
    assert Person.objects.filter(org=township.village_b).count() == 1
    assert MembershipStage.objects.count() == stages_before
    assert not Position.objects.exists() and not PoolEntry.objects.exists() and not Training.objects.exists()


def test_a_secretary_cannot_record_stages_of_another_branch(township: Township, secretary_a: Any) -> None:
    other = PersonFactory(org=township.village_b)

    with pytest.raises(PermissionDenied):
        services.stage_record(user=secretary_a, person=other, stage=Stage.APPLICANT, started_on=D(2018, 1, 1))

    assert not MembershipStage.objects.exists()


@pytest.mark.parametrize("persona", ["inspector", "auditor", "sysadmin"])
def test_inspector_auditor_and_sysadmin_write_nothing(township: Township, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    member = make_full_member(org=township.village_a, name="原名")

    with pytest.raises(PermissionDenied):
        PersonFactory(org=township.village_a, user=user)
    with pytest.raises(PermissionDenied):
        services.person_update(user=user, person=member, name="改名")
    with pytest.raises(PermissionDenied):
        services.stage_delete_latest(user=user, person=member)
    with pytest.raises(PermissionDenied):
        services.position_assign(
            user=user, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(2018, 1, 1)
        )

    assert Person.objects.count() == 1
    assert Person.objects.get(pk=member.pk).name == "原名"
    assert member.stages.count() == 2
    assert not Position.objects.exists()


# -- membership development ----------------------------------------------------------


@pytest.fixture
def applicant(township: Township, officer: Any) -> Person:
    person = PersonFactory(org=township.village_a, birth_date=D(1990, 6, 15))
    services.stage_record(user=officer, person=person, stage=Stage.APPLICANT, started_on=D(2015, 5, 1))
    return person


def test_the_first_stage_must_be_the_application(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)

    with pytest.raises(ValidationError, match="首次登记应从入党申请人开始"):
        services.stage_record(user=officer, person=person, stage=Stage.ACTIVIST, started_on=D(2015, 1, 1))

    assert not person.stages.exists()


def test_an_applicant_under_18_is_refused(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a, birth_date=D(2000, 6, 15))

    with pytest.raises(ValidationError, match="未满18周岁"):
        services.stage_record(user=officer, person=person, stage=Stage.APPLICANT, started_on=D(2018, 6, 14))
    assert not person.stages.exists()

    services.stage_record(user=officer, person=person, stage=Stage.APPLICANT, started_on=D(2018, 6, 15))
    assert person.stages.count() == 1


def test_a_stage_dated_before_the_previous_one_is_refused(applicant: Person, officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        services.stage_record(user=officer, person=applicant, stage=Stage.ACTIVIST, started_on=D(2015, 4, 30))

    assert "不能早于入党申请人日期" in said(caught)
    assert list(applicant.stages.values_list("stage", flat=True)) == [Stage.APPLICANT]


def test_a_skipped_stage_is_refused(applicant: Person, officer: Any) -> None:
    with pytest.raises(ValidationError, match="不能跳过"):
        services.stage_record(user=officer, person=applicant, stage=Stage.CANDIDATE, started_on=D(2017, 1, 1))

    assert applicant.stages.count() == 1


def test_an_activist_becomes_a_candidate_only_after_a_year(applicant: Person, officer: Any) -> None:
    services.stage_record(user=officer, person=applicant, stage=Stage.ACTIVIST, started_on=D(2015, 7, 1))

    with pytest.raises(ValidationError) as caught:
        services.stage_record(user=officer, person=applicant, stage=Stage.CANDIDATE, started_on=D(2016, 6, 30))
    assert "一年以上培养" in said(caught) and "2016-07-01" in said(caught)
    assert not applicant.stages.filter(stage=Stage.CANDIDATE).exists()

    services.stage_record(user=officer, person=applicant, stage=Stage.CANDIDATE, started_on=D(2016, 7, 1))
    assert applicant.stages.filter(stage=Stage.CANDIDATE).exists()


def test_a_stage_in_the_future_is_refused(applicant: Person, officer: Any) -> None:
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.stage_record(
            user=officer, person=applicant, stage=Stage.ACTIVIST, started_on=D(2020, 1, 2), today=TODAY
        )

    assert applicant.stages.count() == 1


def test_admission_needs_more_than_half_of_all_full_members_voting_for(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)
    develop(person, until=Stage.CANDIDATE, applied_on=D(2014, 1, 1))

    with pytest.raises(ValidationError) as caught:
        services.stage_record(
            user=officer,
            person=person,
            stage=Stage.PROBATIONARY,
            started_on=D(2015, 7, 1),
            voters_eligible=10,
            voters_present=6,
            votes_for=5,
        )
    assert "赞成票5票" in said(caught) and "未获通过" in said(caught)
    with pytest.raises(ValidationError, match="未超过应到10人的半数"):
        services.stage_record(
            user=officer,
            person=person,
            stage=Stage.PROBATIONARY,
            started_on=D(2015, 7, 1),
            voters_eligible=10,
            voters_present=5,
            votes_for=5,
        )
    with pytest.raises(ValidationError, match="须填写支部大会"):
        services.stage_record(user=officer, person=person, stage=Stage.PROBATIONARY, started_on=D(2015, 7, 1))
    assert not person.stages.filter(stage=Stage.PROBATIONARY).exists()

    services.stage_record(
        user=officer,
        person=person,
        stage=Stage.PROBATIONARY,
        started_on=D(2015, 7, 1),
        voters_eligible=10,
        voters_present=6,
        votes_for=6,
    )
    assert person.stages.filter(stage=Stage.PROBATIONARY).exists()


def test_old_records_need_a_reason_but_no_meeting_numbers(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)

    with pytest.raises(ValidationError, match="补录历史发展阶段须说明原因"):
        services.stage_record(
            user=officer, person=person, stage=Stage.PROBATIONARY, started_on=D(2005, 7, 1), backfilled=True
        )
    assert not person.stages.exists()

    services.stage_record(
        user=officer, person=person, stage=Stage.PROBATIONARY, started_on=D(2005, 7, 1), backfilled=True, note="档案"
    )
    assert person.stages.get().backfilled


def test_confirmation_waits_a_year_of_probation(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)
    develop(person, until=Stage.PROBATIONARY, applied_on=D(2014, 1, 1))
    probationary_on = person.stages.get(stage=Stage.PROBATIONARY).started_on  # 2015-07-01
    meeting = {"voters_eligible": 10, "voters_present": 8, "votes_for": 7}

    with pytest.raises(ValidationError, match="预备期未满"):
        services.stage_record(user=officer, person=person, stage=Stage.FULL, started_on=D(2016, 6, 30), **meeting)
    assert not person.stages.filter(stage=Stage.FULL).exists()

    services.stage_record(user=officer, person=person, stage=Stage.FULL, started_on=D(2016, 7, 1), **meeting)
    assert probationary_on == D(2015, 7, 1)
    assert person.stages.filter(stage=Stage.FULL).exists()


def test_an_extended_probation_is_honoured_once_and_capped(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)
    develop(person, until=Stage.PROBATIONARY, applied_on=D(2014, 1, 1))  # probationary 2015-07-01
    meeting = {"voters_eligible": 10, "voters_present": 8, "votes_for": 7}

    with pytest.raises(ValidationError, match="1至12个月"):
        services.stage_extend_probation(user=officer, person=person, months=13, note="支部大会决定")
    with pytest.raises(ValidationError, match="理由"):
        services.stage_extend_probation(user=officer, person=person, months=6, note=" ")
    assert person.stages.get(stage=Stage.PROBATIONARY).extension_months == 0

    services.stage_extend_probation(user=officer, person=person, months=6, note="支部大会决定延长")
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.stage_extend_probation(user=officer, person=person, months=3, note="再延长")
    with pytest.raises(ValidationError, match="含延长6个月"):
        services.stage_record(user=officer, person=person, stage=Stage.FULL, started_on=D(2016, 7, 1), **meeting)

    services.stage_record(user=officer, person=person, stage=Stage.FULL, started_on=D(2017, 1, 1), **meeting)
    assert person.stages.get(stage=Stage.PROBATIONARY).extension_months == 6


def test_the_latest_stage_entered_by_mistake_can_be_undone(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)
    develop(person, until=Stage.ACTIVIST, applied_on=D(2014, 1, 1))

    services.stage_delete_latest(user=officer, person=person)

    assert list(person.stages.values_list("stage", flat=True)) == [Stage.APPLICANT]


# -- positions ----------------------------------------------------------------------


def test_two_secretaries_of_one_branch_on_the_same_day_are_refused(township: Township, officer: Any) -> None:
    first = make_full_member(org=township.village_a, name="张书记")
    second = make_full_member(org=township.village_a, name="李书记")
    services.position_assign(
        user=officer, person=first, org=township.village_a, title=Title.SECRETARY, started_on=D(2012, 1, 1)
    )

    with pytest.raises(ValidationError) as caught:
        services.position_assign(
            user=officer, person=second, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
        )

    assert "甲村党支部的党支部书记在此期间由张书记担任（2012-01-01至今），同一时间只能有一人" in said(caught)
    assert Position.objects.count() == 1


def test_a_successor_may_start_the_day_the_predecessor_leaves(township: Township, officer: Any) -> None:
    first = make_full_member(org=township.village_a)
    second = make_full_member(org=township.village_a)
    term = services.position_assign(
        user=officer, person=first, org=township.village_a, title=Title.SECRETARY, started_on=D(2012, 1, 1)
    )
    services.position_end(user=officer, position=term, ended_on=D(2015, 1, 1), reason="换届")

    with pytest.raises(ValidationError, match="同一时间只能有一人"):
        services.position_assign(
            user=officer, person=second, org=township.village_a, title=Title.SECRETARY, started_on=D(2014, 12, 31)
        )
    services.position_assign(
        user=officer, person=second, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )

    assert Position.objects.filter(title=Title.SECRETARY).count() == 2


def test_the_same_secretary_post_in_another_branch_is_no_clash(township: Township, officer: Any) -> None:
    a = make_full_member(org=township.village_a)
    b = make_full_member(org=township.village_b)

    for person, org in ((a, township.village_a), (b, township.village_b)):
        services.position_assign(user=officer, person=person, org=org, title=Title.SECRETARY, started_on=D(2015, 1, 1))

    assert Position.objects.count() == 2


def test_several_committee_members_may_serve_together_but_not_one_person_twice(
    township: Township, officer: Any
) -> None:
    a = make_full_member(org=township.village_a)
    b = make_full_member(org=township.village_a)
    services.position_assign(
        user=officer, person=a, org=township.village_a, title=Title.MEMBER, started_on=D(2015, 1, 1)
    )
    services.position_assign(
        user=officer, person=b, org=township.village_a, title=Title.MEMBER, started_on=D(2015, 1, 1)
    )

    with pytest.raises(ValidationError, match="在此期间已担任该职务"):
        services.position_assign(
            user=officer, person=a, org=township.village_a, title=Title.MEMBER, started_on=D(2016, 1, 1)
        )
    assert Position.objects.count() == 2


def test_a_village_committee_post_belongs_to_a_village_org(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.organ_a)

    with pytest.raises(ValidationError) as caught:
        services.position_assign(
            user=officer, person=person, org=township.organ_a, title=Title.VILLAGE_CHAIR, started_on=D(2015, 1, 1)
        )

    assert caught.value.message_dict["title"] == ["村委会职务只能登记在村党组织"]
    assert not Position.objects.exists()


def test_a_village_chair_need_not_be_a_party_member(township: Township, officer: Any) -> None:
    villager = PersonFactory(org=township.village_a)

    services.position_assign(
        user=officer, person=villager, org=township.village_a, title=Title.VILLAGE_CHAIR, started_on=D(2015, 1, 1)
    )

    assert Position.objects.get().person == villager


def test_a_residents_committee_post_is_refused_in_a_village(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)

    with pytest.raises(ValidationError, match="居委会职务只能登记在社区"):
        services.position_assign(
            user=officer, person=person, org=township.village_a, title=Title.RESIDENTS_CHAIR, started_on=D(2015, 1, 1)
        )


@pytest.mark.parametrize("stage_reached", [None, Stage.CANDIDATE, Stage.PROBATIONARY])
def test_only_a_full_member_can_be_party_secretary(township: Township, officer: Any, stage_reached: str | None) -> None:
    person = PersonFactory(org=township.village_a, name="王群众")
    if stage_reached:
        develop(person, until=stage_reached, applied_on=D(2010, 1, 1))

    with pytest.raises(ValidationError) as caught:
        services.position_assign(
            user=officer, person=person, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
        )

    assert "王群众在任职日期时不是正式党员" in said(caught)
    assert not Position.objects.exists()


def test_a_member_is_secretary_only_from_the_day_of_full_membership(township: Township, officer: Any) -> None:
    member = make_full_member(org=township.village_a, full_on=D(2015, 7, 1))

    with pytest.raises(ValidationError, match="不是正式党员"):
        services.position_assign(
            user=officer, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 6, 30)
        )
    services.position_assign(
        user=officer, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 7, 1)
    )

    assert Position.objects.count() == 1


def test_a_term_cannot_end_before_it_starts(township: Township, officer: Any) -> None:
    member = make_full_member(org=township.village_a)
    term = services.position_assign(
        user=officer, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )

    with pytest.raises(ValidationError, match="免职日期不能早于任职日期"):
        services.position_end(user=officer, position=term, ended_on=D(2014, 12, 31))

    assert Position.objects.get(pk=term.pk).ended_on is None


def test_a_correction_that_would_overlap_the_successor_is_refused(township: Township, officer: Any) -> None:
    first = make_full_member(org=township.village_a)
    second = make_full_member(org=township.village_a)
    term = services.position_assign(
        user=officer,
        person=first,
        org=township.village_a,
        title=Title.SECRETARY,
        started_on=D(2012, 1, 1),
        ended_on=D(2015, 1, 1),
    )
    services.position_assign(
        user=officer, person=second, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )

    with pytest.raises(ValidationError, match="同一时间只能有一人"):
        services.position_update(user=officer, position=term, ended_on=D(2015, 6, 1))

    assert Position.objects.get(pk=term.pk).ended_on == D(2015, 1, 1)


def test_a_stale_correction_of_a_term_is_refused(township: Township, officer: Any, secretary_a: Any) -> None:
    member = make_full_member(org=township.village_a)
    term = services.position_assign(
        user=officer, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(2015, 1, 1)
    )
    seen = Position.objects.get(pk=term.pk).version
    services.position_update(
        user=secretary_a, position=Position.objects.get(pk=term.pk), version=seen, selection_method="direct_election"
    )

    with pytest.raises(ValidationError, match="已被他人修改"):
        services.position_update(
            user=officer, position=Position.objects.get(pk=term.pk), version=seen, started_on=D(2015, 2, 1)
        )

    fresh = Position.objects.get(pk=term.pk)
    assert (fresh.started_on, fresh.selection_method) == (D(2015, 1, 1), "direct_election")


def test_no_post_starts_in_a_dissolved_org(township: Township, officer: Any) -> None:
    member = make_full_member(org=township.village_a)
    late = org_create(
        user=officer, parent=township.township, name="丙村党支部", code="T01V3", kind="branch", category="village"
    )
    org_dissolve(user=officer, org=late, dissolved_on=D(2016, 1, 1), reason="合并")

    with pytest.raises(ValidationError, match="已于2016-01-01撤销"):
        services.position_assign(user=officer, person=member, org=late, title=Title.MEMBER, started_on=D(2016, 1, 1))


def test_no_post_starts_before_the_org_was_founded(township: Township, officer: Any) -> None:
    member = make_full_member(org=township.village_a, full_on=D(1985, 7, 1), birth_date=D(1960, 1, 1))

    with pytest.raises(ValidationError, match="早于“甲村党支部”的成立日期"):
        services.position_assign(
            user=officer, person=member, org=township.village_a, title=Title.SECRETARY, started_on=D(1989, 12, 31)
        )


# -- pools and trainings --------------------------------------------------------------


def test_a_pool_entry_belongs_to_a_branch_not_the_committee(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)

    with pytest.raises(ValidationError, match="请选择党支部"):
        services.pool_enter(
            user=officer, person=person, org=township.township, pool=Pool.RESERVE_CADRE, entered_on=D(2018, 1, 1)
        )
    assert not PoolEntry.objects.exists()


def test_a_person_is_in_one_pool_once_at_a_time(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)
    entry = services.pool_enter(
        user=officer, person=person, org=township.village_a, pool=Pool.RESERVE_CADRE, entered_on=D(2018, 1, 1)
    )

    with pytest.raises(ValidationError, match="在此期间已在后备干部中"):
        services.pool_enter(
            user=officer, person=person, org=township.village_a, pool=Pool.RESERVE_CADRE, entered_on=D(2019, 1, 1)
        )
    services.pool_exit(user=officer, entry=entry, exited_on=D(2019, 1, 1), reason="任职")
    services.pool_enter(
        user=officer, person=person, org=township.village_a, pool=Pool.RESERVE_CADRE, entered_on=D(2019, 1, 1)
    )

    assert PoolEntry.objects.count() == 2


def test_a_training_in_the_future_or_entered_twice_is_refused(township: Township, officer: Any) -> None:
    person = PersonFactory(org=township.village_a)
    services.training_record(
        user=officer, person=person, name="村干部培训班", category="cadre", started_on=D(2018, 3, 1)
    )

    with pytest.raises(ValidationError, match="已登记"):
        services.training_record(
            user=officer, person=person, name=" 村干部培训班 ", category="cadre", started_on=D(2018, 3, 1)
        )
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.training_record(
            user=officer, person=person, name="未来培训", category="cadre", started_on=D(2999, 1, 1)
        )

    assert Training.objects.count() == 1


def test_full_members_on_a_day_count_only_those_confirmed_by_then(township: Township, officer: Any) -> None:
    make_full_member(org=township.village_a, full_on=D(2010, 7, 1))
    make_full_member(org=township.village_a, full_on=D(2016, 7, 1))
    make_full_member(org=township.village_b, full_on=D(2010, 7, 1))
    probationary = PersonFactory(org=township.village_a)
    develop(probationary, until=Stage.PROBATIONARY, applied_on=D(2012, 1, 1))

    assert services.full_members_on(township.village_a, D(2016, 6, 30)) == 1
    assert services.full_members_on(township.village_a, D(2016, 7, 1)) == 2
