"""Reads for the security administrator: locked accounts and the login-security settings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.accounts.choices import Role


@dataclass(frozen=True)
class LockedAccount:
    username: str
    failures: int
    last_attempt: Any
    unlocks_at: Any  # None: only the security administrator unlocks it


def _require_secadmin(user: Any) -> None:
    if getattr(user, "role", None) != Role.SECADMIN or not user.is_active:
        raise PermissionDenied(_("只有安全管理员可以查看登录安全设置"))


def locked_accounts(*, user: Any) -> list[LockedAccount]:
    """Accounts that reached the failure limit and are still inside the cool-off."""
    from axes.models import AccessAttempt

    _require_secadmin(user)
    cooloff = settings.AXES_COOLOFF_TIME
    rows = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT).order_by("-attempt_time")
    if cooloff is not None:
        rows = rows.filter(attempt_time__gt=timezone.now() - cooloff)
    locked: dict[str, LockedAccount] = {}
    for row in rows:
        name = row.username or ""
        if name in locked:
            continue
        locked[name] = LockedAccount(
            username=name,
            failures=row.failures_since_start,
            last_attempt=row.attempt_time,
            unlocks_at=row.attempt_time + cooloff if cooloff is not None else None,
        )
    return list(locked.values())


def security_settings(*, user: Any) -> list[tuple[str, str]]:
    """The login-security settings in force, as (label, value) rows."""
    _require_secadmin(user)
    yes, no = _("开启"), _("关闭")
    minutes = settings.WUJI_LOCKOUT_MINUTES
    age = settings.WUJI_PASSWORD_MAX_AGE_DAYS
    return [
        (_("密码最小长度"), str(settings.WUJI_PASSWORD_MIN_LENGTH)),
        (_("密码须含字符种类"), str(settings.WUJI_PASSWORD_CHAR_CLASSES)),
        (_("不得重复使用最近密码数"), str(settings.WUJI_PASSWORD_HISTORY)),
        (_("密码有效期（天）"), str(age) if age > 0 else _("不过期")),
        (_("连续登录失败锁定次数"), str(settings.WUJI_LOGIN_FAILURE_LIMIT)),
        (_("自动解锁时间（分钟）"), str(minutes) if minutes > 0 else _("仅安全管理员解锁")),
        (
            _("锁定依据"),
            _("账号") if settings.WUJI_LOCKOUT_BY == "username" else _("账号与地址"),
        ),
        (_("会话空闲超时（分钟）"), str(settings.WUJI_SESSION_IDLE_MINUTES)),
        (_("会话最长时间（小时）"), f"{settings.SESSION_COOKIE_AGE / 3600:g}"),
        (_("双因素认证"), yes if settings.WUJI_2FA else no),
        (
            _("须双因素认证的角色"),
            "、".join(str(Role(r).label) for r in settings.WUJI_2FA_ROLES if r in Role.values),
        ),
    ]
