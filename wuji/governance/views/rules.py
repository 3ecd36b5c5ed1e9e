"""制度: each org's rules with their versions, and which required rules are in force (制度齐全情况)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.records import ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required, service_form
from wuji.governance import selectors, services
from wuji.governance.choices import RuleKind
from wuji.governance.filtersets import RuleFilterSet
from wuji.governance.forms import RuleAdoptForm
from wuji.governance.models import RuleDocument
from wuji.governance.views.common import render_records, section_crumbs, tabs
from wuji.orgs.selectors import org_choices


def _rule_url(rule: RuleDocument) -> str:
    return reverse("governance:rule_detail", args=[rule.pk])


@member_data_required
def rule_list(request: HttpRequest) -> HttpResponse:
    """Every rule with its versions, and above it 制度齐全情况 as of the chosen day."""
    day = as_of(request)
    orgs = org_choices(user=request.user)
    filterset = RuleFilterSet(request.GET or None, queryset=selectors.rule_list_visible(user=request.user), orgs=orgs)
    chosen = filterset.form.cleaned_data.get("org") if filterset.is_bound and filterset.is_valid() else None
    coverage = selectors.rule_coverage(user=request.user, day=day, org=chosen)
    can_adopt = selectors.writable_orgs(user=request.user).exists()
    page = ListPage(
        title=_("基本制度 · 制度"),
        columns=[],
        create_url=reverse("governance:rule_adopt") if can_adopt else None,
        create_label=_("制定制度"),
        tabs=tabs("rules"),
        empty_text=_("还没有登记制度。"),
    )
    return render_records(
        request,
        page=page,
        queryset=selectors.rule_list_visible(user=request.user),
        filterset=filterset,
        row_url=_rule_url,
        results="governance/_rule_results.html",
        extra={"coverage": coverage, "today": day, "can_adopt": can_adopt, "show_as_of": True},
    )


@member_data_required
def rule_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rule = selectors.rule_get_visible(user=request.user, pk=pk)
    context: dict[str, Any] = {
        "rule": rule,
        "history": selectors.rule_history(rule),
        "can_write": can_write(request.user, rule.org),
        "crumbs": section_crumbs("rules"),
    }
    return render(request, "governance/rule_detail.html", context)


@member_data_required
def rule_adopt(request: HttpRequest) -> HttpResponse:
    writable = selectors.writable_orgs(user=request.user)
    if not writable.exists():
        raise PermissionDenied(_("您无权制定制度"))
    initial: dict[str, Any] = {}
    if request.GET.get("org", "").isdigit():
        initial["org"] = int(request.GET["org"])
    kind = request.GET.get("kind", "")
    if kind in RuleKind.values:
        initial["kind"] = kind
        initial["title"] = request.GET.get("title") or (RuleKind(kind).label if kind != RuleKind.OTHER else "")
    form = RuleAdoptForm(request.POST or None, request.FILES or None, initial=initial)
    form.set_orgs(writable)
    help_text = _("同一组织同类制度只有一个现行版本：登记新版本后，旧版本自新版本施行之日起废止，并保留在历史中。")
    current = None
    if "org" in initial and "kind" in initial and initial["kind"] != RuleKind.OTHER:
        current = selectors.rule_current(user=request.user, org_id=initial["org"], kind=initial["kind"])
    if current is not None:
        help_text = _("现行版本《%(title)s》（%(day)s 起施行）将自新版本施行之日起废止，并保留在历史中。") % {
            "title": current.title,
            "day": f"{current.effective_on:%Y-%m-%d}",
        }
    return service_form(
        request,
        form=form,
        action=lambda data: services.rule_document_adopt(
            user=request.user,
            org=data["org"],
            kind=data["kind"],
            title=data["title"],
            effective_on=data["effective_on"],
            text=data["text"],
            upload=data["upload"],
        ),
        template="core/records/form.html",
        context={
            "title": _("制定制度"),
            "crumbs": section_crumbs("rules"),
            "back_url": reverse("governance:rule_list"),
            "multipart": True,
            "help": help_text,
        },
        success_url=_rule_url,
        success_message=_("已登记制度"),
    )
