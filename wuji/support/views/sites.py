"""远程教育站点 (seed §三㈤3): every village a site, working as its latest inspection found."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.records import Column, ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required
from wuji.orgs.selectors import org_choices
from wuji.support import selectors, services
from wuji.support.filtersets import SiteFilterSet
from wuji.support.forms import SiteForm, SiteInspectionForm
from wuji.support.models import RemoteEducationSite
from wuji.support.views.common import (
    Status,
    can_create,
    record_form,
    render_records,
    require_can_write,
    section_label,
    section_tabs,
    writable,
)


def _site_url(site: RemoteEducationSite) -> str:
    return reverse("support:site_detail", args=[site.pk])


def site_status_badge(status: str) -> Status:
    return {
        "working": Status(_("正常运行"), "text-bg-success"),
        "broken": Status(_("不能运行"), "text-bg-danger"),
        "unchecked": Status(_("未检查"), "text-bg-warning"),
        "closed": Status(_("已撤销"), "text-bg-secondary"),
        "future": Status(_("尚未建成"), "text-bg-light border"),
        "none": Status(_("没有站点"), "text-bg-danger"),
    }[status]


@member_data_required
def site_list(request: HttpRequest) -> HttpResponse:
    day = as_of(request)
    orgs = org_choices(user=request.user)
    sites = selectors.site_list_visible(user=request.user, day=day)

    def decorate(rows: list[Any]) -> None:
        for site in rows:
            site.status = site_status_badge(selectors.site_status(site, day))

    page = ListPage(
        title=_("远程教育站点"),
        columns=[
            Column(_("站点名称"), "name", link=True),
            Column(_("运行情况"), "status"),
            Column(_("最近检查"), "last_inspected_on"),
            Column(_("党组织"), "org.name", phone_hidden=True),
            Column(_("情况说明"), "last_note", phone_hidden=True),
        ],
        create_url=reverse("support:site_create") if can_create(request, orgs) else None,
        create_label=_("登记站点"),
        empty_text=_("暂无站点记录。"),
        help=_("“运行情况”取统计截止日期前最近一次检查的结果。"),
    )
    gaps = selectors.village_site_gaps(user=request.user, day=day)
    filterset = SiteFilterSet(request.GET or None, queryset=sites, orgs=orgs, today=day)
    return render_records(
        request,
        section="sites",
        page=page,
        queryset=sites,
        filterset=filterset,
        row_url=_site_url,
        decorate=decorate,
        template="support/site_list.html",
        extra={"gaps": [(gap, site_status_badge(gap.status)) for gap in gaps], "today": day},
    )


@member_data_required
def site_create(request: HttpRequest) -> HttpResponse:
    orgs = writable(request, org_choices(user=request.user))
    form = SiteForm(request.POST or None, orgs=orgs)
    return record_form(
        request,
        section="sites",
        form=form,
        action=lambda data: services.site_save(user=request.user, site=form.instance),
        title=_("登记远程教育站点"),
        success_url=_site_url,
        success_message=_("已登记，请登记一次检查以确认站点运行情况"),
    )


@member_data_required
def site_detail(request: HttpRequest, pk: int) -> HttpResponse:
    day = as_of(request)
    site = selectors.site_get_visible(user=request.user, pk=pk, day=day)
    context = {
        "site": site,
        "status": site_status_badge(selectors.site_status(site, day)),
        "inspections": selectors.site_inspections(site),
        "today": day,
        "can_write": can_write(request.user, site.org),
        "tabs": section_tabs("sites"),
        "section": section_label("sites"),
    }
    return render(request, "support/site_detail.html", context)


@member_data_required
def site_edit(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_visible(user=request.user, pk=pk)
    require_can_write(request, site.org)
    form = SiteForm(request.POST or None, instance=site, orgs=writable(request, org_choices(user=request.user)))
    return record_form(
        request,
        section="sites",
        form=form,
        action=lambda data: services.site_save(user=request.user, site=form.instance, version=data["version"]),
        title=_("修改“%(name)s”") % {"name": site.name},
        success_url=_site_url,
        success_message=_("已保存"),
        back_url=_site_url(site),
    )


@member_data_required
def site_inspect(request: HttpRequest, pk: int) -> HttpResponse:
    site = selectors.site_get_visible(user=request.user, pk=pk)
    require_can_write(request, site.org)
    form = SiteInspectionForm(request.POST or None, initial={"inspected_on": timezone.localdate(), "working": "yes"})
    return record_form(
        request,
        section="sites",
        form=form,
        action=lambda data: services.site_inspect(
            user=request.user,
            site=site,
            inspected_on=data["inspected_on"],
            working=data["working"],
            note=data["note"],
        ),
        title=_("登记站点检查：%(name)s") % {"name": site.name},
        success_url=lambda _i: _site_url(site),
        success_message=_("已登记检查结果"),
        back_url=_site_url(site),
        crumbs=[(site.name, _site_url(site))],
    )
