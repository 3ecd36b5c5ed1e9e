"""“本月应办” from the frequency indicators: pure, judged from the values the engine already measured."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from wuji.assessment.engine import IndicatorResult
from wuji.assessment.obligations import obligations, period_end, yearly_deadline
from wuji.standards.loader import IndicatorSpec
from wuji.standards.scoring import Rule, Target

DAY = dt.date(2010, 8, 20)
DEADLINE = dt.date(2010, 10, 31)


def spec(
    code: str,
    frequency: str,
    *,
    metric: str = "activities.count",
    unit: str = "次",
    target: Any = None,
    method: str = "all_or_nothing",
) -> IndicatorSpec:
    rule = Rule(method=method, points=Decimal(4), target=target or Target(">=", Decimal(1)), label=code, unit=unit)
    return IndicatorSpec(
        code=code,
        name=code,
        content="",
        dimension="基本活动",
        item="学习",
        categories=frozenset({"organ"}),
        level="org",
        kind="metric",
        metric=metric,
        params={},
        checklist=(),
        rule=rule,
        effort="easy",
        frequency=frequency,
        seed="三㈢1",
        is_default=False,
        order=0,
    )


def result(code: str, value: Any, *, met: bool = False, note: str = "", reason: str = "") -> IndicatorResult:
    return IndicatorResult(
        code=code,
        name=code,
        dimension="基本活动",
        item="学习",
        kind="metric",
        value=None if value is None else Decimal(value),
        target="",
        met=met,
        points=Decimal(0),
        max_points=Decimal(4),
        reason=reason or f"{code}未达到",
        note=note,
    )


def due(specs: list[IndicatorSpec], results: list[IndicatorResult], day: dt.date = DAY) -> list[tuple[str, str, str]]:
    found = obligations(
        results, {s.code: s for s in specs}, as_of=day, deadline=yearly_deadline(as_of=day, campaign_end=DEADLINE)
    )
    return [(o.code, o.status, o.text) for o in found]


def test_monthly_study_missed_this_month_and_before() -> None:
    study = spec(
        "学习",
        "monthly",
        metric="activities.months_missed",
        unit="个月",
        target=Target("<=", Decimal(0)),
        method="deduct",
    )
    rows = due([study], [result("学习", 3, note="缺：2月、5月、8月")])
    assert rows == [
        ("学习", "overdue", "2月、5月未开展；如已开展，请补录活动记录"),
        ("学习", "due", "8月尚未开展"),
    ]
    assert due([study], [result("学习", 0, met=True, note="8个月均已开展")]) == []


def test_a_quarterly_count_is_spread_over_the_quarters() -> None:
    quarterly = spec("议事", "quarterly", target=Target(">=", Decimal(4)), method="proportional")
    # August is in the third quarter: two by the end of June, three by the end of September.
    assert due([quarterly], [result("议事", 1)]) == [("议事", "overdue", "截至6月30日应已达到2次，现有1次")]
    assert due([quarterly], [result("议事", 2)]) == [("议事", "upcoming", "9月30日前应达到3次，现有2次")]
    assert due([quarterly], [result("议事", 3)]) == []
    september = due([quarterly], [result("议事", 2)], dt.date(2010, 9, 10))
    assert september[0][1] == "due"  # the quarter ends this month


def test_yearly_items_fall_due_at_the_campaign_date_then_overdue() -> None:
    life = spec("民主生活会", "yearly")
    rows = [result("民主生活会", 0, reason="民主生活会0次，未达到“不少于1次”，不得分")]
    assert due([life], rows) == [
        ("民主生活会", "upcoming", "民主生活会0次，未达到“不少于1次”，不得分（10月31日前完成）")
    ]
    assert due([life], rows, dt.date(2010, 10, 5))[0][1] == "due"
    after = obligations(rows, {life.code: life}, as_of=dt.date(2010, 11, 5), deadline=DEADLINE)
    assert after[0].status == "overdue"
    assert due([life], [result("民主生活会", 1, met=True)]) == []


def test_indicators_without_a_frequency_are_not_obligations() -> None:
    plain = spec("后备干部", "")
    assert due([plain], [result("后备干部", 1)]) == []


def test_period_end() -> None:
    assert period_end(dt.date(2010, 2, 3), 12) == dt.date(2010, 2, 28)
    assert period_end(dt.date(2010, 8, 3), 4) == dt.date(2010, 9, 30)
    assert period_end(dt.date(2010, 8, 3), 1) == dt.date(2010, 12, 31)
    assert yearly_deadline(as_of=dt.date(2010, 11, 1), campaign_end=DEADLINE) == dt.date(2010, 12, 31)
