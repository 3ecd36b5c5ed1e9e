"""The campaign's calendar as pure rules of `today` (no clock, no database)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from wuji.campaigns.phases import (
    PHASES,
    TASKS,
    allowed_actions,
    current_phase,
    phase_dates,
    phase_reached,
    phase_status,
    task_overdue,
)
from wuji.campaigns.selectors import line_status

D = dt.date


@dataclass
class P:
    code: str
    starts_on: dt.date
    ends_on: dt.date


def phases_2010() -> list[P]:
    return [P(t.code, start, end) for t, start, end in phase_dates(2010, D(2010, 4, 15), D(2010, 10, 31))]


def test_the_seeds_four_phases_follow_each_other_from_mid_april_to_the_end_of_october() -> None:
    rows = phase_dates(2010, D(2010, 4, 15), D(2010, 10, 31))
    assert [t.name for t, _, _ in rows] == ["动员部署", "调查研究", "集中建设", "总结验收"]
    assert [(s, e) for _, s, e in rows] == [
        (D(2010, 4, 15), D(2010, 4, 30)),
        (D(2010, 5, 1), D(2010, 5, 31)),
        (D(2010, 6, 1), D(2010, 7, 20)),
        (D(2010, 7, 21), D(2010, 10, 31)),
    ]
    for (_, _, end), (_, start, _) in zip(rows, rows[1:], strict=False):
        assert start == end + dt.timedelta(days=1)


def test_a_campaign_with_other_dates_moves_its_first_start_and_last_end() -> None:
    rows = phase_dates(2011, D(2011, 4, 1), D(2011, 11, 30))
    assert rows[0][1] == D(2011, 4, 1) and rows[-1][2] == D(2011, 11, 30)


def test_every_task_of_the_seed_belongs_to_a_phase_and_its_deadline_lies_in_the_campaign() -> None:
    codes = {p.code for p in PHASES}
    assert {t.phase for t in TASKS} == codes
    titles = [t.title for t in TASKS]
    for wanted in (
        "召开全乡基层党组织负责人会议",
        "制定实施方案并上报组织部门备案",
        "深入基层开展调查摸底",
        "拟定建设进度计划表",
        "形成书面总结",
    ):
        assert wanted in titles
    assert all(D(2010, 4, 15) <= D(2010, *t.deadline) <= D(2010, 10, 31) for t in TASKS)


def test_a_phase_is_upcoming_current_or_done_by_the_day() -> None:
    start, end = D(2010, 5, 1), D(2010, 5, 31)
    assert phase_status(starts_on=start, ends_on=end, today=D(2010, 4, 30)) == "upcoming"
    assert phase_status(starts_on=start, ends_on=end, today=start) == "current"
    assert phase_status(starts_on=start, ends_on=end, today=end) == "current"
    assert phase_status(starts_on=start, ends_on=end, today=D(2010, 6, 1)) == "done"


def test_the_current_phase_is_the_latest_begun() -> None:
    phases = phases_2010()
    assert current_phase(phases, D(2010, 4, 1)) is None
    assert current_phase(phases, D(2010, 4, 15)).code == "mobilize"  # type: ignore[union-attr]
    assert current_phase(phases, D(2010, 6, 1)).code == "build"  # type: ignore[union-attr]
    assert current_phase(phases, D(2010, 10, 31)).code == "review"  # type: ignore[union-attr]
    assert current_phase(phases, D(2010, 12, 31)).code == "review"  # type: ignore[union-attr]


def test_the_final_assessment_rewards_and_rectification_open_only_in_the_review_phase() -> None:
    phases = phases_2010()
    in_may = allowed_actions(phases, D(2010, 5, 10))
    assert in_may == {"baseline": True, "plans": True, "final": False, "rewards": False, "rectification": False}
    assert not allowed_actions(phases, D(2010, 4, 20))["baseline"]
    assert all(allowed_actions(phases, D(2010, 7, 21)).values())
    assert phase_reached(phases, "review", D(2010, 7, 21)) and not phase_reached(phases, "review", D(2010, 7, 20))
    assert phase_reached([], "review", D(2010, 1, 1))  # a campaign without phases gates nothing


def test_a_task_is_overdue_when_its_deadline_passed_and_it_is_not_done() -> None:
    deadline = D(2010, 9, 30)
    assert not task_overdue(status="doing", deadline=deadline, today=deadline)
    assert task_overdue(status="doing", deadline=deadline, today=D(2010, 10, 1))
    assert task_overdue(status="todo", deadline=deadline, today=D(2010, 10, 1))
    assert not task_overdue(status="done", deadline=deadline, today=D(2010, 10, 1))


def test_a_plan_line_is_met_late_or_open() -> None:
    planned = D(2010, 6, 30)
    assert line_status(met=True, planned_on=planned, today=D(2010, 10, 1)) == "met"
    assert line_status(met=False, planned_on=planned, today=D(2010, 7, 1)) == "late"
    assert line_status(met=False, planned_on=planned, today=planned) == "open"
