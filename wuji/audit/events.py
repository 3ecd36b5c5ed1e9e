"""Security events for the audit trail (logins, lockouts, reveals, exports, imports, refusals).

The one entry point every app calls: `record_event(...)`. The event is chained (wuji/audit/chain.py)
and `detail` / `object_repr` are scrubbed: secrets by key, ID and phone numbers by shape.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest

SECRET_KEY_PATTERN = re.compile(r"pass|pwd|token|secret|otp|key|session|csrf|cookie|auth|id_?number|idcard", re.I)
# 18-digit (and old 15-digit) resident ID numbers, mainland mobile numbers.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[0-9Xx])(?![0-9A-Za-z])|(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)")
PHONE = re.compile(r"(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)")
REDACTED = "[已隐去]"
MAX_TEXT = 500


def scrub_text(value: str) -> str:
    def _id(match: re.Match[str]) -> str:
        if match.group(1):
            return f"{match.group(1)}********{match.group(2)}"
        return f"{match.group(3)}******{match.group(4)}"

    value = ID_NUMBER.sub(_id, value)
    value = PHONE.sub(lambda m: f"{m.group(1)}****{m.group(2)}", value)
    return value[:MAX_TEXT]


def scrub(value: Any, depth: int = 0) -> Any:
    """`detail` as it may be kept: no secret, no full ID number or phone, JSON only."""
    if depth > 5:
        return REDACTED
    if isinstance(value, dict):
        return {
            str(k): (REDACTED if SECRET_KEY_PATTERN.search(str(k)) else scrub(v, depth + 1)) for k, v in value.items()
        }
    if isinstance(value, list | tuple | set):
        return [scrub(v, depth + 1) for v in list(value)[:100]]
    if value is None or isinstance(value, bool | float):
        return value
    if isinstance(value, int):
        text = scrub_text(str(value))
        return value if text == str(value) else text
    return scrub_text(str(value))


def _address(request: HttpRequest | None) -> str | None:
    from wuji.core.middleware import client_ip

    return client_ip(request) if request is not None else None


def record_event(
    *,
    action: str,
    actor: Any | None = None,
    request: HttpRequest | None = None,
    obj: Model | None = None,
    object_repr: str = "",
    outcome: str = "success",
    detail: dict[str, Any] | None = None,
) -> None:
    """Record one security event: `action` is e.g. "login", "login_failed", "lockout", "role_change",
    "reveal", "export", "import", "forbidden"; `outcome` is "success" or "failure"."""
    from wuji.audit.chain import seal_event
    from wuji.audit.models import SecurityEvent

    if actor is None and request is not None:
        user = getattr(request, "user", None)
        actor = user if getattr(user, "is_authenticated", False) else None
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    username = ""
    if actor is not None:
        username = str(actor.get_username())
    elif detail and isinstance(detail.get("username"), str):
        username = detail["username"]
    event = SecurityEvent(
        actor=actor,
        actor_username=scrub_text(username)[:150],
        remote_addr=_address(request),
        action=action[:32],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_pk=str(obj.pk)[:64] if obj is not None and obj.pk is not None else "",
        object_repr=scrub_text(object_repr or (str(obj) if obj is not None else ""))[:255],
        outcome=outcome[:16],
        path=request.path[:255] if request is not None else "",
        detail=scrub(detail or {}),
    )
    with transaction.atomic():
        seal_event(event)
        event.save()
