"""Security events for the audit trail (logins, lockouts, reveals, exports, imports, refusals).

The one entry point every app calls: `record_event(...)`. (Being completed by the audit work:
the event model, the hash chain and `verify_audit`.) Never pass a password, a token or a full
ID number in `detail` or `object_repr`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.http import HttpRequest


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
    raise NotImplementedError("record_event is being implemented by the audit work")
