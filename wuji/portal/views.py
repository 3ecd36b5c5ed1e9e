"""The public disclosure pages (no login): villages, a village's disclosures, a published photo."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wuji.core.uploads import KINDS
from wuji.core.viewkit import paginate
from wuji.portal import selectors
from wuji.portal.ratelimit import rate_limited

DISCLOSURES_PER_PAGE = 20


@require_safe
@rate_limited
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html", {"townships": selectors.townships()})


@require_safe
@rate_limited
def org(request: HttpRequest, code: str) -> HttpResponse:
    public = selectors.public_org(code)
    if public is None:
        raise Http404(_("没有这个村（社区）的公开页面"))
    page, query_string = paginate(request, selectors.org_disclosures(code), DISCLOSURES_PER_PAGE)
    # The template gets the public view of the rows only, never the models.
    page.object_list = selectors.present_disclosures(page.object_list)
    context = {
        "org": public,
        "disclosures": page.object_list,
        "page_obj": page,
        "query_string": query_string,
        # Matters are few a year; they stay on the first page, above the older disclosures.
        "matters": selectors.org_matters(code) if page.number == 1 else [],
    }
    return render(request, "portal/org.html", context)


@require_safe
@rate_limited
def photo(request: HttpRequest, pk: int) -> FileResponse:
    attachment = selectors.public_photo(pk)
    if attachment is None:
        raise Http404(_("照片不存在或未公开"))
    response = FileResponse(attachment.file.open("rb"), content_type=KINDS[attachment.kind].mime)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response
