"""demo-2010 as a working program, as of 2010-10-31 (the demo's "today").

Through the services only, acting as the officer: the tasks of the four phases with their owners and done
dates (整改 still under way and overdue, the written summary due today), the 实施方案 filed on 24 April, the
May baseline published and each branch's 建设进度计划表 drafted from its gaps, the final assessment as of
31 July published, the township's rewards and penalties, and 整改 opened for the orgs below the pass line.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wuji.assessment.models import Assessment
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.campaigns import services
from wuji.campaigns.choices import RewardKind, TaskStatus
from wuji.campaigns.models import Campaign, Task

D = dt.date
TODAY = D(2010, 10, 31)
BASELINE_AS_OF = D(2010, 5, 25)
FINAL_AS_OF = D(2010, 7, 31)

# Task title → (status, done on, owner's name, what was done)
TASKS: dict[str, tuple[str, dt.date | None, str, str]] = {
    "召开全乡基层党组织负责人会议": (
        TaskStatus.DONE,
        D(2010, 4, 19),
        "向宏伟",
        "4月19日召开全乡基层党组织书记会议，传达全县会议精神，组建工作专班",
    ),
    "宣传“五个基本”建设内容和要求": (TaskStatus.DONE, D(2010, 4, 28), "王建华", "编发简报2期，各村宣传栏张贴"),
    "制定实施方案并上报组织部门备案": (TaskStatus.DONE, D(2010, 4, 24), "王建华", "实施方案报县委组织部备案"),
    "实施方案下发各基层党支部学习": (TaskStatus.DONE, D(2010, 4, 29), "王建华", "下发23个基层党支部"),
    "深入基层开展调查摸底": (TaskStatus.DONE, D(2010, 5, 25), "王建华", "完成摸底考评，逐个支部查找不足"),
    "确定重点建设内容": (TaskStatus.DONE, D(2010, 6, 8), "向宏伟", "党委会研究确定活动室、后备干部、集体经济为重点"),
    "拟定建设进度计划表": (TaskStatus.DONE, D(2010, 6, 18), "各支部书记", "23个党支部计划表全部拟定"),
    "查缺补漏": (TaskStatus.DONE, D(2010, 7, 16), "各支部书记", "对照计划表逐项补齐，部分难项延至9月"),
    "严格考评": (TaskStatus.DONE, D(2010, 7, 30), "刘志刚", "考评组逐个支部实地考评"),
    "全乡统一排名": (TaskStatus.DONE, D(2010, 8, 5), "王建华", "考评结果全乡统一排名并通报"),
    "严格奖惩": (TaskStatus.DONE, D(2010, 8, 20), "向宏伟", "党委会研究决定奖惩"),
    "工作不到位的党支部拟定整改方案并整改": (TaskStatus.DOING, None, "各支部书记", "整改正在进行"),
    "形成书面总结": (TaskStatus.TODO, None, "王建华", ""),
}


def load(officer: Any, campaign: Campaign) -> None:
    """Give demo-2010 its year of work (called by `load_demo` after the records exist)."""
    for task in Task.objects.filter(campaign=campaign).order_by("order"):
        status, done_on, owner, note = TASKS.get(task.title, (TaskStatus.TODO, None, "", ""))
        services.task_update(user=officer, task=task, status=status, done_on=done_on, note=note, owner_name=owner)
    services.filing_record(
        user=officer,
        campaign=campaign,
        filed_on=D(2010, 4, 24),
        recipient="中共县委组织部",
        note="同时下发全乡各基层党支部学习",
        today=TODAY,
    )
    baseline = assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.BASELINE, as_of=BASELINE_AS_OF)
    assessment_publish(user=officer, assessment=baseline)
    plans = services.plans_draft(user=officer, campaign=campaign, baseline=baseline, today=D(2010, 6, 15))
    # Two secretaries moved a hard line later than the default.
    for plan in plans[:2]:
        line = plan.lines.order_by("-order").first()
        if line is not None:
            services.plan_line_update(user=officer, line=line, planned_on=D(2010, 10, 15))
    final = assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=FINAL_AS_OF)
    assessment_publish(user=officer, assessment=final)
    results = list(final.results.select_related("org").order_by("rank", "org__code"))
    for result in results[:3]:
        services.reward_record(
            user=officer,
            campaign=campaign,
            org=result.org,
            kind=RewardKind.REWARD,
            title="“五个基本”建设先进党支部",
            reason=f"总结考评{result.score}分，全乡第{result.rank}名，等次{result.grade}",
            decided_on=D(2010, 8, 20),
            today=TODAY,
        )
    for result in services.below_pass(final)[-2:]:  # the last two in the ranking
        services.reward_record(
            user=officer,
            campaign=campaign,
            org=result.org,
            kind=RewardKind.PENALTY,
            title="通报批评，取消年度评先资格",
            reason=f"总结考评{result.score}分，等次{result.grade}，未达到合格",
            decided_on=D(2010, 8, 20),
            today=TODAY,
        )
    services.rectifications_open(user=officer, assessment=final, today=D(2010, 8, 10))
