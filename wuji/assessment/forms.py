"""Forms of the assessment pages: short, large, usable on a phone. The services do the checking that matters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from wuji.assessment.models import Assessment
from wuji.core.viewkit import DateInput


class AssessmentCreateForm(forms.Form):
    kind = forms.ChoiceField(label=_("考评类别"), choices=Assessment.Kind.choices, widget=forms.RadioSelect)
    as_of = forms.DateField(
        label=_("考评截止日期"),
        widget=DateInput(),
        help_text=_("各项指标按该日的数据计算；考评期从当年1月1日起。"),
    )


class ManualScoreForm(forms.Form):
    """An inspector's score of one manual indicator for one org (or the ticks of a checklist)."""

    value = forms.DecimalField(label=_("评定分值"), min_value=Decimal(0), decimal_places=2, max_digits=8)
    ticked = forms.MultipleChoiceField(label=_("具备的项目"), required=False, widget=forms.CheckboxSelectMultiple)
    reason = forms.CharField(
        label=_("评定理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("写明查看了什么、依据是什么。"),
    )

    def __init__(self, *args: Any, upper: Decimal, checklist: tuple[str, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checklist = checklist
        self.fields["reason"].widget.attrs.update({"class": "form-control", "rows": 1})
        if checklist:
            del self.fields["value"]
            ticked = self.fields["ticked"]
            assert isinstance(ticked, forms.MultipleChoiceField)
            ticked.choices = [(str(i), item) for i, item in enumerate(checklist)]
        else:
            del self.fields["ticked"]
            value = self.fields["value"]
            assert isinstance(value, forms.DecimalField)
            value.validators.append(MaxValueValidator(upper))
            value.widget.attrs.update(
                {"min": "0", "max": str(upper), "step": "0.5", "inputmode": "decimal", "class": "form-control"}
            )
            value.help_text = _("0至%(upper)s分") % {"upper": upper.normalize()}

    def score(self) -> Decimal:
        """The value for the service: the points, or the share (0–1) of the checklist ticked."""
        if self.checklist:
            return (Decimal(len(self.cleaned_data["ticked"])) / len(self.checklist)).quantize(Decimal("0.01"))
        return Decimal(self.cleaned_data["value"])


class OverrideForm(forms.Form):
    """An override of a computed value: the computed value is kept and shown beside it."""

    org = forms.TypedChoiceField(label=_("党组织"), coerce=int)
    indicator = forms.ChoiceField(label=_("指标"))
    value = forms.DecimalField(
        label=_("调整后的数值"),
        min_value=Decimal(0),
        decimal_places=2,
        max_digits=14,
        help_text=_("按该指标的单位填写（如名、次、%）；是否类指标填1（是）或0（否）。"),
    )
    reason = forms.CharField(
        label=_("调整理由"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("例如：已公示待入库的人员、系统外已核实的材料。"),
    )

    def __init__(
        self, *args: Any, orgs: list[tuple[int, str]], indicators: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", "——")] + [(str(pk), name) for pk, name in orgs]  # type: ignore[attr-defined]
        self.fields["indicator"].choices = [("", "——"), *indicators]  # type: ignore[attr-defined]
