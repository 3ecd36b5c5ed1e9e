"""The rules of seed §三㈡ and DESIGN §2 as pure functions over plain values.

They take the dates and numbers they judge, never the clock or the database,
and return the problems in the active language (the Simplified Chinese text
is the msgid; an empty list means the change is fine).
Services call them and refuse with ValidationError; tests call them directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wuji.people.choices import STAGE_ORDER, Stage

LABEL = dict(Stage.choices)
MIN_APPLICANT_AGE = 18
MAX_EXTENSION_MONTHS = 12


@dataclass(frozen=True)
class StageFact:
    stage: str
    started_on: dt.date
    voters_eligible: int | None = None
    voters_present: int | None = None
    votes_for: int | None = None
    extension_months: int = 0
    backfilled: bool = False


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_on(birth_date: dt.date, day: dt.date) -> int:
    years = day.year - birth_date.year
    return years - 1 if (day.month, day.day) < (birth_date.month, birth_date.day) else years


def meeting_problems(fact: StageFact) -> list[str]:
    """A branch meeting admits or confirms only with a majority of all full members."""
    action = _("接收预备党员") if fact.stage == Stage.PROBATIONARY else _("预备党员转正")
    eligible, present, votes = fact.voters_eligible, fact.voters_present, fact.votes_for
    if eligible is None or present is None or votes is None:
        return [_("%(action)s须填写支部大会有表决权的正式党员数、到会人数和赞成票数") % {"action": action}]
    problems = []
    if eligible == 0:
        problems.append(_("有表决权的正式党员数不能为0"))
    if present > eligible:
        problems.append(
            _("到会人数（%(present)s）不能多于有表决权的正式党员数（%(eligible)s）")
            % {"present": present, "eligible": eligible}
        )
    if votes > present:
        problems.append(
            _("赞成票数（%(votes)s）不能多于到会人数（%(present)s）") % {"votes": votes, "present": present}
        )
    if not problems and present * 2 <= eligible:
        problems.append(
            _("到会有表决权党员%(present)s人，未超过应到%(eligible)s人的半数，会议不能%(action)s")
            % {"present": present, "eligible": eligible, "action": action}
        )
    if not problems and votes * 2 <= eligible:
        problems.append(
            _("赞成票%(votes)s票，未超过有表决权正式党员%(eligible)s人的半数，%(action)s未获通过")
            % {"votes": votes, "eligible": eligible, "action": action}
        )
    return problems


def history_problems(history: Iterable[StageFact], *, birth_date: dt.date, today: dt.date) -> list[str]:
    """Judge a whole stage history (the existing rows plus the proposed change)."""
    facts = sorted(history, key=lambda f: STAGE_ORDER.index(f.stage))
    problems: list[str] = []
    if not facts:
        return problems
    indexes = [STAGE_ORDER.index(f.stage) for f in facts]
    if len(set(indexes)) != len(indexes):
        problems.append(_("同一发展阶段只能登记一次"))
        return problems
    for earlier, later in zip(indexes, indexes[1:], strict=False):
        if later != earlier + 1:
            missing = LABEL[STAGE_ORDER[earlier + 1]]
            problems.append(
                _("发展阶段不能跳过：登记%(stage)s之前须先登记%(missing)s")
                % {"stage": LABEL[STAGE_ORDER[later]], "missing": missing}
            )
    for fact in facts:
        if fact.started_on > today:
            problems.append(_("%(stage)s日期不能晚于今天") % {"stage": LABEL[fact.stage]})
        if fact.started_on < birth_date:
            problems.append(_("%(stage)s日期不能早于出生日期") % {"stage": LABEL[fact.stage]})
    for earlier_fact, later_fact in zip(facts, facts[1:], strict=False):
        if later_fact.started_on < earlier_fact.started_on:
            problems.append(
                _("%(stage)s日期（%(day)s）不能早于%(earlier_stage)s日期（%(earlier_day)s）")
                % {
                    "stage": LABEL[later_fact.stage],
                    "day": f"{later_fact.started_on:%Y-%m-%d}",
                    "earlier_stage": LABEL[earlier_fact.stage],
                    "earlier_day": f"{earlier_fact.started_on:%Y-%m-%d}",
                }
            )
    by_stage = {f.stage: f for f in facts}
    applicant = by_stage.get(Stage.APPLICANT)
    if applicant and age_on(birth_date, applicant.started_on) < MIN_APPLICANT_AGE:
        problems.append(
            _("申请入党时未满%(age)s周岁（申请日期%(day)s）")
            % {"age": MIN_APPLICANT_AGE, "day": f"{applicant.started_on:%Y-%m-%d}"}
        )
    activist, candidate = by_stage.get(Stage.ACTIVIST), by_stage.get(Stage.CANDIDATE)
    if activist and candidate and candidate.started_on < add_months(activist.started_on, 12):
        earliest_candidate = add_months(activist.started_on, 12)
        problems.append(
            _(
                "入党积极分子须经一年以上培养教育才能列为发展对象"
                "（确定为积极分子：%(activist_day)s，最早可列为发展对象：%(earliest)s）"
            )
            % {"activist_day": f"{activist.started_on:%Y-%m-%d}", "earliest": f"{earliest_candidate:%Y-%m-%d}"}
        )
    probationary, full = by_stage.get(Stage.PROBATIONARY), by_stage.get(Stage.FULL)
    if probationary:
        if probationary.extension_months > MAX_EXTENSION_MONTHS:
            problems.append(_("预备期最多延长一次，且不超过%(months)s个月") % {"months": MAX_EXTENSION_MONTHS})
        if full:
            earliest = add_months(probationary.started_on, 12 + probationary.extension_months)
            if full.started_on < earliest:
                days = {"earliest": f"{earliest:%Y-%m-%d}", "admitted": f"{probationary.started_on:%Y-%m-%d}"}
                if probationary.extension_months:
                    problems.append(
                        _(
                            "预备期未满（含延长%(months)s个月），最早可于%(earliest)s转正（接收为预备党员：%(admitted)s）"
                        )
                        % {"months": probationary.extension_months, **days}
                    )
                else:
                    problems.append(_("预备期未满，最早可于%(earliest)s转正（接收为预备党员：%(admitted)s）") % days)
    for fact in facts:
        if fact.stage in {Stage.PROBATIONARY, Stage.FULL} and not fact.backfilled:
            problems.extend(meeting_problems(fact))
    return problems


@dataclass(frozen=True)
class Term:
    """A term of office [started_on, ended_on): the end day belongs to the successor."""

    started_on: dt.date
    ended_on: dt.date | None
    label: str = ""


def terms_overlap(a: Term, b: Term) -> bool:
    a_end = a.ended_on or dt.date.max
    b_end = b.ended_on or dt.date.max
    return a.started_on < b_end and b.started_on < a_end


def first_overlap(new: Term, existing: Iterable[Term]) -> Term | None:
    return next((t for t in existing if terms_overlap(new, t)), None)
