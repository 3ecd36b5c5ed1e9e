"""Reads of the audit trail (the auditor's only view of the system)."""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from wuji.audit.models import SecurityEvent


def audit_entries_visible(*, user: Any) -> QuerySet[LogEntry]:
    if getattr(user, "role", None) != "auditor" or not user.is_active:
        raise PermissionDenied(_("只有审计员可以查看审计日志"))
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-id")


def security_events_visible(*, user: Any) -> QuerySet[SecurityEvent]:
    if getattr(user, "role", None) != "auditor" or not user.is_active:
        raise PermissionDenied(_("只有审计员可以查看审计日志"))
    return SecurityEvent.objects.order_by("-timestamp", "-id")
