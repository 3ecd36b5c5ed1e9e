"""The shared fixtures and factories keep the promises page tests rely on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories import PASSWORD, PersonFactory, Township, develop, make_full_member
from wuji.people.choices import Stage

pytestmark = pytest.mark.django_db


def test_the_person_factory_gives_distinct_numbers_even_for_one_birth_date(township: Township) -> None:
    # page tests rely on it: many people with the same typed birth date and gender
    people = [PersonFactory(org=township.village_a, birth_date=dt.date(1980, 1, 1), gender="M") for _ in range(30)]

    assert len({p.id_hash for p in people}) == 30
    assert {(p.birth_date, p.gender) for p in people} == {(dt.date(1980, 1, 1), "M")}


def test_a_full_member_is_full_from_the_given_day(township: Township) -> None:
    member = make_full_member(org=township.village_a, full_on=dt.date(2008, 7, 1))

    stages = list(member.stages.order_by("started_on").values_list("stage", "started_on", "backfilled"))
    assert stages == [(Stage.PROBATIONARY, dt.date(2007, 7, 1), True), (Stage.FULL, dt.date(2008, 7, 1), True)]


def test_develop_walks_the_lawful_path(township: Township) -> None:
    person = PersonFactory(org=township.village_b)

    develop(person, until=Stage.FULL, applied_on=dt.date(2012, 1, 1))

    assert [s.stage for s in person.stages.order_by("started_on")] == [
        Stage.APPLICANT,
        Stage.ACTIVIST,
        Stage.CANDIDATE,
        Stage.PROBATIONARY,
        Stage.FULL,
    ]


def test_the_personas_log_in_with_the_shared_password(
    officer: Any, secretary_a: Any, secretary_b: Any, inspector: Any, auditor: Any, sysadmin: Any
) -> None:
    for user in (officer, secretary_a, secretary_b, inspector, auditor, sysadmin):
        assert user.check_password(PASSWORD)
    assert (officer.org.code, secretary_a.org.code, secretary_b.org.code, inspector.org.code) == (
        "T01",
        "T01V1",
        "T01V2",
        "T01",
    )
    assert auditor.org is None and sysadmin.org is None


def test_client_for_gives_a_logged_in_client(officer: Any, client_for: Any) -> None:
    client = client_for(officer)

    assert int(client.session["_auth_user_id"]) == officer.pk
