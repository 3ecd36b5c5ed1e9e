"""Generic pages for the many simple dated records of the five basics.

A list page = a scoped queryset + one FilterSet + columns; a form page =
`viewkit.service_form` + `core/records/form.html`. Views stay thin: they
pick the selector, the FilterSet, the columns and the service.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from wuji.core.viewkit import paginate


@dataclass(frozen=True)
class Column:
    """A table column: `accessor` is a dotted attribute path (a choice field shows its label)."""

    label: str
    accessor: str
    link: bool = False  # link the cell to the row's `detail_url` (or `edit_url`)
    phone_hidden: bool = False  # hide below 768 px to keep the phone table short


@dataclass(frozen=True)
class Tab:
    label: str
    url: str
    active: bool = False


@dataclass
class ListPage:
    title: str
    columns: list[Column]
    create_url: str | None = None
    create_label: str = "新增"
    tabs: list[Tab] = field(default_factory=list)
    empty_text: str = "暂无记录。"
    help: str = ""


def render_list(
    request: HttpRequest,
    *,
    page: ListPage,
    queryset: QuerySet[Any],
    filterset: Any = None,
    row_url: Any = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A filtered, paged list; an htmx request gets only the results."""
    results = queryset
    if filterset is not None and filterset.is_bound and filterset.is_valid():
        results = filterset.qs
    page_obj, query_string = paginate(request, results, settings.WUJI_PAGE_SIZE)
    rows = [{"obj": obj, "url": row_url(obj) if row_url else None} for obj in page_obj.object_list]
    context = {
        "page": page,
        "filter": filterset,
        "page_obj": page_obj,
        "rows": rows,
        "query_string": query_string,
        **(extra or {}),
    }
    htmx = getattr(request, "htmx", False)
    return render(request, "core/records/_results.html" if htmx else "core/records/list.html", context)
