"""The campaign's calendar as pure functions of `today` (seed §四): no clock, no database.

The seed's schedule, relative to the campaign year:
动员部署 4月中旬–4月底, 调查研究 5月初–5月下旬, 集中建设 6月初–7月中旬, 总结验收 7月下旬–10月底.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from wuji.campaigns.choices import PhaseCode, PhaseStatus, TaskStatus


@dataclass(frozen=True)
class PhaseTemplate:
    code: str
    name: str
    start: tuple[int, int]  # (month, day) in the campaign year
    end: tuple[int, int]


@dataclass(frozen=True)
class TaskTemplate:
    phase: str
    title: str
    description: str
    owner_role: str
    deadline: tuple[int, int]


PHASES: tuple[PhaseTemplate, ...] = (
    PhaseTemplate(PhaseCode.MOBILIZE, "动员部署", (4, 15), (4, 30)),
    PhaseTemplate(PhaseCode.INVESTIGATE, "调查研究", (5, 1), (5, 31)),
    PhaseTemplate(PhaseCode.BUILD, "集中建设", (6, 1), (7, 20)),
    PhaseTemplate(PhaseCode.REVIEW, "总结验收", (7, 21), (10, 31)),
)

TOWNSHIP = "乡党委"
BRANCHES = "各基层党支部"
OFFICER = "乡党委组织委员"

TASKS: tuple[TaskTemplate, ...] = (
    TaskTemplate(
        PhaseCode.MOBILIZE,
        "召开全乡基层党组织负责人会议",
        "传达全县“五个基本”建设工作会议精神，安排部署，明确职责分工，组建工作专班，抽调专人负责",
        "乡党委书记",
        (4, 20),
    ),
    TaskTemplate(
        PhaseCode.MOBILIZE,
        "宣传“五个基本”建设内容和要求",
        "利用会议、简报、宣传栏等多种途径宣传“五个基本”建设的基本内容和具体要求",
        OFFICER,
        (4, 30),
    ),
    TaskTemplate(
        PhaseCode.MOBILIZE,
        "制定实施方案并上报组织部门备案",
        "制定全乡“五个基本”建设工作实施方案，上报县委组织部备案",
        OFFICER,
        (4, 25),
    ),
    TaskTemplate(
        PhaseCode.MOBILIZE,
        "实施方案下发各基层党支部学习",
        "将实施方案下发到全乡所有基层党支部予以学习",
        OFFICER,
        (4, 30),
    ),
    TaskTemplate(
        PhaseCode.INVESTIGATE,
        "深入基层开展调查摸底",
        "对照“五个基本”建设要求开展摸底考评，查找各基层党组织的不足",
        OFFICER,
        (5, 25),
    ),
    TaskTemplate(
        PhaseCode.BUILD,
        "确定重点建设内容",
        "根据调查研究结果，确定全乡“五个基本”建设工作重点建设内容",
        TOWNSHIP,
        (6, 10),
    ),
    TaskTemplate(
        PhaseCode.BUILD,
        "拟定建设进度计划表",
        "各党支部按照路径图、工作指南和考评细则明确建设重点，拟定建设进度计划表（先易后难）",
        BRANCHES,
        (6, 20),
    ),
    TaskTemplate(
        PhaseCode.BUILD,
        "查缺补漏",
        "坚持先易后难、缺哪一项补哪一项，对照考核要求查缺补漏",
        BRANCHES,
        (7, 15),
    ),
    TaskTemplate(
        PhaseCode.REVIEW,
        "严格考评",
        "乡党委对全乡所有基层党组织“五个基本”建设工作进行严格考评",
        "乡党委考评组",
        (7, 31),
    ),
    TaskTemplate(PhaseCode.REVIEW, "全乡统一排名", "根据考评结果全乡统一排名", OFFICER, (8, 10)),
    TaskTemplate(PhaseCode.REVIEW, "严格奖惩", "根据考评结果和排名兑现奖惩", TOWNSHIP, (8, 31)),
    TaskTemplate(
        PhaseCode.REVIEW,
        "工作不到位的党支部拟定整改方案并整改",
        "不合格的党支部拟定整改方案，迅速整改到位",
        BRANCHES,
        (9, 30),
    ),
    TaskTemplate(
        PhaseCode.REVIEW,
        "形成书面总结",
        "认真总结“五个基本”建设活动的主要做法和经验，形成书面总结",
        OFFICER,
        (10, 31),
    ),
)


class Dated(Protocol):
    code: str
    starts_on: dt.date
    ends_on: dt.date


P = TypeVar("P", bound=Dated)


def day_in(year: int, month_day: tuple[int, int]) -> dt.date:
    return dt.date(year, *month_day)


def phase_dates(year: int, starts_on: dt.date, ends_on: dt.date) -> list[tuple[PhaseTemplate, dt.date, dt.date]]:
    """The seed's phases for `year`; the first begins with the campaign and the last ends with it."""
    rows = []
    for i, template in enumerate(PHASES):
        start = day_in(year, template.start) if i else starts_on
        end = day_in(year, template.end) if i < len(PHASES) - 1 else ends_on
        rows.append((template, start, max(start, end)))
    return rows


def phase_status(*, starts_on: dt.date, ends_on: dt.date, today: dt.date) -> str:
    if today < starts_on:
        return PhaseStatus.UPCOMING
    if today > ends_on:
        return PhaseStatus.DONE
    return PhaseStatus.CURRENT


def current_phase(phases: Sequence[P], today: dt.date) -> P | None:
    """The phase `today` lies in; between two phases the one just ended; after the last, the last; before: None."""
    started = [p for p in sorted(phases, key=lambda p: p.starts_on) if p.starts_on <= today]
    return started[-1] if started else None


def phase_reached(phases: Sequence[Dated], code: str, today: dt.date) -> bool:
    """Has the phase `code` begun by `today`? (A campaign without phases gates nothing.)"""
    found = [p for p in phases if p.code == code]
    return not found or found[0].starts_on <= today


def task_overdue(*, status: str, deadline: dt.date, today: dt.date) -> bool:
    return status != TaskStatus.DONE and deadline < today


# What a phase opens; self-assessment and the records are open all along.
ACTION_PHASE = {
    "baseline": PhaseCode.INVESTIGATE,
    "plans": PhaseCode.INVESTIGATE,
    "final": PhaseCode.REVIEW,
    "rewards": PhaseCode.REVIEW,
    "rectification": PhaseCode.REVIEW,
}


def allowed_actions(phases: Sequence[Dated], today: dt.date) -> dict[str, bool]:
    return {action: phase_reached(phases, code, today) for action, code in ACTION_PHASE.items()}
