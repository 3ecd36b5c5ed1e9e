"""Forms of the 基本活动 pages: short, large, usable on a phone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wuji.activities.choices import AbsenceReason
from wuji.activities.models import (
    ActivityType,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.activities.rules import BACKFILL_AFTER_DAYS, is_back_entry
from wuji.activities.services import Presence
from wuji.core.models import Attachment
from wuji.core.uploads import DOCUMENTS, check_upload
from wuji.core.viewkit import AttachmentRemovalField, DateInput, offer_removal
from wuji.orgs.models import Organization
from wuji.people.models import Person

ACCEPT = ",".join(
    [
        "image/jpeg",
        "image/png",
        "application/pdf",
        ".pdf",
        ".docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
)
HONOR_TITLES = ["三级联创先进村", "五好基层党组织", "先进基层党组织", "红旗党支部", "创先争优先进集体"]


class MultipleFileInput(forms.ClearableFileInput):
    """A file input that takes several files (Django 5.2 docs, "Uploading multiple files")."""

    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single_file_clean = super().clean
        if isinstance(data, list | tuple):
            result = [single_file_clean(d, initial) for d in data]
        else:
            result = [single_file_clean(data, initial)]
        return [f for f in result if f]


class GroupedSelect(forms.Select):
    """A select drawn by Django itself (with its <optgroup>s): the form partial flattens groups."""


def model_field(form: forms.BaseForm, name: str) -> forms.ModelChoiceField[Any]:
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def backfill_help(day: dt.date | None, entered: dt.date) -> str:
    """What the 补录原因 field says: required only for an activity entered more than N days after it."""
    if day is not None and is_back_entry(day, entered):
        return gettext("该活动登记时已过去 %(days)s 天，属于补录：必须填写补录原因（如“线下召开，会后补录”）。") % {
            "days": (entered - day).days
        }
    return gettext("活动日期在 %(days)s 天以前的属于补录，须填写原因；按时登记的不用填。") % {
        "days": BACKFILL_AFTER_DAYS
    }


def type_choices(types: Iterable[tuple[ActivityType, int]]) -> list[tuple[Any, str]]:
    """Types indented under their parent (a full-width space survives the browser's whitespace trimming)."""
    return [("", "---------")] + [(t.pk, "\u3000" * depth + ("└ " if depth else "") + t.name) for t, depth in types]


class ActivityForm(forms.Form):
    """The facts of an activity; who attended is the AttendanceForm beside it."""

    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("党组织"), queryset=Organization.objects.none()
    )
    type: forms.ModelChoiceField[ActivityType] = forms.ModelChoiceField(
        label=_("活动类型"), queryset=ActivityType.objects.all()
    )
    held_on = forms.DateField(label=_("活动日期"), widget=DateInput())
    backfill_reason = forms.CharField(label=_("补录原因"), max_length=200, required=False)
    topic = forms.CharField(label=_("主题"), max_length=200)
    place = forms.CharField(label=_("地点"), max_length=100, required=False)
    paired_org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("结对党组织（联合活动）"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("（不是联合活动）"),
        help_text=_("只列出活动当天与本组织结对帮扶的党组织；联合活动同时计入双方。"),
    )
    minutes = forms.CharField(label=_("内容纪要"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    attachments = MultipleFileField(
        label=_("照片或附件"),
        required=False,
        help_text=_("可一次选多张照片，或 PDF、Word（.docx）文件；每个文件不超过 %(mb)s MB。"),
    )
    remove_attachments = AttachmentRemovalField(help_text=_("勾选上传错了的文件，保存后即删除（操作日志记下文件名）。"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        orgs: Sequence[Organization],
        types: Iterable[tuple[ActivityType, int]],
        paired: Any,
        today: dt.date,
        entered: dt.date,
        day: dt.date | None,
        rows_url: str,
        org_fixed: bool = False,
        existing: Sequence[Attachment] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        offer_removal(self, existing)
        model_field(self, "org").queryset = Organization.objects.filter(pk__in=[o.pk for o in orgs]).order_by("path")
        type_list = list(types)
        model_field(self, "type").queryset = ActivityType.objects.filter(pk__in=[t.pk for t, _ in type_list])
        model_field(self, "type").choices = type_choices(type_list)
        model_field(self, "paired_org").queryset = paired
        self.fields["attachments"].widget.attrs.update({"accept": ACCEPT, "class": "form-control form-control-lg"})
        from django.conf import settings

        mb = settings.WUJI_UPLOAD_MAX_BYTES // (1024 * 1024)
        self.fields["attachments"].help_text = self.fields["attachments"].help_text % {"mb": mb}
        self.fields["backfill_reason"].help_text = backfill_help(day, entered)
        self.fields["held_on"].widget.attrs["max"] = today.isoformat()
        # Changing the org or the date redraws the attendance list (and the pairing choices) for them.
        refresh = {
            "hx-get": rows_url,
            "hx-target": "#attendance",
            "hx-include": "#id_org, #id_held_on",
            "hx-trigger": "change",
        }
        self.fields["held_on"].widget.attrs.update(refresh)
        if org_fixed:
            self.fields["org"].disabled = True
            self.fields["org"].help_text = _("已登记的活动不能改到另一个党组织；如登记错了，请删除后重新登记。")
        else:
            self.fields["org"].widget.attrs.update(refresh)

    def clean_attachments(self) -> list[Any]:
        files = self.cleaned_data["attachments"]
        errors = []
        for upload in files:
            try:
                check_upload(upload, allowed=DOCUMENTS)
            except ValidationError as exc:
                errors.append(f"{upload.name}：{'；'.join(exc.messages)}")
        if errors:
            raise ValidationError(errors)
        return files  # type: ignore[no-any-return]


class AttendanceForm(forms.Form):
    """One row per expected person: 出席 (ticked by default) or the reason they were absent."""

    listed = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        people: Sequence[Person],
        recorded: dict[int, tuple[bool, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = list(people)
        recorded = recorded or {}
        self.initial["listed"] = self.listed_value
        reasons = [("", _("缺席原因…")), *AbsenceReason.choices]
        for person in self.people:
            present, reason = recorded.get(person.pk, (True, ""))
            self.fields[f"present_{person.pk}"] = forms.BooleanField(label=_("出席"), required=False, initial=present)
            self.fields[f"reason_{person.pk}"] = forms.ChoiceField(
                label=_("缺席原因"), choices=reasons, required=False, initial=reason
            )
            self.fields[f"reason_{person.pk}"].widget.attrs.update(
                {"class": "form-select", "aria-label": gettext("%(name)s缺席原因") % {"name": person.name}}
            )
            self.fields[f"present_{person.pk}"].widget.attrs.update({"class": "form-check-input"})
        self.presence: list[Presence] = []

    @property
    def listed_value(self) -> str:
        return ",".join(str(p.pk) for p in self.people)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"person": p, "present": self[f"present_{p.pk}"], "reason": self[f"reason_{p.pk}"]} for p in self.people
        ]

    @property
    def expected(self) -> int:
        return len(self.people)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        shown_ids = {x for x in (data.get("listed") or "").split(",") if x}
        if self.is_bound and shown_ids != {str(p.pk) for p in self.people}:
            # The org or date changed since the list was drawn: show the new list before saving.
            fresh = cast(QueryDict, self.data).copy()
            fresh["listed"] = self.listed_value
            for person in self.people:
                if str(person.pk) not in shown_ids:
                    fresh[f"present_{person.pk}"] = "on"  # a newly listed person starts as present
            self.data = fresh
            raise ValidationError(
                gettext("应到人员名单已按所选党组织和日期更新，请核对每个人的出席情况后再保存。"), code="stale"
            )
        if not self.people:
            raise ValidationError(gettext("该党组织在活动当天没有党员，无法登记出席情况。"))
        presence = []
        for person in self.people:
            present = bool(data.get(f"present_{person.pk}"))
            reason = data.get(f"reason_{person.pk}") or ""
            if not present and not reason:
                self.add_error(f"reason_{person.pk}", gettext("请选择%(name)s的缺席原因") % {"name": person.name})
            elif present and reason:
                self.add_error(
                    f"reason_{person.pk}",
                    gettext("%(name)s已勾选出席，又选了缺席原因：出席的请不选原因，缺席的请取消勾选")
                    % {"name": person.name},
                )
            presence.append(Presence(person=person, present=present, absence_reason="" if present else reason))
        self.presence = presence
        return data


# ---------------------------------------------------------------- member-year records


def person_choices(people: Iterable[Person]) -> list[tuple[Any, Any]]:
    """People grouped by org (<optgroup>), each group in name order."""
    groups = [(org.name, [(p.pk, p.name) for p in members]) for org, members in groupby(people, key=lambda p: p.org)]
    if len(groups) == 1:
        return [("", "---------"), *groups[0][1]]
    return [("", "---------"), *groups]


class _PersonRecordForm(forms.ModelForm):
    """A record of one member: the person select lists the members of the orgs the user writes for."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, people: Sequence[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        ids = [p.pk for p in people]
        instance_person = getattr(self.instance, "person_id", None)
        if instance_person and instance_person not in ids:
            ids.append(instance_person)  # an old record of someone who has since left stays editable
        field.queryset = Person.objects.filter(pk__in=ids)  # type: ignore[attr-defined]
        field.choices = person_choices(people)  # type: ignore[attr-defined]
        if instance_person and instance_person not in {p.pk for p in people}:
            field.choices = [*field.choices, (instance_person, str(self.instance.person))]  # type: ignore[attr-defined]
        field.widget = GroupedSelect(attrs={"class": "form-select form-select-lg"}, choices=field.choices)  # type: ignore[attr-defined]
        field.label = _("党员")
        field.help_text = _("按党组织分组，只列出您可以登记的党组织的党员")

    def clean(self) -> dict[str, Any]:
        # The org is the person's own org (the service checks it); set before the model validates.
        data = super().clean() or {}
        person = data.get("person")
        if person is not None:
            self.instance.org = person.org
        return data


class DutyPostForm(_PersonRecordForm):
    class Meta:
        model = DutyPost
        fields = ["person", "year", "post", "duty"]
        widgets = {"duty": forms.Textarea(attrs={"rows": 3})}
        labels = {"year": _("年度"), "post": _("岗位"), "duty": _("职责")}
        help_texts = {"post": _("如：政策宣传岗、矛盾调解岗、环境卫生监督岗")}


class PledgeForm(_PersonRecordForm):
    class Meta:
        model = Pledge
        fields = ["person", "year", "content", "result", "result_note"]
        widgets = {"content": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "year": _("年度"),
            "content": _("承诺内容"),
            "result": _("兑现情况"),
            "result_note": _("评议说明"),
        }


class ProsperityForm(_PersonRecordForm):
    class Meta:
        model = ProsperityPlanEntry
        fields = ["person", "year", "project", "is_model", "note"]
        labels = {
            "year": _("年度"),
            "project": _("创业致富项目"),
            "is_model": _("评为创业致富标兵"),
            "note": _("成效"),
        }
        help_texts = {"project": _("如：茶叶种植、生猪养殖、农家乐")}


class ReviewForm(_PersonRecordForm):
    class Meta:
        model = PartySpiritReview
        fields = ["person", "reviewed_on", "outcome", "note"]
        widgets = {"reviewed_on": DateInput()}
        labels = {"reviewed_on": _("分析日期"), "outcome": _("分析结果"), "note": _("主要问题及整改")}


class PairingForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Pairing
        fields = ["organ_org", "village_org", "started_on", "ended_on", "goals"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput(), "goals": forms.Textarea(attrs={"rows": 3})}
        labels = {
            "organ_org": _("机关党组织"),
            "village_org": _("村（社区）党组织"),
            "started_on": _("结对日期"),
            "ended_on": _("结束日期"),
            "goals": _("帮扶目标"),
        }
        help_texts = {"ended_on": _("仍在结对的留空")}

    def __init__(self, *args: Any, organs: Any, villages: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organ_org"].queryset = organs  # type: ignore[attr-defined]
        self.fields["village_org"].queryset = villages  # type: ignore[attr-defined]


class HonorForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Honor
        fields = ["org", "title", "year", "level", "awarded_by"]
        labels = {
            "org": _("党组织"),
            "title": _("荣誉称号"),
            "year": _("年度"),
            "level": _("级别"),
            "awarded_by": _("授予单位"),
        }
        help_texts = {
            "title": _("如：三级联创先进村、五好基层党组织"),
            "awarded_by": _("如：中共五峰土家族自治县委员会"),
        }

    def __init__(self, *args: Any, orgs: Sequence[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in orgs]
        ).order_by("path")
        self.fields["title"].widget.attrs["list"] = "honor-titles"
