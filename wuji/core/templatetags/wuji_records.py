"""Cells of the generic record tables."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(obj: Any, accessor: str) -> Any:
    """Follow a dotted path; a choice field shows its label, a date reads YYYY-MM-DD, money has separators."""
    value: Any = obj
    parts = accessor.split(".")
    for index, part in enumerate(parts):
        if value is None:
            return "—"
        last = index == len(parts) - 1
        display = getattr(value, f"get_{part}_display", None) if last else None
        value = display() if callable(display) else getattr(value, part, None)
        if callable(value) and not isinstance(value, type):
            value = value()
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal):
        return number_format(value, decimal_pos=2, force_grouping=True)
    return value
