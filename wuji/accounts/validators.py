"""Password rules of 等保 2.0 身份鉴别, each configured by a WUJI_* setting."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# An 18-digit resident ID (last may be X) or a 15-digit old one; a mainland mobile number.
_ID_NUMBER = re.compile(r"\d{17}[\dXx]|\d{15}")
_MOBILE = re.compile(r"1[3-9]\d{9}")
_CLASSES = (
    (re.compile(r"[a-z]"), "lower"),
    (re.compile(r"[A-Z]"), "upper"),
    (re.compile(r"\d"), "digit"),
    (re.compile(r"[^a-zA-Z\d]"), "symbol"),
)


class CharacterClassValidator:
    """At least WUJI_PASSWORD_CHAR_CLASSES of lower case, upper case, digits, symbols."""

    def required(self) -> int:
        return max(0, min(4, int(getattr(settings, "WUJI_PASSWORD_CHAR_CLASSES", 3))))

    def validate(self, password: str, user: Any = None) -> None:
        present = sum(1 for pattern, _name in _CLASSES if pattern.search(password))
        if present < self.required():
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号中的至少 %(n)d 种") % {"n": self.required()},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("包含小写字母、大写字母、数字、符号中的至少 %(n)d 种") % {"n": self.required()}


class PersonalDataValidator:
    """No username, ID number or phone number inside the password."""

    def validate(self, password: str, user: Any = None) -> None:
        lowered = password.lower()
        username = str(getattr(user, "username", "") or "")
        if len(username) >= 3 and username.lower() in lowered:
            raise ValidationError(_("密码不能包含用户名"), code="password_contains_username")
        for attribute in ("id_number", "phone"):
            value = str(getattr(user, attribute, "") or "")
            if len(value) >= 6 and value.lower() in lowered:
                raise ValidationError(_("密码不能包含身份证号码或手机号码"), code="password_contains_personal_data")
        if _ID_NUMBER.search(password) or _MOBILE.search(password):
            raise ValidationError(_("密码不能包含身份证号码或手机号码"), code="password_contains_personal_data")

    def get_help_text(self) -> str:
        return _("不能包含用户名、身份证号码或手机号码")


class PasswordHistoryValidator:
    """None of the last WUJI_PASSWORD_HISTORY passwords again; records each new one."""

    def depth(self) -> int:
        return max(0, int(getattr(settings, "WUJI_PASSWORD_HISTORY", 5)))

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or getattr(user, "pk", None) is None or self.depth() == 0:
            return
        from wuji.accounts.models import PasswordHistory

        recent = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[: self.depth()]
        current = [user.password] if getattr(user, "password", "") else []
        # The current hash may be the one being replaced (set_password already ran) — check the stored one too.
        stored = get_user_model().objects.filter(pk=user.pk).values_list("password", flat=True).first()
        for encoded in {*recent, *current, *([stored] if stored else [])}:
            if encoded and check_password(password, encoded):
                raise ValidationError(
                    ngettext(
                        "新密码不能与最近 %(n)d 次使用过的密码相同",
                        "新密码不能与最近 %(n)d 次使用过的密码相同",
                        self.depth(),
                    )
                    % {"n": self.depth()},
                    code="password_reused",
                )

    def password_changed(self, password: str, user: Any = None) -> None:
        """Called by Django after a new password is saved: remember it, stamp the change."""
        if user is None or getattr(user, "pk", None) is None:
            return
        from django.utils import timezone

        from wuji.accounts.models import PasswordHistory

        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[: max(self.depth(), 1)]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
        get_user_model().objects.filter(pk=user.pk).update(password_changed_at=timezone.now())
        user.password_changed_at = timezone.now()

    def get_help_text(self) -> str:
        return _("不能与最近 %(n)d 次使用过的密码相同") % {"n": self.depth()}


# Django's own rules, with their messages in the project's words (its catalogue lacks some in zh-hans).
class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("密码太短，至少需要 %(n)d 个字符") % {"n": self.min_length}

    def get_help_text(self) -> str:
        return _("至少 %(n)d 个字符") % {"n": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("密码与账号的姓名或用户名太相似")

    def get_help_text(self) -> str:
        return _("不能与姓名、用户名相似")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("这是常见的弱密码，请换一个")

    def get_help_text(self) -> str:
        return _("不能是常见的弱密码")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("密码不能全是数字")

    def get_help_text(self) -> str:
        return _("不能全是数字")
