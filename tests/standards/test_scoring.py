"""Each scoring method, with hand-computed cases and properties that must hold for any value."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wuji.standards.scoring import GradeBand, Rule, Target, competition_ranks, grade_for, score

D = Decimal
RESERVE = Rule("deduct", D(6), Target(">=", D(3)), label="后备干部", unit="名", per_unit=D(2))
values = st.decimals(min_value=0, max_value=1000, places=1, allow_nan=False, allow_infinity=False)


def test_deduct_explains_the_deduction() -> None:
    outcome = score(RESERVE, D(2))
    assert (outcome.points, outcome.max_points, outcome.met) == (D("4.0"), D("6.0"), False)
    assert outcome.reason == "后备干部2名，少1名，扣2分"


def test_deduct_stops_at_the_floor() -> None:
    rule = Rule("deduct", D(6), Target(">=", D(10)), label="农村实用人才", unit="名", per_unit=D(1), floor=D(1))
    assert score(rule, D(0)).points == D("1.0")


def test_deduct_on_an_upper_bound_counts_the_excess() -> None:
    rule = Rule("deduct", D(4), Target("<=", D(0)), label="缺少群团组织", unit="个", per_unit=D(2))
    outcome = score(rule, D(1))
    assert outcome.points == D("2.0") and outcome.reason == "缺少群团组织1个，扣2分"


def test_all_or_nothing() -> None:
    rule = Rule("all_or_nothing", D(5), Target(">=", D(1)), label="女干部", unit="名")
    assert score(rule, D(1)).points == D("5.0") and score(rule, D(1)).met
    assert score(rule, D(0)).points == D("0.0")
    assert score(rule, D(0)).reason == "女干部0名，未达到“不少于1名”，不得分"


def test_between_target() -> None:
    rule = Rule("all_or_nothing", D(4), Target("between", D(1), D(2)), label="发展党员", unit="名")
    assert [score(rule, D(v)).met for v in (0, 1, 2, 3)] == [False, True, True, False]


def test_proportional() -> None:
    rule = Rule("proportional", D(10), Target(">=", D(50000)), label="集体经济收入", unit="元")
    assert score(rule, D(25000)).points == D("5.0")
    assert score(rule, D(80000)).points == D("10.0")


def test_checklist_share() -> None:
    rule = Rule("checklist", D(5), None, label="活动室“十有”")
    outcome = score(rule, D("0.7"))
    assert outcome.points == D("3.5") and not outcome.met and outcome.reason == "活动室“十有”完成70%，得3.5分"
    assert score(rule, D(1)).met


def test_manual_score_is_kept_within_bounds() -> None:
    rule = Rule("manual", D(5), None, label="档案规范")
    assert score(rule, D(4)).points == D("4.0")
    assert score(rule, D(9)).points == D("5.0")


def test_capped_bonus() -> None:
    rule = Rule("bonus", D(0), Target(">=", D(0)), label="创先争优荣誉", unit="项", per_unit=D(1), cap=D(2))
    assert score(rule, D(1)).points == D("1.0") and score(rule, D(5)).points == D("2.0")
    assert score(rule, D(5)).max_points == D("0.0")  # a bonus never raises the maximum


def test_veto_caps_the_grade() -> None:
    rule = Rule("veto", D(0), Target("<=", D(0)), label="软弱涣散未转化", unit="个", veto_grade="不合格")
    outcome = score(rule, D(1))
    assert outcome.veto_grade == "不合格" and outcome.points == D("0.0")
    assert score(rule, D(0)).veto_grade is None
    bands = [GradeBand("优秀", D(90)), GradeBand("良好", D(80)), GradeBand("合格", D(60)), GradeBand("不合格", D(0))]
    assert grade_for(D(95), bands, []) == "优秀"
    assert grade_for(D(95), bands, ["不合格"]) == "不合格"
    assert grade_for(D(65), bands, ["良好"]) == "合格"  # a veto caps, never raises


def test_missing_value_earns_nothing_and_says_so() -> None:
    outcome = score(RESERVE, None)
    assert outcome.points == D("0.0") and "尚无数据" in outcome.reason


def test_ties_share_a_rank() -> None:
    ranks = competition_ranks([("a", D(90)), ("b", D(85)), ("c", D(85)), ("d", D(70))])
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4}


@given(values)
def test_points_stay_between_zero_and_the_maximum(value: Decimal) -> None:
    for rule in (
        RESERVE,
        Rule("all_or_nothing", D(5), Target(">=", D(1))),
        Rule("proportional", D(10), Target(">=", D(50))),
        Rule("checklist", D(5), None),
        Rule("manual", D(5), None),
    ):
        outcome = score(rule, value)
        assert D(0) <= outcome.points <= outcome.max_points


@given(values, values)
def test_more_is_never_worse_for_an_at_least_target(a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    for rule in (RESERVE, Rule("proportional", D(10), Target(">=", D(50)))):
        assert score(rule, low).points <= score(rule, high).points


@given(st.lists(st.decimals(min_value=0, max_value=100, places=1), min_size=1, max_size=30))
def test_ranks_follow_scores(scores: list[Decimal]) -> None:
    ranks = competition_ranks([(str(i), s) for i, s in enumerate(scores)])
    for i, si in enumerate(scores):
        higher = sum(1 for s in scores if s > si)
        assert ranks[str(i)] == higher + 1


@pytest.mark.parametrize("method", ["all_or_nothing", "proportional", "deduct", "veto"])
def test_methods_that_compare_need_a_target(method: str) -> None:
    with pytest.raises(AssertionError):
        score(Rule(method, D(5), None), D(1))
