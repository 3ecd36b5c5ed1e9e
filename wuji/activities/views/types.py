"""The activity-type list: everyone who records activities reads it, the officer extends it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuji.activities import services
from wuji.activities.models import ActivityType
from wuji.activities.views.common import tabs
from wuji.core.records import Column, ListPage, render_list
from wuji.core.viewkit import member_data_required, service_form


class ActivityTypeForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("名称"), max_length=40)
    code = forms.SlugField(label=gettext_lazy("代码"), max_length=40, help_text=gettext_lazy("英文字母、数字或下划线"))
    parent = forms.ModelChoiceField(
        label=gettext_lazy("上级类型"),
        queryset=ActivityType.objects.filter(parent__isnull=True),
        required=False,
        empty_label=gettext_lazy("（一级类型）"),
    )
    order = forms.IntegerField(label=gettext_lazy("排序"), min_value=0, initial=100)
    active = forms.BooleanField(
        label=gettext_lazy("启用（停用后不再出现在登记表中，历史记录保留）"), required=False, initial=True
    )


def _is_officer(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) == "officer"


@member_data_required
def type_list(request: HttpRequest) -> HttpResponse:
    page = ListPage(
        title=_("活动类型"),
        columns=[
            Column(_("名称"), "__str__", link=_is_officer(request)),
            Column(_("代码"), "code"),
            Column(_("排序"), "order", phone_hidden=True),
            Column(_("启用"), "active"),
        ],
        create_url=reverse("activities:type_create") if _is_officer(request) else None,
        create_label=_("新增类型"),
        help=_("活动类型是可以扩展的数据：组织委员可新增或停用，停用的类型不再出现在登记表中。"),
        tabs=tabs("type_list"),
    )
    types = ActivityType.objects.select_related("parent").order_by("order", "id")
    return render_list(
        request, page=page, queryset=types, row_url=lambda t: reverse("activities:type_edit", args=[t.pk])
    )


def _type_form(request: HttpRequest, activity_type: ActivityType, title: str) -> HttpResponse:
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以维护活动类型"))
    initial = {f: getattr(activity_type, f) for f in ("name", "code", "order", "active")}
    initial["parent"] = activity_type.parent_id
    form = ActivityTypeForm(request.POST or None, initial=initial)

    def action(data: dict[str, Any]) -> ActivityType:
        for field in ("name", "code", "parent", "order", "active"):
            setattr(activity_type, field, data[field])
        return services.activity_type_save(user=request.user, activity_type=activity_type)

    return service_form(
        request,
        form=form,
        action=action,
        template="core/records/form.html",
        context={
            "title": title,
            "back_url": reverse("activities:type_list"),
            "crumbs": [(_("活动类型"), reverse("activities:type_list"))],
        },
        success_url=reverse("activities:type_list"),
        success_message=_("已保存"),
    )


@member_data_required
def type_create(request: HttpRequest) -> HttpResponse:
    return _type_form(request, ActivityType(order=100, active=True), _("新增活动类型"))


@member_data_required
def type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _type_form(request, get_object_or_404(ActivityType, pk=pk), _("修改活动类型"))
