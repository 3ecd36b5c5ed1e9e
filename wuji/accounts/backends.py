"""The password backend: who may log in at all, and the second factor on the API's password login."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from wuji.accounts import security


class WujiModelBackend(ModelBackend):
    """Django's ModelBackend, refusing what 等保 level 3 refuses.

    - In production (WUJI_REFUSE_SUPERUSER) a Django superuser cannot log in: daily
      work is done with one role, so nobody combines the separated powers.
    - A password login that does not pass through the web login (the API token
      endpoint, which has no second step to ask for a code) must carry the current
      TOTP code as `otp_token` for a role that needs the second factor.
    """

    def user_can_authenticate(self, user: Any) -> bool:
        if getattr(settings, "WUJI_REFUSE_SUPERUSER", False) and getattr(user, "is_superuser", False):
            return False
        return super().user_can_authenticate(user)

    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None or request is None or not security.is_api_request(request):
            return user
        if security.second_factor_required(user):
            code = security.api_otp_token(request)
            if not code or not security.verify_code(user, code):
                return None
        return user
