"""Forms of the 基本队伍 pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuji.core import idcard
from wuji.core.viewkit import DateInput
from wuji.orgs.models import Organization
from wuji.people.choices import (
    Education,
    Gender,
    Pool,
    SelectionMethod,
    Stage,
    Title,
    TrainingCategory,
    TrainingKind,
)
from wuji.people.models import SourceTag


class OrgChoiceMixin:
    def set_orgs(self, orgs: Any) -> None:
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]


class PersonForm(OrgChoiceMixin, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=50)
    id_number = forms.CharField(
        label=_("公民身份号码"), max_length=30, help_text=_("18位，出生日期和性别由号码自动得出")
    )
    gender = forms.ChoiceField(
        label=_("性别"),
        choices=[("", _("（按身份证号）")), *Gender.choices],
        required=False,
        help_text=_("可不填；填写时须与身份证号一致"),
    )
    birth_date = forms.DateField(
        label=_("出生日期"), required=False, widget=DateInput(), help_text=_("可不填；填写时须与身份证号一致")
    )
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("所在党组织"), queryset=Organization.objects.none()
    )
    phone = forms.RegexField(
        label=_("手机号码"),
        regex=r"^1\d{10}$",
        required=False,
        error_messages={"invalid": _("手机号码应为以1开头的11位数字")},
    )
    ethnicity = forms.CharField(label=_("民族"), max_length=20, initial="汉族")
    education = forms.ChoiceField(label=_("学历"), choices=[("", "—"), *Education.choices], required=False)
    sources = forms.ModelMultipleChoiceField(
        label=_("人员来源"), queryset=SourceTag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_orgs(orgs)
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "inputmode": "text"})
        self.fields["phone"].widget.attrs.update({"inputmode": "tel"})

    def clean_id_number(self) -> str:
        try:
            return idcard.parse(self.cleaned_data["id_number"]).number
        except idcard.IdNumberError as exc:
            raise forms.ValidationError(str(exc)) from exc


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("发展阶段"), choices=Stage.choices)
    started_on = forms.DateField(
        label=_("日期"), widget=DateInput(), help_text=_("申请日期、确定日期、支部大会讨论通过日期或转正日期")
    )
    voters_eligible = forms.IntegerField(label=_("有表决权的正式党员数"), min_value=0, required=False)
    voters_present = forms.IntegerField(label=_("到会有表决权党员数"), min_value=0, required=False)
    votes_for = forms.IntegerField(label=_("赞成票数"), min_value=0, required=False)
    backfilled = forms.BooleanField(label=_("补录历史记录（依据档案，无会议票数）"), required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class ExtendProbationForm(forms.Form):
    months = forms.IntegerField(label=_("延长月数"), min_value=1, max_value=12)
    note = forms.CharField(label=_("支部大会决定及理由"), max_length=200)


class PositionForm(OrgChoiceMixin, forms.Form):
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("党组织"), queryset=Organization.objects.none()
    )
    title = forms.ChoiceField(label=_("职务"), choices=Title.choices)
    started_on = forms.DateField(label=_("任职日期"), widget=DateInput())
    ended_on = forms.DateField(label=_("免职日期"), required=False, widget=DateInput(), help_text=_("在任的留空"))
    selection_method = forms.ChoiceField(label=_("产生方式"), choices=SelectionMethod.choices)


class PositionEndForm(forms.Form):
    ended_on = forms.DateField(label=_("免职日期"), widget=DateInput())
    reason = forms.CharField(label=_("离任原因"), max_length=100, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PoolForm(OrgChoiceMixin, forms.Form):
    pool = forms.ChoiceField(label=_("类别"), choices=Pool.choices)
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("所在党组织"), queryset=Organization.objects.none()
    )
    entered_on = forms.DateField(label=_("入库日期"), widget=DateInput())
    specialty = forms.CharField(label=_("特长/专业"), max_length=100, required=False)


class PoolExitForm(forms.Form):
    exited_on = forms.DateField(label=_("出库日期"), widget=DateInput())
    reason = forms.CharField(label=_("出库原因"), max_length=100, required=False, help_text=_("如：已进入村“两委”班子"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TrainingForm(forms.Form):
    name = forms.CharField(label=_("培训名称"), max_length=100)
    kind = forms.ChoiceField(label=_("形式"), choices=TrainingKind.choices)
    category = forms.ChoiceField(label=_("培训类别"), choices=TrainingCategory.choices)
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    ended_on = forms.DateField(label=_("结束日期"), required=False, widget=DateInput())
    organizer = forms.CharField(label=_("主办单位"), max_length=100, required=False)
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
