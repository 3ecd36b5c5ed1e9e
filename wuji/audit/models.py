"""Security events (logins, lockouts, reveals, exports, imports, refusals), kept tamper-evident.

Rows are append-only through the application: `save()` of an existing row, `delete()` and the
queryset's `update()` / `delete()` refuse. Each row carries an HMAC of its content and of the row
before it (wuji/audit/chain.py), so a row changed or removed with raw SQL is found by
`python -m wuji verify_audit`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditImmutableError(Exception):
    """An audit row may be written once and never changed or removed by the application."""


class EventAction(models.TextChoices):
    LOGIN = "login", _("登录成功")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKOUT = "lockout", _("账号锁定")
    LOGOUT = "logout", _("退出登录")
    ROLE_CHANGE = "role_change", _("角色变更")
    REVEAL = "reveal", _("查看完整号码")
    EXPORT = "export", _("导出")
    IMPORT = "import", _("导入")
    FORBIDDEN = "forbidden", _("拒绝访问")
    PASSWORD_CHANGE = "password_change", _("修改密码")
    UNLOCK = "unlock", _("解除锁定")
    OTP_ENROL = "otp_enrol", _("绑定动态口令")
    OTP_FAILED = "otp_failed", _("动态口令错误")
    OTP_RESET = "otp_reset", _("重置动态口令")


class Outcome(models.TextChoices):
    SUCCESS = "success", _("成功")
    FAILURE = "failure", _("失败")


class SecurityEventQuerySet(models.QuerySet["SecurityEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditImmutableError("security events cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditImmutableError("security events cannot be deleted")


class SecurityEvent(models.Model):
    timestamp = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # Kept apart from the account: the name typed at a failed login, or of an account since removed.
    actor_username = models.CharField(_("用户名"), max_length=150, blank=True)
    remote_addr = models.GenericIPAddressField(_("IP 地址"), null=True, blank=True)
    action = models.CharField(_("事件"), max_length=32, db_index=True)
    object_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    object_pk = models.CharField(_("对象编号"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=255, blank=True)
    outcome = models.CharField(_("结果"), max_length=16, choices=Outcome.choices, default=Outcome.SUCCESS)
    path = models.CharField(_("地址"), max_length=255, blank=True)
    detail = models.JSONField(_("详情"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    row_hash = models.CharField(max_length=64, editable=False, unique=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全事件")
        verbose_name_plural = _("安全事件")
        ordering = ["-timestamp", "-id"]

    def __str__(self) -> str:
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {self.action_label} {self.actor_username}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutableError("security events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditImmutableError("security events cannot be deleted")

    @property
    def action_label(self) -> str:
        try:
            return str(EventAction(self.action).label)
        except ValueError:
            return self.action
