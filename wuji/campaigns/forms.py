"""Forms of the campaign pages: short, large, usable on a phone. The services do the checking that matters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuji.campaigns.choices import RewardKind, TaskStatus
from wuji.core.models import Attachment
from wuji.core.viewkit import AttachmentRemovalField, DateInput, offer_removal
from wuji.orgs.models import Organization


class TaskForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), choices=TaskStatus.choices, widget=forms.RadioSelect)
    done_on = forms.DateField(label=_("完成日期"), required=False, widget=DateInput(), help_text=_("已完成时填写"))
    owner_name = forms.CharField(label=_("责任人"), max_length=50, required=False)
    deadline = forms.DateField(label=_("完成时限"), widget=DateInput())
    note = forms.CharField(label=_("完成情况"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(
        label=_("附件"), required=False, help_text=_("会议通知、简报、照片等（PDF、Word、JPEG、PNG）")
    )
    remove_attachments = AttachmentRemovalField(help_text=_("勾选上传错了的文件，保存后即删除（操作日志记下文件名）。"))
    version = forms.IntegerField(widget=forms.HiddenInput())

    def __init__(self, *args: Any, existing: Sequence[Attachment] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        offer_removal(self, existing)


class BaselineForm(forms.Form):
    as_of = forms.DateField(
        label=_("摸底截止日期"), widget=DateInput(), help_text=_("各项指标按该日的数据计算，一般为调查研究阶段末。")
    )


class PlannedDateForm(forms.Form):
    planned_on = forms.DateField(label=_("计划完成日期"), widget=DateInput())
    version = forms.IntegerField(widget=forms.HiddenInput())


class RewardForm(forms.Form):
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        label=_("党组织"), queryset=Organization.objects.none()
    )
    kind = forms.ChoiceField(label=_("类别"), choices=RewardKind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=_("奖惩内容"), max_length=100, help_text=_("如：先进党支部、通报批评"))
    reason = forms.CharField(label=_("事由"), widget=forms.Textarea(attrs={"rows": 2}))
    decided_on = forms.DateField(label=_("决定日期"), widget=DateInput())

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = orgs


class FilingForm(forms.Form):
    filed_on = forms.DateField(label=_("备案日期"), widget=DateInput())
    recipient = forms.CharField(label=_("报送单位"), max_length=100, initial=_("县委组织部"))
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
