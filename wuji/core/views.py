"""Home page and error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.scoping import scope_root
from wuji.orgs import selectors as org_selectors


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """What is due and what is missing, for the user's own scope."""
    role = getattr(request.user, "role", "")
    if role == "auditor":
        return redirect("audit:list")
    if role == "sysadmin":
        return redirect("admin:index")
    if role == "secadmin":
        return redirect("accounts:security")
    root = scope_root(request.user)
    if root is None:
        return render(request, "core/home.html", {"root": None})
    day = as_of(request)
    rows = org_selectors.org_rows(user=request.user, day=day)
    units = list(org_selectors.unit_list_visible(user=request.user))
    context = {
        "root": root,
        "today": day,
        "rows_with_gaps": [r for r in rows if r.gaps],
        "own": rows[0] if rows else None,
        "overview": org_selectors.overview(rows, units),
        "is_branch": root.kind != "committee",
    }
    return render(request, "core/home.html", context)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    message = str(exception) if exception and str(exception) else _("您无权访问该页面")
    return render(request, "403.html", {"message": message}, status=403)
