"""Guards added after review: phone format, undoing a stage a post depends on, org codes with spaces."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.orgs import services as org_services
from wuji.people import services
from wuji.people.choices import Title
from wuji.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("phone", ["12345", "2398765432", "139123456789", "1391234567a"])
def test_a_malformed_phone_is_refused(phone: str, township: Township) -> None:
    with pytest.raises(ValidationError, match="11位数字"):
        PersonFactory(org=township.village_a, phone=phone)
    assert not Person.objects.exists()


def test_a_phone_typed_with_spaces_or_dashes_is_kept_as_digits(township: Township) -> None:
    person = PersonFactory(org=township.village_a, phone="139-7200 0001")
    assert person.phone == "13972000001"


def test_the_full_membership_a_secretary_post_rests_on_cannot_be_undone(township: Township) -> None:
    officer = writer_for(township.village_a)
    person = make_full_member(org=township.village_a, full_on=dt.date(2005, 7, 1))
    services.position_assign(
        user=officer, person=person, org=township.village_a, title=Title.SECRETARY, started_on=dt.date(2010, 1, 1)
    )
    with pytest.raises(ValidationError, match="不能撤销其转正记录"):
        services.stage_delete_latest(user=officer, person=person)
    assert person.stages.count() == 2


def test_an_org_code_with_spaces_names_the_org_that_holds_it(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError, match="甲村党支部"):
        org_services.org_create(
            user=officer, parent=township.township, name="重复", code=" T01V1 ", kind="branch", category="village"
        )
