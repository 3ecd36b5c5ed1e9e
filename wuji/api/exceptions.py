"""How the API says no: the services' Chinese messages as field → message, 412 for a stale write."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

STALE_MESSAGE = _("该记录已被他人修改，请重新读取后再提交。")
# What wuji.core.services.check_version says when it catches a stale save inside the transaction.
SERVICE_STALE_MESSAGE = "该记录已被他人修改，请刷新页面后重新填写。"


class PreconditionFailed(exceptions.APIException):
    """If-Match names an older version of the record: nothing was changed."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = STALE_MESSAGE
    default_code = "stale"


class PreconditionRequired(exceptions.APIException):
    """A change without If-Match could silently overwrite someone else's: refused."""

    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _("修改或删除须带 If-Match 请求头（取自读取该记录时的 ETag），以免覆盖他人的修改。")
    default_code = "precondition_required"


def validation_detail(error: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as {field: [message, …]} (errors not about one field under non_field_errors)."""
    if hasattr(error, "error_dict"):
        detail: dict[str, list[str]] = {}
        for field, errors in error.error_dict.items():
            key = api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
            for item in errors:
                detail.setdefault(key, []).extend(item.messages)
        return detail
    return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DjangoValidationError):
        if gettext(SERVICE_STALE_MESSAGE) in exc.messages:
            exc = PreconditionFailed()
        else:
            exc = exceptions.ValidationError(detail=validation_detail(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    return drf_exception_handler(exc, context)
