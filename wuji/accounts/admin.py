"""The system administrator manages accounts here (and sees no member data)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from wuji.accounts.models import User

admin.site.site_header = _("五基 · 账户管理")
admin.site.site_title = _("五基账户管理")
admin.site.index_title = _("账户与设置")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "last_name", "first_name", "role", "org", "is_active", "last_login")
    list_filter = ("role", "is_active")
    search_fields = ("username", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("姓名"), {"fields": ("last_name", "first_name", "email")}),
        (_("角色与范围"), {"fields": ("role", "org")}),
        (_("状态"), {"fields": ("is_active", "is_staff", "last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("username", "password1", "password2", "role", "org")}),)
    readonly_fields = ("last_login", "date_joined")
