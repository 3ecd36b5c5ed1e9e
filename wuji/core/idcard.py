"""公民身份号码 per GB 11643-1999: validation and what can be derived from it."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass

from django.utils.translation import gettext as _

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# Full-width digits and X people paste from Word or WeChat.
_FULLWIDTH = str.maketrans("０１２３４５６７８９ＸｘＸ", "0123456789XXX")


class IdNumberError(ValueError):
    """The text is not a valid 公民身份号码; the message is for the user."""


@dataclass(frozen=True)
class IdInfo:
    number: str
    region: str
    birth_date: dt.date
    gender: str  # "M" or "F"


def normalize(raw: object) -> str:
    """Upper-case, trimmed, full-width folded; numbers from Excel become text."""
    if isinstance(raw, int):
        raw = str(raw)
    if isinstance(raw, float):
        raw = str(int(raw))
    text = str(raw or "").translate(_FULLWIDTH).strip().replace(" ", "").upper()
    return text


def check_digit(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


_REMEMBERED: ContextVar[dict[str, IdInfo] | None] = ContextVar("wuji_idcard_remembered", default=None)
_REMEMBER_AT_MOST = 1024


@contextlib.contextmanager
def remembered() -> Iterator[None]:
    """Within the block, a number parsed again (by the reader, the checks and the model in turn, as an import
    does) is not parsed again. The numbers are forgotten when the block ends: no plaintext ID number outlives it."""
    token = _REMEMBERED.set({})
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def parse(raw: object) -> IdInfo:
    """Validate an 18-character number and derive birth date and gender."""
    cache = _REMEMBERED.get()
    if cache is None or type(raw) is not str:
        return _parse(raw)
    info = cache.get(raw)
    if info is None:
        info = _parse(raw)  # an invalid number raises, and nothing is kept for it
        if len(cache) >= _REMEMBER_AT_MOST:
            cache.clear()
        cache[raw] = info
    return info


def _parse(raw: object) -> IdInfo:
    number = normalize(raw)
    if len(number) != 18:
        raise IdNumberError(_("公民身份号码应为18位，当前为%(length)s位") % {"length": len(number)})
    # isascii(): str.isdigit() also accepts ٣ or ², which would dodge the blind index or crash int().
    if not number.isascii() or not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise IdNumberError(_("公民身份号码前17位应为数字，最后一位为数字或X"))
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdNumberError(_("公民身份号码中的出生日期无效")) from exc
    if birth.year < 1900 or birth > dt.date.today():  # noqa: DTZ011 (a day either way does not matter)
        raise IdNumberError(_("公民身份号码中的出生日期不在合理范围内"))
    if check_digit(number[:17]) != number[17]:
        raise IdNumberError(_("公民身份号码校验位不正确，请核对号码"))
    gender = "M" if int(number[16]) % 2 == 1 else "F"
    return IdInfo(number=number, region=number[:6], birth_date=birth, gender=gender)


def make(region: str, birth_date: dt.date, sequence: int, gender: str) -> str:
    """Build a valid number (for demo and synthetic data only)."""
    seq = sequence % 1000
    if (seq % 2 == 1) != (gender == "M"):
        seq = (seq + 1) % 1000
    first17 = f"{region}{birth_date:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)
