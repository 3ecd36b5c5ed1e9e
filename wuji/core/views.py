"""Home page and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = getattr(request.user, "role", "")
    if role == "auditor":
        return redirect("audit:list")
    if role == "sysadmin":
        return redirect("admin:index")
    return render(request, "core/home.html", {})


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else "您无权访问该页面"
    return render(request, "403.html", {"message": message}, status=403)
