"""Token authentication with a lifetime, and no way around a password that must be changed.

A token lives `WUJI_API_TOKEN_HOURS` (default 8, a working day, like a session) from the moment it was
issued; then it is deleted and the client asks `/api/token/` again (which goes through the lockout and the
second factor). A user whose password has expired or was set by an administrator gets no API access until
they change it on the web, as the pages already require.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from wuji.accounts.security import password_expired


def token_expired(created: dt.datetime, *, now: dt.datetime) -> bool:
    hours = int(getattr(settings, "WUJI_API_TOKEN_HOURS", 8))
    return hours > 0 and now - created > dt.timedelta(hours=hours)


class ExpiringTokenAuthentication(TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        user, token = super().authenticate_credentials(key)
        now = timezone.now()
        if token_expired(token.created, now=now):
            token.delete()
            raise exceptions.AuthenticationFailed(_("令牌已过期，请重新获取"))
        if password_expired(user, now=now):
            raise exceptions.AuthenticationFailed(_("密码已过期或由管理员重置，请先登录网页修改密码"))
        return user, token
