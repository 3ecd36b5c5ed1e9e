"""The hash chains of the audit trail.

Two chains, each in id order: the data changes (auditlog's LogEntry; the link is kept in
`additional_data["_chain"]`) and the security events (SecurityEvent.prev_hash / row_hash).
Each link is HMAC-SHA256(key, previous link + the row's canonical content). The key
(WUJI_AUDIT_CHAIN_KEY, by default the blind-index key) is not in the database, so whoever edits
rows with raw SQL can neither hide the edit nor recompute the chain after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from auditlog.context import _set_extra_data, auditlog_value
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection, models
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver

from wuji.audit.models import AuditImmutableError, SecurityEvent

CHAIN_KEY = "_chain"
GENESIS = "0" * 64
LOGENTRY_FIELDS = (
    "content_type",
    "object_pk",
    "object_id",
    "object_repr",
    "serialized_data",
    "action",
    "changes_text",
    "changes",
    "actor",
    "cid",
    "remote_addr",
    "remote_port",
    "timestamp",
    "additional_data",
    "actor_email",
)
EVENT_FIELDS = [
    "timestamp",
    "actor",
    "actor_username",
    "remote_addr",
    "action",
    "object_type",
    "object_pk",
    "object_repr",
    "outcome",
    "path",
    "detail",
    "prev_hash",
]
_LOCK_IDS = {"logentry": 7310001, "event": 7310002}


def chain_key() -> bytes:
    key = getattr(settings, "WUJI_AUDIT_CHAIN_KEY", "") or settings.WUJI_INDEX_KEY
    return hashlib.sha256(b"wuji-audit-chain:" + str(key).encode()).digest()


def _value(field: models.Field[Any, Any], value: Any) -> Any:
    """The value as it reads back from either database (so a digest made before INSERT still matches)."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.DateTimeField):
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return field.to_python(field.get_prep_value(value))


@cache
def _fields(model: type[models.Model], names: tuple[str, ...]) -> tuple[tuple[str, Any, str, type | None], ...]:
    """(name, field, attname, plain): a value of the plain type reads back unchanged from the field."""
    found = []
    for name in names:
        field = model._meta.get_field(name)
        plain: type | None = None
        if isinstance(field, models.CharField | models.TextField):
            plain = str
        elif isinstance(field, models.IntegerField | models.ForeignKey) and not field.choices:
            plain = int
        found.append((name, field, field.attname, plain))  # type: ignore[union-attr]
    return tuple(found)


def canonical_values(model: type[models.Model], values: Mapping[str, Any], names: list[str] | tuple[str, ...]) -> bytes:
    """The canonical content of a row given as column values by attname (see `canonical`)."""
    data: dict[str, Any] = {}
    for name, field, attname, plain in _fields(model, names if isinstance(names, tuple) else tuple(names)):
        value = values[attname]
        if value is not None and type(value) is not plain:
            value = _value(field, value)
        if name == "additional_data" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != CHAIN_KEY} or None
        data[name] = value
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def canonical(obj: models.Model, names: list[str] | tuple[str, ...]) -> bytes:
    """What a row's link covers: its fields as they read back from either database, as sorted JSON."""
    return canonical_values(type(obj), _AttributeReader(obj), names)


class _Override(Mapping[str, Any]):
    """A row's values with its additional_data replaced."""

    def __init__(self, values: Mapping[str, Any], additional: Any) -> None:
        self._base, self._additional = values, additional

    def __getitem__(self, attname: str) -> Any:
        return self._additional if attname == "additional_data" else self._base[attname]

    def __iter__(self) -> Iterator[str]:
        return iter(self._base)

    def __len__(self) -> int:
        return len(self._base)


class _AttributeReader(Mapping[str, Any]):
    def __init__(self, obj: models.Model) -> None:
        self.obj = obj

    def __getitem__(self, attname: str) -> Any:
        return getattr(self.obj, attname)

    def __iter__(self) -> Iterator[str]:
        return iter(f.attname for f in self.obj._meta.concrete_fields)

    def __len__(self) -> int:
        return len(self.obj._meta.concrete_fields)


def link(prev: str, payload: bytes, *, key: bytes | None = None) -> str:
    return hmac.new(key or chain_key(), prev.encode() + b"\n" + payload, hashlib.sha256).hexdigest()


def lock(kind: str) -> None:
    """Serialise writers of one chain (PostgreSQL; SQLite's IMMEDIATE transactions already do)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_IDS[kind]])


def _logentry_hash(additional: Any) -> str | None:
    if isinstance(additional, dict):
        chain = additional.get(CHAIN_KEY)
        if isinstance(chain, dict):
            value = chain.get("hash")
            return value if isinstance(value, str) else None
    return None


def last_logentry_hash(*, lock_first: bool = False) -> str:
    """The link of the newest row; `lock_first` takes the chain's writer lock before reading it."""
    if lock_first:
        lock("logentry")
    additional = LogEntry.objects.order_by("-id").values_list("additional_data", flat=True).first()
    return _logentry_hash(additional) or GENESIS


def seal_logentry(entry: LogEntry) -> None:
    values = _AttributeReader(entry)
    entry.additional_data = _link_logentry(last_logentry_hash(lock_first=True), values, chain_key())[0]


def seal_logentry_rows(rows: list[dict[str, Any]]) -> None:
    """Link LogEntry rows given as column values by attname into the chain, in list order (the caller
    inserts them in that order, in the same transaction)."""
    prev, key = last_logentry_hash(lock_first=True), chain_key()
    for row in rows:
        row["additional_data"], prev = _link_logentry(prev, row, key)


def _link_logentry(prev: str, values: Mapping[str, Any], key: bytes) -> tuple[dict[str, Any], str]:
    """The row's additional_data with its link to `prev`, and the link (the row's other values as given)."""
    current = values["additional_data"]
    if isinstance(current, dict):
        additional = {k: v for k, v in current.items() if k != CHAIN_KEY}
    else:
        additional = {} if current is None else {"value": current}
    view = {**values, "additional_data": additional} if isinstance(values, dict) else _Override(values, additional)
    payload = canonical_values(LogEntry, view, LOGENTRY_FIELDS)
    digest = link(prev, payload, key=key)
    return {**additional, CHAIN_KEY: {"prev": prev, "hash": digest}}, digest


def seal_event(event: SecurityEvent) -> None:
    lock("event")
    event.prev_hash = SecurityEvent.objects.order_by("-id").values_list("row_hash", flat=True).first() or GENESIS
    event.row_hash = link(event.prev_hash, canonical(event, EVENT_FIELDS))


def _connected(duid: Any) -> bool:
    """Whether auditlog's receiver of this context is still connected (a left-over context is not)."""
    return any(entry[0][0] == duid for entry in pre_save.receivers)


@receiver(pre_save, sender=LogEntry, dispatch_uid="wuji_audit_seal_logentry")
def _seal_logentry(sender: type[LogEntry], instance: LogEntry, raw: bool = False, **kwargs: Any) -> None:
    if not instance._state.adding:
        raise AuditImmutableError("audit log entries cannot be changed")
    # auditlog fills actor, address and cid in a pre_save receiver connected after this one:
    # apply it first (it is idempotent), so the digest covers what is stored.
    try:
        context = auditlog_value.get()
    except LookupError:
        context = None
    if context and "signal_duid" in context and _connected(context["signal_duid"]):
        _set_extra_data(sender, instance, signal_duid=context["signal_duid"])
    seal_logentry(instance)


@receiver(pre_delete, sender=LogEntry, dispatch_uid="wuji_audit_keep_logentry")
def _keep_logentry(sender: type[LogEntry], instance: LogEntry, **kwargs: Any) -> None:
    raise AuditImmutableError("audit log entries cannot be deleted")


@dataclass(frozen=True)
class Break:
    chain: str
    row_id: int
    reason: str

    def __str__(self) -> str:
        return f"{self.chain} #{self.row_id}: {self.reason}"


def _walk(rows: Iterator[tuple[int, str, str | None, bytes]], chain: str) -> Break | None:
    """rows: (id, recorded prev, recorded hash, canonical content) in id order."""
    expected_prev = GENESIS
    for row_id, prev, digest, payload in rows:
        if digest is None:
            return Break(chain, row_id, "没有链接值（绕过应用写入）")
        if prev != expected_prev:
            return Break(chain, row_id, "与上一行的链接不符（上一行被删除或改动）")
        if not hmac.compare_digest(digest, link(prev, payload)):
            return Break(chain, row_id, "内容与链接值不符（本行被改动）")
        expected_prev = digest
    return None


def _logentry_rows() -> Iterator[tuple[int, str, str | None, bytes]]:
    for entry in LogEntry.objects.order_by("id").iterator(chunk_size=2000):
        chain = entry.additional_data.get(CHAIN_KEY) if isinstance(entry.additional_data, dict) else None
        if not isinstance(chain, dict):
            yield entry.id, "", None, b""
            continue
        yield entry.id, str(chain.get("prev", "")), str(chain.get("hash", "")), canonical(entry, LOGENTRY_FIELDS)


def _event_rows() -> Iterator[tuple[int, str, str | None, bytes]]:
    for event in SecurityEvent.objects.order_by("id").iterator(chunk_size=2000):
        yield event.id, event.prev_hash, event.row_hash or None, canonical(event, EVENT_FIELDS)


def verify() -> list[Break]:
    """The first break of each chain (empty when both are intact)."""
    found = [_walk(_logentry_rows(), "数据变更"), _walk(_event_rows(), "安全事件")]
    return [b for b in found if b is not None]


# ---- anchors: the chains' heads recorded outside the database ------------------------------------------------------
#
# A chain shows any row changed, removed or inserted before its last row, but not the loss of its last rows:
# whoever deletes the newest rows leaves a shorter chain that still verifies. Recording each chain's head
# (last id and link) somewhere the database's users cannot write — another machine, write-once media, the
# system log — and checking later that those rows still carry those links closes that gap down to the rows
# written since the last anchor.

CHAIN_LABELS = {"logentry": "数据变更", "event": "安全事件"}


@dataclass(frozen=True)
class Head:
    chain: str
    row_id: int
    digest: str


def heads() -> dict[str, Head | None]:
    """The last row and link of each chain (None for an empty chain)."""
    found: dict[str, Head | None] = {"logentry": None, "event": None}
    entry = LogEntry.objects.order_by("-id").values_list("id", "additional_data").first()
    if entry is not None and (digest := _logentry_hash(entry[1])) is not None:
        found["logentry"] = Head("logentry", entry[0], digest)
    event = SecurityEvent.objects.order_by("-id").values_list("id", "row_hash").first()
    if event is not None and event[1]:
        found["event"] = Head("event", event[0], event[1])
    return found


def check_anchors(anchors: list[Head]) -> list[Break]:
    """Each anchored row must still exist and carry the anchored link (one query a chain)."""
    breaks: list[Break] = []
    for chain, label in CHAIN_LABELS.items():
        wanted = {h.row_id: h.digest for h in anchors if h.chain == chain}
        if not wanted:
            continue
        if chain == "logentry":
            stored = {
                pk: _logentry_hash(additional)
                for pk, additional in LogEntry.objects.filter(pk__in=wanted).values_list("id", "additional_data")
            }
        else:
            stored = dict(SecurityEvent.objects.filter(pk__in=wanted).values_list("id", "row_hash"))
        for row_id in sorted(wanted):
            if row_id not in stored:
                breaks.append(Break(label, row_id, "锚定的行已不存在（末尾的记录被删除）"))
            elif not hmac.compare_digest(str(stored[row_id] or ""), wanted[row_id]):
                breaks.append(Break(label, row_id, "链接值与锚定时不同（记录被改动或链被重建）"))
    return breaks
