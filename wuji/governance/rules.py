"""五议五公开 as pure functions: what may come next, whether a meeting stands, whether it passed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wuji.governance.choices import DISCLOSURE_AFTER_STEP, MATTER_DISCLOSURES, DisclosureKind, MatterStatus, StepKind

STEP_LABEL = dict(StepKind.choices)
DISCLOSURE_LABEL = dict(DisclosureKind.choices)


@dataclass(frozen=True)
class StepFact:
    step: int
    held_on: dt.date
    passed: bool = True


@dataclass(frozen=True)
class Vote:
    expected: int | None
    present: int | None
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None


def vote_problems(step: int, vote: Vote) -> list[str]:
    """Numbers that cannot be (应到 ≥ 实到 ≥ 同意+反对+弃权) or a meeting without a quorum."""
    if step == StepKind.VILLAGER_PROPOSAL:
        return []
    numbers = [vote.expected, vote.present, vote.votes_for, vote.votes_against, vote.abstentions]
    if any(n is None for n in numbers):
        return [f"{STEP_LABEL[step]}须填写应到、实到人数和同意、反对、弃权票数"]
    expected, present, yes, no, abstain = (int(n) for n in numbers)  # type: ignore[arg-type]
    problems = []
    if expected == 0:
        problems.append("应到人数不能为0")
    if present > expected:
        problems.append(f"实到人数（{present}）不能多于应到人数（{expected}）")
    if yes + no + abstain > present:
        problems.append(f"同意、反对、弃权票数之和（{yes + no + abstain}）不能多于实到人数（{present}）")
    if not problems and present * 2 <= expected:
        problems.append(f"实到{present}人，未超过应到{expected}人的半数，会议无效，请重新召开")
    return problems


def vote_passed(step: int, vote: Vote) -> bool:
    """A deliberation passes with more than half of those present voting for it."""
    if step == StepKind.VILLAGER_PROPOSAL:
        return True
    return bool(vote.present and vote.votes_for is not None and vote.votes_for * 2 > vote.present)


def next_step(steps: list[StepFact]) -> int | None:
    """The deliberation that must come next, or None when all five are done (or one failed)."""
    if any(not s.passed for s in steps):
        return None
    done = {s.step for s in steps}
    for kind in StepKind:
        if kind.value not in done:
            return kind.value
    return None


def step_problems(steps: list[StepFact], new: StepFact, today: dt.date) -> list[str]:
    expected = next_step(steps)
    if expected is None:
        return ["该事项已无可登记的议事环节"]
    problems = []
    if new.step != expected:
        problems.append(f"议事环节须按顺序进行：下一环节应是“{STEP_LABEL[expected]}”，不能跳过或重复")
    if new.held_on > today:
        problems.append("议事日期不能晚于今天")
    if steps and new.held_on < max(s.held_on for s in steps):
        problems.append(f"议事日期不能早于上一环节（{max(s.held_on for s in steps):%Y-%m-%d}）")
    return problems


def next_disclosure(steps: list[StepFact], published: list[str]) -> tuple[str | None, int | None]:
    """(the matter disclosure due next, the step it still waits for — None if it may be published now)."""
    for kind in MATTER_DISCLOSURES:
        if kind.value not in published:
            waits_for = DISCLOSURE_AFTER_STEP[kind]
            passed = {s.step for s in steps if s.passed}
            return kind.value, (None if waits_for.value in passed else waits_for.value)
    return None, None


def disclosure_problems(
    steps: list[StepFact], published: list[str], kind: str, published_on: dt.date, today: dt.date
) -> list[str]:
    due, waits_for = next_disclosure(steps, published)
    if due is None:
        return ["该事项的五项公开均已完成"]
    if kind != due:
        return [f"公开须按顺序进行：下一项应是“{DISCLOSURE_LABEL[due]}”"]
    if waits_for is not None:
        return [f"“{DISCLOSURE_LABEL[kind]}”须在“{STEP_LABEL[waits_for]}”通过后进行"]
    problems = []
    step_dates = [s.held_on for s in steps if s.step == DISCLOSURE_AFTER_STEP[DisclosureKind(kind)].value]
    if step_dates and published_on < step_dates[0]:
        problems.append(f"公开日期不能早于“{STEP_LABEL[DISCLOSURE_AFTER_STEP[DisclosureKind(kind)].value]}”的日期")
    if published_on > today:
        problems.append("公开日期不能晚于今天")
    return problems


def status_after(steps: list[StepFact], published: list[str], current: str) -> str:
    if current == MatterStatus.ABANDONED:
        return current
    if any(not s.passed for s in steps):
        return MatterStatus.STOPPED
    if next_step(steps) is None and all(k.value in published for k in MATTER_DISCLOSURES):
        return MatterStatus.COMPLETED
    return MatterStatus.IN_PROGRESS


def next_action(status: str, steps: list[StepFact], published: list[str]) -> str:
    """What the secretary does next, in one sentence."""
    if status == MatterStatus.ABANDONED:
        return "事项已终止"
    if status == MatterStatus.STOPPED:
        failed = next(s for s in steps if not s.passed)
        return f"“{STEP_LABEL[failed.step]}”未获通过，事项停止"
    if status == MatterStatus.COMPLETED:
        return "五议五公开已全部完成"
    due, waits_for = next_disclosure(steps, published)
    step = next_step(steps)
    if due is not None and waits_for is None:
        return f"下一步：进行“{DISCLOSURE_LABEL[due]}”"
    if step is not None:
        return f"下一步：召开“{STEP_LABEL[step]}”"
    return "下一步：完成各项公开"
