"""Many audit rows at once: what auditlog would store, sealed into the chain, inserted in one statement.

A bulk write (the ledger import's new people) records the same LogEntry rows the per-row
services write — one per created record, with the same `changes`, `object_repr`, actor and
correlation id — but builds them as plain column values instead of model instances and
inserts them in one statement, in id order (`executemany` on SQLite, `COPY` on PostgreSQL).
Each row is linked into the audit hash chain (`wuji.audit.chain`) before it is inserted,
exactly as `chain.seal_logentry` links a single entry, so `verify_audit` reads no difference
between the two paths.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import _set_extra_data, auditlog_value
from auditlog.models import LogEntry
from django.db import connection, models
from django.utils import timezone

from wuji.audit import chain

# Set for each row by the caller; every other column comes from the call's context (actor,
# address, correlation id) or the column's default.
ROW_FIELDS = frozenset(
    {
        "content_type_id",
        "object_pk",
        "object_id",
        "object_repr",
        "serialized_data",
        "action",
        "changes_text",
        "changes",
        "timestamp",
        "additional_data",
    }
)


@cache
def _columns() -> tuple[models.Field[Any, Any], ...]:
    return tuple(f for f in LogEntry._meta.concrete_fields if not f.primary_key)


@cache
def _insert_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    columns = _columns()
    names = ", ".join(quote(str(f.column)) for f in columns)
    marks = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {quote(LogEntry._meta.db_table)} ({names}) VALUES ({marks})"


def _adapter(field: models.Field[Any, Any]) -> Any:
    """How a column's value goes to the database: what `field.get_db_prep_save` does for the values an
    audit row holds (JSON, an aware date-time, an address), without its generic steps; None for a
    plain value passed as it is."""
    ops = connection.ops
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else ops.adapt_json_value(value, encoder)
    if isinstance(field, models.DateTimeField):
        return lambda value: None if value is None else ops.adapt_datetimefield_value(value)
    if isinstance(field, models.GenericIPAddressField):
        return lambda value: ops.adapt_ipaddressfield_value(field.get_prep_value(value))
    return None


def context_values() -> dict[str, Any]:
    """The columns auditlog's pre_save receiver fills from the current actor context, with the call's cid."""
    template = LogEntry(cid=get_cid())
    try:
        context = auditlog_value.get()
    except LookupError:
        context = None
    if context and "signal_duid" in context:
        _set_extra_data(LogEntry, template, signal_duid=context["signal_duid"])
    return {f.attname: getattr(template, f.attname) for f in _columns() if f.attname not in ROW_FIELDS}


def new_row(instance: models.Model, action: int, changes: dict[str, Any], *, content_type_id: int) -> dict[str, Any]:
    """The per-row columns of the entry `LogEntry.objects.log_create` would make for `instance`."""
    pk = instance.pk
    additional = None
    get_additional_data = getattr(instance, "get_additional_data", None)
    if callable(get_additional_data):
        additional = get_additional_data()
    return {
        "content_type_id": content_type_id,
        "object_pk": str(pk),
        "object_id": pk if isinstance(pk, int) else None,
        "object_repr": str(instance),
        "serialized_data": None,
        "action": action,
        "changes_text": "",
        "changes": changes,
        "timestamp": timezone.now(),
        "additional_data": additional,
    }


def write(rows: Iterable[dict[str, Any]]) -> int:
    """Complete the rows from the context, seal them and insert them (in the caller's transaction)."""
    extra = context_values()
    complete = [{**extra, **row} for row in rows]
    if not complete:
        return 0
    chain.seal_logentry_rows(complete)
    columns = _columns()
    adapters = [(f.attname, _adapter(f)) for f in columns]
    params = [[row[name] if adapt is None else adapt(row[name]) for name, adapt in adapters] for row in complete]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: one stream instead of a statement per row
            quote = connection.ops.quote_name
            names = ", ".join(quote(str(f.column)) for f in columns)
            with cursor.cursor.copy(f"COPY {quote(LogEntry._meta.db_table)} ({names}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
        else:
            cursor.executemany(_insert_sql(connection.vendor), params)
    return len(complete)
