"""Forms of the 基本制度 pages: short, one purpose each, usable on a phone."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuji.core.viewkit import DateInput
from wuji.governance import rules
from wuji.governance.choices import ORG_DISCLOSURES, Channel, RuleKind, StepKind
from wuji.governance.models import ArchiveRecord, CollectiveAsset, Disclosure, FinanceArrangement, PerformanceRecord
from wuji.orgs.models import Organization
from wuji.people.models import Person

DOCUMENT_ACCEPT = ".pdf,.docx,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
IMAGE_ACCEPT = "image/jpeg,image/png"


class PersonChoiceField(forms.ModelChoiceField):
    """A person with their branch (two 张伟 in one township are told apart); never an ID number."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.org.name}）"


class OrgFieldMixin:
    """Forms with an `org` field offer only the orgs the user may record for."""

    def set_orgs(self, orgs: Any) -> None:
        field = self.fields["org"]  # type: ignore[attr-defined]
        field.queryset = orgs
        field.empty_label = _("请选择")
        if len(orgs) == 1:
            field.initial = orgs[0].pk
            field.empty_label = None


# ---- rules ---------------------------------------------------------------------------------


class RuleAdoptForm(OrgFieldMixin, forms.Form):
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("党组织"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(label=_("制度类别"), choices=RuleKind.choices)
    title = forms.CharField(label=_("制度名称"), max_length=100)
    effective_on = forms.DateField(
        label=_("施行日期"), widget=DateInput(), help_text=_("已有同类现行制度的，新版本自该日起替代旧版本")
    )
    text = forms.CharField(
        label=_("制度内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("填写制度全文，或上传制度文件，二者至少其一"),
    )
    upload = forms.FileField(
        label=_("制度文件"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
        help_text=_("PDF、Word（.docx）或照片（JPEG/PNG），10 MB 以内"),
    )


# ---- 五议五公开 ----------------------------------------------------------------------------


class MatterForm(OrgFieldMixin, forms.Form):
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("村（社区）党组织"), queryset=Organization.objects.none()
    )
    title = forms.CharField(label=_("事项名称"), max_length=100, help_text=_("如：修建村组道路"))
    description = forms.CharField(
        label=_("事项内容"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("事由、规模、资金来源等"),
    )


# Who "应到" counts at each meeting, said beside the number.
EXPECTED_HELP = {
    StepKind.BRANCH_PROPOSAL: _("支部委员（或全体党员）人数"),
    StepKind.TWO_COMMITTEES: _("村（居）“两委”成员人数"),
    StepKind.MEMBERS_MEETING: _("有表决权的党员人数"),
    StepKind.VILLAGERS_MEETING: _("村（居）民代表人数（或有选举权的村民人数）"),
}


class MatterStepForm(forms.Form):
    """One deliberation; a villager's proposal (step 1) has no meeting numbers."""

    held_on = forms.DateField(label=_("日期"), widget=DateInput())
    expected = forms.IntegerField(label=_("应到人数"), min_value=0, error_messages={"required": _("请填写应到人数")})
    present = forms.IntegerField(
        label=_("实到人数"),
        min_value=0,
        help_text=_("须超过应到人数的半数，会议方为有效"),
        error_messages={"required": _("请填写实到人数")},
    )
    votes_for = forms.IntegerField(
        label=_("同意票数"),
        min_value=0,
        help_text=_("超过实到人数的半数为通过；未通过的，事项停止"),
        error_messages={"required": _("请填写同意票数")},
    )
    votes_against = forms.IntegerField(
        label=_("反对票数"), min_value=0, error_messages={"required": _("请填写反对票数")}
    )
    abstentions = forms.IntegerField(label=_("弃权票数"), min_value=0, error_messages={"required": _("请填写弃权票数")})
    note = forms.CharField(label=_("意见/纪要"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, step: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.step = step
        if not rules.needs_vote(step):
            for name in rules.VOTE_FIELDS:
                del self.fields[name]
            self.fields["held_on"].label = _("建议提出日期")
            self.fields["note"].label = _("建议内容及提出人")
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = _("请填写建议内容")
        else:
            self.fields["held_on"].label = _("会议日期")
            self.fields["expected"].help_text = EXPECTED_HELP[StepKind(step)]
            for name in rules.VOTE_FIELDS:
                self.fields[name].widget.attrs.update({"inputmode": "numeric"})


class MatterDiscloseForm(forms.Form):
    published_on = forms.DateField(label=_("公开日期"), widget=DateInput())
    channel = forms.ChoiceField(label=_("公开方式"), choices=Channel.choices, initial=Channel.BOARD)
    content = forms.CharField(label=_("公开内容"), widget=forms.Textarea(attrs={"rows": 5}))
    photo = forms.FileField(
        label=_("公开照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("可选：公开栏等的照片，只接受 JPEG、PNG 图片"),
    )


class MatterAbandonForm(forms.Form):
    reason = forms.CharField(
        label=_("终止原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("请填写终止原因")},
    )
    on = forms.DateField(label=_("终止日期"), widget=DateInput())


# ---- 党务/村务 disclosures ----------------------------------------------------------------


class DisclosureForm(OrgFieldMixin, forms.ModelForm):
    photo_upload = forms.FileField(
        label=_("公开照片"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": IMAGE_ACCEPT}),
        help_text=_("可选，只接受 JPEG、PNG 图片；已有照片的，上传新照片即替换"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Disclosure
        fields = ["org", "kind", "title", "content", "channel"]
        widgets = {"content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_orgs(orgs)
        self.fields["kind"].choices = [(k.value, k.label) for k in ORG_DISCLOSURES]  # type: ignore[attr-defined]


class DisclosurePublishForm(forms.Form):
    published_on = forms.DateField(label=_("公开日期"), widget=DateInput())


# ---- registers -----------------------------------------------------------------------------


class PerformanceForm(forms.ModelForm):
    person = PersonChoiceField(label=_("党员干部"), queryset=Person.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = PerformanceRecord
        fields = ["person", "recorded_on", "content"]
        widgets = {"recorded_on": DateInput(), "content": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["person"].empty_label = _("请选择")  # type: ignore[attr-defined]


class ArchiveForm(OrgFieldMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ArchiveRecord
        fields = ["org", "category", "year", "title", "file_no", "location"]

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_orgs(orgs)
        self.fields["year"].widget.attrs.update({"min": 1949, "max": 2100, "inputmode": "numeric"})
        self.fields["file_no"].help_text = _("如：2010-组织-001")
        self.fields["location"].help_text = _("如：村委会档案柜第2格")

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not 1949 <= year <= 2100:
            raise forms.ValidationError(_("请填写四位年份"))
        return int(year)


class AssetForm(OrgFieldMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = CollectiveAsset
        fields = ["org", "kind", "description", "value", "recorded_on", "disposed_on"]
        widgets = {"recorded_on": DateInput(), "disposed_on": DateInput()}

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_orgs(orgs)
        self.fields["value"].widget.attrs.update({"inputmode": "decimal", "step": "0.01", "min": "0"})
        self.fields["disposed_on"].help_text = _("出售、报废、核销等的日期；仍在册的留空")


class FinanceForm(OrgFieldMixin, forms.ModelForm):
    township_managed = forms.TypedChoiceField(
        label=_("管理方式"),
        choices=[(True, _("村财乡管")), (False, _("村级自管"))],
        coerce=lambda value: value in {True, "True", "true", "1"},
        widget=forms.RadioSelect,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = FinanceArrangement
        fields = ["org", "township_managed", "started_on", "note"]
        widgets = {"started_on": DateInput()}

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_orgs(orgs)
        self.fields["started_on"].help_text = _("自该日起实行；改变管理方式的，新增一条记录")
