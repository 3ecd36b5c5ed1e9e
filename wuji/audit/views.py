"""/audit/: the auditor reads who changed what, when and from where."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wuji.audit.filtersets import LogEntryFilterSet, SecurityEventFilterSet
from wuji.audit.presenters import entry_rows
from wuji.audit.selectors import audit_entries_visible, security_events_visible
from wuji.core.viewkit import paginate, role_required


@role_required("auditor")
def entry_list(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_visible(user=request.user)
    filterset = LogEntryFilterSet(request.GET or None, queryset=entries)
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else entries
    page, query_string = paginate(request, results, 50)
    context = {
        "filter": filterset,
        "page_obj": page,
        "rows": entry_rows(list(page.object_list)),
        "query_string": query_string,
    }
    return render(request, "audit/list.html", context)


@role_required("auditor")
def event_list(request: HttpRequest) -> HttpResponse:
    """Logins, failures, lockouts, role changes, reveals, exports, imports and refusals."""
    events = security_events_visible(user=request.user)
    filterset = SecurityEventFilterSet(request.GET or None, queryset=events)
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else events
    page, query_string = paginate(request, results, 50)
    context = {"filter": filterset, "page_obj": page, "events": list(page.object_list), "query_string": query_string}
    return render(request, "audit/events.html", context)
