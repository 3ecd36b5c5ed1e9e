"""System check: the audit trail is kept at least 180 days (等保 2.0 安全审计)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

MINIMUM_RETENTION_DAYS = 180


@register()
def audit_retention(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    days = getattr(settings, "WUJI_AUDIT_RETENTION_DAYS", None)
    if not isinstance(days, int) or days < MINIMUM_RETENTION_DAYS:
        return [
            Error(
                f"WUJI_AUDIT_RETENTION_DAYS={days!r}: the audit trail must be kept at least "
                f"{MINIMUM_RETENTION_DAYS} days (GB/T 22239-2019 安全审计).",
                hint=f"Set WUJI_AUDIT_RETENTION_DAYS to {MINIMUM_RETENTION_DAYS} or more.",
                id="wuji_audit.E001",
            )
        ]
    return []
