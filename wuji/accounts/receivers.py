"""Every login path audited: web, /admin/ and the API all go through Django's auth signals."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from wuji.accounts import security
from wuji.accounts.models import User
from wuji.audit.events import record_event


def _http(request: Any) -> HttpRequest | None:
    """The Django request under DRF's wrapper (its .user would run API authentication)."""
    return getattr(request, "_request", request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="wuji_accounts_logged_in")
def on_logged_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    if session is not None:
        stamp = timezone.now().timestamp()
        session[security.SESSION_LOGIN_AT] = stamp
        session[security.SESSION_SEEN_AT] = stamp
    record_event(action="login", actor=user, request=_http(request), obj=user)


@receiver(user_login_failed, dispatch_uid="wuji_accounts_login_failed")
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    # Django masks the password in `credentials`; only the username is kept.
    username = str(credentials.get("username", "") or "")[:150]
    record_event(
        action="login_failed",
        request=_http(request),
        object_repr=username,
        outcome="failure",
        detail={"username": username},
    )


@receiver(user_locked_out, dispatch_uid="wuji_accounts_locked_out")
def on_locked_out(sender: Any, request: Any = None, username: str | None = None, **kwargs: Any) -> None:
    name = str(username or "")[:150]
    record_event(
        action="lockout", request=_http(request), object_repr=name, outcome="failure", detail={"username": name}
    )


@receiver(user_logged_out, dispatch_uid="wuji_accounts_logged_out")
def on_logged_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(action="logout", actor=user, request=_http(request), obj=user)


@receiver(post_save, sender=User, dispatch_uid="wuji_accounts_deactivated")
def on_user_saved(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    if not created and not instance.is_active:
        from wuji.accounts.services import end_sessions_and_tokens

        end_sessions_and_tokens(instance)
