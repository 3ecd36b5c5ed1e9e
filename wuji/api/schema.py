"""The OpenAPI description of the API's conventions: write bodies, If-Match, ETag, ?reveal, error bodies."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

WRITE_ACTIONS = {"create", "update", "partial_update"}
PRECONDITION_ACTIONS = {"update", "partial_update", "destroy"}

ERROR = inline_serializer("Error", fields={"detail": serializers.CharField()})
FIELD_ERRORS = inline_serializer(
    "FieldErrors",
    fields={"non_field_errors": serializers.ListField(child=serializers.CharField(), required=False)},
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='读取该记录时响应中的 ETag（记录的版本号，如 "3"）。版本已变 → 412；缺少 → 428。',
)
REVEAL = OpenApiParameter(
    "reveal",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    enum=["1"],
    description="reveal=1：显示完整的公民身份号码和手机号码（仅限有权查看的角色，每次都记入安全审计）。",
)
ETAG_HEADER = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description="记录的版本号，修改时放入 If-Match",
)


class WujiAutoSchema(AutoSchema):
    """Reads use the view's read serializer, writes its write serializer; the errors every write can meet."""

    def _action(self) -> str | None:
        return getattr(self.view, "action", None)

    def get_request_serializer(self) -> Any:
        action = self._action()
        if action == "create" and getattr(self.view, "write_serializer_class", None):
            return self.view.write_serializer_class
        if action in {"update", "partial_update"}:
            cls = getattr(self.view, "update_serializer_class", None) or getattr(
                self.view, "write_serializer_class", None
            )
            if cls:
                return cls
        return super().get_request_serializer()

    def get_response_serializers(self) -> Any:
        action = self._action()
        if action in {"retrieve", "create", "update", "partial_update"} and hasattr(self.view, "detail_serializer"):
            ok = self.view.detail_serializer()
            code = "201" if action == "create" else "200"
            responses: dict[str, Any] = {code: OpenApiResponse(ok)}
        elif action == "destroy":
            responses = {"204": OpenApiResponse(description="已删除")}
        else:
            return super().get_response_serializers()
        if action in WRITE_ACTIONS:
            responses["400"] = OpenApiResponse(FIELD_ERRORS, description="字段 → 错误信息（中文）")
        responses["403"] = OpenApiResponse(ERROR, description="无权")
        responses["404"] = OpenApiResponse(ERROR, description="不存在或不在您的范围内")
        if action in PRECONDITION_ACTIONS:
            responses["412"] = OpenApiResponse(ERROR, description="该记录已被他人修改")
            responses["428"] = OpenApiResponse(ERROR, description="缺少 If-Match")
        return responses

    def get_override_parameters(self) -> list[Any]:
        parameters = list(super().get_override_parameters())
        action = self._action()
        if action in PRECONDITION_ACTIONS and getattr(self.view, "versioned", False):
            parameters.append(IF_MATCH)
        if action in {"retrieve", "create", "update", "partial_update"} and getattr(self.view, "versioned", False):
            parameters.append(ETAG_HEADER)
        if action in {"list", "retrieve"} and getattr(self.view, "revealable", False):
            parameters.append(REVEAL)
        return parameters
