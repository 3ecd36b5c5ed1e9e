"""/audit/: the auditor reads who changed what, when and from where."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wuji.audit.filtersets import LogEntryFilterSet
from wuji.audit.presenters import entry_rows
from wuji.audit.selectors import audit_entries_visible
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
