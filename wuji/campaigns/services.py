"""Writes of a campaign: creating it with the seed's phases and tasks, tasks, baseline and construction plans,
rewards and penalties, 整改 for the orgs below the pass line, and filing the 实施方案 (seed §四, §五).

Every function is a `@service`: one transaction, the acting user audited, permission checked first.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.assessment.models import Assessment, OrgResult, Rectification
from wuji.campaigns import phases as rules
from wuji.campaigns.choices import PhaseCode, RewardKind, TaskStatus
from wuji.campaigns.models import Campaign, ConstructionPlan, ConstructionPlanLine, Filing, Phase, Reward, Task
from wuji.core.models import Attachment
from wuji.core.scoping import org_in_scope, require_officer, require_write
from wuji.core.services import (
    attachment_store,
    attachments_chosen,
    attachments_discard,
    check_version,
    save_validated,
    service,
)
from wuji.core.uploads import DOCUMENTS
from wuji.orgs.choices import OrgKind
from wuji.orgs.models import Organization
from wuji.standards.models import Standard

PHASE_NAMES = dict(PhaseCode.choices)
# Default planned dates of a plan line by effort (先易后难): easy ones within June, the hard ones by September.
PLANNED = {"easy": (6, 30), "medium": (7, 20), "hard": (9, 30)}


@service
def campaign_create(
    *,
    user: Any,
    code: str,
    scope: Organization,
    standard: Standard,
    year: int,
    name: str = "",
    starts_on: dt.date | None = None,
    ends_on: dt.date | None = None,
) -> Campaign:
    """A campaign from mid-April to the end of October of `year` unless told otherwise, with the seed's four
    phases and their tasks (seed §四)."""
    if user is not None:
        require_officer(user, scope)
    if scope.kind != OrgKind.COMMITTEE:
        raise ValidationError({"scope": _("工作方案的范围应是乡镇（或县）党委")})
    if Campaign.objects.filter(code=code).exists():
        raise ValidationError({"code": _("方案代码“%(code)s”已存在") % {"code": code}})
    campaign = Campaign(
        code=code,
        name=name or f"{scope.name}{year}年基层党组织“五个基本”建设",
        scope=scope,
        standard=standard,
        year=year,
        starts_on=starts_on or dt.date(year, 4, 15),
        ends_on=ends_on or dt.date(year, 10, 31),
    )
    save_validated(campaign)
    phases: dict[str, Phase] = {}
    for order, (template, start, end) in enumerate(
        rules.phase_dates(year, campaign.starts_on, campaign.ends_on), start=1
    ):
        phase = Phase(
            campaign=campaign, code=template.code, name=template.name, order=order, starts_on=start, ends_on=end
        )
        save_validated(phase)
        phases[template.code] = phase
    for order, task in enumerate(rules.TASKS, start=1):
        phase = phases[task.phase]
        deadline = min(max(rules.day_in(year, task.deadline), phase.starts_on), campaign.ends_on)
        save_validated(
            Task(
                campaign=campaign,
                phase=phase,
                order=order,
                title=task.title,
                description=task.description,
                owner_org=scope,
                owner_role=task.owner_role,
                deadline=deadline,
            )
        )
    return campaign


def assessment_gate(*, campaign: Campaign, kind: str, as_of: dt.date) -> None:
    """A final assessment is computed as of a day in 总结验收 or later; a baseline from 调查研究 on.

    (Called by `assessment_create`; a campaign without phases gates nothing.)
    """
    phases = list(campaign.phases.all())
    needed = PhaseCode.REVIEW if kind == Assessment.Kind.FINAL else PhaseCode.INVESTIGATE
    if not rules.phase_reached(phases, needed, as_of):
        start = next(p.starts_on for p in phases if p.code == needed)
        raise ValidationError(
            {
                "as_of": _("%(kind)s在%(phase)s阶段进行，截止日期不能早于%(start)s")
                % {"kind": Assessment.Kind(kind).label, "phase": PHASE_NAMES[needed], "start": f"{start:%Y-%m-%d}"}
            }
        )


def _require_phase(campaign: Campaign, action: str, today: dt.date) -> None:
    code = rules.ACTION_PHASE[action]
    if not rules.phase_reached(list(campaign.phases.all()), code, today):
        raise ValidationError(_("该项工作在%(phase)s阶段开始后才能进行") % {"phase": PHASE_NAMES[code]})


# --- tasks -------------------------------------------------------------------------------------------------------


@service
def task_update(
    *,
    user: Any,
    task: Task,
    status: str,
    done_on: dt.date | None,
    note: str = "",
    owner_name: str = "",
    deadline: dt.date | None = None,
    upload: Any = None,
    remove_attachments: Iterable[int] = (),
    version: int | None = None,
) -> Task:
    """The officer records a task's progress; a done task needs its done date; an upload is kept as an attachment.

    `remove_attachments`: ids of the task's attachments to delete (the audit trail names them)."""
    require_officer(user, task.campaign.scope)
    check_version(task, version)
    removed = attachments_chosen(task.attachments, remove_attachments)
    if status not in TaskStatus.values:
        raise ValidationError({"status": _("任务状态无效")})
    if status != TaskStatus.DONE:
        done_on = None
    elif done_on is None:
        raise ValidationError({"done_on": _("已完成的任务请填写完成日期")})
    elif done_on > timezone.localdate():
        raise ValidationError({"done_on": _("完成日期不能晚于今天")})
    task.status, task.done_on, task.note, task.owner_name = status, done_on, note.strip(), owner_name.strip()
    if deadline is not None:
        task.deadline = deadline
    save_validated(task)
    attachments_discard(task.attachments, removed, user=user)
    if upload is not None:
        task.attachments.add(attachment_store(user=user, org=task.owner_org, upload=upload, allowed=DOCUMENTS))
    return task


# --- baseline and construction plans ------------------------------------------------------------------------------


@service
def baseline_create(*, user: Any, campaign: Campaign, as_of: dt.date, today: dt.date) -> Assessment:
    """The 调查研究 baseline (摸底考评), through the assessment service."""
    from wuji.assessment.services import assessment_create

    require_officer(user, campaign.scope)
    _require_phase(campaign, "baseline", today)
    return assessment_create(user=user, campaign=campaign, kind=Assessment.Kind.BASELINE, as_of=as_of)


def _cards(baseline: Assessment) -> list[Any]:
    """The frozen results of a published baseline as the engine's cards."""
    from wuji.assessment.selectors import card_from_result

    return [card_from_result(r) for r in OrgResult.objects.filter(assessment=baseline).select_related("org")]


def _planned_on(campaign: Campaign, effort: str) -> dt.date:
    day = rules.day_in(campaign.year, PLANNED.get(effort, PLANNED["medium"]))
    return min(max(day, campaign.starts_on), campaign.ends_on)


@service
def plans_draft(*, user: Any, campaign: Campaign, baseline: Assessment, today: dt.date) -> list[ConstructionPlan]:
    """One plan per org the baseline assessed, one line per unmet indicator, easy ones first (缺哪一项补哪一项).

    An org that already has a plan keeps it (drafting again adds nothing); an inspector's item nobody scored
    yet is not a gap.
    """
    from wuji.assessment.selectors import specs_of, value_text

    require_officer(user, campaign.scope)
    _require_phase(campaign, "plans", today)
    if baseline.campaign_id != campaign.pk or baseline.kind != Assessment.Kind.BASELINE:
        raise ValidationError(_("请选择本方案的摸底考评"))
    if baseline.status != Assessment.Status.PUBLISHED:
        raise ValidationError(_("请先核对并发布摸底考评，再据此拟定建设进度计划表"))
    existing = set(ConstructionPlan.objects.filter(campaign=campaign).values_list("org_id", flat=True))
    specs = specs_of(campaign)
    created = []
    for card in _cards(baseline):
        if card.org_id in existing:
            continue
        gaps = [g for g in card.gaps if not (g.kind in {"manual", "checklist"} and g.value is None)]
        plan = ConstructionPlan(campaign=campaign, org_id=card.org_id, baseline=baseline, drafted_on=today)
        save_validated(plan)
        lines = [
            ConstructionPlanLine(
                plan=plan,
                order=order,
                indicator=gap.code,
                indicator_name=gap.name[:200],
                dimension=gap.dimension[:100],
                effort=gap.effort,
                target=gap.target[:100],
                baseline_value=value_text(gap, specs.get(gap.code))[:100],
                planned_on=_planned_on(campaign, gap.effort),
            )
            for order, gap in enumerate(gaps, start=1)
        ]
        for line in lines:
            line.full_clean(exclude=["plan"])
        ConstructionPlanLine.objects.bulk_create(lines)
        created.append(plan)
    return created


@service
def plan_line_update(
    *, user: Any, line: ConstructionPlanLine, planned_on: dt.date, version: int | None = None
) -> ConstructionPlanLine:
    """The branch's secretary (or the officer) changes when a line is planned to be met."""
    plan = line.plan
    require_write(user, plan.org)
    check_version(line, version)
    campaign = plan.campaign
    if not campaign.starts_on <= planned_on <= campaign.ends_on:
        raise ValidationError(
            {
                "planned_on": _("计划完成日期应在方案期间内（%(start)s至%(end)s）")
                % {"start": f"{campaign.starts_on:%Y-%m-%d}", "end": f"{campaign.ends_on:%Y-%m-%d}"}
            }
        )
    line.planned_on = planned_on
    save_validated(line)
    return line


# --- 总结验收: rewards, 整改 -----------------------------------------------------------------------------------------


@service
def reward_record(
    *,
    user: Any,
    campaign: Campaign,
    org: Organization,
    kind: str,
    title: str,
    reason: str,
    decided_on: dt.date,
    today: dt.date,
) -> Reward:
    """奖惩 for an org of the campaign, decided in 总结验收."""
    require_officer(user, campaign.scope)
    if not org_in_scope(user, org) or not org.path.startswith(campaign.scope.path) or org.kind == OrgKind.COMMITTEE:
        raise ValidationError({"org": _("%(org)s不在本方案的范围内") % {"org": org.name}})
    _require_phase(campaign, "rewards", today)
    if kind not in RewardKind.values:
        raise ValidationError({"kind": _("请选择奖励或惩处")})
    if not title.strip() or not reason.strip():
        raise ValidationError(_("请填写奖惩内容和事由"))
    if not campaign.starts_on <= decided_on <= today:
        raise ValidationError({"decided_on": _("决定日期应在方案开始之后、今天之前")})
    reward = Reward(
        campaign=campaign, org=org, kind=kind, title=title.strip(), reason=reason.strip(), decided_on=decided_on
    )
    save_validated(reward)
    return reward


@service
def reward_delete(*, user: Any, reward: Reward) -> None:
    require_officer(user, reward.campaign.scope)
    reward.delete()


def below_pass(assessment: Assessment) -> list[OrgResult]:
    """The orgs of a published assessment whose grade is below the standard's pass grade (达不到合格)."""
    from wuji.standards.loader import grade_bands

    document = assessment.campaign.standard.document
    bands = sorted(grade_bands(document), key=lambda b: b.min_score, reverse=True)
    names = [b.name for b in bands]
    pass_grade = document.get("pass_grade") or (names[-2] if len(names) > 1 else "")
    passing = set(names[: names.index(pass_grade) + 1]) if pass_grade in names else set(names)
    results = OrgResult.objects.filter(assessment=assessment).select_related("org").order_by("rank", "org__code")
    return [r for r in results if r.grade not in passing]


@service
def rectifications_open(*, user: Any, assessment: Assessment, today: dt.date) -> list[Rectification]:
    """整改 for the orgs below the pass line: one item per unmet indicator, drafted as `rectifications_draft`
    drafts them (the same problem text, owner and effort-based due date, counted from `today`); a gap already
    drafted for this assessment, or still open from the baseline's items, is not drafted twice."""
    from wuji.assessment.rectification import draft_items

    campaign = assessment.campaign
    require_officer(user, campaign.scope)
    _require_phase(campaign, "rectification", today)
    if assessment.kind != Assessment.Kind.FINAL or assessment.status != Assessment.Status.PUBLISHED:
        raise ValidationError(_("请先发布总结考评，再为不合格的党组织开启整改"))
    return draft_items(assessment, below_pass(assessment), start=today, today=today)


# --- 备案 ------------------------------------------------------------------------------------------------------------


def implementation_plan_bytes(campaign: Campaign) -> bytes | None:
    """The 实施方案 .docx written by the reports app, when it is there."""
    try:
        from wuji.reports.documents import implementation_plan_docx
    except ImportError:
        return None
    return bytes(implementation_plan_docx(campaign))


@service
def filing_record(
    *, user: Any, campaign: Campaign, filed_on: dt.date, recipient: str, note: str = "", today: dt.date
) -> Filing:
    """备案: the 实施方案 as generated now is kept with the filing date and the recipient."""
    require_officer(user, campaign.scope)
    if not recipient.strip():
        raise ValidationError({"recipient": _("请填写报送单位")})
    if filed_on > today:
        raise ValidationError({"filed_on": _("备案日期不能晚于今天")})
    if filed_on.year != campaign.year:
        raise ValidationError({"filed_on": _("备案日期应在方案年度内")})
    document = None
    content = implementation_plan_bytes(campaign)
    if content:
        document = Attachment(
            org=campaign.scope,
            original_name=f"{campaign.name}实施方案.docx"[-200:],
            kind="docx",
            extension="docx",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
        )
        document.file.save("plan.docx", ContentFile(content), save=False)
        document.save()
    filing = Filing(
        campaign=campaign,
        filed_on=filed_on,
        recipient=recipient.strip(),
        note=note.strip(),
        document=document,
        filed_by=user,
    )
    save_validated(filing)
    return filing


def require_campaign_officer(user: Any, campaign: Campaign) -> None:
    if getattr(user, "role", None) != "officer" or not org_in_scope(user, campaign.scope):
        raise PermissionDenied(_("只有组织委员可以进行该操作"))
