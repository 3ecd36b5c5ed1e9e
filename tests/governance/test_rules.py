"""五议五公开 rules as pure functions (no database): order, dates, votes, quorum, stops, disclosures, texts."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from wuji.governance import rules
from wuji.governance.choices import MATTER_DISCLOSURES, DisclosureKind, MatterStatus, StepKind
from wuji.governance.rules import ALL, StepFact, Vote

TODAY = dt.date(2021, 6, 30)
D0 = dt.date(2021, 3, 1)
IN_PROGRESS, STOPPED, ABANDONED, COMPLETED = (
    MatterStatus.IN_PROGRESS,
    MatterStatus.STOPPED,
    MatterStatus.ABANDONED,
    MatterStatus.COMPLETED,
)
ALL_DISCLOSED = [k.value for k in MATTER_DISCLOSURES]


def steps_upto(n: int, *, failed_at: int | None = None) -> list[StepFact]:
    """Steps 1..n a week apart; `failed_at` is recorded as a failed vote."""
    return [StepFact(s, D0 + dt.timedelta(days=7 * (s - 1)), passed=s != failed_at) for s in range(1, n + 1)]


def messages(problems: rules.Problems) -> str:
    return " ".join(m for ms in problems.values() for m in ms)


# ---- order --------------------------------------------------------------------------------


def test_steps_come_in_order_starting_with_the_villagers_proposal() -> None:
    assert rules.next_step([]) == StepKind.VILLAGER_PROPOSAL
    for n in range(1, 5):
        assert rules.next_step(steps_upto(n)) == n + 1
    assert rules.next_step(steps_upto(5)) is None


def test_a_step_cannot_be_skipped() -> None:
    problems = rules.step_problems(steps_upto(1), StepFact(StepKind.TWO_COMMITTEES, D0 + dt.timedelta(days=10)), TODAY)
    assert list(problems) == ["step"]
    assert "“支部会提议”" in problems["step"][0] and "不能跳过或重复" in problems["step"][0]


def test_the_first_step_cannot_be_skipped_either() -> None:
    assert "step" in rules.step_problems([], StepFact(StepKind.BRANCH_PROPOSAL, D0), TODAY)


def test_a_step_cannot_be_repeated() -> None:
    problems = rules.step_problems(steps_upto(2), StepFact(StepKind.BRANCH_PROPOSAL, D0 + dt.timedelta(days=20)), TODAY)
    assert "“两委”商议" in problems["step"][0]


def test_the_next_step_in_order_is_accepted() -> None:
    assert rules.step_problems(steps_upto(2), StepFact(3, D0 + dt.timedelta(days=14)), TODAY) == {}


def test_no_sixth_step() -> None:
    problems = rules.step_problems(steps_upto(5), StepFact(5, TODAY), TODAY)
    assert "五个议事环节均已登记" in problems[ALL][0]


# ---- dates --------------------------------------------------------------------------------


def test_a_step_is_not_dated_before_the_previous_one() -> None:
    previous = steps_upto(2)
    problems = rules.step_problems(previous, StepFact(3, previous[-1].held_on - dt.timedelta(days=1)), TODAY)
    assert list(problems) == ["held_on"]
    assert "不能早于上一环节（2021-03-08）" in problems["held_on"][0]


def test_a_step_on_the_same_day_as_the_previous_one_is_fine() -> None:
    previous = steps_upto(2)
    assert rules.step_problems(previous, StepFact(3, previous[-1].held_on), TODAY) == {}


def test_a_step_is_not_dated_in_the_future() -> None:
    problems = rules.step_problems([], StepFact(1, TODAY + dt.timedelta(days=1)), TODAY)
    assert problems == {"held_on": ["日期不能晚于今天"]}


# ---- vote arithmetic and quorum ----------------------------------------------------------


def test_a_villagers_proposal_needs_no_numbers_and_always_stands() -> None:
    empty = Vote(None, None, None, None, None)
    assert rules.vote_problems(StepKind.VILLAGER_PROPOSAL, empty) == {}
    assert rules.vote_passed(StepKind.VILLAGER_PROPOSAL, empty)
    assert not rules.needs_vote(StepKind.VILLAGER_PROPOSAL)


def test_a_meeting_needs_all_five_numbers_each_named() -> None:
    problems = rules.vote_problems(StepKind.TWO_COMMITTEES, Vote(7, None, 5, None, 0))
    assert problems == {"present": ["请填写实到人数"], "votes_against": ["请填写反对票数"]}


def test_present_cannot_exceed_expected() -> None:
    problems = rules.vote_problems(StepKind.TWO_COMMITTEES, Vote(7, 8, 5, 1, 0))
    assert problems["present"] == ["实到人数（8）不能多于应到人数（7）"]


def test_votes_cannot_exceed_those_present() -> None:
    problems = rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(30, 20, 15, 4, 2))
    assert problems == {"votes_for": ["同意、反对、弃权票数之和（21）不能多于实到人数（20）"]}


def test_votes_may_fall_short_of_those_present() -> None:
    """Someone present may not vote at all: 同意+反对+弃权 ≤ 实到, not =."""
    assert rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(30, 20, 15, 2, 1)) == {}


def test_nobody_expected_is_not_a_meeting() -> None:
    assert rules.vote_problems(StepKind.BRANCH_PROPOSAL, Vote(0, 0, 0, 0, 0))["expected"] == ["应到人数不能为0"]


def test_negative_numbers_are_refused() -> None:
    assert ALL in rules.vote_problems(StepKind.BRANCH_PROPOSAL, Vote(5, 4, -1, 0, 0))


def test_quorum_is_more_than_half_of_those_expected() -> None:
    half = rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(8, 4, 4, 0, 0))
    assert half == {"present": ["实到4人，未超过应到8人的半数，会议无效，请重新召开"]}
    assert rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(8, 5, 5, 0, 0)) == {}
    assert rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(9, 4, 4, 0, 0))  # 4 of 9: no
    assert rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(9, 5, 5, 0, 0)) == {}  # 5 of 9: yes


def test_passing_needs_more_than_half_of_those_present_for_it() -> None:
    assert not rules.vote_passed(StepKind.TWO_COMMITTEES, Vote(9, 8, 4, 3, 1))  # exactly half: fails
    assert rules.vote_passed(StepKind.TWO_COMMITTEES, Vote(9, 8, 5, 3, 0))
    assert not rules.vote_passed(StepKind.TWO_COMMITTEES, Vote(9, 8, 4, 0, 0))  # abstaining is not agreeing


@given(
    expected=st.integers(0, 60),
    present=st.integers(0, 60),
    yes=st.integers(0, 60),
    no=st.integers(0, 60),
    abstain=st.integers(0, 60),
)
def test_a_vote_stands_exactly_when_the_arithmetic_and_the_quorum_hold(
    expected: int, present: int, yes: int, no: int, abstain: int
) -> None:
    problems = rules.vote_problems(StepKind.MEMBERS_MEETING, Vote(expected, present, yes, no, abstain))
    holds = 0 < expected and present <= expected and yes + no + abstain <= present and present * 2 > expected
    assert (problems == {}) == holds


# ---- a failed step stops the matter -------------------------------------------------------


def test_a_failed_step_stops_the_matter_and_nothing_more_can_be_recorded() -> None:
    steps = steps_upto(3, failed_at=3)
    assert rules.status_after(steps, [], IN_PROGRESS) == STOPPED
    assert rules.next_step(steps) is None
    refused = rules.step_problems(steps, StepFact(4, TODAY), TODAY, STOPPED)
    assert refused == {ALL: ["“两委”商议未获通过，事项已停止，不能再登记"]}
    # Even a disclosure whose own step passed earlier: the matter is over.
    assert ALL in rules.disclosure_problems(steps, [], DisclosureKind.PROPOSAL, TODAY, TODAY, STOPPED)
    assert ALL in rules.disclosure_problems(steps, [], DisclosureKind.PROPOSAL, TODAY, TODAY)  # status not yet saved


def test_a_failed_first_meeting_stops_the_matter_too() -> None:
    steps = steps_upto(2, failed_at=2)
    assert rules.status_after(steps, [], IN_PROGRESS) == STOPPED
    assert rules.next_action(STOPPED, steps, []) == "“支部会提议”未获通过，事项停止"


# ---- disclosures ---------------------------------------------------------------------------


def test_each_disclosure_waits_for_its_deliberation() -> None:
    assert rules.next_disclosure(steps_upto(2), []) == (DisclosureKind.PROPOSAL, StepKind.TWO_COMMITTEES)
    assert rules.next_disclosure(steps_upto(3), []) == (DisclosureKind.PROPOSAL, None)
    assert rules.next_disclosure(steps_upto(3), ["proposal"]) == (DisclosureKind.PROCEDURE, StepKind.MEMBERS_MEETING)
    assert rules.next_disclosure(steps_upto(4), ["proposal"]) == (DisclosureKind.PROCEDURE, None)
    assert rules.next_disclosure(steps_upto(4), ["proposal", "procedure"]) == (
        DisclosureKind.RESULT,
        StepKind.VILLAGERS_MEETING,
    )
    assert rules.next_disclosure(steps_upto(5), ["proposal", "procedure", "result"]) == (DisclosureKind.PLAN, None)
    assert rules.next_disclosure(steps_upto(5), ALL_DISCLOSED) == (None, None)


def test_a_disclosure_before_its_deliberation_passed_is_refused() -> None:
    problems = rules.disclosure_problems(steps_upto(2), [], DisclosureKind.PROPOSAL, TODAY, TODAY)
    assert problems == {ALL: ["“提议事项公开”须在“两委”商议通过后进行"]}


def test_disclosures_come_in_order() -> None:
    problems = rules.disclosure_problems(steps_upto(5), ["proposal"], DisclosureKind.RESULT, TODAY, TODAY)
    assert problems == {"kind": ["公开须按顺序进行：下一项应是“审议程序公开”"]}
    repeated = rules.disclosure_problems(steps_upto(5), ["proposal"], DisclosureKind.PROPOSAL, TODAY, TODAY)
    assert "kind" in repeated


def test_a_disclosure_is_not_dated_before_its_deliberation_or_the_previous_disclosure() -> None:
    steps = steps_upto(3)
    early = rules.disclosure_problems(
        steps, [], DisclosureKind.PROPOSAL, steps[2].held_on - dt.timedelta(days=1), TODAY
    )
    assert early == {"published_on": ["公开日期不能早于“两委”商议的日期（2021-03-15）"]}
    assert rules.disclosure_problems(steps, [], DisclosureKind.PROPOSAL, steps[2].held_on, TODAY) == {}
    steps = steps_upto(5)
    before_previous = rules.disclosure_problems(
        steps, ["proposal", "procedure"], DisclosureKind.RESULT, steps[4].held_on, TODAY, previous_on=TODAY
    )
    assert before_previous == {"published_on": [f"公开日期不能早于上一项公开（{TODAY:%Y-%m-%d}）"]}
    future = rules.disclosure_problems(steps_upto(3), [], DisclosureKind.PROPOSAL, TODAY + dt.timedelta(days=1), TODAY)
    assert future == {"published_on": ["公开日期不能晚于今天"]}


def test_no_sixth_disclosure() -> None:
    problems = rules.disclosure_problems(steps_upto(5), ALL_DISCLOSED, DisclosureKind.OUTCOME, TODAY, TODAY)
    assert problems == {ALL: ["该事项的五项公开均已完成"]}


# ---- completion ----------------------------------------------------------------------------


def test_a_matter_completes_after_five_steps_and_five_disclosures() -> None:
    assert rules.status_after(steps_upto(5), ALL_DISCLOSED[:4], IN_PROGRESS) == IN_PROGRESS
    assert rules.status_after(steps_upto(4), ALL_DISCLOSED, IN_PROGRESS) == IN_PROGRESS
    assert rules.status_after(steps_upto(5), ALL_DISCLOSED, IN_PROGRESS) == COMPLETED


def test_a_completed_matter_takes_nothing_more() -> None:
    assert rules.step_problems(steps_upto(5), StepFact(5, TODAY), TODAY, COMPLETED) == {
        ALL: ["该事项已办结，不能再登记"]
    }
    assert ALL in rules.abandon_problems(COMPLETED, "改了主意", TODAY, TODAY, None)


# ---- abandon -------------------------------------------------------------------------------


def test_abandoning_needs_a_reason() -> None:
    assert rules.abandon_problems(IN_PROGRESS, "  ", TODAY, TODAY, None) == {"reason": ["请填写终止原因"]}
    assert rules.abandon_problems(IN_PROGRESS, "资金无法落实", TODAY, TODAY, None) == {}


def test_abandoning_is_dated_sensibly() -> None:
    assert "on" in rules.abandon_problems(IN_PROGRESS, "资金无法落实", TODAY + dt.timedelta(days=1), TODAY, None)
    assert "on" in rules.abandon_problems(IN_PROGRESS, "资金无法落实", D0, TODAY, D0 + dt.timedelta(days=1))


def test_an_abandoned_matter_is_frozen() -> None:
    steps = steps_upto(2)
    assert rules.status_after(steps, [], ABANDONED) == ABANDONED
    assert rules.status_after(steps_upto(5), ALL_DISCLOSED, ABANDONED) == ABANDONED
    assert rules.step_problems(steps, StepFact(3, TODAY), TODAY, ABANDONED) == {ALL: ["该事项已终止，不能再登记"]}
    assert ALL in rules.disclosure_problems(steps_upto(3), [], DisclosureKind.PROPOSAL, TODAY, TODAY, ABANDONED)
    assert ALL in rules.abandon_problems(ABANDONED, "再次终止", TODAY, TODAY, None)


# ---- what to do next -----------------------------------------------------------------------


def test_next_action_texts() -> None:
    assert rules.next_action(IN_PROGRESS, [], []) == "下一步：登记“村（居）民建议”"
    assert rules.next_action(IN_PROGRESS, steps_upto(1), []) == "下一步：登记“支部会提议”"
    assert rules.next_action(IN_PROGRESS, steps_upto(2), []) == "下一步：登记“两委”商议"
    assert rules.next_action(IN_PROGRESS, steps_upto(3), []) == "下一步：进行“提议事项公开”"
    assert rules.next_action(IN_PROGRESS, steps_upto(3), ["proposal"]) == "下一步：登记“党员大会审议”"
    assert rules.next_action(IN_PROGRESS, steps_upto(4), ["proposal"]) == "下一步：进行“审议程序公开”"
    assert rules.next_action(IN_PROGRESS, steps_upto(4), ["proposal", "procedure"]) == (
        "下一步：登记“村（居）民（代表）大会决议”"
    )
    assert rules.next_action(IN_PROGRESS, steps_upto(5), ALL_DISCLOSED[:3]) == "下一步：进行“实施方案公开”"
    assert rules.next_action(IN_PROGRESS, steps_upto(5), ALL_DISCLOSED[:4]) == "下一步：进行“办理结果公开”"
    assert rules.next_action(COMPLETED, steps_upto(5), ALL_DISCLOSED) == "五议五公开已全部完成"
    assert rules.next_action(STOPPED, steps_upto(3, failed_at=3), []) == "“两委”商议未获通过，事项停止"
    assert rules.next_action(ABANDONED, steps_upto(2), []) == "事项已终止"


def test_next_move_names_the_form_to_open() -> None:
    move = rules.next_move(IN_PROGRESS, steps_upto(2), [])
    assert (move.kind, move.value, move.button) == ("step", StepKind.TWO_COMMITTEES, "登记“两委”商议")
    move = rules.next_move(IN_PROGRESS, steps_upto(3), [])
    assert (move.kind, move.value, move.button) == ("disclosure", DisclosureKind.PROPOSAL, "进行“提议事项公开”")
    for status, steps in [(COMPLETED, steps_upto(5)), (ABANDONED, []), (STOPPED, steps_upto(2, failed_at=2))]:
        assert rules.next_move(status, steps, ALL_DISCLOSED).kind is None
