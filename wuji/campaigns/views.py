"""工作方案 pages: the campaign's timeline and tasks, baseline and construction plans, rewards, 整改, filing.

Thin: selectors read (scoped), services write. Who may do what:
officer — everything over their township; inspector — reads every page, writes nothing;
secretary — sees the campaign's timeline and tasks, and sees and edits (planned dates) only their own
branch's construction plan (another branch's plan is 404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuji.assessment import selectors as assessment_selectors
from wuji.assessment.models import Assessment
from wuji.campaigns import selectors, services
from wuji.campaigns.choices import PhaseCode, TaskStatus
from wuji.campaigns.forms import BaselineForm, FilingForm, PlannedDateForm, RewardForm, TaskForm
from wuji.campaigns.models import Campaign
from wuji.core.asof import as_of
from wuji.core.scoping import can_write, org_in_scope, scope
from wuji.core.viewkit import member_data_required, service_form

READERS = frozenset({"officer", "inspector"})


def _role(request: HttpRequest) -> str:
    return getattr(request.user, "role", "") or ""


def _require_officer(request: HttpRequest) -> None:
    if _role(request) != "officer":
        raise PermissionDenied(_("只有组织委员可以进行该操作"))


def _require_reader(request: HttpRequest) -> None:
    if _role(request) not in READERS:
        raise PermissionDenied(_("该页面供组织委员和考评组使用；支部书记请查看本支部的建设进度计划表。"))


def _detail_url(campaign: Campaign) -> str:
    return reverse("campaigns:detail", args=[campaign.code])


def _plan_document_url(campaign: Campaign) -> str:
    try:
        return reverse("reports:implementation_plan_docx", args=[campaign.code])
    except NoReverseMatch:
        return ""


@member_data_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    today = as_of(request)
    return render(
        request,
        "campaigns/list.html",
        {"rows": selectors.campaign_rows(user=request.user, today=today), "today": today},
    )


@member_data_required
def campaign_detail(request: HttpRequest, code: str) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    today = as_of(request)
    role = _role(request)
    tasks = list(selectors.task_list_visible(user=request.user, campaign=campaign))
    line = selectors.timeline(campaign=campaign, today=today)
    by_phase: dict[int, list[Any]] = {}
    for task in tasks:
        task.overdue = task.is_overdue(today)  # type: ignore[attr-defined]
        by_phase.setdefault(task.phase_id, []).append(task)
    own_plan = None
    if role == "secretary":
        own_plan = selectors.plan_list_visible(user=request.user, campaign=campaign).first()
    context = {
        "campaign": campaign,
        "timeline": line,
        "phase_rows": [(row, by_phase.get(row.phase.pk, [])) for row in line.rows],
        "today": today,
        "is_officer": role == "officer",
        "is_reader": role in READERS,
        "is_secretary": role == "secretary",
        "own_plan": own_plan,
        "baseline": selectors.baseline_of(campaign),
        "final": selectors.final_of(campaign),
        "plan_count": selectors.plan_list_visible(user=request.user, campaign=campaign).count(),
        "filing": selectors.filing_list(user=request.user, campaign=campaign).first(),
        "document_url": _plan_document_url(campaign),
        "phase_codes": PhaseCode,
    }
    return render(request, "campaigns/detail.html", context)


@member_data_required
def task_edit(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    task = selectors.task_get_visible(user=request.user, campaign=campaign, pk=pk)
    _require_officer(request)
    initial = {
        "status": task.status,
        "done_on": task.done_on or (as_of(request) if task.status != TaskStatus.DONE else None),
        "owner_name": task.owner_name,
        "deadline": task.deadline,
        "note": task.note,
        "version": task.version,
    }
    existing = list(task.attachments.order_by("id"))
    form = TaskForm(request.POST or None, request.FILES or None, initial=initial, existing=existing)
    return service_form(
        request,
        form=form,
        action=lambda data: services.task_update(
            user=request.user,
            task=task,
            status=data["status"],
            done_on=data["done_on"],
            note=data["note"],
            owner_name=data["owner_name"],
            deadline=data["deadline"],
            upload=data["attachment"],
            remove_attachments=data.get("remove_attachments") or (),
            version=data["version"],
        ),
        template="campaigns/task_form.html",
        context={"campaign": campaign, "task": task, "today": as_of(request)},
        success_url=_detail_url(campaign) + f"#task-{task.pk}",
        success_message=_("已保存任务“%(title)s”") % {"title": task.title},
    )


@member_data_required
def baseline(request: HttpRequest, code: str) -> HttpResponse:
    """调查研究: the baseline (摸底考评) and the construction plans drafted from its gaps."""
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    _require_reader(request)
    today = as_of(request)
    line = selectors.timeline(campaign=campaign, today=today)
    investigate = next((r.phase for r in line.rows if r.phase.code == PhaseCode.INVESTIGATE), None)
    form = BaselineForm(
        request.POST or None, initial={"as_of": min(investigate.ends_on, today) if investigate else today}
    )
    context = {
        "campaign": campaign,
        "timeline": line,
        "baseline": selectors.baseline_of(campaign),
        "plan_count": selectors.plan_list_visible(user=request.user, campaign=campaign).count(),
        "is_officer": _role(request) == "officer",
    }
    if request.method == "POST":
        _require_officer(request)
    return service_form(
        request,
        form=form,
        action=lambda data: services.baseline_create(
            user=request.user, campaign=campaign, as_of=data["as_of"], today=today
        ),
        template="campaigns/baseline.html",
        context=context,
        success_url=lambda a: reverse("assessment:detail", args=[a.pk]),
        success_message=_("已新建摸底考评（草稿）：核对后可发布，再据此拟定各支部的建设进度计划表"),
    )


@member_data_required
@require_POST
def plans_draft(request: HttpRequest, code: str) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    _require_officer(request)
    found = selectors.baseline_of(campaign)
    if found is None:
        messages.error(request, _("请先新建摸底考评"))
        return redirect("campaigns:baseline", code=campaign.code)
    try:
        plans = services.plans_draft(user=request.user, campaign=campaign, baseline=found, today=as_of(request))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect("campaigns:baseline", code=campaign.code)
    messages.success(request, _("已拟定 %(n)s 个党组织的建设进度计划表") % {"n": len(plans)})
    return redirect("campaigns:plans", code=campaign.code)


@member_data_required
def plan_list(request: HttpRequest, code: str) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    if _role(request) == "secretary":
        own = selectors.plan_list_visible(user=request.user, campaign=campaign).first()
        if own is None:
            messages.info(request, _("本支部的建设进度计划表尚未拟定。"))
            return redirect("campaigns:detail", code=campaign.code)
        return redirect("campaigns:plan", code=campaign.code, org_pk=own.org_id)
    _require_reader(request)
    today = as_of(request)
    context = {
        "campaign": campaign,
        "rows": selectors.plans_progress(user=request.user, campaign=campaign, today=today),
        "today": today,
        "baseline": selectors.baseline_of(campaign),
        "is_officer": _role(request) == "officer",
    }
    return render(request, "campaigns/plans.html", context)


@member_data_required
def plan_detail(request: HttpRequest, code: str, org_pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    plan = selectors.plan_get_visible(user=request.user, campaign=campaign, org_pk=org_pk)
    today = as_of(request)
    progress = selectors.plan_progress(user=request.user, plan=plan, today=today)
    can_edit = can_write(request.user, plan.org)
    rows = [
        (
            row,
            PlannedDateForm(
                initial={"planned_on": row.line.planned_on, "version": row.line.version}, prefix=f"l{row.line.pk}"
            ),
        )
        for row in progress.lines
    ]
    context = {
        "campaign": campaign,
        "plan": plan,
        "progress": progress,
        "rows": rows,
        "today": today,
        "can_edit": can_edit,
        "is_reader": _role(request) in READERS,
    }
    return render(request, "campaigns/plan.html", context)


@member_data_required
@require_POST
def line_edit(request: HttpRequest, code: str, org_pk: int, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    plan = selectors.plan_get_visible(user=request.user, campaign=campaign, org_pk=org_pk)
    line = selectors.line_get_visible(user=request.user, plan=plan, pk=pk)
    if not can_write(request.user, plan.org):
        raise PermissionDenied(_("只有本支部书记或组织委员可以修改计划完成日期"))
    form = PlannedDateForm(request.POST, prefix=f"l{line.pk}")
    back = reverse("campaigns:plan", args=[campaign.code, plan.org_id]) + f"#line-{line.pk}"
    if not form.is_valid():
        messages.error(request, _("请填写正确的计划完成日期"))
        return redirect(back)
    try:
        services.plan_line_update(
            user=request.user,
            line=line,
            planned_on=form.cleaned_data["planned_on"],
            version=form.cleaned_data["version"],
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已修改“%(name)s”的计划完成日期") % {"name": line.indicator_name})
    return redirect(back)


@member_data_required
def rewards(request: HttpRequest, code: str) -> HttpResponse:
    """奖惩: the list (scoped), and for the officer the form, with the final ranking beside it."""
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    today = as_of(request)
    is_officer = _role(request) == "officer"
    final = selectors.final_of(campaign)
    published = final if final is not None and final.status == Assessment.Status.PUBLISHED else None
    line = selectors.timeline(campaign=campaign, today=today)
    context: dict[str, Any] = {
        "campaign": campaign,
        "rewards": selectors.reward_list_visible(user=request.user, campaign=campaign),
        "final": final,
        "published": published,
        # A county's campaign is visible to a township: only the user's own orgs of its results.
        "results": list(scope(published.results.select_related("org"), request.user).order_by("rank", "org__code"))
        if published is not None and _role(request) in READERS
        else [],
        "is_officer": is_officer,
        "open": line.actions["rewards"],
        "today": today,
    }
    if not is_officer:
        if request.method == "POST":
            _require_officer(request)
        return render(request, "campaigns/rewards.html", context)
    initial: dict[str, Any] = {"decided_on": today, "kind": "reward"}
    if request.GET.get("org", "").isdigit():
        initial["org"] = int(request.GET["org"])
    form = RewardForm(
        request.POST or None,
        orgs=assessment_selectors.card_orgs(user=request.user, campaign=campaign),
        initial=initial,
    )
    return service_form(
        request,
        form=form,
        action=lambda data: services.reward_record(user=request.user, campaign=campaign, today=today, **data),
        template="campaigns/rewards.html",
        context=context,
        success_url=reverse("campaigns:rewards", args=[campaign.code]),
        success_message=_("已记录奖惩"),
    )


@member_data_required
@require_POST
def reward_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    _require_officer(request)
    reward = selectors.reward_list_visible(user=request.user, campaign=campaign).filter(pk=pk).first()
    if reward is not None:
        services.reward_delete(user=request.user, reward=reward)
        messages.success(request, _("已删除该奖惩记录"))
    return redirect("campaigns:rewards", code=campaign.code)


@member_data_required
def rectification(request: HttpRequest, code: str) -> HttpResponse:
    """整改 for the orgs below the pass line of the published final assessment."""
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    _require_reader(request)
    today = as_of(request)
    final = selectors.final_of(campaign)
    published = final if final is not None and final.status == Assessment.Status.PUBLISHED else None
    if request.method == "POST":
        _require_officer(request)
        if published is None:
            messages.error(request, _("请先发布总结考评"))
        else:
            try:
                created = services.rectifications_open(user=request.user, assessment=published, today=today)
            except ValidationError as exc:
                messages.error(request, "；".join(exc.messages))
            else:
                messages.success(request, _("已开启整改事项 %(n)s 项") % {"n": len(created)})
        return redirect("campaigns:rectification", code=campaign.code)
    below = services.below_pass(published) if published is not None else []
    failing = [r for r in below if org_in_scope(request.user, r.org)]
    counts = selectors.rectification_counts(assessment=published) if published is not None else {}
    context = {
        "campaign": campaign,
        "final": final,
        "published": published,
        "rows": [(r, counts.get(r.org_id, 0)) for r in failing],
        "pending": any(not counts.get(r.org_id) for r in failing),
        "pass_grade": campaign.standard.document.get("pass_grade", ""),
        "open": selectors.timeline(campaign=campaign, today=today).actions["rectification"],
        "is_officer": _role(request) == "officer",
    }
    return render(request, "campaigns/rectification.html", context)


@member_data_required
def filing(request: HttpRequest, code: str) -> HttpResponse:
    """备案: the 实施方案 generated from the campaign, filed with its date and recipient, and kept."""
    campaign = selectors.campaign_get_visible(user=request.user, code=code)
    today = as_of(request)
    is_officer = _role(request) == "officer"
    context = {
        "campaign": campaign,
        "filings": selectors.filing_list(user=request.user, campaign=campaign),
        "document_url": _plan_document_url(campaign),
        "is_officer": is_officer,
    }
    if not is_officer:
        if request.method == "POST":
            _require_officer(request)
        return render(request, "campaigns/filing.html", context)
    form = FilingForm(request.POST or None, initial={"filed_on": min(today, campaign.ends_on)})
    return service_form(
        request,
        form=form,
        action=lambda data: services.filing_record(user=request.user, campaign=campaign, today=today, **data),
        template="campaigns/filing.html",
        context=context,
        success_url=reverse("campaigns:filing", args=[campaign.code]),
        success_message=_("已登记备案"),
    )
