"""Accounts: a user has one role, bound to the org whose subtree they work in."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuji.accounts.choices import Role

ORG_BOUND_ROLES = {Role.OFFICER, Role.SECRETARY, Role.INSPECTOR}


class User(AbstractUser):
    """A person who logs in. Their role decides what they do, their org where."""

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

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def clean(self) -> None:
        super().clean()
        if self.role in ORG_BOUND_ROLES and self.org_id is None:
            raise ValidationError({"org": _("该角色必须指定所属组织")})
        if self.role in {Role.AUDITOR, Role.SYSADMIN} and self.org_id is not None:
            raise ValidationError({"org": _("审计员和系统管理员不绑定组织，也看不到党员数据")})
