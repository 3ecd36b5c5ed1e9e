"""五议五公开 as pure functions: what may come next, whether a meeting stands, whether it passed.

Problems come back as {field: [messages]} so a form can show each beside its field; "__all__"
(Django's NON_FIELD_ERRORS) holds what belongs to no single field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wuji.governance.choices import DISCLOSURE_AFTER_STEP, MATTER_DISCLOSURES, DisclosureKind, MatterStatus, StepKind

Problems = dict[str, list[str]]
ALL = "__all__"
VOTE_FIELDS = ("expected", "present", "votes_for", "votes_against", "abstentions")


def step_label(step: int) -> str:
    return str(StepKind(step).label)


def disclosure_label(kind: str) -> str:
    return str(DisclosureKind(kind).label)


def quoted(label: str) -> str:
    """A label in Chinese quotes, unless it already carries its own (“两委”商议)."""
    return label if "“" in label else f"“{label}”"


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


def merge(*parts: Problems) -> Problems:
    merged: Problems = {}
    for part in parts:
        for field, messages in part.items():
            merged.setdefault(field, []).extend(messages)
    return merged


def needs_vote(step: int) -> bool:
    """A villager's proposal is not a meeting: no attendance, no vote."""
    return step != StepKind.VILLAGER_PROPOSAL


def vote_problems(step: int, vote: Vote) -> Problems:
    """Numbers that cannot be (应到 ≥ 实到 ≥ 同意+反对+弃权) or a meeting without a quorum (实到 > 应到/2)."""
    if not needs_vote(step):
        return {}
    labels = {
        "expected": _("应到人数"),
        "present": _("实到人数"),
        "votes_for": _("同意票数"),
        "votes_against": _("反对票数"),
        "abstentions": _("弃权票数"),
    }
    missing = {f: [_("请填写%(what)s") % {"what": labels[f]}] for f in VOTE_FIELDS if getattr(vote, f) is None}
    if missing:
        return missing
    expected, present, yes, no, abstain = (int(getattr(vote, f)) for f in VOTE_FIELDS)
    problems: Problems = {}
    if min(expected, present, yes, no, abstain) < 0:
        return {ALL: [_("人数和票数不能为负数")]}
    if expected == 0:
        problems["expected"] = [_("应到人数不能为0")]
    if present > expected:
        problems["present"] = [
            _("实到人数（%(present)s）不能多于应到人数（%(expected)s）") % {"present": present, "expected": expected}
        ]
    if yes + no + abstain > present:
        problems["votes_for"] = [
            _("同意、反对、弃权票数之和（%(sum)s）不能多于实到人数（%(present)s）")
            % {"sum": yes + no + abstain, "present": present}
        ]
    if not problems and present * 2 <= expected:
        problems["present"] = [
            _("实到%(present)s人，未超过应到%(expected)s人的半数，会议无效，请重新召开")
            % {"present": present, "expected": expected}
        ]
    return problems


def vote_passed(step: int, vote: Vote) -> bool:
    """A deliberation passes with more than half of those present voting for it."""
    if not needs_vote(step):
        return True
    return bool(vote.present and vote.votes_for is not None and vote.votes_for * 2 > vote.present)


def failed_step(steps: list[StepFact]) -> StepFact | None:
    return next((s for s in steps if not s.passed), None)


def next_step(steps: list[StepFact]) -> int | None:
    """The deliberation that must come next, or None when all five are done (or one failed)."""
    if failed_step(steps) is not None:
        return None
    done = {s.step for s in steps}
    for kind in StepKind:
        if kind.value not in done:
            return kind.value
    return None


def _frozen(status: str, steps: list[StepFact]) -> list[str]:
    """Why nothing more may be recorded on a matter, if so."""
    failed = failed_step(steps)
    if status == MatterStatus.ABANDONED:
        return [_("该事项已终止，不能再登记")]
    if status == MatterStatus.STOPPED or failed is not None:
        label = quoted(step_label(failed.step)) if failed else _("议事环节")
        return [_("%(step)s未获通过，事项已停止，不能再登记") % {"step": label}]
    if status == MatterStatus.COMPLETED:
        return [_("该事项已办结，不能再登记")]
    return []


def step_problems(
    steps: list[StepFact], new: StepFact, today: dt.date, status: str = MatterStatus.IN_PROGRESS
) -> Problems:
    """Steps go in order (no skipping, no repeating), dated no earlier than the one before, never in the future."""
    frozen = _frozen(status, steps)
    if frozen:
        return {ALL: frozen}
    expected = next_step(steps)
    if expected is None:
        return {ALL: [_("五个议事环节均已登记")]}
    problems: Problems = {}
    if new.step != expected:
        problems["step"] = [
            _("议事环节须按顺序进行：下一环节应是%(step)s，不能跳过或重复") % {"step": quoted(step_label(expected))}
        ]
    dates: list[str] = []
    if new.held_on > today:
        dates.append(_("日期不能晚于今天"))
    if steps and new.held_on < max(s.held_on for s in steps):
        dates.append(_("日期不能早于上一环节（%(day)s）") % {"day": f"{max(s.held_on for s in steps):%Y-%m-%d}"})
    if dates:
        problems["held_on"] = dates
    return problems


def next_disclosure(steps: list[StepFact], published: list[str]) -> tuple[str | None, int | None]:
    """(the matter disclosure due next, the step it still waits for — None if it may be published now)."""
    passed = {s.step for s in steps if s.passed}
    for kind in MATTER_DISCLOSURES:
        if kind.value not in published:
            waits_for = DISCLOSURE_AFTER_STEP[kind]
            return kind.value, (None if waits_for.value in passed else waits_for.value)
    return None, None


def disclosure_problems(
    steps: list[StepFact],
    published: list[str],
    kind: str,
    published_on: dt.date,
    today: dt.date,
    status: str = MatterStatus.IN_PROGRESS,
    previous_on: dt.date | None = None,
) -> Problems:
    """The five disclosures go in order, each after its deliberation passed and dated no earlier than it."""
    frozen = _frozen(status, steps)
    if frozen:
        return {ALL: frozen}
    due, waits_for = next_disclosure(steps, published)
    if due is None:
        return {ALL: [_("该事项的五项公开均已完成")]}
    if kind != due:
        return {"kind": [_("公开须按顺序进行：下一项应是%(kind)s") % {"kind": quoted(disclosure_label(due))}]}
    if waits_for is not None:
        return {
            ALL: [
                _("%(kind)s须在%(step)s通过后进行")
                % {"kind": quoted(disclosure_label(kind)), "step": quoted(step_label(waits_for))}
            ]
        }
    dates: list[str] = []
    after = DISCLOSURE_AFTER_STEP[DisclosureKind(kind)].value
    step_dates = [s.held_on for s in steps if s.step == after]
    if step_dates and published_on < step_dates[0]:
        dates.append(
            _("公开日期不能早于%(step)s的日期（%(day)s）")
            % {"step": quoted(step_label(after)), "day": f"{step_dates[0]:%Y-%m-%d}"}
        )
    if previous_on is not None and published_on < previous_on:
        dates.append(_("公开日期不能早于上一项公开（%(day)s）") % {"day": f"{previous_on:%Y-%m-%d}"})
    if published_on > today:
        dates.append(_("公开日期不能晚于今天"))
    return {"published_on": dates} if dates else {}


def abandon_problems(status: str, reason: str, on: dt.date, today: dt.date, last_on: dt.date | None) -> Problems:
    """Only a matter in progress may be abandoned, with a reason, on a day not before its last record."""
    if status != MatterStatus.IN_PROGRESS:
        return {ALL: [_("该事项%(status)s，不能终止") % {"status": MatterStatus(status).label}]}
    problems: Problems = {}
    if not reason.strip():
        problems["reason"] = [_("请填写终止原因")]
    if on > today:
        problems["on"] = [_("日期不能晚于今天")]
    elif last_on is not None and on < last_on:
        problems["on"] = [_("日期不能早于该事项最近一次登记（%(day)s）") % {"day": f"{last_on:%Y-%m-%d}"}]
    return problems


def status_after(steps: list[StepFact], published: list[str], current: str) -> str:
    if current == MatterStatus.ABANDONED:
        return current
    if failed_step(steps) is not None:
        return MatterStatus.STOPPED
    if next_step(steps) is None and all(k.value in published for k in MATTER_DISCLOSURES):
        return MatterStatus.COMPLETED
    return MatterStatus.IN_PROGRESS


@dataclass(frozen=True)
class NextMove:
    """What the secretary does next: `kind` "step" (value: the StepKind) or "disclosure" (the DisclosureKind)."""

    kind: str | None
    value: int | str | None
    button: str
    text: str


def next_move(status: str, steps: list[StepFact], published: list[str]) -> NextMove:
    """The one thing to do next. A disclosure that may be published comes before the next meeting,
    so the villagers see a proposal before the members deliberate it."""
    if status == MatterStatus.ABANDONED:
        return NextMove(None, None, "", _("事项已终止"))
    failed = failed_step(steps)
    if status == MatterStatus.STOPPED or failed is not None:
        label = quoted(step_label(failed.step)) if failed else _("议事环节")
        return NextMove(None, None, "", _("%(step)s未获通过，事项停止") % {"step": label})
    if status == MatterStatus.COMPLETED:
        return NextMove(None, None, "", _("五议五公开已全部完成"))
    due, waits_for = next_disclosure(steps, published)
    if due is not None and waits_for is None:
        button = _("进行%(kind)s") % {"kind": quoted(disclosure_label(due))}
        return NextMove("disclosure", due, button, _("下一步：%(action)s") % {"action": button})
    step = next_step(steps)
    if step is not None:
        button = _("登记%(step)s") % {"step": quoted(step_label(step))}
        return NextMove("step", step, button, _("下一步：%(action)s") % {"action": button})
    return NextMove(None, None, "", _("下一步：完成各项公开"))


def next_action(status: str, steps: list[StepFact], published: list[str]) -> str:
    """What the secretary does next, in one sentence."""
    return next_move(status, steps, published).text
