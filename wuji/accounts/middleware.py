"""Session timeouts, the second factor and password expiry, checked on every request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from wuji.accounts import security

# Pages a half-logged-in user may still open: leaving, the language switch and the second-factor pages.
_ALWAYS_OPEN = {"login", "logout", "set_language", "accounts:otp_verify", "accounts:otp_enrol"}
_OPEN_WITH_OLD_PASSWORD = _ALWAYS_OPEN | {"accounts:password_change"}
_OPEN_NAMESPACES = {"portal"}


class LoginSecurityMiddleware:
    """Ends idle and over-age sessions; sends a user to the second factor or a password change.

    No page of the application — /admin/ and the API's session login included — is
    reached before the second factor, whichever way the password was checked.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        name = match.view_name if match else ""
        if match and match.namespace in _OPEN_NAMESPACES or request.path.startswith("/static/"):
            return None
        now = timezone.now()
        session = request.session
        if security.session_expired(
            login_at=session.get(security.SESSION_LOGIN_AT), seen_at=session.get(security.SESSION_SEEN_AT), now=now
        ):
            logout(request)
            return self._send(request, reverse("login"))
        seen = session.get(security.SESSION_SEEN_AT)
        if seen is None or now.timestamp() - seen > security.SEEN_RESOLUTION.total_seconds():
            session[security.SESSION_SEEN_AT] = now.timestamp()
        if name in _ALWAYS_OPEN:
            return None
        if security.second_factor_required(user) and not user.is_verified():
            target = "accounts:otp_verify" if security.confirmed_devices(user) else "accounts:otp_enrol"
            return self._send(request, reverse(target))
        if name not in _OPEN_WITH_OLD_PASSWORD and security.password_expired(user, now=now):
            return self._send(request, reverse("accounts:password_change"))
        return None

    @staticmethod
    def _send(request: HttpRequest, url: str) -> HttpResponse:
        if request.method == "GET":
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        if getattr(request, "htmx", False):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
