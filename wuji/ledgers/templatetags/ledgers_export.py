"""`{% export_button %}`: the "导出 Excel" link of a list page, carrying the page's current filters.

Put it in the part of the list that htmx re-renders when the filters change (the results
fragment), so the link always exports what the page shows. It renders nothing on a page
without an export in wuji/ledgers/exports.py, or for a role that reads no member data.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wuji.core.scoping import can_read_member_data
from wuji.ledgers import exports

register = template.Library()


@register.simple_tag(takes_context=True)
def export_button(context: Any, css: str = "btn btn-sm btn-outline-success") -> SafeString:
    request = context.get("request")
    if request is None or not can_read_member_data(request.user):
        return SafeString("")
    match = getattr(request, "resolver_match", None)
    spec = exports.for_view(match.view_name if match else None)
    if spec is None:
        return SafeString("")
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    url = reverse("ledgers:export", args=[spec.key]) + (f"?{query}" if query else "")
    return format_html(
        '<a class="{} wuji-export" href="{}" download>'
        '<i class="bi bi-file-earmark-spreadsheet" aria-hidden="true"></i> {}</a>',
        css,
        url,
        _("导出 Excel"),
    )
