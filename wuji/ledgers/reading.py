"""Reading messy cells: full-width text, dates in every common form, numbers stored as text.

Pure functions over cell values (what openpyxl gives: str, int, float, datetime, None); each
raises `CellError` with a Chinese reason the import report shows beside the row and column.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils.datetime import from_excel

from wuji.core import idcard

# Full-width ASCII (！ … ～) to half-width, the ideographic space to a space, and the
# Chinese punctuation people put in dates and numbers.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: 0x20, 0xA0: 0x20, 0x3002: ord("."), 0x2014: ord("-"), 0x2013: ord("-"), 0x2212: ord("-")})
DANGEROUS_START = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
BLANK_MARKERS = frozenset({"", "无", "/", "-", "—", "——"})

DATE_HINT = "可写作2010-04-15、2010/4/15、2010.4.15、2010年4月15日，只有年月的写2010.04"
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:月)?\s*(?:[-/.]?\s*(?P<d>\d{1,2})\s*[日号]?)?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"
)
_COMPACT_DATE_RE = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})?$")


class CellError(ValueError):
    """A cell that cannot be read; the message is for the user."""


def fold(text: str) -> str:
    return text.translate(_FOLD)


def clean_text(value: Any) -> str:
    """Trimmed text (full-width spaces too); the export's neutralising apostrophe is removed.

    Full-width punctuation stays (a name keeps its （）); parsers of numbers, dates and codes fold it.
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text.startswith(NEUTRALISER) and text[1:2] and text[1] in DANGEROUS_START:
        return text[1:].strip(" ")
    return text.strip(" \t\r\n\u3000\xa0")


def clean_header(value: Any) -> str:
    """A header as compared: no spaces, line breaks, required-marks or full-width forms."""
    text = fold(clean_text(value))
    text = re.sub(r"[\s*]", "", text)
    return text.replace("(必填)", "").replace("(选填)", "")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and fold(value).strip() == "")


def neutralise(value: Any) -> Any:
    """Make a text cell that Excel would run as a formula plain text (see registry docstring)."""
    if isinstance(value, str) and value.startswith(DANGEROUS_START):
        return NEUTRALISER + value
    return value


def _make_date(year: int, month: int, day: int, raw: Any) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError(f"日期“{raw}”不存在") from None


def parse_date(value: Any) -> dt.date:
    """A date from any of the forms people type (see DATE_HINT) or an Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise CellError(f"日期无法识别：“{value}”（{DATE_HINT}）")
    if isinstance(value, int | float):
        number = float(value)
        if 1900 <= number < 2101 and not number.is_integer():
            # 2010.04 typed into a number cell: the month is the two decimals (2010.1 is October).
            year = int(number)
            month = round((number - year) * 100)
            if 1 <= month <= 12:
                return dt.date(year, month, 1)
        if number.is_integer() and 19000101 <= number <= 21001231:
            return parse_date(str(int(number)))
        if 1 <= number < 80000:  # an Excel serial day number in a cell not formatted as a date
            converted = from_excel(number)
            if isinstance(converted, dt.datetime):
                return converted.date()
        raise CellError(f"日期无法识别：“{value}”（{DATE_HINT}）")
    text = fold(clean_text(value)).strip()
    match = _DATE_RE.match(text) or _COMPACT_DATE_RE.match(text)
    if not match:
        raise CellError(f"日期无法识别：“{text}”（{DATE_HINT}）")
    year, month = int(match["y"]), int(match["m"])
    day = int(match["d"]) if match["d"] else 1
    if not 1900 <= year <= 2100:
        raise CellError(f"日期“{text}”的年份不合理")
    return _make_date(year, month, day, text)


def parse_int(value: Any) -> int:
    number = parse_decimal(value)
    if number != number.to_integral_value():
        raise CellError(f"应为整数：“{clean_text(value)}”")
    return int(number)


def parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise CellError(f"应为数字：“{value}”")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = fold(clean_text(value)).replace(",", "").replace("，", "").replace(" ", "")
    text = text.removesuffix("元").removesuffix("人").removesuffix("万元") if text else text
    try:
        return Decimal(text)
    except InvalidOperation:
        raise CellError(f"应为数字：“{clean_text(value)}”") from None


def parse_id_number(value: Any) -> str:
    """A checked 公民身份号码 (number cells, lowercase x and full width accepted)."""
    if isinstance(value, float):
        try:
            return idcard.parse(str(int(value))).number
        except idcard.IdNumberError as exc:
            if value > 1e15:
                # 18 digits in a number cell lose their last ones; say so instead of a puzzling checksum error.
                raise CellError("公民身份号码被Excel存成了数字，末几位已丢失；请把该列设为文本后重新填写") from None
            raise CellError(str(exc)) from None
    try:
        return idcard.parse(idcard.normalize(clean_text(value))).number
    except idcard.IdNumberError as exc:
        raise CellError(str(exc)) from None


def parse_phone(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s-]", "", fold(clean_text(value)))
    if not re.fullmatch(r"1\d{10}", text):
        raise CellError(f"手机号码应为以1开头的11位数字：“{clean_text(value)}”")
    return text


def parse_bool(value: Any) -> bool:
    text = fold(clean_text(value)).strip().upper()
    if text in {"是", "√", "Y", "YES", "1", "TRUE", "有"}:
        return True
    if text in {"否", "×", "X", "N", "NO", "0", "FALSE", "无", ""}:
        return False
    raise CellError(f"应填“是”或“否”：“{clean_text(value)}”")


def choice_lookup(choices: Any, synonyms: Mapping[str, str]) -> dict[str, str]:
    """Every accepted spelling (label, stored value, synonym) → stored value."""
    table: dict[str, str] = {}
    for stored, label in choices:
        table[clean_header(label)] = stored
        table[clean_header(stored)] = stored
    for spelling, stored in synonyms.items():
        table[clean_header(spelling)] = stored
    return table
