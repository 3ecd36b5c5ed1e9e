"""The audit trail as a person reads it: field names in Chinese, choices and links resolved.

Related records are looked up in one query per related model for the whole
page, never one per row.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class EntryRow:
    entry: LogEntry
    changes: list[Change]


def _text(value: Any) -> str:
    return "—" if value in (None, "", "None") else str(value)


def entry_rows(entries: list[LogEntry]) -> list[EntryRow]:
    wanted: dict[type[models.Model], set[str]] = defaultdict(set)
    parsed: list[tuple[LogEntry, type[models.Model] | None, dict[str, Any]]] = []
    for entry in entries:
        model = entry.content_type.model_class()
        changes = entry.changes_dict or {}
        parsed.append((entry, model, changes))
        if model is None:
            continue
        for name, values in changes.items():
            field = _field(model, name)
            if isinstance(field, models.ForeignKey) and isinstance(values, list | tuple):
                wanted[field.related_model].update(str(v) for v in values if v not in (None, "None", ""))  # type: ignore[index]
    names: dict[tuple[type[models.Model], str], str] = {}
    for related, pks in wanted.items():
        for obj in related._default_manager.filter(pk__in=[p for p in pks if p.isdigit()]):
            names[(related, str(obj.pk))] = str(obj)
    rows = []
    for entry, model, changes in parsed:
        rows.append(EntryRow(entry, [_change(model, name, values, names) for name, values in changes.items()]))
    return rows


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _change(model: type[models.Model] | None, name: str, values: Any, names: dict[Any, str]) -> Change:
    field = _field(model, name) if model is not None else None
    label = str(getattr(field, "verbose_name", name)) if field is not None else name
    if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": "add", "objects": [...]}
        raw = str(values.get("operation", ""))
        operation = {"add": _("增加"), "delete": _("移除")}.get(raw, raw)
        return Change(label, operation, "、".join(str(o) for o in values.get("objects", [])))
    old, new = (list(values) + ["", ""])[:2] if isinstance(values, list | tuple) else ("", values)
    choices = dict(field.choices) if field is not None and getattr(field, "choices", None) else None
    if choices:
        return Change(label, _text(choices.get(old, old)), _text(choices.get(new, new)))  # type: ignore[arg-type]
    if isinstance(field, models.ForeignKey):
        related = field.related_model
        return Change(label, _text(names.get((related, str(old)), old)), _text(names.get((related, str(new)), new)))
    return Change(label, _text(old), _text(new))
