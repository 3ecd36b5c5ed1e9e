"""What the API shows and takes. Reads mask personal data unless the view says otherwise;
writes only parse and bind input (orgs and people within the user's scope): the rules are the services'.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from wuji.activities.choices import AbsenceReason
from wuji.activities.models import Activity, ActivityType, Attendance
from wuji.assessment.models import Assessment, OrgResult, Rectification
from wuji.core.masking import mask_id_number, mask_phone
from wuji.governance.choices import StepKind
from wuji.governance.models import Disclosure, Matter, MatterStep
from wuji.orgs.models import Organization
from wuji.orgs.selectors import org_choices
from wuji.people.choices import Education, Gender, SelectionMethod, Title
from wuji.people.models import Person, PoolEntry, Position, SourceTag, Training
from wuji.people.selectors import person_list_visible
from wuji.support.choices import FacilityKind
from wuji.support.models import CollectiveIncome, Facility

# ---- fields bound to the user's scope -------------------------------------------------------------------------


def _user(field: serializers.Field) -> Any:
    return field.context["request"].user


@extend_schema_field(OpenApiTypes.INT)
class ScopedOrgField(serializers.PrimaryKeyRelatedField):
    """An org id the user may choose: in their subtree and not dissolved (the services check writing)."""

    def get_queryset(self) -> QuerySet[Organization]:
        return org_choices(user=_user(self))


@extend_schema_field(OpenApiTypes.INT)
class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    """A person id within the user's scope (an id outside it reads as nonexistent)."""

    def get_queryset(self) -> QuerySet[Person]:
        return person_list_visible(user=_user(self))


class UnknownOrg(int):
    """An org id that names no org: refused by the view in the service's words once the rest of the request is
    valid, so that neither the error nor the set of fields in error tells whether such an org exists."""


@extend_schema_field(OpenApiTypes.INT)
class AnyOrgField(serializers.PrimaryKeyRelatedField):
    """The paired org of a joint activity may lie outside the user's subtree (the service checks the pairing)."""

    def get_queryset(self) -> QuerySet[Organization]:
        return Organization.objects.filter(dissolved_on__isnull=True)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            pk = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return self.get_queryset().filter(pk=pk).first() or UnknownOrg(pk)


# ---- orgs ------------------------------------------------------------------------------------------------------


class OrganizationSerializer(serializers.ModelSerializer[Organization]):
    parent = serializers.IntegerField(read_only=True, allow_null=True, source="parent_id")

    class Meta:
        model = Organization
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "category",
            "parent",
            "path",
            "depth",
            "founded_on",
            "dissolved_on",
            "note",
            "version",
        ]
        read_only_fields = fields


# ---- people ----------------------------------------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer[Person]):
    """ID number and phone masked (110105********002X, 138****1234) unless the view reveals them."""

    org_name = serializers.CharField(source="org.name", read_only=True)
    current_stage = serializers.CharField(read_only=True, allow_null=True)
    sources = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    id_number = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Person
        fields = [
            "id",
            "name",
            "name_pinyin",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "ethnicity",
            "education",
            "org",
            "org_name",
            "current_stage",
            "sources",
            "note",
            "version",
        ]
        read_only_fields = fields

    def _reveal(self) -> bool:
        return bool(self.context.get("reveal"))

    @extend_schema_field(OpenApiTypes.STR)
    def get_id_number(self, person: Person) -> str:
        return person.id_number if self._reveal() else mask_id_number(person.id_number)

    @extend_schema_field(OpenApiTypes.STR)
    def get_phone(self, person: Person) -> str:
        return person.phone if self._reveal() else mask_phone(person.phone)


class PersonWriteSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=30)
    org = ScopedOrgField()
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    ethnicity = serializers.CharField(max_length=20, required=False, allow_blank=True)
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)
    sources = serializers.SlugRelatedField(
        slug_field="code", queryset=SourceTag.objects.all(), many=True, required=False
    )
    note = serializers.CharField(required=False, allow_blank=True)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, help_text="可不填；填写时须与身份证号一致")
    birth_date = serializers.DateField(required=False, help_text="可不填；填写时须与身份证号一致")


# ---- positions, pools, trainings --------------------------------------------------------------------------------


class PositionSerializer(serializers.ModelSerializer[Position]):
    person_name = serializers.CharField(source="person.name", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "person",
            "person_name",
            "org",
            "org_name",
            "title",
            "started_on",
            "ended_on",
            "selection_method",
            "end_reason",
            "version",
        ]
        read_only_fields = fields


class PositionCreateSerializer(serializers.Serializer[Any]):
    person = ScopedPersonField()
    org = ScopedOrgField()
    title = serializers.ChoiceField(choices=Title.choices)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True)
    selection_method = serializers.ChoiceField(choices=SelectionMethod.choices, required=False)


class PositionUpdateSerializer(serializers.Serializer[Any]):
    title = serializers.ChoiceField(choices=Title.choices)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True)
    selection_method = serializers.ChoiceField(choices=SelectionMethod.choices, required=False)
    end_reason = serializers.CharField(max_length=100, required=False, allow_blank=True)


class PoolEntrySerializer(serializers.ModelSerializer[PoolEntry]):
    person_name = serializers.CharField(source="person.name", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = PoolEntry
        fields = [
            "id",
            "person",
            "person_name",
            "org",
            "org_name",
            "pool",
            "entered_on",
            "exited_on",
            "exit_reason",
            "specialty",
            "version",
        ]
        read_only_fields = fields


class TrainingSerializer(serializers.ModelSerializer[Training]):
    person_name = serializers.CharField(source="person.name", read_only=True)
    org = serializers.IntegerField(source="person.org_id", read_only=True)

    class Meta:
        model = Training
        fields = [
            "id",
            "person",
            "person_name",
            "org",
            "name",
            "kind",
            "category",
            "started_on",
            "ended_on",
            "organizer",
            "place",
            "version",
        ]
        read_only_fields = fields


# ---- activities ---------------------------------------------------------------------------------------------------


class AttendanceSerializer(serializers.ModelSerializer[Attendance]):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["person", "person_name", "present", "absence_reason"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    org_name = serializers.CharField(source="org.name", read_only=True)
    type_name = serializers.CharField(source="type.name", read_only=True)
    expected = serializers.IntegerField(read_only=True, help_text="应到人数")
    present = serializers.IntegerField(read_only=True, help_text="实到人数")

    class Meta:
        model = Activity
        fields = [
            "id",
            "org",
            "org_name",
            "type",
            "type_name",
            "held_on",
            "topic",
            "place",
            "minutes",
            "paired_org",
            "backfilled",
            "backfill_reason",
            "expected",
            "present",
            "version",
        ]
        read_only_fields = fields


class ActivityDetailSerializer(ActivitySerializer):
    attendance = AttendanceSerializer(many=True, read_only=True, source="attendance_rows")

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "attendance"]
        read_only_fields = fields


class PresenceSerializer(serializers.Serializer[Any]):
    person = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    present = serializers.BooleanField()
    absence_reason = serializers.ChoiceField(choices=AbsenceReason.choices, required=False, allow_blank=True)


class ActivityWriteSerializer(serializers.Serializer[Any]):
    org = ScopedOrgField()
    type = serializers.PrimaryKeyRelatedField(queryset=ActivityType.objects.all())
    held_on = serializers.DateField()
    topic = serializers.CharField(max_length=200)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    minutes = serializers.CharField(required=False, allow_blank=True)
    paired_org = AnyOrgField(required=False, allow_null=True)
    backfill_reason = serializers.CharField(max_length=200, required=False, allow_blank=True)
    attendance = PresenceSerializer(many=True, help_text="应到人员的出席情况（缺席须选原因）")


# ---- governance ---------------------------------------------------------------------------------------------------


class MatterStepSerializer(serializers.ModelSerializer[MatterStep]):
    class Meta:
        model = MatterStep
        fields = [
            "step",
            "held_on",
            "expected",
            "present",
            "votes_for",
            "votes_against",
            "abstentions",
            "passed",
            "note",
        ]
        read_only_fields = fields


class MatterDisclosureSerializer(serializers.ModelSerializer[Disclosure]):
    class Meta:
        model = Disclosure
        fields = ["id", "kind", "title", "content", "channel", "published_on", "published"]
        read_only_fields = fields


class MatterSerializer(serializers.ModelSerializer[Matter]):
    org_name = serializers.CharField(source="org.name", read_only=True)
    steps = MatterStepSerializer(many=True, read_only=True)
    disclosures = MatterDisclosureSerializer(many=True, read_only=True)

    class Meta:
        model = Matter
        fields = [
            "id",
            "org",
            "org_name",
            "title",
            "description",
            "status",
            "closed_on",
            "close_reason",
            "steps",
            "disclosures",
            "version",
        ]
        read_only_fields = fields


def _count() -> serializers.IntegerField:
    return serializers.IntegerField(min_value=0, max_value=1_000_000, required=False, allow_null=True)


class MatterStepWriteSerializer(serializers.Serializer[Any]):
    """The next of the five deliberations (a villagers' proposal, step 1, takes no vote)."""

    step = serializers.ChoiceField(choices=StepKind.choices)
    held_on = serializers.DateField()
    expected = _count()
    present = _count()
    votes_for = _count()
    votes_against = _count()
    abstentions = _count()
    note = serializers.CharField(required=False, allow_blank=True)


class MatterWriteSerializer(serializers.Serializer[Any]):
    org = ScopedOrgField()
    title = serializers.CharField(max_length=100)
    description = serializers.CharField(required=False, allow_blank=True)


# ---- support ------------------------------------------------------------------------------------------------------


class FacilitySerializer(serializers.ModelSerializer[Facility]):
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = Facility
        fields = ["id", "org", "org_name", "kind", "name", "area_m2", "opened_on", "closed_on", "note", "version"]
        read_only_fields = fields


class FacilityWriteSerializer(serializers.Serializer[Any]):
    org = ScopedOrgField()
    kind = serializers.ChoiceField(choices=FacilityKind.choices)
    name = serializers.CharField(max_length=100)
    area_m2 = serializers.DecimalField(max_digits=8, decimal_places=1, required=False, allow_null=True, min_value=0)
    opened_on = serializers.DateField(required=False, allow_null=True)
    closed_on = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


class IncomeSerializer(serializers.ModelSerializer[CollectiveIncome]):
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = CollectiveIncome
        fields = ["id", "org", "org_name", "year", "total", "operating", "note", "version"]
        read_only_fields = fields


class IncomeWriteSerializer(serializers.Serializer[Any]):
    org = ScopedOrgField()
    year = serializers.IntegerField(min_value=1, max_value=9999)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, help_text="集体经济收入（元）")
    operating = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, help_text="其中经营性收入（元）"
    )
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)


# ---- assessment ----------------------------------------------------------------------------------------------


class OrgResultSerializer(serializers.ModelSerializer[OrgResult]):
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = OrgResult
        fields = ["org", "org_name", "rubric", "score", "max_score", "grade", "rank", "category_rank"]
        read_only_fields = fields


class AssessmentSerializer(serializers.ModelSerializer[Assessment]):
    campaign = serializers.CharField(source="campaign.code", read_only=True)
    campaign_name = serializers.CharField(source="campaign.name", read_only=True)

    class Meta:
        model = Assessment
        fields = ["id", "campaign", "campaign_name", "kind", "period_start", "as_of", "status", "published_at"]
        read_only_fields = fields


class AssessmentDetailSerializer(AssessmentSerializer):
    """With the published results of the orgs the user sees (a draft has none stored)."""

    results = OrgResultSerializer(many=True, read_only=True, source="visible_results")

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "results"]
        read_only_fields = fields


class RectificationSerializer(serializers.ModelSerializer[Rectification]):
    org_name = serializers.CharField(source="org.name", read_only=True)

    class Meta:
        model = Rectification
        fields = [
            "id",
            "assessment",
            "org",
            "org_name",
            "indicator",
            "indicator_name",
            "dimension",
            "problem",
            "measures",
            "owner_name",
            "due_on",
            "status",
            "submitted_on",
            "closed_on",
            "version",
        ]
        read_only_fields = fields


class ActivityUpdateSerializer(ActivityWriteSerializer):
    """An activity stays with the org that held it; the rest may be corrected."""

    org = None  # type: ignore[assignment]
