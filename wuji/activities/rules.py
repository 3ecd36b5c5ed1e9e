"""Rules of 基本活动 as pure functions (no clock, no database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# An activity entered more than this many days after it was held is a back-entry and needs a reason.
BACKFILL_AFTER_DAYS = 7


@dataclass(frozen=True)
class Headcount:
    """应到 / 实到, counted from the attendance rows (never typed)."""

    expected: int
    present: int

    @property
    def absent(self) -> int:
        return self.expected - self.present

    @property
    def rate(self) -> float:
        return self.present / self.expected if self.expected else 0.0


def headcount(presence: Iterable[bool]) -> Headcount:
    flags = list(presence)
    return Headcount(expected=len(flags), present=sum(1 for f in flags if f))


def is_back_entry(held_on: dt.date, entered_on: dt.date) -> bool:
    return (entered_on - held_on).days > BACKFILL_AFTER_DAYS
