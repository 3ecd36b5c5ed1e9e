"""What every 基本制度 page shares: the tabs between sections, the list response, the delete page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuji.core.records import ListPage, Tab
from wuji.core.scoping import can_write
from wuji.core.viewkit import paginate
from wuji.governance import services

SECTIONS = [
    ("rules", gettext_lazy("制度"), "governance:rule_list"),
    ("matters", gettext_lazy("五议五公开"), "governance:matter_list"),
    ("disclosures", gettext_lazy("党务村务公开"), "governance:disclosure_list"),
    ("performance", gettext_lazy("业绩登记"), "governance:performance_list"),
    ("archives", gettext_lazy("村级档案"), "governance:archive_list"),
    ("assets", gettext_lazy("三资"), "governance:asset_list"),
    ("finance", gettext_lazy("村财乡管"), "governance:finance_list"),
]


def tabs(active: str) -> list[Tab]:
    return [Tab(label=str(label), url=reverse(url), active=key == active) for key, label, url in SECTIONS]


def section_crumbs(section: str) -> list[tuple[str, str]]:
    """Breadcrumbs of a form page: 基本制度 › the section's list."""
    for key, label, url in SECTIONS:
        if key == section:
            return [(_("基本制度"), reverse("governance:rule_list")), (str(label), reverse(url))]
    return []


def is_officer(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) == "officer"


def require_can_write(request: HttpRequest, org: Any) -> None:
    if not can_write(request.user, org):
        raise PermissionDenied(_("您无权修改该组织的数据"))


def render_records(
    request: HttpRequest,
    *,
    page: ListPage,
    queryset: Any,
    filterset: Any = None,
    row_url: Callable[[Any], str | None] | None = None,
    row_extra: Callable[[Any], dict[str, Any]] | None = None,
    results: str = "core/records/_results.html",
    extra: dict[str, Any] | None = None,
    summary: Callable[[Any], dict[str, Any]] | None = None,
    template: str = "governance/list.html",
) -> HttpResponse:
    """A filtered, paged list with the section tabs; an htmx request gets only the results part.

    `summary(filtered_queryset)` adds figures over all the filtered rows (not just this page).
    """
    filtered = queryset
    if filterset is not None and filterset.is_bound and filterset.is_valid():
        filtered = filterset.qs
    page_obj, query_string = paginate(request, filtered, settings.WUJI_PAGE_SIZE)
    rows = [
        {"obj": obj, "url": row_url(obj) if row_url else None, **(row_extra(obj) if row_extra else {})}
        for obj in page_obj.object_list
    ]
    context = {
        "page": page,
        "filter": filterset,
        "page_obj": page_obj,
        "rows": rows,
        "query_string": query_string,
        "results_template": results,
        **(extra or {}),
    }
    if summary is not None:
        context |= summary(filtered)
    htmx = getattr(request, "htmx", False)
    return render(request, results if htmx else template, context)


def delete_page(request: HttpRequest, *, record: Any, back_url: str, done_url: str, what: str) -> HttpResponse:
    """Confirm, then remove a register row through the service (the audit trail keeps it)."""
    require_can_write(request, record.org)
    if request.method == "POST":
        try:
            services.record_delete(user=request.user, record=record)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
            return redirect(back_url)
        messages.success(request, _("已删除%(what)s“%(record)s”") % {"what": what, "record": record})
        return redirect(done_url)
    return render(request, "core/records/confirm_delete.html", {"object": record, "back_url": back_url})
