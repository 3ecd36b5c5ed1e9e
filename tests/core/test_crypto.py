"""Encryption at rest and the blind index used to find a person by ID number."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

from wuji.core import crypto

NUMBER = "11010519491231002X"


def test_the_blind_index_is_the_same_for_the_same_value() -> None:
    assert crypto.blind_index(NUMBER, purpose="id_number") == crypto.blind_index(NUMBER, purpose="id_number")


def test_the_blind_index_differs_for_another_value_or_purpose() -> None:
    digest = crypto.blind_index(NUMBER, purpose="id_number")

    assert crypto.blind_index("110105194912310021", purpose="id_number") != digest
    assert crypto.blind_index(NUMBER, purpose="phone") != digest


def test_the_blind_index_depends_on_the_key() -> None:
    with override_settings(WUJI_INDEX_KEY="key-one"):
        one = crypto.blind_index(NUMBER, purpose="id_number")
    with override_settings(WUJI_INDEX_KEY="key-two"):
        two = crypto.blind_index(NUMBER, purpose="id_number")

    assert one != two


def test_the_blind_index_does_not_contain_the_value() -> None:
    digest = crypto.blind_index(NUMBER, purpose="id_number")

    assert NUMBER not in digest
    assert len(digest) == 64


def test_encryption_round_trips_and_hides_the_plaintext() -> None:
    token = crypto.encrypt(NUMBER)

    assert NUMBER not in token
    assert crypto.decrypt(token) == NUMBER


def test_encrypting_twice_gives_different_tokens() -> None:
    # Equal ciphertexts would let anyone with the table spot equal numbers.
    assert crypto.encrypt(NUMBER) != crypto.encrypt(NUMBER)


def test_a_rotated_key_still_reads_what_the_old_key_wrote() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    with override_settings(WUJI_FIELD_KEYS=[old]):
        token = crypto.encrypt(NUMBER)

    with override_settings(WUJI_FIELD_KEYS=[new, old]):
        assert crypto.decrypt(token) == NUMBER


def test_a_wrong_key_is_an_error_not_empty_data() -> None:
    with override_settings(WUJI_FIELD_KEYS=[Fernet.generate_key().decode()]):
        token = crypto.encrypt(NUMBER)

    with override_settings(WUJI_FIELD_KEYS=[Fernet.generate_key().decode()]):
        with pytest.raises(ValueError, match="WUJI_FIELD_KEYS"):
            crypto.decrypt(token)
