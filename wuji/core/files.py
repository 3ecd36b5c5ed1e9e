"""Serving an attachment: only to those whose scope covers its org (never a public URL)."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404

from wuji.core.models import Attachment
from wuji.core.scoping import scope
from wuji.core.uploads import KINDS
from wuji.core.viewkit import member_data_required


@member_data_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(scope(Attachment.objects.select_related("org"), request.user), pk=pk)
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=KINDS[attachment.kind].mime,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
