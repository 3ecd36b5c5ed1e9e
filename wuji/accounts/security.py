"""Login-security policy: pure rules over a user, a session and the clock, plus axes' lockout answer.

Time-dependent rules take `now` so they are tested without the clock.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# Session keys (the login stamps them; the middleware reads them).
SESSION_LOGIN_AT = "wuji_login_at"
SESSION_SEEN_AT = "wuji_seen_at"
# Seen-at is rewritten at most this often, so a page view is not always a session write.
SEEN_RESOLUTION = dt.timedelta(seconds=60)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """axes' answer to a locked account: exactly what a wrong password gets.

    The login form already said "用户名或密码不正确" (Django's authenticate() turns the
    lockout into a failed login), so telling apart "locked" from "wrong" would let
    anyone probe which accounts exist and which are locked.
    """
    if original_response is not None:
        return original_response
    from django.shortcuts import redirect

    return redirect("login")  # pragma: no cover - the middleware always passes the response


def second_factor_on() -> bool:
    return bool(getattr(settings, "WUJI_2FA", False))


def second_factor_required(user: Any) -> bool:
    """Whether this account must present a TOTP code (WUJI_2FA and its role in WUJI_2FA_ROLES)."""
    if not second_factor_on() or not getattr(user, "is_authenticated", False):
        return False
    return getattr(user, "role", None) in set(settings.WUJI_2FA_ROLES)


def confirmed_devices(user: Any) -> list[Any]:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return list(TOTPDevice.objects.filter(user=user, confirmed=True))


def verify_code(user: Any, code: str) -> Any:
    """The confirmed device that accepts `code` (throttled by django-otp), or None."""
    code = "".join(str(code).split())
    if not code.isdigit():
        return None
    for device in confirmed_devices(user):
        if device.verify_token(code):
            return device
    return None


def is_api_request(request: Any) -> bool:
    """A login through the REST API (DRF wraps the request) rather than a login page."""
    try:
        from rest_framework.request import Request
    except ImportError:  # pragma: no cover
        return False
    return isinstance(request, Request)


def api_otp_token(request: Any) -> str:
    data = getattr(request, "data", None) or {}
    try:
        return str(data.get("otp_token", "") or "")
    except AttributeError:
        return ""


def password_expired(user: Any, *, now: dt.datetime) -> bool:
    """The password is older than WUJI_PASSWORD_MAX_AGE_DAYS, or an administrator set it."""
    if getattr(user, "password_must_change", False):
        return True
    days = int(getattr(settings, "WUJI_PASSWORD_MAX_AGE_DAYS", 0))
    if days <= 0:
        return False
    changed = getattr(user, "password_changed_at", None) or getattr(user, "date_joined", None)
    return changed is not None and now - changed > dt.timedelta(days=days)


def session_expired(*, login_at: float | None, seen_at: float | None, now: dt.datetime) -> bool:
    """Idle longer than WUJI_SESSION_IDLE_MINUTES, or older than WUJI_SESSION_AGE seconds."""
    stamp = now.timestamp()
    idle = int(getattr(settings, "WUJI_SESSION_IDLE_MINUTES", 0)) * 60
    lifetime = int(getattr(settings, "SESSION_COOKIE_AGE", 0))
    if idle > 0 and seen_at is not None and stamp - seen_at > idle:
        return True
    return lifetime > 0 and login_at is not None and stamp - login_at > lifetime
