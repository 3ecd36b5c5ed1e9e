"""党务/村务 disclosures of an org: drafts that can change, then published ones that cannot."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.records import Column, ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required, service_form
from wuji.governance import selectors, services
from wuji.governance.filtersets import DisclosureFilterSet
from wuji.governance.forms import DisclosureForm, DisclosurePublishForm
from wuji.governance.models import Disclosure
from wuji.governance.views.common import delete_page, render_records, require_can_write, section_crumbs, tabs
from wuji.orgs.selectors import org_choices


def _disclosure_url(disclosure: Disclosure) -> str:
    return reverse("governance:disclosure_detail", args=[disclosure.pk])


def _crumbs(disclosure: Disclosure) -> list[tuple[str, str]]:
    return [*section_crumbs("disclosures"), (disclosure.title, _disclosure_url(disclosure))]


@member_data_required
def disclosure_list(request: HttpRequest) -> HttpResponse:
    disclosures = selectors.disclosure_list_visible(user=request.user)
    filterset = DisclosureFilterSet(request.GET or None, queryset=disclosures, orgs=org_choices(user=request.user))
    can_create = selectors.writable_orgs(user=request.user).exists()
    page = ListPage(
        title=_("基本制度 · 党务村务公开"),
        columns=[
            Column(_("标题"), "title", link=True),
            Column(_("党组织"), "org.name"),
            Column(_("状态"), "state_label"),
            Column(_("公开类别"), "kind", phone_hidden=True),
            Column(_("公开方式"), "channel", phone_hidden=True),
        ],
        create_url=reverse("governance:disclosure_create") if can_create else None,
        create_label=_("新建公开"),
        tabs=tabs("disclosures"),
        empty_text=_("还没有党务、村务公开。"),
        help=_(
            "先存为草稿，核对无误后再公开；公开后在群众公开页面显示，不能再修改。“五议五公开”事项的公开在事项页面登记。"
        ),
    )
    return render_records(request, page=page, queryset=disclosures, filterset=filterset, row_url=_disclosure_url)


@member_data_required
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get_visible(user=request.user, pk=pk)
    context: dict[str, Any] = {
        "disclosure": disclosure,
        "can_write": can_write(request.user, disclosure.org),
        "crumbs": section_crumbs("disclosures"),
    }
    return render(request, "governance/disclosure_detail.html", context)


def _save(request: HttpRequest, form: DisclosureForm, data: dict[str, Any]) -> Disclosure:
    disclosure = form.instance
    return services.disclosure_save(
        user=request.user, disclosure=disclosure, version=data.get("version"), photo=data.get("photo_upload")
    )


@member_data_required
def disclosure_create(request: HttpRequest) -> HttpResponse:
    writable = selectors.writable_orgs(user=request.user)
    if not writable.exists():
        raise PermissionDenied(_("您无权发布公开"))
    form = DisclosureForm(request.POST or None, request.FILES or None, orgs=writable)
    return service_form(
        request,
        form=form,
        action=lambda data: _save(request, form, data),
        template="core/records/form.html",
        context={
            "title": _("新建党务/村务公开"),
            "crumbs": section_crumbs("disclosures"),
            "back_url": reverse("governance:disclosure_list"),
            "multipart": True,
            "submit_label": _("存为草稿"),
            "help": _("草稿只在本系统内可见；请勿填写身份证号、电话等个人信息。"),
        },
        success_url=_disclosure_url,
        success_message=_("已存为草稿；核对无误后请点“公开”"),
    )


@member_data_required
def disclosure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get_visible(user=request.user, pk=pk)
    require_can_write(request, disclosure.org)
    if disclosure.published:
        messages.error(request, _("已公开的内容不能修改；如有错误请发布更正公开"))
        return redirect(_disclosure_url(disclosure))
    writable = selectors.writable_orgs(user=request.user)
    form = DisclosureForm(
        request.POST or None,
        request.FILES or None,
        instance=disclosure,
        orgs=writable,
        initial={"version": disclosure.version},
    )
    return service_form(
        request,
        form=form,
        action=lambda data: _save(request, form, data),
        template="core/records/form.html",
        context={
            "title": _("修改草稿“%(title)s”") % {"title": disclosure.title},
            "crumbs": _crumbs(disclosure),
            "back_url": _disclosure_url(disclosure),
            "multipart": True,
        },
        success_url=_disclosure_url,
        success_message=_("已保存草稿"),
    )


@member_data_required
def disclosure_publish(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get_visible(user=request.user, pk=pk)
    require_can_write(request, disclosure.org)
    if disclosure.published:
        messages.info(request, _("该内容已公开"))
        return redirect(_disclosure_url(disclosure))
    form = DisclosurePublishForm(request.POST or None, initial={"published_on": timezone.localdate()})
    return service_form(
        request,
        form=form,
        action=lambda data: services.disclosure_publish(
            user=request.user, disclosure=disclosure, published_on=data["published_on"]
        ),
        template="core/records/form.html",
        context={
            "title": _("公开“%(title)s”") % {"title": disclosure.title},
            "crumbs": _crumbs(disclosure),
            "back_url": _disclosure_url(disclosure),
            "help": _("公开后将在群众公开页面显示，且不能再修改或删除。"),
            "submit_label": _("确认公开"),
        },
        success_url=_disclosure_url,
        success_message=_("已公开"),
    )


@member_data_required
def disclosure_delete(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = selectors.disclosure_get_visible(user=request.user, pk=pk)
    return delete_page(
        request,
        record=disclosure,
        back_url=_disclosure_url(disclosure),
        done_url=reverse("governance:disclosure_list"),
        what=_("草稿"),
    )
