"""What a person who may not see personal data sees instead."""

from __future__ import annotations

import pytest

from wuji.core.masking import mask_id_number, mask_phone


def test_an_id_number_keeps_its_region_and_last_four() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"


def test_a_phone_keeps_its_first_three_and_last_four() -> None:
    assert mask_phone("13812341234") == "138****1234"


@pytest.mark.parametrize("empty", [None, ""])
def test_nothing_to_mask_shows_nothing(empty: str | None) -> None:
    assert mask_id_number(empty) == ""
    assert mask_phone(empty) == ""


def test_short_values_are_masked_whole_rather_than_half_shown() -> None:
    assert mask_id_number("123456789") == "*********"
    assert mask_phone("123456") == "******"


def test_masking_never_shows_the_birth_date() -> None:
    masked = mask_id_number("11010519491231002X")

    assert "19491231" not in masked
    assert len(masked) == 18
