"""Scoring: pure functions from (indicator, measured value) to points and a reason in plain Chinese.

No database and no clock: the engine fetches values, these functions judge them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

METHODS = ("all_or_nothing", "proportional", "deduct", "checklist", "manual", "bonus", "veto")
COMPARATORS = (">=", "<=", "==", "between")


def q(value: Decimal | float | int) -> Decimal:
    """Points are kept to one decimal place, rounded half up as people round."""
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Target:
    comparator: str  # >=, <=, ==, between
    value: Decimal
    upper: Decimal | None = None  # for between

    def met(self, measured: Decimal) -> bool:
        if self.comparator == ">=":
            return measured >= self.value
        if self.comparator == "<=":
            return measured <= self.value
        if self.comparator == "==":
            return measured == self.value
        assert self.upper is not None
        return self.value <= measured <= self.upper

    def text(self, unit: str) -> str:
        if self.comparator == "between":
            return f"{fmt(self.value)}—{fmt(self.upper)}{unit}"
        words = {">=": "不少于", "<=": "不多于", "==": "等于"}[self.comparator]
        return f"{words}{fmt(self.value)}{unit}"


def fmt(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    number = Decimal(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.normalize():f}"


@dataclass(frozen=True)
class Rule:
    """How one indicator turns a value into points (the scoring part of the standard file)."""

    method: str
    points: Decimal
    target: Target | None = None
    label: str = ""  # what is counted, e.g. "后备干部"
    unit: str = ""  # e.g. "名", "%", "次", "元"
    per_unit: Decimal = Decimal(0)  # deduct / bonus: points per missing (or extra) unit
    floor: Decimal = Decimal(0)  # deduct: never below
    cap: Decimal | None = None  # bonus: at most
    veto_grade: str | None = None  # veto: the grade an unmet veto caps at
    boolean: bool = False  # a yes/no fact (1 or 0): say 是/否, not a number


@dataclass(frozen=True)
class Outcome:
    points: Decimal
    max_points: Decimal
    met: bool
    reason: str
    veto_grade: str | None = None  # set when a veto item is not met
    extra: dict[str, str] = field(default_factory=dict)


def _value_text(rule: Rule, value: Decimal) -> str:
    if rule.boolean:
        return f"{rule.label}：{'是' if value >= 1 else '否'}"
    return f"{rule.label}{fmt(value)}{rule.unit}"


def target_text(rule: Rule) -> str:
    if rule.target is None:
        return ""
    if rule.boolean:
        return "是" if rule.target.met(Decimal(1)) else "否"
    return rule.target.text(rule.unit)


def score(rule: Rule, value: Decimal | None) -> Outcome:
    """Judge `value` by `rule`. A missing value (not measured, not entered) earns nothing and says so."""
    max_points = Decimal(0) if rule.method in {"bonus", "veto"} else rule.points
    if value is None:
        return Outcome(q(0), q(max_points), False, f"{rule.label}尚无数据，不得分", None)
    value = Decimal(str(value))
    method = rule.method
    if method == "manual":
        points = min(max(value, Decimal(0)), rule.points)
        return Outcome(q(points), q(rule.points), points >= rule.points, f"考评组评定{fmt(q(points))}分")
    if method == "checklist":
        share = min(max(value, Decimal(0)), Decimal(1))
        points = rule.points * share
        met = rule.target.met(share * 100) if rule.target else share == 1
        return Outcome(q(points), q(rule.points), met, f"{rule.label}完成{fmt(q(share * 100))}%，得{fmt(q(points))}分")
    if method == "bonus":
        extra = max(value - (rule.target.value if rule.target else Decimal(0)), Decimal(0))
        points = extra * rule.per_unit if rule.per_unit else (rule.points if extra > 0 else Decimal(0))
        if rule.cap is not None:
            points = min(points, rule.cap)
        reason = (
            f"{_value_text(rule, value)}，加{fmt(q(points))}分" if points else f"{_value_text(rule, value)}，不加分"
        )
        return Outcome(q(points), q(0), True, reason)  # a bonus is never a gap
    assert rule.target is not None, f"{method} needs a target"
    met = rule.target.met(value)
    wanted = target_text(rule)
    if method == "veto":
        if met:
            return Outcome(q(0), q(0), True, f"{_value_text(rule, value)}，符合要求")
        return Outcome(
            q(0),
            q(0),
            False,
            f"{_value_text(rule, value)}，未达到“{wanted}”，一票否决：等次最高为{rule.veto_grade}",
            veto_grade=rule.veto_grade,
        )
    if met:
        return Outcome(q(rule.points), q(rule.points), True, f"{_value_text(rule, value)}，达到“{wanted}”，得满分")
    if method == "all_or_nothing":
        return Outcome(q(0), q(rule.points), False, f"{_value_text(rule, value)}，未达到“{wanted}”，不得分")
    if method == "proportional":
        target = rule.target.value
        share = min(max(value / target, Decimal(0)), Decimal(1)) if target else Decimal(0)
        points = rule.points * share
        return Outcome(
            q(points),
            q(rule.points),
            False,
            f"{_value_text(rule, value)}，未达到“{wanted}”，按比例得{fmt(q(points))}分",
        )
    if method == "deduct":
        if rule.target.comparator == "<=":
            missing = value - rule.target.value
            gap_word = "超出"
        else:
            missing = rule.target.value - value
            gap_word = "少"
        deduction = min(missing * rule.per_unit, rule.points - rule.floor)
        points = rule.points - deduction
        upper_zero = rule.target.comparator == "<=" and rule.target.value == 0
        gap = "" if upper_zero else f"{gap_word}{fmt(missing)}{rule.unit}，"
        return Outcome(q(points), q(rule.points), False, f"{_value_text(rule, value)}，{gap}扣{fmt(q(deduction))}分")
    raise ValueError(f"unknown scoring method {method!r}")


GRADE_ORDER_DEFAULT = ("优秀", "良好", "合格", "不合格")


@dataclass(frozen=True)
class GradeBand:
    name: str
    min_score: Decimal


def grade_for(total: Decimal, bands: list[GradeBand], vetoes: list[str]) -> str:
    """The grade of a total, then capped by the worst veto (一票否决 caps, never raises)."""
    ordered = sorted(bands, key=lambda b: b.min_score, reverse=True)
    names = [b.name for b in ordered]
    grade = next((b.name for b in ordered if total >= b.min_score), names[-1])
    for cap in vetoes:
        if cap in names and names.index(cap) > names.index(grade):
            grade = cap
    return grade


def competition_ranks(scores: list[tuple[str, Decimal]]) -> dict[str, int]:
    """Standard competition ranking: ties share a rank, the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(scores, key=lambda item: item[1], reverse=True)
    ranks: dict[str, int] = {}
    previous: Decimal | None = None
    rank = 0
    for position, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            rank = position
            previous = total
        ranks[key] = rank
    return ranks
