"""公民身份号码 (GB 11643-1999): what people type is accepted or refused with the reason."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuji.core import idcard

# The standard's own example: born 1949-12-31, female, check character X.
WITH_X = "11010519491231002X"
# A male born 1980-05-17 (odd 17th digit).
MALE = idcard.make("320102", dt.date(1980, 5, 17), 123, "M")


def test_a_valid_number_gives_birth_date_gender_and_region() -> None:
    info = idcard.parse(WITH_X)

    assert info.number == WITH_X
    assert info.birth_date == dt.date(1949, 12, 31)
    assert info.gender == "F"
    assert info.region == "110105"


def test_an_odd_sequence_digit_means_male() -> None:
    info = idcard.parse(MALE)

    assert info.gender == "M"
    assert info.birth_date == dt.date(1980, 5, 17)


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",  # lower-case x
        "  11010519491231002X ",  # spaces around, pasted from a form
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width digits and X from Word / WeChat
        "１１０１０５１９４９１２３１００２ｘ",  # full-width lower-case x
        "110105 19491231 002X",  # grouped with spaces
    ],
)
def test_the_usual_ways_of_typing_a_number_give_the_canonical_number(typed: str) -> None:
    assert idcard.parse(typed).number == WITH_X


def test_a_number_read_from_excel_as_an_integer_is_accepted() -> None:
    as_int = int(MALE)

    assert idcard.parse(as_int).number == MALE


def test_a_wrong_check_digit_is_refused_with_the_reason() -> None:
    wrong = WITH_X[:17] + "1"

    with pytest.raises(idcard.IdNumberError, match="校验位"):
        idcard.parse(wrong)


@pytest.mark.parametrize("typed", ["", "1101051949123100", "11010519491231002X1", "110105194912310"])
def test_a_number_of_the_wrong_length_is_refused_and_the_length_is_said(typed: str) -> None:
    with pytest.raises(idcard.IdNumberError, match=f"18位.*{len(typed)}位"):
        idcard.parse(typed)


def test_letters_inside_the_number_are_refused() -> None:
    with pytest.raises(idcard.IdNumberError, match="前17位应为数字"):
        idcard.parse("1101051949A231002X")


@pytest.mark.parametrize(
    "birth",
    [
        "19490230",  # 30 February
        "19491301",  # month 13
        "20230229",  # 29 February of a common year
    ],
)
def test_an_impossible_birth_date_is_refused(birth: str) -> None:
    first17 = f"110105{birth}002"
    number = first17 + idcard.check_digit(first17)

    with pytest.raises(idcard.IdNumberError, match="出生日期无效"):
        idcard.parse(number)


def test_a_birth_date_in_the_future_or_before_1900_is_refused() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    future = idcard.make("110105", tomorrow, 2, "F")
    ancient_first17 = "11010518991231002"
    ancient = ancient_first17 + idcard.check_digit(ancient_first17)

    with pytest.raises(idcard.IdNumberError, match="合理范围"):
        idcard.parse(future)
    with pytest.raises(idcard.IdNumberError, match="合理范围"):
        idcard.parse(ancient)


def test_a_29_february_of_a_leap_year_is_a_real_birthday() -> None:
    number = idcard.make("110105", dt.date(2000, 2, 29), 10, "F")

    assert idcard.parse(number).birth_date == dt.date(2000, 2, 29)


def test_non_ascii_digits_are_not_taken_for_a_number() -> None:
    # Arabic-Indic digits pass str.isdigit(); storing them would let the same
    # person be registered twice (the blind index of the text would differ).
    arabic = WITH_X[:17].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")) + "X"

    with pytest.raises(idcard.IdNumberError):
        idcard.parse(arabic)


def test_superscript_digits_are_refused_with_a_message_not_a_crash() -> None:
    with pytest.raises(idcard.IdNumberError):
        idcard.parse("²" + WITH_X[1:])


regions = st.from_regex(r"\A[1-8][0-9]{5}\Z")
birth_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today())
genders = st.sampled_from(["M", "F"])


@given(region=regions, birth_date=birth_dates, sequence=st.integers(0, 5000), gender=genders)
def test_make_always_produces_a_number_parse_accepts_with_the_same_facts(
    region: str, birth_date: dt.date, sequence: int, gender: str
) -> None:
    number = idcard.make(region, birth_date, sequence, gender)

    info = idcard.parse(number)

    assert info.number == number
    assert info.birth_date == birth_date
    assert info.gender == gender
    assert info.region == region


@given(
    region=regions,
    birth_date=birth_dates,
    sequence=st.integers(0, 999),
    gender=genders,
    position=st.integers(0, 17),
    data=st.data(),
)
def test_any_single_mistyped_character_is_caught(
    region: str, birth_date: dt.date, sequence: int, gender: str, position: int, data: st.DataObject
) -> None:
    number = idcard.make(region, birth_date, sequence, gender)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    typo = data.draw(st.sampled_from([c for c in alphabet if c != number[position]]))
    mistyped = number[:position] + typo + number[position + 1 :]

    with pytest.raises(idcard.IdNumberError):
        idcard.parse(mistyped)


@given(st.one_of(st.text(max_size=24), st.integers(), st.none()))
def test_whatever_is_typed_is_either_refused_with_a_message_or_canonical(raw: object) -> None:
    try:
        info = idcard.parse(raw)
    except idcard.IdNumberError as exc:
        assert str(exc)  # the user is told why
    else:
        assert re.fullmatch(r"[0-9]{17}[0-9X]", info.number)


def test_numbers_are_remembered_only_inside_the_block_that_asks_for_it() -> None:
    """An import parses each number three times; it may remember them, but no plaintext number outlives it."""
    from wuji.core.idcard import _REMEMBERED, parse, remembered

    number = idcard.make("420526", dt.date(1970, 3, 5), 12, "M")
    assert parse(number) is not parse(number)  # outside: parsed afresh each time, nothing kept
    with remembered():
        first = parse(number)
        assert parse(number) is first
        with pytest.raises(idcard.IdNumberError):
            parse(number[:17] + "0" if number[17] != "0" else number[:17] + "1")
        assert list((_REMEMBERED.get() or {}).keys()) == [number]  # the bad number is not kept
    assert _REMEMBERED.get() is None
