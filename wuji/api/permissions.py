"""Who may use the API: the roles that see member data; writes for the roles that write."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from wuji.core.scoping import WRITE_ROLES, can_read_member_data


class MemberDataPermission(BasePermission):
    """Officers, secretaries and inspectors read; officers and secretaries write (services check the org).

    The auditor and the system administrator see no member data: 403 on every endpoint.
    """

    message = _("您的角色不能查看党组织和党员数据")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if not can_read_member_data(user):
            return False
        if request.method not in SAFE_METHODS and getattr(user, "role", None) not in WRITE_ROLES:
            self.message = _("您的角色只能查看，不能修改数据")
            return False
        return True
