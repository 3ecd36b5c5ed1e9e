"""整改 forms (short, for a phone) and the one FilterSet of the list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wuji.assessment.models import Assessment, Rectification
from wuji.core.viewkit import DateInput
from wuji.orgs.models import Organization

EVIDENCE_HELP = _("图片（JPG、PNG）、PDF 或 Word 文件")


class RectificationForm(forms.Form):
    """Measures and due date (owner or officer); the problem and the owner are the officer's."""

    problem = forms.CharField(label=_("存在问题"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    measures = forms.CharField(
        label=_("整改措施"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("写明做什么、怎么做，例如“5月底前确定3名后备干部人选并公示入库”"),
    )
    due_on = forms.DateField(label=_("整改时限"), widget=DateInput())
    owner = forms.ModelChoiceField(
        label=_("责任人账号"), queryset=get_user_model().objects.none(), required=False, empty_label=_("（无账号）")
    )
    owner_name = forms.CharField(
        label=_("责任人姓名"), max_length=50, required=False, help_text=_("责任人没有系统账号时填写")
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, item: Rectification, officer: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.officer = officer
        if officer:
            # The branch's secretary accounts (and of the branches above it), or the township's officers.
            org = item.org
            ancestors = [org.path[:i] for i in range(4, len(org.path) + 1, 4)] if org.path else []
            self.fields["owner"].queryset = (  # type: ignore[attr-defined]
                get_user_model()
                .objects.filter(is_active=True)
                .filter(Q(role="secretary", org=org) | Q(role="officer", org__path__in=ancestors))
                .order_by("role", "username")
            )
            self.fields["owner"].label_from_instance = lambda u: f"{u.first_name or u.username}（{u.username}）"  # type: ignore[attr-defined]
            self.fields["problem"].required = True
        else:
            for name in ("problem", "owner", "owner_name"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.officer and data.get("owner") is None and not (data.get("owner_name") or "").strip():
            self.add_error("owner_name", _("请选择责任人账号或填写责任人姓名"))
        return data


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("整改情况说明"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("做了什么、结果如何，例如“已确定3名后备干部并于6月2日公示入库”"),
    )
    evidence = forms.FileField(label=_("整改佐证材料"), help_text=EVIDENCE_HELP)


class VerifyForm(forms.Form):
    note = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence = forms.FileField(
        label=_("验收佐证材料"),
        required=False,
        help_text=format_lazy("{}{}", _("验收意见和佐证材料至少填写一项；"), EVIDENCE_HELP),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("note") or "").strip() and not data.get("evidence"):
            self.add_error("note", _("请填写验收意见或上传验收佐证材料"))
        return data


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("退回意见"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("说明还差什么，责任人整改后再次提交"),
    )


def _assessment_label(assessment: Assessment) -> str:
    return f"{assessment.get_kind_display()} {assessment.as_of:%Y-%m-%d}（{assessment.campaign.code}）"


class RectificationFilterSet(django_filters.FilterSet):
    org = django_filters.ModelChoiceFilter(
        label=_("党组织"), queryset=Organization.objects.none(), method="filter_org", empty_label=_("全部（含下级）")
    )
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Rectification.Status.choices, empty_label=_("全部"))
    overdue = django_filters.ChoiceFilter(
        label=_("时限"), choices=[("1", _("只看逾期"))], method="filter_overdue", empty_label=_("全部")
    )
    assessment = django_filters.ModelChoiceFilter(
        label=_("考评"), queryset=Assessment.objects.none(), empty_label=_("全部")
    )

    class Meta:
        model = Rectification
        fields = ["org", "status", "overdue", "assessment"]

    def __init__(
        self,
        *args: Any,
        orgs: QuerySet[Organization],
        assessments: QuerySet[Assessment],
        today: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.filters["org"].queryset = orgs
        self.filters["assessment"].queryset = assessments
        self.form.fields["assessment"].label_from_instance = _assessment_label  # type: ignore[attr-defined]
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")

    def filter_org(self, queryset: QuerySet[Rectification], name: str, value: Organization) -> QuerySet[Rectification]:
        return queryset.filter(org__path__startswith=value.path)

    def filter_overdue(self, queryset: QuerySet[Rectification], name: str, value: str) -> QuerySet[Rectification]:
        if value != "1":
            return queryset
        return queryset.exclude(status=Rectification.Status.CLOSED).filter(due_on__lt=self.today)
