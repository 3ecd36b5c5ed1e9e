"""Revealing a full ID number (and phone): a permitted role, a stated reason, one audited showing.

Everyone sees numbers masked by default. A user whose role may see personal data
(`can_see_personal_data`) posts a reason; the page then shows the full numbers once, and the
security event `reveal` records who, from where, whose and why.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuji.audit.events import record_event
from wuji.core.scoping import can_see_personal_data


class RevealForm(forms.Form):
    reveal_reason = forms.CharField(
        label=gettext_lazy("查看事由"),
        min_length=2,
        max_length=200,
        help_text=gettext_lazy("查看完整号码将记入审计日志"),
        error_messages={"required": gettext_lazy("请填写查看事由"), "min_length": gettext_lazy("请写明查看事由")},
    )


def reveal(request: HttpRequest, obj: Model, *, fields: list[str]) -> tuple[RevealForm | None, bool]:
    """(the form to show or None, whether to show the full numbers now).

    A POST from a role that may not see personal data is refused (403, itself audited).
    """
    if not can_see_personal_data(request.user):
        if request.method == "POST":
            raise PermissionDenied(_("您无权查看完整号码"))
        return None, False
    if request.method != "POST":
        return RevealForm(), False
    form = RevealForm(request.POST)
    if not form.is_valid():
        return form, False
    record_event(
        action="reveal",
        request=request,
        obj=obj,
        detail={"reason": form.cleaned_data["reveal_reason"].strip(), "fields": fields},
    )
    return None, True
