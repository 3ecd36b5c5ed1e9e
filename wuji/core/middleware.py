"""Audit context for every request."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, normalised, or None when there is no valid one (an empty REMOTE_ADDR behind a unix
    socket, a forged header): X-Forwarded-For only when WUJI_TRUST_X_FORWARDED_FOR (behind a proxy).

    The audit rows keep it in an address column, which stores "" as NULL: an address that is not one would be
    sealed into the hash chain as one value and read back as another."""
    if getattr(settings, "WUJI_TRUST_X_FORWARDED_FOR", False):
        raw = AuditlogMiddleware._get_remote_addr(request)
    else:
        raw = request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address(str(raw or "").strip()))
    except ValueError:
        return None


class WujiAuditlogMiddleware(AuditlogMiddleware):
    """auditlog's middleware, trusting X-Forwarded-For only behind a configured proxy.

    A township office shares one address; a spoofed header must not hide who it was.
    """

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)


# Scripts only from our own static files: no inline <script>, no on* handlers, no eval.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class SecurityMiddleware:
    """Content-Security-Policy on every page, `no-store` on every signed-in answer, every 403 audited."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False):
            response.headers["Cache-Control"] = "no-store, private"
        if response.status_code == 403:
            from wuji.audit.events import record_event

            record_event(
                action="forbidden",
                request=request,
                outcome="failure",
                detail={"method": request.method, "status": 403},
            )
        return response
