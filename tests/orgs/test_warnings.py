"""Weak-org early warning: the conditions, raised once, reviewed by the officer."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.orgs.choices import WeakSource
from wuji.orgs.models import WeakFlag
from wuji.orgs.warnings import warning_reasons, weak_warnings_raise
from wuji.people import services as people_services
from wuji.people.choices import Title

DAY = dt.date(2021, 6, 30)


def reasons(**overrides: Any) -> list[str]:
    facts = {
        "category": "village",
        "secretary_vacant_since": None,
        "has_secretary": True,
        "last_admission": dt.date(2020, 7, 1),
        "founded_on": dt.date(1990, 1, 1),
        "day": DAY,
    }
    return warning_reasons(**{**facts, **overrides})


def test_a_healthy_village_raises_nothing() -> None:
    assert reasons() == []


def test_a_vacancy_of_more_than_three_months_raises_a_warning() -> None:
    assert reasons(has_secretary=False, secretary_vacant_since=dt.date(2021, 4, 1)) == []  # 90 days
    found = reasons(has_secretary=False, secretary_vacant_since=dt.date(2021, 3, 31))
    assert found == ["书记岗位自2021-03-31起空缺超过三个月"]


def test_two_years_without_developing_a_member_raises_a_warning_in_villages_only() -> None:
    assert reasons(last_admission=dt.date(2019, 7, 1)) == []
    assert reasons(last_admission=dt.date(2019, 6, 30)) == ["连续两年未发展党员（上次发展：2019-06-30）"]
    assert reasons(last_admission=None) == ["连续两年未发展党员"]
    assert reasons(category="organ", last_admission=None) == []
    assert reasons(last_admission=None, founded_on=dt.date(2020, 1, 1)) == []  # too young to judge


@pytest.mark.django_db
def test_the_officer_raises_warnings_once_and_only_where_due(township: Township, officer: Any) -> None:
    builder = writer_for(township.village_a)
    for village in (township.village_a, township.village_b):
        secretary = make_full_member(org=village, full_on=dt.date(2000, 7, 1))
        people_services.position_assign(
            user=builder, person=secretary, org=village, title=Title.SECRETARY, started_on=dt.date(2015, 1, 1)
        )
    newcomer = PersonFactory(org=township.village_b, birth_date=dt.date(1995, 5, 5))
    people_services.stage_record(
        user=builder,
        person=newcomer,
        stage="probationary",
        started_on=dt.date(2020, 9, 1),
        backfilled=True,
        note="依据档案补录",
    )
    raised = weak_warnings_raise(user=officer, root=township.township, day=DAY)
    by_org = {flag.org_id: flag for flag in raised}
    assert set(by_org) == {township.village_a.pk, township.organ_a.pk}
    assert "连续两年未发展党员" in by_org[township.village_a.pk].reason
    assert "书记岗位" in by_org[township.organ_a.pk].reason
    assert all(f.source == WeakSource.WARNING and f.status == "open" for f in raised)
    assert weak_warnings_raise(user=officer, root=township.township, day=DAY) == []
    assert WeakFlag.objects.count() == 2


@pytest.mark.django_db
def test_only_an_officer_raises_warnings(township: Township, secretary_a: Any, inspector: Any) -> None:
    for user in (secretary_a, inspector):
        with pytest.raises(PermissionDenied):
            weak_warnings_raise(user=user, root=township.township, day=DAY)
    assert not WeakFlag.objects.exists()


@pytest.mark.django_db
def test_the_officer_runs_the_warning_from_the_tree_and_sees_it_as_a_prompt(
    township: Township, officer: Any, client_for: Any
) -> None:
    from django.urls import reverse

    client = client_for(officer)
    response = client.post(reverse("orgs:weak_warnings") + "?as_of=2021-06-30", follow=True)
    page = response.content.decode()
    assert "新增3条预警" in page  # no secretary anywhere, no development in the villages
    tree = client.get(reverse("orgs:tree"), {"as_of": "2021-06-30"}).content.decode()
    assert "软弱涣散预警" in tree and "待组织委员核查" in tree
    again = client.post(reverse("orgs:weak_warnings") + "?as_of=2021-06-30", follow=True).content.decode()
    assert "没有新的预警" in again
