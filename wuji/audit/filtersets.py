"""Filters of the audit trail: by person, record, date and action."""

from __future__ import annotations

import ipaddress
from typing import Any

import django_filters
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wuji.audit.models import EventAction, Outcome, SecurityEvent
from wuji.core.templatetags.wuji_tags import model_label
from wuji.core.viewkit import DateInput

AUDITED_APPS = ["orgs", "people", "accounts"]


def _bootstrap(fields: Any) -> None:
    for field in fields:
        css = "form-select" if getattr(field.widget, "input_type", "") == "select" else "form-control"
        field.widget.attrs.setdefault("class", css)


class LogEntryFilterSet(django_filters.FilterSet):
    actor = django_filters.ModelChoiceFilter(label=_("操作人"), queryset=get_user_model().objects.order_by("username"))
    content_type = django_filters.ModelChoiceFilter(
        label=_("记录类型"),
        queryset=ContentType.objects.filter(app_label__in=AUDITED_APPS).order_by("app_label", "model"),
    )
    record = django_filters.CharFilter(label=_("记录（编号或名称）"), method="filter_record")
    action = django_filters.ChoiceFilter(label=_("操作"), choices=[(0, _("新增")), (1, _("修改")), (2, _("删除"))])
    date_from = django_filters.DateFilter(
        label=_("起始日期"), field_name="timestamp", lookup_expr="date__gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("截止日期"), field_name="timestamp", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = LogEntry
        fields = ["actor", "content_type", "record", "action", "date_from", "date_to"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.form.fields["content_type"]
        field.label_from_instance = model_label  # type: ignore[attr-defined]
        _bootstrap(self.form.fields.values())

    def filter_record(self, queryset: QuerySet[LogEntry], name: str, value: str) -> QuerySet[LogEntry]:
        value = value.strip()
        if value.isdigit():
            return queryset.filter(Q(object_pk=value) | Q(object_repr__contains=value))
        return queryset.filter(object_repr__contains=value)


class SecurityEventFilterSet(django_filters.FilterSet):
    actor = django_filters.CharFilter(label=_("用户名"), field_name="actor_username", lookup_expr="icontains")
    action = django_filters.ChoiceFilter(label=_("事件"), choices=EventAction.choices)
    outcome = django_filters.ChoiceFilter(label=_("结果"), choices=Outcome.choices)
    remote_addr = django_filters.CharFilter(label=_("IP 地址"), field_name="remote_addr", method="filter_addr")
    date_from = django_filters.DateFilter(
        label=_("起始日期"), field_name="timestamp", lookup_expr="date__gte", widget=DateInput()
    )
    date_to = django_filters.DateFilter(
        label=_("截止日期"), field_name="timestamp", lookup_expr="date__lte", widget=DateInput()
    )

    class Meta:
        model = SecurityEvent
        fields = ["actor", "action", "outcome", "remote_addr", "date_from", "date_to"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bootstrap(self.form.fields.values())

    def filter_addr(self, queryset: QuerySet[SecurityEvent], name: str, value: str) -> QuerySet[SecurityEvent]:
        value = value.strip()
        try:
            return queryset.filter(remote_addr=str(ipaddress.ip_address(value)))
        except ValueError:
            return queryset.none()
