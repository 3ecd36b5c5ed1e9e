"""ID numbers and phones are encrypted at rest, found by blind index, never duplicated."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import PersonFactory, Township
from wuji.core import crypto
from wuji.people.models import ID_PURPOSE, PHONE_PURPOSE, Person
from wuji.people.services import person_create, person_find, person_update

pytestmark = pytest.mark.django_db

NUMBER = "11010519491231002X"
PHONE = "13812341234"


def raw_row(person: Person) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number, phone, id_hash, phone_hash FROM people_person WHERE id = %s",
            [person.pk],
        )
        id_number, phone, id_hash, phone_hash = cursor.fetchone()
    return {"id_number": id_number, "phone": phone, "id_hash": id_hash, "phone_hash": phone_hash}


@pytest.fixture
def registered(township: Township, officer: Any) -> Person:
    return person_create(user=officer, org=township.village_a, name="张三", id_number=NUMBER, phone=PHONE)


def test_the_database_holds_neither_the_id_number_nor_the_phone(registered: Person) -> None:
    row = raw_row(registered)

    assert NUMBER not in str(row)
    assert NUMBER[:17] not in str(row)
    assert PHONE not in str(row)
    assert row["id_number"] and row["phone"]  # something is stored: the encrypted token


def test_the_model_reads_the_plaintext_back(registered: Person) -> None:
    fresh = Person.objects.get(pk=registered.pk)

    assert fresh.id_number == NUMBER
    assert fresh.phone == PHONE
    assert fresh.id_number_masked == "110105********002X"
    assert fresh.phone_masked == "138****1234"


def test_the_hashes_are_the_blind_indexes(registered: Person) -> None:
    row = raw_row(registered)

    assert row["id_hash"] == crypto.blind_index(NUMBER, purpose=ID_PURPOSE)
    assert row["phone_hash"] == crypto.blind_index(PHONE, purpose=PHONE_PURPOSE)


def test_birth_date_and_gender_come_from_the_number(registered: Person) -> None:
    fresh = Person.objects.get(pk=registered.pk)

    assert fresh.birth_date == dt.date(1949, 12, 31)
    assert fresh.gender == "F"


def test_a_person_is_found_by_the_number_however_it_is_typed(registered: Person) -> None:
    assert person_find(id_number=NUMBER.lower()) == registered
    assert person_find(id_number="１１０１０５１９４９１２３１００２ｘ") == registered
    assert person_find(id_number="110105194912310021") is None


def test_a_lower_case_x_is_stored_in_canonical_form(township: Township, officer: Any) -> None:
    person = person_create(user=officer, org=township.village_a, name="李四", id_number=NUMBER.lower())

    assert Person.objects.get(pk=person.pk).id_number == NUMBER


def test_a_changed_phone_is_encrypted_too(registered: Person, officer: Any) -> None:
    person_update(user=officer, person=registered, phone="13900001111")

    row = raw_row(registered)
    assert "13900001111" not in str(row)
    assert row["phone_hash"] == crypto.blind_index("13900001111", purpose=PHONE_PURPOSE)
    assert Person.objects.get(pk=registered.pk).phone == "13900001111"


def test_clearing_the_phone_clears_its_hash(registered: Person, officer: Any) -> None:
    person_update(user=officer, person=registered, phone="")

    row = raw_row(registered)
    assert row["phone"] == ""
    assert row["phone_hash"] == ""


@pytest.mark.parametrize("typed", [NUMBER, NUMBER.lower(), "１１０１０５１９４９１２３１００２Ｘ", f" {NUMBER} "])
def test_the_same_number_cannot_be_registered_twice(
    registered: Person, township: Township, officer: Any, typed: str
) -> None:
    with pytest.raises(ValidationError) as caught:
        person_create(user=officer, org=township.village_a, name="张三丰", id_number=typed)

    assert "已登记" in caught.value.message_dict["id_number"][0]
    assert Person.objects.count() == 1


def test_the_officer_is_told_who_already_has_the_number(registered: Person, township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        person_create(user=officer, org=township.village_b, name="张三丰", id_number=NUMBER)

    assert caught.value.message_dict["id_number"] == ["该公民身份号码已登记：张三（甲村党支部）"]


def test_a_secretary_is_not_told_who_has_the_number_in_another_branch(township: Township, secretary_a: Any) -> None:
    other = PersonFactory(org=township.village_b, name="王秘密")

    with pytest.raises(ValidationError) as caught:
        person_create(user=secretary_a, org=township.village_a, name="新人", id_number=other.id_number)

    message = " ".join(caught.value.messages)
    assert "已在其他组织登记" in message
    assert "王秘密" not in message
    assert "乙村" not in message
    assert not Person.objects.filter(org=township.village_a).exists()


def test_changing_a_number_to_one_already_taken_is_refused(
    registered: Person, township: Township, officer: Any
) -> None:
    other = PersonFactory(org=township.village_a)
    own_number, before = other.id_number, raw_row(other)

    with pytest.raises(ValidationError, match="已登记"):
        person_update(user=officer, person=other, id_number=NUMBER.lower())

    assert raw_row(other)["id_hash"] == before["id_hash"]
    assert Person.objects.get(pk=other.pk).id_number == own_number
