"""The system administrator manages accounts here (and sees no member data, no audit trail).

三权分立: /admin/ is the system administrator's door alone, and behind it are the accounts
only — no Person, no audit trail, no API tokens (a token made for someone else would let
the administrator act as them), no lockout records (the security administrator's).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wuji.accounts.choices import Role
from wuji.accounts.models import User
from wuji.audit.events import record_event

admin.site.site_header = _("五基 · 账户管理")
admin.site.site_title = _("五基账户管理")
admin.site.index_title = _("账户与设置")

# The only models /admin/ shows (app_label.model_name); everything else is unregistered at start-up.
ADMIN_MODELS = {"accounts.user"}
# The roles kept apart from the system administrator (三权分立).
SEPARATED_ROLES = {Role.AUDITOR, Role.SECADMIN}


def restrict_admin_site() -> None:
    """Unregister every model but the accounts (called from AccountsConfig.ready, after autodiscover)."""
    for model in list(admin.site._registry):
        if model._meta.label_lower not in ADMIN_MODELS:
            admin.site.unregister(model)


def sysadmin_only(request: HttpRequest) -> bool:
    """Only an active system administrator with the staff flag opens /admin/ (not a superuser of another role)."""
    user = request.user
    return bool(user.is_active and user.is_staff and getattr(user, "role", None) == Role.SYSADMIN)


admin.site.has_permission = sysadmin_only  # type: ignore[method-assign]


class ResetPasswordForm(AdminPasswordChangeForm):
    """A password the administrator sets must be replaced by the user at the next login."""

    def save(self, commit: bool = True) -> Any:
        self.user.password_must_change = True
        return super().save(commit=commit)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "org", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("username", "password", "password_must_change")}),
        (_("姓名"), {"fields": ("last_name", "first_name", "email")}),
        (_("角色与范围"), {"fields": ("role", "org")}),
        (_("状态"), {"fields": ("is_active", "is_staff", "last_login", "date_joined", "password_changed_at")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "password1", "password2", "role", "org")}),)
    readonly_fields = ("last_login", "date_joined", "password_changed_at")
    change_password_form = ResetPasswordForm

    # 三权分立: the administrator manages others' accounts, never their own powers. Changing their own role
    # would hand them member data (officer) or the audit trail (auditor) without anyone else's act.
    OWN_LOCKED = ("role", "org", "is_active", "is_staff")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = tuple(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == getattr(request.user, "pk", None):
            fields += self.OWN_LOCKED
        return fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """The auditor's and the security administrator's accounts are not the system administrator's to
        change (a password reset would let them act as either): an operator resets those from the command
        line (`python -m wuji changepassword`), which the audit trail records as any change."""
        if obj is not None and obj.pk != getattr(request.user, "pk", None) and obj.role in SEPARATED_ROLES:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = User.objects.filter(pk=obj.pk).values("role", "org_id", "is_active", "is_staff").first()
        if not change:
            obj.password_must_change = True  # the first password is the administrator's, not the user's
        super().save_model(request, obj, form, change)
        after = {"role": obj.role, "org_id": obj.org_id, "is_active": obj.is_active, "is_staff": obj.is_staff}
        if before != after:
            record_event(
                action="role_change",
                request=request,
                obj=obj,
                detail={"before": before or {}, "after": after, "created": not change},
            )
