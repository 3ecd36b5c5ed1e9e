"""集体经济收入 (seed §三㈤4) and 经费保障 under 村财乡管 (§三㈤5)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.records import Column, ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required
from wuji.orgs.selectors import org_choices
from wuji.support import selectors, services
from wuji.support.choices import INCOME_TARGET, FundingKind
from wuji.support.filtersets import FundingFilterSet, IncomeFilterSet
from wuji.support.forms import FundingForm, IncomeForm
from wuji.support.models import CollectiveIncome, Funding
from wuji.support.views.common import (
    Status,
    can_create,
    is_officer,
    record_form,
    render_records,
    require_can_write,
    require_officer_role,
    section_crumb,
    section_label,
    section_tabs,
    sub_tabs,
    writable,
)

TREND_YEARS = 5


def _income_tabs(active: str) -> list[Any]:
    return sub_tabs(
        (_("逐年登记"), reverse("support:income_list"), active == "list"),
        (_("近五年对比"), reverse("support:income_trend"), active == "trend"),
    )


def _income_edit_url(income: CollectiveIncome) -> str:
    return reverse("support:income_edit", args=[income.pk])


def _target_status(total: Any) -> Status:
    if total >= INCOME_TARGET:
        return Status(_("达到5万元"), "text-bg-success")
    return Status(_("未达5万元"), "text-bg-warning")


@member_data_required
def income_list(request: HttpRequest) -> HttpResponse:
    orgs = org_choices(user=request.user)
    incomes = selectors.income_list_visible(user=request.user)

    def decorate(rows: list[Any]) -> None:
        for income in rows:
            income.target = _target_status(income.total)

    page = ListPage(
        title=_("村级集体经济收入"),
        columns=[
            Column(_("党组织"), "org.name", link=True),
            Column(_("年度"), "year"),
            Column(_("集体经济收入（元）"), "total"),
            Column(_("其中经营性收入（元）"), "operating", phone_hidden=True),
            Column(_("5万元目标"), "target"),
            Column(_("主要来源"), "note", phone_hidden=True),
        ],
        create_url=reverse("support:income_create")
        if can_create(request, selectors.writable_village_orgs(user=request.user))
        else None,
        create_label=_("登记收入"),
        empty_text=_("暂无收入记录。"),
        help=_("每村每年一条；目标：力争3至5年内全乡所有村集体经济年收入达到5万元以上。"),
    )
    filterset = IncomeFilterSet(request.GET or None, queryset=incomes, orgs=orgs)
    return render_records(
        request,
        section="income",
        page=page,
        queryset=incomes,
        filterset=filterset,
        row_url=lambda income: _income_edit_url(income) if can_write(request.user, income.org) else None,
        decorate=decorate,
        extra={"subtabs": _income_tabs("list")},
    )


@member_data_required
def income_trend(request: HttpRequest) -> HttpResponse:
    """Villages × the last five years up to the as-of year: totals, operating income, change, 5万 target."""
    day = as_of(request)
    rows = selectors.income_trend(user=request.user, end_year=day.year, years=TREND_YEARS)
    years = [cell.year for cell in rows[0].cells] if rows else list(range(day.year - TREND_YEARS + 1, day.year + 1))
    context = {
        "rows": rows,
        "years": years,
        "target": INCOME_TARGET,
        "met": sum(1 for row in rows if row.latest.met),
        "unrecorded": sum(1 for row in rows if not row.latest.recorded),
        "today": day,
        "tabs": section_tabs("income"),
        "subtabs": _income_tabs("trend"),
        "section": section_label("income"),
    }
    return render(request, "support/income_trend.html", context)


@member_data_required
def income_create(request: HttpRequest) -> HttpResponse:
    orgs = writable(request, selectors.writable_village_orgs(user=request.user))
    form = IncomeForm(request.POST or None, orgs=orgs, initial={"year": timezone.localdate().year - 1})
    return record_form(
        request,
        section="income",
        form=form,
        action=lambda data: services.income_save(user=request.user, income=form.instance),
        title=_("登记村集体经济收入"),
        success_url=reverse("support:income_list"),
        success_message=_("已登记"),
        help=_("一村一年一条记录；已登记的年度请在列表中点击修改。"),
    )


@member_data_required
def income_edit(request: HttpRequest, pk: int) -> HttpResponse:
    income = selectors.income_get_visible(user=request.user, pk=pk)
    require_can_write(request, income.org)
    orgs = writable(request, selectors.writable_village_orgs(user=request.user))
    form = IncomeForm(request.POST or None, instance=income, orgs=orgs)
    return record_form(
        request,
        section="income",
        form=form,
        action=lambda data: services.income_save(user=request.user, income=form.instance, version=data["version"]),
        title=_("修改%(org)s%(year)s年集体经济收入") % {"org": income.org.name, "year": income.year},
        success_url=reverse("support:income_list"),
        success_message=_("已保存"),
    )


# ---- 经费保障 ---------------------------------------------------------------------------


def _funding_edit_url(funding: Funding) -> str:
    return reverse("support:funding_edit", args=[funding.pk])


@member_data_required
def funding_list(request: HttpRequest) -> HttpResponse:
    orgs = org_choices(user=request.user)
    fundings = selectors.funding_list_visible(user=request.user)
    officer = is_officer(request)
    page = ListPage(
        title=_("村级经费保障"),
        columns=[
            Column(_("党组织"), "org.name", link=True),
            Column(_("金额（元）"), "amount"),
            Column(_("经费类别"), "kind"),
            Column(_("年度"), "year", phone_hidden=True),
            Column(_("说明"), "note", phone_hidden=True),
        ],
        create_url=reverse("support:funding_create") if officer else None,
        create_label=_("登记经费"),
        empty_text=_("暂无经费记录。"),
        help=_("实行村财乡管：村干部工作报酬、村级办公经费、党员干部培训经费由乡党委组织委员登记。"),
    )
    filterset = FundingFilterSet(request.GET or None, queryset=fundings, orgs=orgs)
    filtered = filterset.qs if filterset.is_bound and filterset.is_valid() else fundings
    return render_records(
        request,
        section="funding",
        page=page,
        queryset=fundings,
        filterset=filterset,
        row_url=_funding_edit_url if officer else None,
        results_template="support/funding_results.html",
        extra={"summary": selectors.funding_summary(filtered), "kinds": FundingKind.labels},
    )


@member_data_required
def funding_create(request: HttpRequest) -> HttpResponse:
    require_officer_role(request)
    orgs = writable(request, selectors.writable_village_orgs(user=request.user))
    form = FundingForm(request.POST or None, orgs=orgs, initial={"year": timezone.localdate().year})
    return record_form(
        request,
        section="funding",
        form=form,
        action=lambda data: services.funding_save(user=request.user, funding=form.instance),
        title=_("登记村级经费"),
        success_url=reverse("support:funding_list"),
        success_message=_("已登记"),
    )


@member_data_required
def funding_edit(request: HttpRequest, pk: int) -> HttpResponse:
    funding = selectors.funding_get_visible(user=request.user, pk=pk)
    require_officer_role(request)
    orgs = writable(request, selectors.writable_village_orgs(user=request.user))
    form = FundingForm(request.POST or None, instance=funding, orgs=orgs)
    return record_form(
        request,
        section="funding",
        form=form,
        action=lambda data: services.funding_save(user=request.user, funding=form.instance, version=data["version"]),
        title=_("修改%(org)s%(year)s年%(kind)s")
        % {"org": funding.org.name, "year": funding.year, "kind": funding.get_kind_display()},
        success_url=reverse("support:funding_list"),
        success_message=_("已保存"),
        extra={"delete_url": reverse("support:funding_delete", args=[funding.pk])},
    )


@member_data_required
def funding_delete(request: HttpRequest, pk: int) -> HttpResponse:
    funding = selectors.funding_get_visible(user=request.user, pk=pk)
    require_officer_role(request)
    if request.method == "POST":
        services.record_delete(user=request.user, record=funding)
        messages.success(request, _("已删除该经费记录（审计日志保留删除前的内容）"))
        return redirect("support:funding_list")
    label, url = section_crumb("funding")
    context = {"object": funding, "back_url": _funding_edit_url(funding), "crumbs": [(label, url)]}
    return render(request, "support/confirm_delete.html", context)
