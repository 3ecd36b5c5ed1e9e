"""Reads of a campaign as a working program — always scoped to what the user may see.

Public selectors other apps may use (documents, dashboard, home page):

- ``campaign_list_visible(*, user)`` → QuerySet[Campaign]: campaigns over the user's subtree or over an org
  above it (a secretary sees their township's campaign); same rule as ``wuji.assessment.selectors``.
- ``campaign_get_visible(*, user, code)`` → Campaign (404 when not visible).
- ``phases_of(campaign)`` → list[Phase] in order (``code``, ``name``, ``starts_on``, ``ends_on``;
  ``phase.status(today)`` is "upcoming"/"current"/"done").
- ``timeline(*, campaign, today)`` → Timeline: ``rows`` (PhaseRow: ``phase``, ``status``, ``status_label``,
  ``is_current``, ``tasks``, ``done``, ``overdue``), ``current`` (the Phase today lies in, or None before the start),
  ``actions`` (dict action → allowed by phase: "baseline", "plans", "final", "rewards", "rectification"),
  ``today``.
- ``task_list_visible(*, user, campaign)`` → QuerySet[Task] with phase, owner_org and attachments loaded, in order.
  ``task.is_overdue(today)`` says whether it stands out.
- ``plan_list_visible(*, user, campaign)`` → QuerySet[ConstructionPlan] of the orgs in the user's scope (a secretary:
  their own branch's only), with org, baseline and lines loaded.
- ``plans_progress(*, user, campaign, today)`` → list[PlanProgress], one engine run for all plans: per plan
  ``plan``, ``lines`` (LineProgress: ``line``, ``status`` open/late/met, ``status_label``, ``current_text``),
  ``total``, ``met``, ``late``, ``percent``.
- ``plan_progress(*, user, plan, today)`` → PlanProgress of one org's plan (one engine run for that org).
- ``reward_list_visible(*, user, campaign)`` → QuerySet[Reward] (kind "reward"/"penalty", ``title``, ``reason``,
  ``decided_on``, ``org``).
- ``filing_list(*, user, campaign)`` → QuerySet[Filing] (``filed_on``, ``recipient``, ``note``, ``document`` an
  Attachment or None), newest first.
- ``rectification_counts(*, assessment)`` → dict org id → number of 整改 items opened from that assessment.
- ``baseline_of(campaign)`` / ``final_of(campaign)`` → the newest baseline / final Assessment or None.

Live progress compares a plan line with the engine's current value of its indicator (``campaign_run`` as of
today): a line is "met" when the indicator is met today, "late" when not met and its planned date has passed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from wuji.assessment import selectors as assessment_selectors
from wuji.assessment import services as assessment_services
from wuji.assessment.engine import IndicatorResult, Run
from wuji.assessment.models import Assessment, Rectification
from wuji.campaigns.choices import LineStatus, PhaseStatus, TaskStatus
from wuji.campaigns.models import Campaign, ConstructionPlan, ConstructionPlanLine, Filing, Phase, Reward, Task
from wuji.campaigns.phases import allowed_actions, current_phase
from wuji.core.scoping import scope
from wuji.standards.loader import IndicatorSpec


def campaign_list_visible(*, user: Any) -> QuerySet[Campaign]:
    return assessment_selectors.campaign_list_visible(user=user)


def campaign_get_visible(*, user: Any, code: str) -> Campaign:
    return get_object_or_404(campaign_list_visible(user=user), code=code)


def campaign_rows(*, user: Any, today: dt.date) -> list[dict[str, Any]]:
    """The list page: each visible campaign with its phases and task counts (a fixed number of queries)."""
    campaigns = list(
        campaign_list_visible(user=user)
        .prefetch_related(Prefetch("phases", queryset=Phase.objects.order_by("order")))
        .annotate(
            task_total=Count("tasks", distinct=True),
            task_done=Count("tasks", filter=Q(tasks__status=TaskStatus.DONE), distinct=True),
            task_overdue=Count(
                "tasks", filter=~Q(tasks__status=TaskStatus.DONE) & Q(tasks__deadline__lt=today), distinct=True
            ),
        )
    )
    rows = []
    for campaign in campaigns:
        phases = list(campaign.phases.all())
        rows.append({"campaign": campaign, "phases": phases, "current": current_phase(phases, today)})
    return rows


def phases_of(campaign: Campaign) -> list[Phase]:
    return list(Phase.objects.filter(campaign=campaign).order_by("order"))


@dataclass
class PhaseRow:
    phase: Phase
    status: str
    status_label: str
    is_current: bool
    tasks: int = 0
    done: int = 0
    overdue: int = 0


@dataclass
class Timeline:
    today: dt.date
    rows: list[PhaseRow]
    current: Phase | None
    actions: dict[str, bool]


def timeline(*, campaign: Campaign, today: dt.date) -> Timeline:
    phases = phases_of(campaign)
    now = current_phase(phases, today)
    counts: dict[int, dict[str, Any]] = {
        row["phase"]: dict(row)
        for row in Task.objects.filter(campaign=campaign)
        .values("phase")
        .annotate(
            n=Count("pk"),
            done=Count("pk", filter=Q(status=TaskStatus.DONE)),
            overdue=Count("pk", filter=~Q(status=TaskStatus.DONE) & Q(deadline__lt=today)),
        )
    }
    labels = dict(PhaseStatus.choices)
    rows = []
    for phase in phases:
        status = phase.status(today)
        count = counts.get(phase.pk, {})
        rows.append(
            PhaseRow(
                phase=phase,
                status=status,
                status_label=str(labels[status]),
                is_current=now is not None and now.pk == phase.pk,
                tasks=count.get("n", 0),
                done=count.get("done", 0),
                overdue=count.get("overdue", 0),
            )
        )
    return Timeline(today=today, rows=rows, current=now, actions=allowed_actions(phases, today))


def task_list_visible(*, user: Any, campaign: Campaign) -> QuerySet[Task]:
    """The campaign's tasks: everyone who sees the campaign sees its tasks (they are the township's work plan)."""
    if not campaign_list_visible(user=user).filter(pk=campaign.pk).exists():
        return Task.objects.none()
    return (
        Task.objects.filter(campaign=campaign)
        .select_related("phase", "owner_org")
        .prefetch_related("attachments")
        .order_by("phase__order", "order", "pk")
    )


def task_get_visible(*, user: Any, campaign: Campaign, pk: int) -> Task:
    return get_object_or_404(task_list_visible(user=user, campaign=campaign), pk=pk)


def plan_list_visible(*, user: Any, campaign: Campaign) -> QuerySet[ConstructionPlan]:
    return scope(
        ConstructionPlan.objects.filter(campaign=campaign)
        .select_related("org", "baseline")
        .prefetch_related(Prefetch("lines", queryset=ConstructionPlanLine.objects.order_by("order"))),
        user,
    ).order_by("org__path")


def plan_get_visible(*, user: Any, campaign: Campaign, org_pk: int) -> ConstructionPlan:
    return get_object_or_404(plan_list_visible(user=user, campaign=campaign), org_id=org_pk)


def line_get_visible(*, user: Any, plan: ConstructionPlan, pk: int) -> ConstructionPlanLine:
    return get_object_or_404(ConstructionPlanLine.objects.filter(plan=plan), pk=pk)


@dataclass
class LineProgress:
    line: ConstructionPlanLine
    status: str
    status_label: str
    current_text: str


@dataclass
class PlanProgress:
    plan: ConstructionPlan
    lines: list[LineProgress] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def met(self) -> int:
        return sum(1 for row in self.lines if row.status == LineStatus.MET)

    @property
    def late(self) -> int:
        return sum(1 for row in self.lines if row.status == LineStatus.LATE)

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 100


def line_status(*, met: bool, planned_on: dt.date, today: dt.date) -> str:
    """Met today, else late once its planned date has passed, else open (a pure rule)."""
    if met:
        return LineStatus.MET
    return LineStatus.LATE if planned_on < today else LineStatus.OPEN


def _progress(
    plan: ConstructionPlan, results: dict[str, IndicatorResult], specs: dict[str, IndicatorSpec], today: dt.date
) -> PlanProgress:
    labels = dict(LineStatus.choices)
    rows = []
    for line in plan.lines.all():
        result = results.get(line.indicator)
        status = line_status(met=bool(result and result.met), planned_on=line.planned_on, today=today)
        rows.append(
            LineProgress(
                line=line,
                status=status,
                status_label=str(labels[status]),
                current_text=assessment_selectors.value_text(result, specs.get(line.indicator)) if result else "—",
            )
        )
    return PlanProgress(plan=plan, lines=rows)


def _by_org(run: Run) -> dict[int, dict[str, IndicatorResult]]:
    return {card.org_id: {i.code: i for i in card.indicators} for card in run.cards}


def _live_day(campaign: Campaign, today: dt.date) -> dt.date:
    return assessment_selectors.campaign_day(campaign, today)


def plans_progress(*, user: Any, campaign: Campaign, today: dt.date) -> list[PlanProgress]:
    plans = list(plan_list_visible(user=user, campaign=campaign))
    if not plans:
        return []
    run = assessment_services.campaign_run(campaign, as_of=_live_day(campaign, today))
    results = _by_org(run)
    specs = assessment_selectors.specs_of(campaign)
    return [_progress(plan, results.get(plan.org_id, {}), specs, today) for plan in plans]


def plan_progress(*, user: Any, plan: ConstructionPlan, today: dt.date) -> PlanProgress:
    run = assessment_services.campaign_run(plan.campaign, as_of=_live_day(plan.campaign, today), org=plan.org)
    specs = assessment_selectors.specs_of(plan.campaign)
    return _progress(plan, _by_org(run).get(plan.org_id, {}), specs, today)


def reward_list_visible(*, user: Any, campaign: Campaign) -> QuerySet[Reward]:
    return scope(Reward.objects.filter(campaign=campaign).select_related("org"), user).order_by(
        "-decided_on", "org__path", "pk"
    )


def filing_list(*, user: Any, campaign: Campaign) -> QuerySet[Filing]:
    if not campaign_list_visible(user=user).filter(pk=campaign.pk).exists():
        return Filing.objects.none()
    return Filing.objects.filter(campaign=campaign).select_related("document", "filed_by").order_by("-filed_on", "-pk")


def _newest(campaign: Campaign, kind: str) -> Assessment | None:
    return (
        Assessment.objects.filter(campaign=campaign, kind=kind)
        .order_by("-status", "-as_of", "-pk")  # published ("published" > "draft") first
        .first()
    )


def baseline_of(campaign: Campaign) -> Assessment | None:
    return _newest(campaign, Assessment.Kind.BASELINE)


def final_of(campaign: Campaign) -> Assessment | None:
    return _newest(campaign, Assessment.Kind.FINAL)


def rectification_counts(*, assessment: Assessment) -> dict[int, int]:
    """整改 items per org opened from an assessment."""
    rows = Rectification.objects.filter(assessment=assessment).values("org").annotate(n=Count("pk"))
    return {row["org"]: row["n"] for row in rows}
