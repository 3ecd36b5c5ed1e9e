"""“本月应办”: what a branch must still do, derived from the frequency indicators of its card.

Pure: the card's indicator results (already measured by the engine) and the day in;
no queries. A monthly indicator counted as missed months (`activities.months_missed`)
says which months are missing in its note; a count with a yearly target is spread
evenly over the months or quarters; anything else is due by the year's deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wuji.assessment.engine import IndicatorResult
from wuji.standards.loader import IndicatorSpec
from wuji.standards.scoring import fmt

PER_YEAR = {"monthly": 12, "quarterly": 4, "yearly": 1}
STATUS_ORDER = {"overdue": 0, "due": 1, "upcoming": 2}
_MONTH = re.compile(r"(\d{1,2})月")


@dataclass(frozen=True)
class Obligation:
    code: str
    name: str
    frequency: str
    status: str  # overdue (逾期), due (本月到期), upcoming (之后到期)
    due: dt.date
    text: str
    order: int = 0

    @property
    def status_label(self) -> str:
        return {"overdue": _("已逾期"), "due": _("本月到期"), "upcoming": _("待办")}[self.status]

    @property
    def frequency_label(self) -> str:
        return {"monthly": _("每月"), "quarterly": _("每季度"), "yearly": _("每年")}.get(self.frequency, "")


def period_end(day: dt.date, per_year: int) -> dt.date:
    """The last day of the month (12), quarter (4) or year (1) that contains `day`."""
    months = 12 // per_year
    last_month = ((day.month - 1) // months + 1) * months
    return dt.date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def _md(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def _status(due: dt.date, as_of: dt.date) -> str:
    if due < as_of:
        return "overdue"
    if (due.year, due.month) == (as_of.year, as_of.month):
        return "due"
    return "upcoming"


def missed_months(result: IndicatorResult) -> list[int] | None:
    """The months a months-missed metric lists in its note (“缺：3月、5月”); None when it cannot tell."""
    if result.value is not None and result.value == 0:
        return []
    if result.note.startswith("缺"):
        return [int(m) for m in _MONTH.findall(result.note)]
    return None


def _monthly_missed(result: IndicatorResult, spec: IndicatorSpec, as_of: dt.date) -> list[Obligation]:
    missed = missed_months(result)
    if missed is None:
        count = fmt(result.value)
        text = _("有%(count)s个月未开展") % {"count": count}
        return [Obligation(spec.code, spec.name, "monthly", "overdue", as_of, text, spec.order)]
    out = []
    if as_of.month in missed:
        due = period_end(as_of, 12)
        text = _("%(month)s月尚未开展") % {"month": as_of.month}
        out.append(Obligation(spec.code, spec.name, "monthly", _status(due, as_of), due, text, spec.order))
    past = [m for m in missed if m < as_of.month]
    if past:
        due = period_end(dt.date(as_of.year, max(past), 1), 12)
        text = _("%(months)s未开展；如已开展，请补录活动记录") % {"months": "、".join(f"{m}月" for m in past)}
        out.append(Obligation(spec.code, spec.name, "monthly", "overdue", due, text, spec.order))
    return out


def _spread(result: IndicatorResult, spec: IndicatorSpec, as_of: dt.date) -> list[Obligation]:
    """A yearly count (≥ N a year) due in equal parts per month or quarter."""
    assert spec.rule.target is not None and spec.frequency is not None and result.value is not None
    per_year = PER_YEAR[spec.frequency]
    months = 12 // per_year
    index = (as_of.month - 1) // months + 1
    target = spec.rule.target.value
    expected_now = math.ceil(target * index / per_year)
    expected_before = math.ceil(target * (index - 1) / per_year)
    unit = spec.rule.unit
    value = result.value
    if value < expected_before:
        previous_end = period_end(dt.date(as_of.year, (index - 1) * months, 1), per_year)
        text = _("截至%(day)s应已达到%(expected)s%(unit)s，现有%(value)s%(unit)s") % {
            "day": _md(previous_end),
            "expected": expected_before,
            "unit": unit,
            "value": fmt(value),
        }
        return [Obligation(spec.code, spec.name, spec.frequency, "overdue", previous_end, text, spec.order)]
    if value < expected_now:
        due = period_end(as_of, per_year)
        text = _("%(day)s前应达到%(expected)s%(unit)s，现有%(value)s%(unit)s") % {
            "day": _md(due),
            "expected": expected_now,
            "unit": unit,
            "value": fmt(value),
        }
        return [Obligation(spec.code, spec.name, spec.frequency, _status(due, as_of), due, text, spec.order)]
    return []


def _countable(spec: IndicatorSpec) -> bool:
    rule = spec.rule
    return (
        rule.target is not None
        and rule.target.comparator == ">="
        and not rule.boolean
        and rule.unit not in {"%", ""}
        and rule.method != "checklist"
    )


def obligations(
    results: Iterable[IndicatorResult], specs: dict[str, IndicatorSpec], *, as_of: dt.date, deadline: dt.date
) -> list[Obligation]:
    """What is overdue, due this month, or still to do this year, for the indicators that have a frequency.

    `deadline` is when a yearly obligation falls due (the campaign's 考评 date, or the year's end after it).
    """
    out: list[Obligation] = []
    for result in results:
        spec = specs.get(result.code)
        if spec is None or not spec.frequency or spec.frequency not in PER_YEAR:
            continue
        if spec.metric == "activities.months_missed":
            out.extend(_monthly_missed(result, spec, as_of))
            continue
        if result.met:
            continue
        if spec.frequency != "yearly" and result.value is not None and _countable(spec):
            out.extend(_spread(result, spec, as_of))
            continue
        text = _("%(reason)s（%(day)s前完成）") % {"reason": result.reason, "day": _md(deadline)}
        out.append(
            Obligation(spec.code, spec.name, spec.frequency, _status(deadline, as_of), deadline, text, spec.order)
        )
    return sorted(out, key=lambda o: (STATUS_ORDER[o.status], o.due, o.order))


def yearly_deadline(*, as_of: dt.date, campaign_end: dt.date) -> dt.date:
    """Yearly obligations fall due at the campaign's 考评 date; after it, at the end of the year."""
    if as_of <= campaign_end:
        return campaign_end
    return dt.date(as_of.year, 12, 31)
