"""整改 pages: the list, an item with its actions, the edit and action forms, and each org's printable plan.

Thin: selectors read (scoped: another branch's item is a 404), services write and refuse with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuji.assessment import rectification as rect
from wuji.assessment.models import Rectification
from wuji.assessment.rectification_forms import (
    RectificationFilterSet,
    RectificationForm,
    ReturnForm,
    SubmitForm,
    VerifyForm,
)
from wuji.core.viewkit import member_data_required, paginate, service_form
from wuji.orgs.selectors import org_list_visible

Status = Rectification.Status


def _detail_url(item: Rectification) -> str:
    return reverse("rectification:detail", args=[item.pk])


def _plan_url(item: Rectification) -> str:
    return reverse("rectification:plan", args=[item.org_id, item.assessment_id])


def _crumbs(item: Rectification | None = None) -> list[tuple[str, str]]:
    crumbs = [(_("整改事项"), reverse("rectification:list"))]
    if item is not None:
        crumbs.append((f"{item.org.name} · {item.indicator_name}", _detail_url(item)))
    return crumbs


@member_data_required
def rectification_list(request: HttpRequest) -> HttpResponse:
    """Filter by org, status, overdue and assessment; overdue rows stand out; open vs closed counted."""
    today = timezone.localdate()
    items = rect.rectification_list_visible(user=request.user)
    filterset = RectificationFilterSet(
        request.GET or None,
        queryset=items,
        orgs=org_list_visible(user=request.user),
        assessments=rect.assessments_with_items(user=request.user),
        today=today,
    )
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else items
    page_obj, query_string = paginate(request, filtered, settings.WUJI_PAGE_SIZE)
    rows = [{"obj": item, "overdue": rect.is_overdue(item, today)} for item in page_obj.object_list]
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query_string": query_string,
        "rows": rows,
        "counts": rect.rectification_counts(filtered, today=today),
        "today": today,
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "rectification/_results.html", context)
    context["to_draft"] = list(rect.assessments_to_draft(user=request.user))
    context["plans"] = _plan_links(request, filterset)
    return render(request, "rectification/list.html", context)


def _plan_links(request: HttpRequest, filterset: RectificationFilterSet) -> list[tuple[str, str]]:
    """Links to a branch's printable plans: the secretary's own branch, or the branch the officer filtered on."""
    org = None
    if getattr(request.user, "role", None) == "secretary":
        org = request.user.org  # type: ignore[union-attr]
    elif filterset.is_bound and filterset.is_valid():
        org = filterset.form.cleaned_data.get("org")
    if org is None or org.kind == "committee":
        return []
    return [
        (f"{a.get_kind_display()} {a.as_of:%Y-%m-%d}", reverse("rectification:plan", args=[org.pk, a.pk]))
        for a in rect.assessments_with_items(user=request.user).filter(rectifications__org=org).distinct()
    ]


@member_data_required
def rectification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = rect.rectification_get_visible(user=request.user, pk=pk)
    user = request.user
    context = {
        "item": item,
        "overdue": rect.is_overdue(item, timezone.localdate()),
        "can_edit": rect.can_edit(user, item),
        "can_submit": rect.can_submit(user, item),
        "can_verify": rect.can_verify(user, item),
        "own_item": rect.is_own(user, item),
        "history": rect.rectification_history(item),
        "plan_url": _plan_url(item),
        "crumbs": _crumbs(),
    }
    return render(request, "rectification/detail.html", context)


def _action_page(
    request: HttpRequest,
    item: Rectification,
    *,
    form: forms.Form,
    action: Callable[[dict[str, Any]], Any],
    title: str,
    submit_label: str,
    success_message: str,
    help_text: str = "",
    multipart: bool = False,
    danger: bool = False,
    editing: bool = False,
) -> HttpResponse:
    return service_form(
        request,
        form=form,
        action=action,
        template="rectification/form.html",
        context={
            "item": item,
            "title": title,
            "submit_label": submit_label,
            "help": help_text,
            "multipart": multipart,
            "danger": danger,
            "editing": editing,
            "back_url": _detail_url(item),
            "crumbs": _crumbs(item),
        },
        success_url=_detail_url(item),
        success_message=success_message,
    )


def _posted(request: HttpRequest) -> tuple[Any, ...]:
    """The form's data: bound on every POST (an empty one too, so it says what is missing), unbound on GET."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def _refuse_state(request: HttpRequest, item: Rectification, message: str) -> HttpResponse:
    messages.warning(request, message)
    return redirect(_detail_url(item))


@member_data_required
def rectification_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = rect.rectification_get_visible(user=request.user, pk=pk)
    if not rect.acts_as_owner(request.user, item):
        raise PermissionDenied(_("只有整改责任人或组织委员可以修改整改事项"))
    if not rect.can_edit(request.user, item):
        return _refuse_state(request, item, _("该整改事项已销号，不能再修改"))
    officer = getattr(request.user, "role", None) == "officer"
    initial = {
        "problem": item.problem,
        "measures": item.measures,
        "due_on": item.due_on,
        "owner": item.owner_id,
        "owner_name": item.owner_name,
        "version": item.version,
    }
    form = RectificationForm(*_posted(request)[:1], initial=initial, item=item, officer=officer)

    def action(data: dict[str, Any]) -> Rectification:
        extra: dict[str, Any] = {}
        if officer:
            extra = {"problem": data["problem"], "owner": data["owner"], "owner_name": data["owner_name"]}
        return rect.rectification_update(
            user=request.user,
            item=item,
            measures=data["measures"],
            due_on=data["due_on"],
            version=data["version"],
            **extra,
        )

    return _action_page(
        request,
        item,
        form=form,
        action=action,
        title=_("修改整改事项"),
        submit_label=_("保存"),
        success_message=_("整改事项已保存"),
        editing=True,
    )


@member_data_required
def rectification_submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = rect.rectification_get_visible(user=request.user, pk=pk)
    if not rect.reports_for(request.user, item):
        raise PermissionDenied(_("只有整改责任人可以提交验收"))
    if not rect.can_submit(request.user, item):
        message = _("该整改事项当前为“%(status)s”，不能提交验收")
        return _refuse_state(request, item, message % {"status": item.get_status_display()})
    form = SubmitForm(*_posted(request))
    return _action_page(
        request,
        item,
        form=form,
        action=lambda data: rect.rectification_submit(
            user=request.user, item=item, note=data["note"], evidence=data["evidence"]
        ),
        title=_("提交验收"),
        submit_label=_("提交验收"),
        success_message=_("已提交，等待组织委员或考评员验收销号"),
        help_text=_("说明整改情况并上传佐证材料；提交后由组织委员或考评员（责任人以外的人）验收销号。"),
        multipart=True,
    )


def _verifier_gate(request: HttpRequest, item: Rectification) -> HttpResponse | None:
    user = request.user
    if rect.can_verify(user, item):
        return None
    if getattr(user, "role", None) not in rect.VERIFIER_ROLES:
        raise PermissionDenied(_("只有组织委员或考评员可以验收整改事项"))
    if rect.is_own(user, item):
        raise PermissionDenied(_("整改责任人（或提交人）不能为自己的整改事项验收销号"))
    message = _("只有“待验收”的整改事项才能验收，当前为“%(status)s”")
    return _refuse_state(request, item, message % {"status": item.get_status_display()})


@member_data_required
def rectification_verify(request: HttpRequest, pk: int) -> HttpResponse:
    item = rect.rectification_get_visible(user=request.user, pk=pk)
    refused = _verifier_gate(request, item)
    if refused is not None:
        return refused
    form = VerifyForm(*_posted(request))
    return _action_page(
        request,
        item,
        form=form,
        action=lambda data: rect.rectification_verify(
            user=request.user, item=item, note=data["note"], evidence=data["evidence"]
        ),
        title=_("验收销号"),
        submit_label=_("验收通过，销号"),
        success_message=_("已验收销号"),
        help_text=_("核实整改情况后销号；如以后的考评仍发现该问题，事项会自动重新打开。"),
        multipart=True,
    )


@member_data_required
def rectification_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = rect.rectification_get_visible(user=request.user, pk=pk)
    refused = _verifier_gate(request, item)
    if refused is not None:
        return refused
    form = ReturnForm(*_posted(request)[:1])
    return _action_page(
        request,
        item,
        form=form,
        action=lambda data: rect.rectification_return(user=request.user, item=item, note=data["note"]),
        title=_("退回重新整改"),
        submit_label=_("退回"),
        success_message=_("已退回责任人重新整改"),
        danger=True,
    )


@member_data_required
@require_POST
def rectifications_draft(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    assessment = rect.assessment_for_officer(user=request.user, pk=assessment_pk)
    try:
        created = rect.rectifications_draft(user=request.user, assessment=assessment)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if created:
            messages.success(request, _("已根据%(a)s起草 %(n)s 个整改事项") % {"a": assessment, "n": len(created)})
        else:
            messages.info(request, _("%(a)s的未达标指标都已有整改事项，没有新增") % {"a": assessment})
    return redirect(reverse("rectification:list") + f"?assessment={assessment.pk}")


@member_data_required
@require_POST
def rectifications_recheck(request: HttpRequest, assessment_pk: int) -> HttpResponse:
    assessment = rect.assessment_for_officer(user=request.user, pk=assessment_pk)
    try:
        reopened = rect.rectifications_recheck(assessment, user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if reopened:
            messages.warning(
                request, _("%(a)s仍发现 %(n)s 个已销号的问题，已重新打开") % {"a": assessment, "n": len(reopened)}
            )
        else:
            messages.success(request, _("复查完毕：已销号的事项在%(a)s中均已达标") % {"a": assessment})
    return redirect(reverse("rectification:list") + f"?status={Status.REOPENED}")


@member_data_required
def rectification_plan(request: HttpRequest, org_pk: int, assessment_pk: int) -> HttpResponse:
    """The printable 整改方案 of one org after one assessment."""
    plan = rect.rectification_plan(user=request.user, org_pk=org_pk, assessment_pk=assessment_pk)
    today = timezone.localdate()
    rows = [{"obj": item, "overdue": rect.is_overdue(item, today)} for item in plan.items]
    context = {
        "plan": plan,
        "rows": rows,
        "closed": sum(1 for item in plan.items if item.status == Status.CLOSED),
        "today": today,
    }
    return render(request, "rectification/plan.html", context)
