"""领导小组 and 工作专班 (seed §三㈤1): the township officer's; others in scope read them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from wuji.core.records import Column, ListPage
from wuji.core.scoping import scope_root
from wuji.core.viewkit import member_data_required
from wuji.orgs.choices import OrgKind
from wuji.support import selectors, services
from wuji.support.filtersets import LeadingGroupFilterSet
from wuji.support.forms import EndForm, GroupMemberForm, LeadingGroupForm
from wuji.support.models import LeadingGroup, LeadingGroupMember
from wuji.support.views.common import (
    is_officer,
    record_form,
    render_records,
    require_officer_role,
    section_label,
    section_tabs,
)


def _group_url(group: LeadingGroup) -> str:
    return reverse("support:group_detail", args=[group.pk])


@member_data_required
def group_list(request: HttpRequest) -> HttpResponse:
    groups = selectors.group_list_visible(user=request.user).order_by("org__path", "kind", "-established_on")
    root = scope_root(request.user)
    township = root is not None and root.kind == OrgKind.COMMITTEE
    page = ListPage(
        title=_("领导小组和工作专班"),
        columns=[
            Column(_("名称"), "name", link=True),
            Column(_("类别"), "kind"),
            Column(_("党委"), "org.name", phone_hidden=True),
            Column(_("成立日期"), "established_on", phone_hidden=True),
            Column(_("撤销日期"), "dissolved_on", phone_hidden=True),
            Column(_("在组人数"), "member_count"),
        ],
        create_url=reverse("support:group_create") if is_officer(request) else None,
        create_label=_("成立小组"),
        empty_text=_("尚未登记领导小组或工作专班（由乡党委组织委员登记）。")
        if township
        else _("领导小组和工作专班由乡党委成立和管理，不在本支部的查看范围内。"),
        help=_("乡党委成立“五个基本”建设工作领导小组和工作专班，做到领导到位、措施到位、工作到位、保障到位。"),
    )
    filterset = LeadingGroupFilterSet(request.GET or None, queryset=groups) if township else None
    return render_records(
        request, section="groups", page=page, queryset=groups, filterset=filterset, row_url=_group_url
    )


@member_data_required
def group_create(request: HttpRequest) -> HttpResponse:
    require_officer_role(request)
    form = LeadingGroupForm(request.POST or None, orgs=selectors.committee_choices(user=request.user))
    return record_form(
        request,
        section="groups",
        form=form,
        action=lambda data: services.leading_group_save(user=request.user, group=form.instance),
        title=_("成立领导小组或工作专班"),
        success_url=_group_url,
        success_message=_("已登记，请继续添加小组成员"),
    )


@member_data_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, pk=pk)
    members = selectors.group_members(group)
    context = {
        "group": group,
        "current": [m for m in members if m.ended_on is None],
        "former": [m for m in members if m.ended_on is not None],
        "can_write": is_officer(request),
        "tabs": section_tabs("groups"),
        "section": section_label("groups"),
    }
    return render(request, "support/group_detail.html", context)


@member_data_required
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, pk=pk)
    require_officer_role(request)
    form = LeadingGroupForm(request.POST or None, instance=group, orgs=selectors.committee_choices(user=request.user))
    return record_form(
        request,
        section="groups",
        form=form,
        action=lambda data: services.leading_group_save(
            user=request.user, group=form.instance, version=data["version"]
        ),
        title=_("修改“%(name)s”") % {"name": group.name},
        success_url=_group_url,
        success_message=_("已保存"),
        back_url=_group_url(group),
    )


@member_data_required
def member_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_get_visible(user=request.user, pk=pk)
    require_officer_role(request)
    member = LeadingGroupMember(group=group)
    people = selectors.people_under(user=request.user, org=group.org)
    form = GroupMemberForm(request.POST or None, instance=member, people=people)
    return record_form(
        request,
        section="groups",
        form=form,
        action=lambda data: services.leading_group_member_save(user=request.user, member=form.instance),
        title=_("添加“%(name)s”成员") % {"name": group.name},
        success_url=lambda _m: _group_url(group),
        success_message=_("已添加成员"),
        back_url=_group_url(group),
        crumbs=[(group.name, _group_url(group))],
        help=_("成员可以是本乡范围内的任何人员，名单中括号内为其所在党组织。"),
    )


@member_data_required
def member_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_get_visible(user=request.user, pk=pk)
    require_officer_role(request)
    people = selectors.people_under(user=request.user, org=member.group.org)
    form = GroupMemberForm(request.POST or None, instance=member, people=people)
    group = member.group
    return record_form(
        request,
        section="groups",
        form=form,
        action=lambda data: services.leading_group_member_save(
            user=request.user, member=form.instance, version=data["version"]
        ),
        title=_("修改成员“%(name)s”") % {"name": member.person.name},
        success_url=lambda _m: _group_url(group),
        success_message=_("已保存"),
        back_url=_group_url(group),
        crumbs=[(group.name, _group_url(group))],
    )


@member_data_required
def member_end(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_get_visible(user=request.user, pk=pk)
    require_officer_role(request)
    form = EndForm(request.POST or None, initial={"version": member.version}, label=_("退出日期"))
    group = member.group

    def action(data: dict[str, Any]) -> LeadingGroupMember:
        member.ended_on = data["ended_on"]
        return services.leading_group_member_save(user=request.user, member=member, version=data["version"])

    return record_form(
        request,
        section="groups",
        form=form,
        action=action,
        title=_("%(name)s退出“%(group)s”") % {"name": member.person.name, "group": group.name},
        success_url=lambda _m: _group_url(group),
        success_message=_("已办理退出"),
        back_url=_group_url(group),
        crumbs=[(group.name, _group_url(group))],
    )
