"""Audit context for every request."""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest


class WujiAuditlogMiddleware(AuditlogMiddleware):
    """auditlog's middleware, trusting X-Forwarded-For only behind a configured proxy.

    A township office shares one address; a spoofed header must not hide who it was.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        if getattr(settings, "WUJI_TRUST_X_FORWARDED_FOR", False):
            return AuditlogMiddleware._get_remote_addr(request)  # type: ignore[no-any-return]
        return request.META.get("REMOTE_ADDR")
