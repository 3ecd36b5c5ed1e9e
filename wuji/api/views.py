"""The API's endpoints: thin, like the pages. Reads go through each app's selectors, writes
through its services; a write must name the version it read (If-Match) or it changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from wuji.activities import selectors as activity_selectors
from wuji.activities import services as activity_services
from wuji.activities.filtersets import ActivityFilterSet
from wuji.activities.models import Activity
from wuji.api import serializers as s
from wuji.api.authentication import token_expired
from wuji.api.exceptions import PreconditionFailed, PreconditionRequired
from wuji.api.filters import (
    AssessmentFilterSet,
    OrgFilterSet,
    PoolEntryFilterSet,
    PositionFilterSet,
    TrainingFilterSet,
)
from wuji.api.schema import ERROR, FIELD_ERRORS
from wuji.assessment import rectification as rectification_selectors
from wuji.assessment import selectors as assessment_selectors
from wuji.assessment.models import Assessment, OrgResult
from wuji.assessment.rectification_forms import RectificationFilterSet
from wuji.audit.events import record_event
from wuji.core.models import VersionedModel
from wuji.core.scoping import can_see_personal_data, scope
from wuji.governance import selectors as governance_selectors
from wuji.governance import services as governance_services
from wuji.governance.filtersets import MatterFilterSet
from wuji.orgs import selectors as org_selectors
from wuji.orgs.models import Organization
from wuji.people import selectors as people_selectors
from wuji.people import services as people_services
from wuji.people.filtersets import PersonFilterSet
from wuji.people.models import Person, PoolEntry, Position, Training
from wuji.support import selectors as support_selectors
from wuji.support import services as support_services
from wuji.support.filtersets import FacilityFilterSet, IncomeFilterSet
from wuji.support.models import CollectiveIncome, Facility

# ---- the common machinery ---------------------------------------------------------------------------------------


def parse_if_match(header: str) -> set[str]:
    """The versions an If-Match header names: `"3"`, `W/"3"`, `3`, or a list of them."""
    versions = set()
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        versions.add(tag.strip().strip('"'))
    versions.discard("")
    return versions


class ScopedViewSet(GenericViewSet):  # type: ignore[type-arg]
    """list and retrieve through the app's selectors; the subclasses add the writes they have services for."""

    serializer_class: ClassVar[type[serializers.BaseSerializer[Any]]]
    detail_serializer_class: ClassVar[type[serializers.BaseSerializer[Any]] | None] = None
    write_serializer_class: ClassVar[type[serializers.BaseSerializer[Any]] | None] = None
    update_serializer_class: ClassVar[type[serializers.BaseSerializer[Any]] | None] = None
    versioned = True
    revealable = False
    lookup_value_regex = r"[0-9]+"

    # -- reads

    def list_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        return self.list_queryset()

    def detail_object(self, pk: int) -> Any:
        """The record, or 404 when it is outside the user's scope (the app's *_get_visible where it has one)."""
        return get_object_or_404(self.list_queryset(), pk=pk)

    def get_object(self) -> Any:
        return self.detail_object(int(self.kwargs["pk"]))

    def filterset_extra_kwargs(self) -> dict[str, Any]:
        return {"orgs": org_selectors.org_list_visible(user=self.request.user)}

    def detail_serializer(self) -> type[serializers.BaseSerializer[Any]]:
        return self.detail_serializer_class or self.serializer_class

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "reveal": getattr(self, "revealed", False)}

    def list(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        self.before_show(rows)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, pk: str) -> Response:
        obj = self.get_object()
        self.before_show([obj])
        return self.respond(obj)

    def before_show(self, rows: Sequence[Any]) -> None:
        """A hook for what must happen before rows are shown (a reveal is audited)."""

    def respond(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        serializer = self.detail_serializer()(obj, context=self.get_serializer_context())
        response = Response(serializer.data, status=code)
        if isinstance(obj, VersionedModel):
            response["ETag"] = f'"{obj.version}"'
        return response

    # -- writes

    def write_data(self, serializer_class: type[serializers.BaseSerializer[Any]] | None, partial: bool) -> Any:
        assert serializer_class is not None
        serializer = serializer_class(data=self.request.data, partial=partial, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def precondition(self, obj: Any) -> int:
        """The version the client read (If-Match): missing → 428, older than the row → 412."""
        header = self.request.headers.get("If-Match")
        if not header or not header.strip():
            raise PreconditionRequired()
        if str(obj.version) not in parse_if_match(header):
            raise PreconditionFailed()
        return int(obj.version)


class CreateMixin:
    def create(self: Any, request: Request) -> Response:
        data = self.write_data(self.write_serializer_class, partial=False)
        obj = self.create_record(data)
        return self.respond(self.detail_object(obj.pk), status.HTTP_201_CREATED)


class UpdateMixin:
    def update(self: Any, request: Request, pk: str, partial: bool = False) -> Response:
        obj = self.get_object()
        version = self.precondition(obj)
        data = self.write_data(self.update_serializer_class or self.write_serializer_class, partial=partial)
        self.update_record(obj, data, version)
        return self.respond(self.detail_object(obj.pk))

    def partial_update(self: Any, request: Request, pk: str) -> Response:
        return self.update(request, pk, partial=True)  # type: ignore[no-any-return]


class DestroyMixin:
    def destroy(self: Any, request: Request, pk: str) -> Response:
        obj = self.get_object()
        self.precondition(obj)
        self.delete_record(obj)
        return Response(status=status.HTTP_204_NO_CONTENT)


# ---- orgs --------------------------------------------------------------------------------------------------------


class OrganizationViewSet(ScopedViewSet):
    """党组织: the user's subtree in tree order (read-only: structural changes are the officer's pages)."""

    serializer_class = s.OrganizationSerializer
    filterset_class = OrgFilterSet

    def list_queryset(self) -> QuerySet[Organization]:
        return org_selectors.org_list_visible(user=self.request.user)

    def before_show(self, rows: Sequence[Any]) -> None:
        # The parent of every row in one query: the org whose path is the row's path minus one step.
        paths = {row.path[: -Organization.steplen] for row in rows if row.depth > 1}
        visible = org_selectors.org_list_visible(user=self.request.user)
        parents = dict(visible.filter(path__in=paths).values_list("path", "pk")) if paths else {}
        for row in rows:
            row.parent_id = parents.get(row.path[: -Organization.steplen])

    def detail_object(self, pk: int) -> Organization:
        return org_selectors.org_get_visible(user=self.request.user, pk=pk)

    def respond(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        self.before_show([obj])
        return super().respond(obj, code)


# ---- people ------------------------------------------------------------------------------------------------------


class PersonViewSet(CreateMixin, UpdateMixin, ScopedViewSet):
    """人员: ID numbers and phones masked; `?reveal=1` shows them to a permitted role and is audited."""

    serializer_class = s.PersonSerializer
    write_serializer_class = s.PersonWriteSerializer
    filterset_class = PersonFilterSet
    revealable = True

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        self.revealed = False
        if self.action in {"list", "retrieve"} and request.query_params.get("reveal") in {"1", "true"}:
            if not can_see_personal_data(request.user):
                raise PermissionDenied(_("您的角色不能查看完整的公民身份号码和手机号码"))
            self.revealed = True

    def before_show(self, rows: Sequence[Any]) -> None:
        if self.revealed and rows:
            ids = [row.pk for row in rows]
            record_event(
                action="reveal",
                actor=self.request.user,
                request=self.request._request,
                obj=rows[0] if len(rows) == 1 else None,
                object_repr=rows[0].name if len(rows) == 1 else _("接口人员列表（%(n)s人）") % {"n": len(rows)},
                detail={"via": "api", "path": self.request.path, "person_ids": ids},
            )

    def list_queryset(self) -> QuerySet[Person]:
        return people_selectors.person_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> Person:
        return get_object_or_404(self.list_queryset(), pk=pk)

    def create_record(self, data: dict[str, Any]) -> Person:
        return people_services.person_create(user=self.request.user, **data)

    def update_record(self, person: Person, data: dict[str, Any], version: int) -> Person:
        extra = {key: data.pop(key) for key in ("sources", "gender", "birth_date") if key in data}
        return people_services.person_update(user=self.request.user, person=person, version=version, **extra, **data)


class PositionViewSet(CreateMixin, UpdateMixin, ScopedViewSet):
    """职务 and terms: the single-seat and membership rules are the service's."""

    serializer_class = s.PositionSerializer
    write_serializer_class = s.PositionCreateSerializer
    update_serializer_class = s.PositionUpdateSerializer
    filterset_class = PositionFilterSet

    def list_queryset(self) -> QuerySet[Position]:
        # people.selectors has no list of positions (the pages show them on a person): scoped here the same way.
        return scope(Position.objects.select_related("person", "org"), self.request.user).order_by(
            "org__path", "title", "-started_on", "pk"
        )

    def detail_object(self, pk: int) -> Position:
        return people_selectors.position_get_visible(user=self.request.user, pk=pk)

    def create_record(self, data: dict[str, Any]) -> Position:
        return people_services.position_assign(user=self.request.user, **data)

    def update_record(self, position: Position, data: dict[str, Any], version: int) -> Position:
        return people_services.position_update(user=self.request.user, position=position, version=version, **data)


class PoolEntryViewSet(ScopedViewSet):
    """后备干部 / 农村实用人才 entries (read-only here)."""

    serializer_class = s.PoolEntrySerializer
    filterset_class = PoolEntryFilterSet

    def list_queryset(self) -> QuerySet[PoolEntry]:
        return scope(PoolEntry.objects.select_related("person", "org"), self.request.user).order_by(
            "org__path", "pool", "-entered_on", "pk"
        )

    def detail_object(self, pk: int) -> PoolEntry:
        return people_selectors.pool_entry_get_visible(user=self.request.user, pk=pk)


class TrainingViewSet(ScopedViewSet):
    """培训 and 外出考察 of the people in scope (read-only here)."""

    serializer_class = s.TrainingSerializer
    filterset_class = TrainingFilterSet

    def list_queryset(self) -> QuerySet[Training]:
        return scope(
            Training.objects.select_related("person", "person__org"), self.request.user, via="person__org"
        ).order_by("-started_on", "pk")

    def detail_object(self, pk: int) -> Training:
        return people_selectors.training_get_visible(user=self.request.user, pk=pk)


# ---- activities ----------------------------------------------------------------------------------------------------


def _presence(user: Any, rows: Iterable[dict[str, Any]], paired_org: Organization | None) -> list[Any]:
    """The attendance rows as the service takes them; a person id outside the user's reach reads as unknown."""
    rows = list(rows)
    ids = [row["person"] for row in rows]
    candidates = Person.objects.filter(pk__in=ids)
    reachable = scope(candidates, user)
    if paired_org is not None:
        reachable = reachable | candidates.filter(org=paired_org)
    people = {p.pk: p for p in reachable}
    unknown = [str(pk) for pk in ids if pk not in people]
    if unknown:
        raise DjangoValidationError(
            {"attendance": _("人员不存在或不在您的范围内：%(ids)s") % {"ids": "、".join(unknown)}}
        )
    return [
        activity_services.Presence(people[row["person"]], row["present"], row.get("absence_reason", "") or "")
        for row in rows
    ]


def _refuse_unknown_pairing(data: dict[str, Any]) -> None:
    if isinstance(data.get("paired_org"), s.UnknownOrg):
        raise DjangoValidationError({"paired_org": activity_services.NO_PAIRING})


class ActivityViewSet(CreateMixin, UpdateMixin, DestroyMixin, ScopedViewSet):
    """活动 with attendance; a joint activity shows for both orgs of the pairing, but only its org changes it."""

    serializer_class = s.ActivitySerializer
    detail_serializer_class = s.ActivityDetailSerializer
    write_serializer_class = s.ActivityWriteSerializer
    update_serializer_class = s.ActivityUpdateSerializer
    filterset_class = ActivityFilterSet

    def list_queryset(self) -> QuerySet[Activity]:
        return activity_selectors.activity_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> Activity:
        # The list's selector: the same scope as activity_get_visible, with 应到/实到 counted.
        activity = get_object_or_404(self.list_queryset(), pk=pk)
        activity.attendance_rows = activity_selectors.activity_attendance(activity)  # type: ignore[attr-defined]
        return activity

    def create_record(self, data: dict[str, Any]) -> Activity:
        rows = data.pop("attendance")
        _refuse_unknown_pairing(data)
        presence = _presence(self.request.user, rows, data.get("paired_org"))
        return activity_services.activity_record(user=self.request.user, presence=presence, **data)

    def update_record(self, activity: Activity, data: dict[str, Any], version: int) -> Activity:
        rows = data.pop("attendance", None)
        _refuse_unknown_pairing(data)
        paired = data["paired_org"] if "paired_org" in data else activity.paired_org
        presence = _presence(self.request.user, rows, paired) if rows is not None else None
        return activity_services.activity_update(
            user=self.request.user, activity=activity, version=version, presence=presence, **data
        )

    def delete_record(self, activity: Activity) -> None:
        activity_services.activity_delete(user=self.request.user, activity=activity)


# ---- governance ----------------------------------------------------------------------------------------------------


class MatterViewSet(CreateMixin, ScopedViewSet):
    """五议五公开 matters with their steps and disclosures (recorded step by step on the pages)."""

    serializer_class = s.MatterSerializer
    write_serializer_class = s.MatterWriteSerializer
    filterset_class = MatterFilterSet

    def list_queryset(self) -> QuerySet[Any]:
        return governance_selectors.matter_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> Any:
        return governance_selectors.matter_get_visible(user=self.request.user, pk=pk)

    def create_record(self, data: dict[str, Any]) -> Any:
        return governance_services.matter_create(user=self.request.user, **data)

    @extend_schema(
        request=s.MatterStepWriteSerializer,
        responses={201: s.MatterSerializer, 400: FIELD_ERRORS, 403: ERROR, 404: ERROR},
    )
    @action(detail=True, methods=["post"], url_path="steps")
    def steps(self, request: Request, pk: str) -> Response:
        """Record the next deliberation of the matter (in order; a failed vote stops the matter)."""
        matter = self.get_object()
        data = self.write_data(s.MatterStepWriteSerializer, partial=False)
        governance_services.matter_step_record(user=request.user, matter=matter, **data)
        return self.respond(self.detail_object(matter.pk), status.HTTP_201_CREATED)


# ---- support ---------------------------------------------------------------------------------------------------------


def _assign(obj: Model, data: dict[str, Any]) -> None:
    for key, value in data.items():
        setattr(obj, key, value)


class FacilityViewSet(CreateMixin, UpdateMixin, DestroyMixin, ScopedViewSet):
    """阵地设施 (活动室 and the rest)."""

    serializer_class = s.FacilitySerializer
    write_serializer_class = s.FacilityWriteSerializer
    filterset_class = FacilityFilterSet

    def list_queryset(self) -> QuerySet[Facility]:
        return support_selectors.facility_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> Facility:
        return support_selectors.facility_get_visible(user=self.request.user, pk=pk)

    def create_record(self, data: dict[str, Any]) -> Facility:
        facility = Facility()
        _assign(facility, data)
        return support_services.facility_save(user=self.request.user, facility=facility)

    def update_record(self, facility: Facility, data: dict[str, Any], version: int) -> Facility:
        _assign(facility, data)
        return support_services.facility_save(user=self.request.user, facility=facility, version=version)

    def delete_record(self, facility: Facility) -> None:
        support_services.record_delete(user=self.request.user, record=facility)


class IncomeViewSet(CreateMixin, UpdateMixin, DestroyMixin, ScopedViewSet):
    """集体经济收入: one row per village and year (元)."""

    serializer_class = s.IncomeSerializer
    write_serializer_class = s.IncomeWriteSerializer
    filterset_class = IncomeFilterSet

    def list_queryset(self) -> QuerySet[CollectiveIncome]:
        return support_selectors.income_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> CollectiveIncome:
        return support_selectors.income_get_visible(user=self.request.user, pk=pk)

    def create_record(self, data: dict[str, Any]) -> CollectiveIncome:
        income = CollectiveIncome()
        _assign(income, data)
        return support_services.income_save(user=self.request.user, income=income)

    def update_record(self, income: CollectiveIncome, data: dict[str, Any], version: int) -> CollectiveIncome:
        _assign(income, data)
        return support_services.income_save(user=self.request.user, income=income, version=version)

    def delete_record(self, income: CollectiveIncome) -> None:
        support_services.record_delete(user=self.request.user, record=income)


# ---- assessment ------------------------------------------------------------------------------------------------------


class AssessmentViewSet(ScopedViewSet):
    """考评 runs of the campaigns the user sees; the detail lists the published results of the user's orgs."""

    serializer_class = s.AssessmentSerializer
    detail_serializer_class = s.AssessmentDetailSerializer
    filterset_class = AssessmentFilterSet
    versioned = False

    def list_queryset(self) -> QuerySet[Assessment]:
        return assessment_selectors.assessment_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> Assessment:
        assessment = assessment_selectors.assessment_get_visible(user=self.request.user, pk=pk)
        assessment.visible_results = list(  # type: ignore[attr-defined]
            scope(OrgResult.objects.filter(assessment=assessment), self.request.user)
            .select_related("org")
            .order_by("rank", "org__path")
        )
        return assessment


class RectificationViewSet(ScopedViewSet):
    """整改 items of the user's orgs (submitted and verified on the pages)."""

    serializer_class = s.RectificationSerializer
    filterset_class = RectificationFilterSet

    def list_queryset(self) -> QuerySet[Any]:
        return rectification_selectors.rectification_list_visible(user=self.request.user)

    def detail_object(self, pk: int) -> Any:
        return rectification_selectors.rectification_get_visible(user=self.request.user, pk=pk)

    def filterset_extra_kwargs(self) -> dict[str, Any]:
        return {
            **super().filterset_extra_kwargs(),
            "assessments": rectification_selectors.assessments_with_items(user=self.request.user),
        }


# ---- token ---------------------------------------------------------------------------------------------------


class TokenView(APIView):
    """POST username + password (+ otp_token where a second factor is required) → a token for
    `Authorization: Token <key>`.

    Authenticates through django.contrib.auth.authenticate(request=…) with DRF's request (the
    accounts backend reads otp_token from it), so the login lockout and the second factor apply;
    a locked account is answered exactly like a wrong password.
    """

    permission_classes = [AllowAny]
    authentication_classes: ClassVar[list[Any]] = []

    @extend_schema(
        request=inline_serializer(
            "TokenRequest",
            fields={
                "username": serializers.CharField(),
                "password": serializers.CharField(),
                "otp_token": serializers.CharField(required=False, help_text="启用双因素认证的角色须填写动态口令"),
            },
        ),
        responses={
            200: inline_serializer("TokenResponse", fields={"token": serializers.CharField()}),
            400: inline_serializer(
                "TokenError", fields={"non_field_errors": serializers.ListField(child=serializers.CharField())}
            ),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        username = request.data.get("username") if hasattr(request.data, "get") else None
        password = request.data.get("password") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
            return Response({"non_field_errors": [_("请输入用户名和密码")]}, status=status.HTTP_400_BAD_REQUEST)
        user = authenticate(request=request, username=username, password=password)
        if user is None or not user.is_active:
            return Response({"non_field_errors": [_("用户名或密码错误")]}, status=status.HTTP_400_BAD_REQUEST)
        token, _created = Token.objects.get_or_create(user=user)
        if token_expired(token.created, now=timezone.now()):  # a fresh login gets a fresh token
            token.delete()
            token = Token.objects.create(user=user)
        return Response({"token": token.key})
