"""Forms of the 基本组织 pages: short, large, one purpose each."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuji.core.viewkit import DateInput
from wuji.orgs.choices import Category, MassOrgKind, OrgKind, UnitKind, WeakSource, WeakStatus
from wuji.orgs.models import Organization


class OrgForm(forms.Form):
    name = forms.CharField(label=_("组织名称"), max_length=100)
    code = forms.CharField(label=_("组织代码"), max_length=32, help_text=_("全县唯一，如 FJY-V01"))
    kind = forms.ChoiceField(label=_("组织类型"), choices=OrgKind.choices, initial=OrgKind.BRANCH)
    category = forms.ChoiceField(
        label=_("组织类别"), choices=[("", _("（党委可不选）")), *Category.choices], required=False
    )
    founded_on = forms.DateField(label=_("成立日期"), required=False, widget=DateInput())
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class OrgMoveForm(forms.Form):
    new_parent: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("新的上级组织"), queryset=Organization.objects.none()
    )

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_parent"].queryset = parents  # type: ignore[attr-defined]


class OrgDissolveForm(forms.Form):
    dissolved_on = forms.DateField(label=_("撤销日期"), widget=DateInput())
    reason = forms.CharField(label=_("撤销原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}))


class UnitForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=100)
    kind = forms.ChoiceField(label=_("单位类型"), choices=UnitKind.choices)
    covered_by: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("覆盖党组织"),
        queryset=Organization.objects.none(),
        required=False,
        help_text=_("尚未建立党组织的单位留空，它会出现在乡党委的缺项中"),
    )
    established_on = forms.DateField(label=_("设立日期"), required=False, widget=DateInput())
    closed_on = forms.DateField(label=_("撤销日期"), required=False, widget=DateInput())
    note = forms.CharField(label=_("备注"), max_length=200, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covered_by"].queryset = orgs  # type: ignore[attr-defined]


class MassOrgForm(forms.Form):
    kind = forms.ChoiceField(label=_("群团组织类型"), choices=MassOrgKind.choices)
    name = forms.CharField(label=_("名称"), max_length=100, required=False, help_text=_("可不填，默认为“单位名+类型”"))
    leader_name = forms.CharField(label=_("负责人"), max_length=50, required=False)
    founded_on = forms.DateField(label=_("成立日期"), required=False, widget=DateInput())
    dissolved_on = forms.DateField(label=_("撤销日期"), required=False, widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class WeakFlagForm(forms.Form):
    source = forms.ChoiceField(label=_("来源"), choices=WeakSource.choices)
    reason = forms.CharField(label=_("软弱涣散表现"), widget=forms.Textarea(attrs={"rows": 3}))
    flagged_on = forms.DateField(label=_("认定日期"), widget=DateInput())
    status = forms.ChoiceField(label=_("整顿状态"), choices=WeakStatus.choices)
    measures = forms.CharField(label=_("整顿措施"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    closed_on = forms.DateField(label=_("转化/销号日期"), required=False, widget=DateInput())
    close_note = forms.CharField(label=_("转化情况"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
