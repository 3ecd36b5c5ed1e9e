"""The upload form of /ledgers/: which ledger, which workbook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wuji.ledgers import registry


class UploadForm(forms.Form):
    ledger = forms.ChoiceField(label=_("台账"), widget=forms.Select(attrs={"class": "form-select form-select-lg"}))
    workbook = forms.FileField(
        label=_("Excel 工作簿（.xlsx）"),
        help_text=_("按模板填写；标题行、序号列和多余的列都可以保留。含宏的 .xlsm 和旧版 .xls 请先另存为 .xlsx。"),
        widget=forms.ClearableFileInput(
            attrs={
                "class": "form-control form-control-lg",
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            }
        ),
    )

    def __init__(self, *args: Any, ledgers: list[registry.Ledger], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ledger"].choices = [(ledger.name, ledger.title) for ledger in ledgers]  # type: ignore[attr-defined]
