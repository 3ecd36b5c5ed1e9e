"""Writes on accounts: password change, second-factor enrolment, unlocking, ending sessions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wuji.accounts import security
from wuji.accounts.choices import Role
from wuji.audit.events import record_event
from wuji.core.services import service


def end_sessions_and_tokens(account: Any) -> int:
    """Delete every session and API token of `account` (e.g. when it is deactivated)."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    Token.objects.filter(user=account).delete()
    ended = 0
    if settings.SESSION_ENGINE in {"django.contrib.sessions.backends.db", "django.contrib.sessions.backends.cached_db"}:
        from importlib import import_module

        store = import_module(settings.SESSION_ENGINE).SessionStore
        for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
            if str(session.get_decoded().get("_auth_user_id")) == str(account.pk):
                store(session_key=session.session_key).delete()
                ended += 1
    # Any other engine: the session dies on its next request anyway (ModelBackend refuses inactive users).
    return ended


@service
def password_change(*, user: Any, old_password: str, new_password: str) -> Any:
    """The user replaces their own password; the rules of AUTH_PASSWORD_VALIDATORS apply."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("原密码不正确")})
    password_validation.validate_password(new_password, user)
    user.set_password(new_password)
    user.password_must_change = False
    user.save()
    record_event(action="password_change", actor=user, obj=user)
    return user


@service
def otp_enrol_start(*, user: Any) -> Any:
    """The unconfirmed TOTP device the user is scanning (one at a time)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("手机验证器"), confirmed=False)
    return device


def otp_enrol_confirm(*, user: Any, code: str) -> Any:
    """Confirm the scanned device with its first code; refused (and audited) when the code is wrong."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    cleaned = "".join(str(code).split())
    # verify_token saves the device's drift and throttle state, so it runs outside the confirm transaction.
    if device is None or not cleaned.isdigit() or not device.verify_token(cleaned):
        record_event(action="otp_failed", actor=user, obj=user, outcome="failure")
        raise ValidationError({"code": _("验证码不正确或已过期，请输入验证器当前显示的 6 位数字")})
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record_event(action="otp_enrol", actor=user, obj=user)
    return device


def _require_secadmin(user: Any) -> None:
    if not (getattr(user, "is_authenticated", False) and user.is_active and user.role == Role.SECADMIN):
        raise PermissionDenied(_("只有安全管理员可以解锁账号"))


@service
def account_unlock(*, user: Any, username: str) -> int:
    """The security administrator lifts the lockout of `username` (before the cool-off ends)."""
    from axes.utils import reset

    _require_secadmin(user)
    removed = reset(username=username)
    record_event(action="unlock", actor=user, object_repr=username, detail={"username": username})
    return int(removed)


@service
def otp_reset(*, user: Any, account: Any) -> None:
    """The security administrator removes a lost phone: the account enrols again at its next login."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _require_secadmin(user)
    TOTPDevice.objects.filter(user=account).delete()
    end_sessions_and_tokens(account)
    record_event(action="otp_reset", actor=user, obj=account)


def verify_second_factor(*, user: Any, code: str) -> Any:
    """The device that accepts the code, or a ValidationError (the view counts the failure)."""
    device = security.verify_code(user, code)
    if device is None:
        raise ValidationError({"code": _("验证码不正确或已过期")})
    return device
