"""Accounts: a user has one role, bound to the org whose subtree they work in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuji.accounts.choices import Role

ORG_BOUND_ROLES = {Role.OFFICER, Role.SECRETARY, Role.INSPECTOR}
# 三权分立: the three powers, each held by a different account (one role per account).
SEPARATED_ROLES = {Role.SYSADMIN, Role.SECADMIN, Role.AUDITOR}


class User(AbstractUser):
    """A person who logs in. Their role decides what they do, their org where.

    One role per account, so no account holds two of system administrator,
    security administrator and auditor; Django's staff flag (the /admin/ door)
    is the system administrator's alone.
    """

    role = models.CharField(_("角色"), max_length=16, choices=Role.choices)
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("所属组织"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("组织委员、支部书记、考评员只能看到该组织及其下级组织的数据"),
    )
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True, editable=False)
    password_must_change = models.BooleanField(
        _("下次登录须修改密码"),
        default=False,
        help_text=_("管理员设置或重置的密码，用户首次登录后必须改为自己的密码"),
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def clean(self) -> None:
        super().clean()
        if self.role in ORG_BOUND_ROLES and self.org_id is None:
            raise ValidationError({"org": _("该角色必须指定所属组织")})
        if self.role in SEPARATED_ROLES and self.org_id is not None:
            raise ValidationError({"org": _("审计员、安全管理员和系统管理员不绑定组织，也看不到党员数据")})
        if self.is_staff and self.role != Role.SYSADMIN:
            raise ValidationError({"is_staff": _("只有系统管理员可以进入账户管理后台（三权分立）")})
        if self.is_superuser and getattr(settings, "PRODUCTION", False):
            raise ValidationError({"is_superuser": _("正式环境不允许日常使用超级用户账号（三权分立）")})


class PasswordHistory(models.Model):
    """A hash of a password the user once had, so the last N are not chosen again."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(_("密码哈希"), max_length=128)
    created_at = models.DateTimeField(_("设置时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user_id} @ {self.created_at:%Y-%m-%d}"
