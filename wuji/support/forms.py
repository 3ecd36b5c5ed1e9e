"""Forms of the 基本保障 pages: short, large, phone-friendly. The services decide; these only collect."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import construct_instance
from django.utils.translation import gettext_lazy as _

from wuji.core.viewkit import DateInput
from wuji.people.models import Person
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
)
from wuji.support.selectors import Checklist
from wuji.support.services import Tick

IMAGE_ACCEPT = "image/jpeg,image/png"
MONEY_ATTRS = {"inputmode": "decimal", "min": "0", "step": "0.01"}


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A person with their org, so two people of one name can be told apart."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.org.name}）"


class RecordForm(forms.ModelForm):  # type: ignore[type-arg]
    """A record's fields with the version read, so a stale second save is refused.

    Whether the record is valid is the service's to say (see _post_clean).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, orgs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)
        if "org" in self.fields and orgs is not None:
            field = self.fields["org"]
            field.queryset = orgs  # type: ignore[attr-defined]
            if self.instance.pk is None and "org" not in self.initial and len(orgs) == 1:
                self.initial["org"] = orgs[0].pk
        for name, form_field in self.fields.items():
            if isinstance(form_field, forms.DateField):
                form_field.widget = DateInput()
            if isinstance(form_field, forms.DecimalField) and name != "area_m2":
                form_field.widget.attrs.update(MONEY_ATTRS)

    def _post_clean(self) -> None:
        """Only copy the values onto the record.

        The service validates the record whole (its rules, full_clean, uniqueness) with messages
        that name the village and year; validating here too would show Django's generic ones first.
        """
        try:
            self.instance = construct_instance(self, self.instance, self._meta.fields, self._meta.exclude)
        except ValidationError as exc:
            self._update_errors(exc)  # type: ignore[attr-defined]


class LeadingGroupForm(RecordForm):
    class Meta:
        model = LeadingGroup
        fields = ["org", "kind", "name", "established_on", "dissolved_on", "duties"]
        widgets = {"duties": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"dissolved_on": _("仍在运行的留空")}


class GroupMemberForm(RecordForm):
    person = PersonChoiceField(label=_("成员"), queryset=Person.objects.none())

    class Meta:
        model = LeadingGroupMember
        fields = ["person", "role", "duty", "started_on", "ended_on"]
        help_texts = {"ended_on": _("仍在小组的留空")}

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class EndForm(forms.Form):
    """The date a membership, an enrollment or a payment ended."""

    ended_on = forms.DateField(label=_("终止日期"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if label:
            self.fields["ended_on"].label = label


class FacilityForm(RecordForm):
    class Meta:
        model = Facility
        fields = ["org", "kind", "name", "area_m2", "opened_on", "closed_on", "note"]
        help_texts = {"closed_on": _("仍在使用的留空")}


class FacilityCheckForm(forms.Form):
    """One row per active "十有" item: in place or not, an optional photo and note."""

    checked_on = forms.DateField(label=_("检查日期"), widget=DateInput())

    def __init__(self, *args: Any, items: list[ChecklistItem], current: Checklist, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        was_present = {row.item.pk: row.present for row in current.rows}
        for item in items:
            self.fields[f"present_{item.pk}"] = forms.BooleanField(
                label=_("具备"), required=False, initial=was_present.get(item.pk, False)
            )
            self.fields[f"photo_{item.pk}"] = forms.FileField(
                label=_("照片"), required=False, widget=forms.FileInput(attrs={"accept": IMAGE_ACCEPT})
            )
            self.fields[f"note_{item.pk}"] = forms.CharField(label=_("说明"), required=False, max_length=200)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "item": item,
                "present": self[f"present_{item.pk}"],
                "photo": self[f"photo_{item.pk}"],
                "note": self[f"note_{item.pk}"],
            }
            for item in self.items
        ]

    def ticks(self) -> list[Tick]:
        data = self.cleaned_data
        return [
            Tick(
                item=item,
                present=bool(data.get(f"present_{item.pk}")),
                photo=data.get(f"photo_{item.pk}") or None,
                note=data.get(f"note_{item.pk}") or "",
            )
            for item in self.items
        ]


class SiteForm(RecordForm):
    class Meta:
        model = RemoteEducationSite
        fields = ["org", "name", "equipment", "established_on", "closed_on"]
        help_texts = {"equipment": _("如：电视机、DVD、卫星接收设备、电脑"), "closed_on": _("仍在使用的留空")}


class SiteInspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("检查日期"), widget=DateInput())
    working = forms.TypedChoiceField(
        label=_("能否正常运行"),
        choices=[("yes", _("能正常运行")), ("no", _("不能正常运行"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("情况说明"), required=False, max_length=200, help_text=_("不能正常运行时必填：如设备损坏、无信号")
    )


class IncomeForm(RecordForm):
    class Meta:
        model = CollectiveIncome
        fields = ["org", "year", "total", "operating", "note"]
        help_texts = {"operating": _("经营性收入是集体经济收入的一部分，不能大于总收入")}
        widgets = {"year": forms.NumberInput(attrs={"inputmode": "numeric"})}


class FundingForm(RecordForm):
    class Meta:
        model = Funding
        fields = ["org", "year", "kind", "amount", "note"]
        widgets = {"year": forms.NumberInput(attrs={"inputmode": "numeric"})}


class CadreRecordForm(RecordForm):
    """A village cadre's record: who (with their org), in which village."""

    person = PersonChoiceField(label=_("村干部"), queryset=Person.objects.none())

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class PensionForm(CadreRecordForm):
    class Meta:
        model = PensionEnrollment
        fields = ["org", "person", "scheme", "enrolled_on", "ended_on"]
        help_texts = {"person": _("在本村担任或担任过村干部职务的人员"), "ended_on": _("仍在参保的留空")}


class SubsidyForm(CadreRecordForm):
    person = PersonChoiceField(
        label=_("离任村干部"),
        queryset=Person.objects.none(),
        help_text=_("担任过本村党支部书记或村（居）委会主任、已离任的人员；任职年限由职务记录自动计算"),
    )

    class Meta:
        model = RetirementSubsidy
        fields = ["org", "person", "started_on", "ended_on", "monthly_amount"]
        help_texts = {"ended_on": _("仍在发放的留空")}


class ChecklistItemForm(RecordForm):
    class Meta:
        model = ChecklistItem
        fields = ["name", "order", "active"]
        help_texts = {
            "order": _("数字小的排在前面"),
            "active": _("停用的项目不再计入各活动室的“十有”和考评；已有的检查记录保留"),
        }
