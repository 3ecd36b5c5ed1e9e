"""Writes of 基本活动: activities with attendance, pairings, member-year records, honours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.activities import rules
from wuji.activities.choices import AbsenceReason
from wuji.activities.models import (
    Activity,
    ActivityType,
    Attendance,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.core.scoping import require_officer, require_write
from wuji.core.services import (
    attachment_store,
    attachments_chosen,
    attachments_discard,
    check_version,
    save_validated,
    scoped_delete,
    scoped_save,
    service,
)
from wuji.core.uploads import DOCUMENTS, check_upload
from wuji.orgs.choices import Category
from wuji.orgs.models import Organization
from wuji.people.choices import Stage
from wuji.people.models import MembershipStage, Person

NO_PAIRING = "活动当天两个党组织之间没有有效的结对帮扶关系"


@dataclass(frozen=True)
class Presence:
    person: Person
    present: bool
    absence_reason: str = ""


def members_on(org: Organization, day: dt.date) -> list[Person]:
    """The org's members (probationary or full) on `day`: who is expected at its meetings."""
    member_ids = MembershipStage.objects.filter(
        person__org=org, stage__in=[Stage.PROBATIONARY, Stage.FULL], started_on__lte=day
    ).values("person_id")
    return list(Person.objects.filter(pk__in=member_ids).order_by("name_pinyin", "id"))


def _pairing_on(org: Organization, other: Organization, day: dt.date) -> Pairing | None:
    pair = Q(organ_org=org, village_org=other) | Q(organ_org=other, village_org=org)
    active = Q(ended_on__isnull=True) | Q(ended_on__gt=day)
    return Pairing.objects.filter(pair, active, started_on__lte=day).first()


def _check_activity(
    activity: Activity, presence: list[Presence], today: dt.date, entered_on: dt.date | None = None
) -> None:
    """`entered_on` is when the activity was first recorded (a later edit does not make it a back-entry)."""
    entered_on = entered_on or today
    if activity.held_on > today:
        raise ValidationError({"held_on": "活动日期不能晚于今天（活动举行后再登记）"})
    if activity.org.founded_on and activity.held_on < activity.org.founded_on:
        raise ValidationError({"held_on": f"活动日期早于“{activity.org.name}”的成立日期"})
    if rules.is_back_entry(activity.held_on, entered_on):
        if not activity.backfill_reason.strip():
            raise ValidationError(
                {
                    "backfill_reason": f"活动已过去{(entered_on - activity.held_on).days}天，"
                    "补录须说明原因（如“线下召开，会后补录”）"
                }
            )
        activity.backfilled = True
    else:
        activity.backfilled = bool(activity.backfill_reason.strip())
    if activity.paired_org_id is not None:
        if activity.paired_org_id == activity.org_id:
            raise ValidationError({"paired_org": "结对党组织不能是本组织"})
        if _pairing_on(activity.org, activity.paired_org, activity.held_on) is None:  # type: ignore[arg-type]
            raise ValidationError({"paired_org": NO_PAIRING})
    allowed_orgs = {activity.org_id, activity.paired_org_id}
    # Who was recorded before stays acceptable after they move to another org (an old activity stays editable).
    recorded = set(activity.attendance.values_list("person_id", flat=True)) if activity.pk else set()
    seen: set[int] = set()
    for row in presence:
        if row.person.org_id not in allowed_orgs and row.person.pk not in recorded:
            raise ValidationError({"attendance": f"{row.person.name}不是本组织（或结对组织）的人员"})
        if row.person.pk in seen:
            raise ValidationError({"attendance": f"{row.person.name}重复登记"})
        seen.add(row.person.pk)
        if not row.present and not row.absence_reason:
            raise ValidationError({"attendance": f"请选择{row.person.name}的缺席原因"})
        if not row.present and row.absence_reason not in AbsenceReason.values:
            raise ValidationError({"attendance": f"{row.person.name}的缺席原因无效"})
    if not presence:
        raise ValidationError({"attendance": "请登记出席情况（应到人员）"})


def _write_attendance(activity: Activity, presence: list[Presence]) -> None:
    # Row by row, not bulk_create: the audit trail only hears about rows saved one at a time.
    activity.attendance.all().delete()
    # The rows were checked in _check_activity (reasons, people, no one twice): save without re-validating.
    for row in presence:
        Attendance.objects.create(
            activity=activity,
            person=row.person,
            present=row.present,
            absence_reason="" if row.present else row.absence_reason,
        )


def _check_uploads(uploads: list[Any]) -> None:
    """Check every file before anything is written: a refused third photo must not leave two on disk."""
    for upload in uploads:
        check_upload(upload, allowed=DOCUMENTS)


@service
def activity_record(
    *,
    user: Any,
    org: Organization,
    type: ActivityType,
    held_on: dt.date,
    topic: str,
    presence: Iterable[Presence],
    place: str = "",
    minutes: str = "",
    paired_org: Organization | None = None,
    backfill_reason: str = "",
    uploads: Iterable[Any] = (),
    today: dt.date | None = None,
) -> Activity:
    """Record an activity held by `org` with who was there; a late entry needs its reason."""
    require_write(user, org)
    rows = list(presence)
    files = list(uploads)
    activity = Activity(
        org=org,
        type=type,
        held_on=held_on,
        topic=topic.strip(),
        place=place.strip(),
        minutes=minutes,
        paired_org=paired_org,
        backfill_reason=backfill_reason.strip(),
    )
    _check_activity(activity, rows, today or timezone.localdate())
    _check_uploads(files)
    save_validated(activity)
    _write_attendance(activity, rows)
    for upload in files:
        activity.attachments.add(attachment_store(user=user, org=org, upload=upload, allowed=DOCUMENTS))
    return activity


@service
def activity_update(
    *,
    user: Any,
    activity: Activity,
    version: int | None = None,
    presence: Iterable[Presence] | None = None,
    uploads: Iterable[Any] = (),
    remove_attachments: Iterable[int] = (),
    today: dt.date | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity; `remove_attachments` are ids of its attachments to delete (the audit trail names
    them)."""
    require_write(user, activity.org)
    check_version(activity, version)
    removed = attachments_chosen(activity.attachments, remove_attachments)
    allowed = {"type", "held_on", "topic", "place", "minutes", "paired_org", "backfill_reason"}
    if set(fields) - allowed:
        raise ValueError(f"not editable here: {sorted(set(fields) - allowed)}")
    for key, value in fields.items():
        setattr(activity, key, value.strip() if isinstance(value, str) and key != "minutes" else value)
    rows = (
        list(presence)
        if presence is not None
        else [Presence(a.person, a.present, a.absence_reason) for a in activity.attendance.select_related("person")]
    )
    files = list(uploads)
    today = today or timezone.localdate()
    _check_activity(activity, rows, today, entered_on=min(timezone.localdate(activity.created_at), today))
    _check_uploads(files)
    save_validated(activity)
    if presence is not None:
        _write_attendance(activity, rows)
    attachments_discard(activity.attachments, removed, user=user)
    for upload in files:
        activity.attachments.add(attachment_store(user=user, org=activity.org, upload=upload, allowed=DOCUMENTS))
    return activity


@service
def activity_delete(*, user: Any, activity: Activity) -> None:
    scoped_delete(activity, user=user, org=activity.org)


@service
def pairing_save(*, user: Any, pairing: Pairing, version: int | None = None) -> Pairing:
    """结对帮扶 is arranged by the township: a 机关 branch with a village (community) branch."""
    require_officer(user, pairing.organ_org)
    require_officer(user, pairing.village_org)
    if pairing.organ_org.category != Category.ORGAN:
        raise ValidationError({"organ_org": "结对的一方须是机关党组织"})
    if pairing.village_org.category not in {Category.VILLAGE, Category.COMMUNITY}:
        raise ValidationError({"village_org": "结对的另一方须是村（社区）党组织"})
    same = Pairing.objects.filter(organ_org=pairing.organ_org, village_org=pairing.village_org).exclude(pk=pairing.pk)
    for other in same:
        other_end = other.ended_on or dt.date.max
        this_end = pairing.ended_on or dt.date.max
        if pairing.started_on < other_end and other.started_on < this_end:
            raise ValidationError({"started_on": "这两个党组织在此期间已有结对关系"})
    if pairing.pk:
        check_version(pairing, version)
    save_validated(pairing)
    return pairing


def _check_member_of(person: Person, org: Organization) -> None:
    if person.org_id != org.pk:
        raise ValidationError({"person": f"{person.name}不是“{org.name}”的人员"})


def _check_party_member(person: Person, day: dt.date, field: str = "person") -> None:
    """设岗定责, 服务承诺, 创业致富计划 and 党性分析 are for Party members (probationary or full)."""
    member = MembershipStage.objects.filter(
        person=person, stage__in=[Stage.PROBATIONARY, Stage.FULL], started_on__lte=day
    ).exists()
    if not member:
        raise ValidationError({field: f"{person.name}在{day:%Y年%m月%d日}还不是党员（预备党员或正式党员）"})


def _check_year(year: int) -> None:
    if not 1921 <= year <= timezone.localdate().year + 1:
        raise ValidationError({"year": "年度不在合理范围内"})


@service
def member_year_record_save(
    *, user: Any, record: DutyPost | Pledge | ProsperityPlanEntry, version: int | None = None
) -> Any:
    """设岗定责, 服务承诺 and 创业致富计划: one per member per year, in the member's own org."""
    _check_member_of(record.person, record.org)
    _check_year(record.year)
    _check_party_member(record.person, dt.date(record.year, 12, 31))
    duplicate = type(record).objects.filter(person=record.person, year=record.year).exclude(pk=record.pk)
    if duplicate.exists():
        raise ValidationError({"year": f"{record.person.name}{record.year}年已有{type(record)._meta.verbose_name}记录"})
    return scoped_save(record, user=user, org=record.org, version=version)


@service
def party_spirit_review_save(*, user: Any, review: PartySpiritReview, version: int | None = None) -> PartySpiritReview:
    _check_member_of(review.person, review.org)
    if review.reviewed_on > timezone.localdate():
        raise ValidationError({"reviewed_on": "分析日期不能晚于今天"})
    _check_party_member(review.person, review.reviewed_on)
    return scoped_save(review, user=user, org=review.org, version=version)  # type: ignore[no-any-return]


@service
def honor_save(*, user: Any, honor: Honor, version: int | None = None) -> Honor:
    _check_year(honor.year)
    return scoped_save(honor, user=user, org=honor.org, version=version)  # type: ignore[no-any-return]


@service
def record_delete(*, user: Any, record: Any) -> None:
    """Remove a record entered by mistake (the audit trail keeps it)."""
    scoped_delete(record, user=user, org=record.org)


@service
def activity_type_save(*, user: Any, activity_type: ActivityType) -> ActivityType:
    """The activity-type list is data the township officer extends (a subtype sits under a top-level type)."""
    from django.core.exceptions import PermissionDenied

    if getattr(user, "role", None) != "officer":
        raise PermissionDenied(_("只有组织委员可以维护活动类型"))
    parent = activity_type.parent
    if parent is not None and (parent.parent_id is not None or parent.pk == activity_type.pk):
        raise ValidationError({"parent": _("上级类型须是一级类型")})
    clash = ActivityType.objects.filter(code=activity_type.code).exclude(pk=activity_type.pk).first()
    if clash is not None:
        raise ValidationError(
            {"code": _("代码“%(code)s”已被“%(name)s”使用") % {"code": clash.code, "name": clash.name}}
        )
    save_validated(activity_type)
    return activity_type
