"""Org scoping: who sees and who changes which org's rows."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from tests.factories import PersonFactory, Township
from wuji.core import scoping
from wuji.orgs.models import Organization
from wuji.people.models import Person

pytestmark = pytest.mark.django_db


def test_an_officer_sees_the_township_and_everything_below_it(township: Township, officer: Any) -> None:
    visible = set(scoping.scope(Organization.objects.all(), officer, via=""))

    assert visible == {township.township, township.village_a, township.village_b, township.organ_a}
    assert township.county not in visible


def test_a_secretary_sees_only_their_own_branch(township: Township, secretary_a: Any) -> None:
    PersonFactory(org=township.village_a)
    PersonFactory(org=township.village_b)

    people = scoping.scope(Person.objects.all(), secretary_a)

    assert {p.org for p in people} == {township.village_a}


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
def test_auditor_and_sysadmin_see_no_member_data(township: Township, persona: str, request: Any) -> None:
    user = request.getfixturevalue(persona)
    PersonFactory(org=township.village_a)

    assert not scoping.scope(Person.objects.all(), user).exists()
    assert not scoping.can_read_member_data(user)


def test_an_anonymous_or_inactive_user_sees_nothing(township: Township, officer: Any) -> None:
    PersonFactory(org=township.village_a)
    officer.is_active = False

    assert not scoping.scope(Person.objects.all(), AnonymousUser()).exists()
    assert not scoping.scope(Person.objects.all(), officer).exists()


def test_the_inspector_reads_but_never_writes(township: Township, inspector: Any) -> None:
    assert scoping.org_in_scope(inspector, township.village_a)
    with pytest.raises(PermissionDenied):
        scoping.require_write(inspector, township.village_a)


def test_a_secretary_writes_their_branch_only(township: Township, secretary_a: Any) -> None:
    scoping.require_write(secretary_a, township.village_a)

    with pytest.raises(PermissionDenied):
        scoping.require_write(secretary_a, township.village_b)
    with pytest.raises(PermissionDenied):
        scoping.require_write(secretary_a, township.township)


def test_only_the_officer_makes_structural_changes(township: Township, officer: Any, secretary_a: Any) -> None:
    scoping.require_officer(officer, township.village_a)

    with pytest.raises(PermissionDenied, match="组织委员"):
        scoping.require_officer(secretary_a, township.village_a)
    with pytest.raises(PermissionDenied):
        scoping.require_officer(officer, township.county)


def test_only_the_officer_sees_full_personal_data_by_default(
    officer: Any, secretary_a: Any, inspector: Any, auditor: Any, sysadmin: Any
) -> None:
    assert scoping.can_see_personal_data(officer)
    for user in (secretary_a, inspector, auditor, sysadmin):
        assert not scoping.can_see_personal_data(user)
