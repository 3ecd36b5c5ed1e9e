"""Login, second factor, password change and the security administrator's page (thin views)."""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import urlencode

import django_otp
import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuji.accounts import security, selectors, services
from wuji.accounts.choices import Role
from wuji.accounts.forms import CodeForm, PasswordChangeForm, UnlockForm
from wuji.accounts.models import User
from wuji.core.viewkit import add_service_errors, role_required


class LoginView(auth_views.LoginView):
    """Django's login (it rotates the session id), saying when the demo runs without a second factor."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["second_factor_off"] = settings.WUJI_ENV == "demo" and not security.second_factor_on()
        return context

    def get_default_redirect_url(self) -> str:
        if getattr(self.request.user, "role", None) == Role.SECADMIN:
            return reverse("accounts:security")
        return super().get_default_redirect_url()


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    if getattr(request.user, "role", None) == Role.SECADMIN:
        return reverse("accounts:security")
    return reverse("home")


def _verified(request: HttpRequest, device: Any) -> HttpResponse:
    django_otp.login(request, device)
    request.session.cycle_key()  # a new session id once the login is complete
    return redirect(_next(request))


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of the login: the code of the enrolled authenticator."""
    user = request.user
    if not security.second_factor_required(user) or user.is_verified():  # type: ignore[union-attr]
        return redirect(_next(request))
    if not security.confirmed_devices(user):
        return redirect(f"{reverse('accounts:otp_enrol')}?{urlencode({'next': _next(request)})}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.verify_second_factor(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            credentials = {"username": user.get_username()}
            # A wrong code counts towards the lockout like a wrong password.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if AxesProxyHandler.is_locked(request, credentials):
                logout(request)
                return redirect("login")
            add_service_errors(form, exc)
        else:
            return _verified(request, device)
    status = 400 if form.errors else 200
    return render(request, "registration/otp_verify.html", {"form": form, "next": _next(request)}, status=status)


@login_required
def otp_enrol(request: HttpRequest) -> HttpResponse:
    """First login of a role that needs the second factor: scan the QR code, type the first code."""
    user = request.user
    if not security.second_factor_required(user):
        return redirect(_next(request))
    if security.confirmed_devices(user):
        return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': _next(request)})}")
    device = services.otp_enrol_start(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = services.otp_enrol_confirm(user=user, code=form.cleaned_data["code"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("双因素认证已启用，今后登录需输入验证器上的动态验证码"))
            return _verified(request, device)
    context = {
        "form": form,
        "next": _next(request),
        "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#000", light="#fff"),
        "secret": base64.b32encode(device.bin_key).decode().rstrip("="),
    }
    return render(request, "registration/otp_enrol.html", context, status=400 if form.errors else 200)


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.password_change(
                user=user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                add_service_errors(form, exc)
            else:
                for message in exc.messages:
                    form.add_error("new_password1", message)
        else:
            update_session_auth_hash(request, user)  # type: ignore[arg-type]
            messages.success(request, _("密码已修改"))
            return redirect(_next(request))
    context = {
        "form": form,
        "next": _next(request),
        "expired": security.password_expired(user, now=_now()),
    }
    return render(request, "registration/password_change_form.html", context, status=400 if form.errors else 200)


def _now() -> Any:
    from django.utils import timezone

    return timezone.now()


@role_required(Role.SECADMIN)
def security_overview(request: HttpRequest) -> HttpResponse:
    """The security administrator's page: locked accounts and the settings in force."""
    context = {
        "locked": selectors.locked_accounts(user=request.user),
        "settings_rows": selectors.security_settings(user=request.user),
        "unlock_form": UnlockForm(),
    }
    return render(request, "accounts/security.html", context)


@require_POST
@role_required(Role.SECADMIN)
def account_unlock(request: HttpRequest) -> HttpResponse:
    form = UnlockForm(request.POST)
    if form.is_valid():
        services.account_unlock(user=request.user, username=form.cleaned_data["username"])
        messages.success(request, _("已解锁账号 %(name)s") % {"name": form.cleaned_data["username"]})
    return redirect("accounts:security")


@require_POST
@role_required(Role.SECADMIN)
def otp_reset(request: HttpRequest) -> HttpResponse:
    form = UnlockForm(request.POST)
    if form.is_valid():
        account = get_object_or_404(User, username=form.cleaned_data["username"])
        services.otp_reset(user=request.user, account=account)
        if account.pk == request.user.pk:  # their own sessions ended with the device
            logout(request)
            return redirect("login")
        messages.success(
            request, _("已清除 %(name)s 的验证器，该账号下次登录时重新绑定") % {"name": account.get_username()}
        )
    return redirect("accounts:security")
