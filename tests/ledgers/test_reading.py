"""Cells as people type them: dates in every form, numbers as text, full-width characters."""

from __future__ import annotations

import datetime as dt

import pytest

from wuji.core import idcard
from wuji.ledgers.reading import CellError, clean_text, neutralise, parse_date, parse_decimal, parse_id_number

D = dt.date(2010, 4, 15)


@pytest.mark.parametrize(
    "typed",
    [
        "2010-04-15",
        "2010/4/15",
        "2010.4.15",
        "2010年4月15日",
        "2010年04月15号",
        "20100415",
        " 2010-4-15 ",
        "２０１０．４．１５",
        "2010-04-15 00:00:00",
        dt.datetime(2010, 4, 15, 0, 0),
        D,
        40283,
        20100415,
    ],
)
def test_a_day_is_read_in_every_common_form(typed: object) -> None:
    assert parse_date(typed) == D


@pytest.mark.parametrize("typed", ["2010.04", "2010年4月", "2010-4", "201004", 2010.04])
def test_a_month_alone_means_its_first_day(typed: object) -> None:
    assert parse_date(typed) == dt.date(2010, 4, 1)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2010-02-30", "日期“2010-02-30”不存在"),
        (
            "四月十五",
            "日期无法识别：“四月十五”（可写作2010-04-15、2010/4/15、2010.4.15、2010年4月15日，只有年月的写2010.04）",
        ),
        ("1850-01-01", "日期“1850-01-01”的年份不合理"),
    ],
)
def test_an_unreadable_date_says_why(typed: object, message: str) -> None:
    with pytest.raises(CellError) as caught:
        parse_date(typed)
    assert str(caught.value) == message


def test_id_numbers_from_number_cells_lowercase_x_and_full_width_are_accepted() -> None:
    digits = next(n for s in range(0, 40, 2) if not (n := idcard.make("110105", D, s, "F")).endswith("X"))
    assert parse_id_number(int(digits)) == digits
    assert parse_id_number(digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))) == digits
    assert parse_id_number("11010519491231002x") == "11010519491231002X"
    assert parse_id_number(" 11010519491231002X\u3000") == "11010519491231002X"


def test_numbers_typed_as_text_are_read() -> None:
    assert parse_decimal("５０,０００") == 50000
    assert parse_decimal("12,345.50元") == parse_decimal(12345.5)


def test_neutralised_text_reads_back_as_it_was() -> None:
    for text in ('=HYPERLINK("http://x")', "+86", "-1", "@SUM(A1)", "\tx", "\rx"):
        written = neutralise(text)
        assert written.startswith("'") and clean_text(written) == text.strip(" ")
    assert neutralise("王建国") == "王建国"
    assert clean_text("'王") == "'王"  # an apostrophe before harmless text is the user's own
