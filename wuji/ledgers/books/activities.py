"""基本活动 ledgers: activities (with attendance derived from the member list) and pairings."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wuji.activities import selectors, services
from wuji.activities.choices import AbsenceReason
from wuji.activities.models import Activity, ActivityType, Attendance, Pairing
from wuji.ledgers.books._common import ID_NUMBER, NAME, ORG, load_people, person_of_row
from wuji.ledgers.books.support import org_ids
from wuji.ledgers.reading import fold
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, RowError, register

IMPORT_BACKFILL_REASON = "线下召开，会后由台账导入补录"


def _type_names() -> dict[str, ActivityType]:
    """Every way a type is written: its name, "上级·名称", its code."""
    names: dict[str, ActivityType] = {}
    for activity_type in ActivityType.objects.select_related("parent").order_by("-active", "order", "id"):
        for spelling in (str(activity_type), activity_type.name, activity_type.code):
            names.setdefault(fold(spelling).replace(" ", ""), activity_type)
    return names


@register
class ActivitiesLedger(Ledger):
    """One row an activity. 应到/实到 are counted from attendance: an imported activity is recorded with
    the org's members on that day as expected and present; an activity with absences is recorded on its
    page, where each absence gets its reason."""

    name = "activities"
    title = "党组织活动台账"
    columns = (
        ORG,
        Column("活动类型", "type", required=True, help="如 集中学习、民主生活会、主题实践", width=14),
        Column("活动日期", "held_on", required=True, kind="date"),
        Column("主题", "topic", required=True, max_length=200, width=30),
        Column("应到人数", "expected", kind="int", min_value=0, max_value=100000, width=9),
        Column("实到人数", "present", kind="int", min_value=0, max_value=100000, width=9),
        Column("地点", "place", max_length=100, width=16),
        Column(
            "补录原因",
            "backfill_reason",
            max_length=200,
            help="活动过去较久才登记的，说明原因；留空按“线下召开，会后补录”",
        ),
    )
    error_columns = {"org": "org", "held_on": "held_on", "topic": "topic", "attendance": "present", "type": "type"}

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["held_on"], row["topic"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        if "activity_types" not in ctx.cache:
            ctx.cache["activity_types"] = _type_names()
        found: dict[tuple[int, Any, str], Activity] = ctx.cache.setdefault("activities", {})
        orgs = org_ids(ctx, rows)
        days = {r["held_on"] for r in rows}
        for activity in Activity.objects.filter(org_id__in=orgs, held_on__in=days).select_related("org", "type"):
            found[(activity.org_id, activity.held_on, activity.topic)] = activity

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        activity_type = ctx.cache["activity_types"].get(fold(row["type"]).replace(" ", ""))
        if activity_type is None:
            raise RowError("没有这个活动类型（请用模板下拉列表中的名称，如“集中学习”“民主生活会”）", "type")
        row.note = f"{org.name} {row['held_on']:%Y-%m-%d} {row['topic']}"
        found = ctx.cache["activities"].get((org.pk, row["held_on"], row["topic"]))
        if found is not None:
            counts = found.attendance.all()
            expected = counts.count()
            present = sum(1 for a in counts if a.present)
            self._check_counts(row, expected, present)
            if found.type_id == activity_type.pk and (not row["place"] or row["place"] == found.place):
                return Outcome.UNCHANGED
            services.activity_update(
                user=ctx.user,
                activity=found,
                version=found.version,
                type=activity_type,
                place=row["place"] or found.place,
                today=ctx.today,
            )
            return Outcome.UPDATED
        members = services.members_on(org, row["held_on"])
        self._check_counts(row, len(members), len(members))
        if not members:
            raise RowError("该组织在活动当天没有党员，无法登记出席情况", "org")
        services.activity_record(
            user=ctx.user,
            org=org,
            type=activity_type,
            held_on=row["held_on"],
            topic=row["topic"],
            place=row["place"],
            presence=[services.Presence(person, True) for person in members],
            backfill_reason=row["backfill_reason"] or IMPORT_BACKFILL_REASON,
            today=ctx.today,
        )
        return Outcome.CREATED

    @staticmethod
    def _check_counts(row: Row, expected: int, present: int) -> None:
        if row["expected"] is not None and row["expected"] != expected:
            raise RowError(
                f"应到人数按党员名册计算，本组织活动当天有党员 {expected} 人，与所填（{row['expected']}）不一致；"
                "此列可以留空",
                "expected",
            )
        if row["present"] is not None and row["present"] != present:
            absent = expected - row["present"]
            raise RowError(
                f"本行有 {absent} 人缺席：缺席须逐人登记原因。请把实到人数留空导入本行，"
                "再用“出席台账”逐人登记缺席人员及原因（或在“基本活动”页面勾选）"
                if absent > 0
                else f"实到人数（{row['present']}）多于应到人数（{expected}）",
                "present",
            )

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.activity_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.org.code or obj.org.name,
            str(obj.type),
            obj.held_on,
            obj.topic,
            getattr(obj, "expected", None),
            getattr(obj, "present", None),
            obj.place,
            obj.backfill_reason,
        ]


@register
class AttendanceLedger(Ledger):
    """Who was absent (or present) at an activity already recorded, one row a person; the activity is found
    by its org, date and topic. 应到/实到 follow from these rows."""

    name = "attendance"
    title = "活动出席台账"
    columns = (
        ORG,
        Column("活动日期", "held_on", required=True, kind="date"),
        Column("主题", "topic", required=True, max_length=200, width=26),
        NAME,
        ID_NUMBER,
        Column("是否出席", "present", required=True, kind="bool", help="是 / 否", width=9),
        Column(
            "缺席原因",
            "absence_reason",
            kind="choice",
            choices=tuple((str(v), str(label)) for v, label in AbsenceReason.choices),
            synonyms={
                "外出务工": AbsenceReason.WORK_AWAY,
                "外出": AbsenceReason.WORK_AWAY,
                "生病": AbsenceReason.ILLNESS,
            },
            width=14,
        ),
    )
    error_columns = {"attendance": "name", "person": "name"}

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["held_on"], row["topic"], row["id_number"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        load_people(ctx, rows)
        found: dict[tuple[int, Any, str], Activity] = ctx.cache.setdefault("activities", {})
        days = {r["held_on"] for r in rows}
        for activity in Activity.objects.filter(org_id__in=org_ids(ctx, rows), held_on__in=days).select_related("org"):
            found[(activity.org_id, activity.held_on, activity.topic)] = activity

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        activity = ctx.cache["activities"].get((org.pk, row["held_on"], row["topic"]))
        if activity is None:
            raise RowError("找不到这次活动：请先在“党组织活动台账”中导入（党组织、日期、主题须一致）", "topic")
        person = person_of_row(ctx, row)
        row.note = f"{activity.topic} {person.name}{'出席' if row['present'] else '缺席'}"
        reason = "" if row["present"] else (row["absence_reason"] or "")
        if not row["present"] and not reason:
            raise RowError("缺席的须填写缺席原因", "absence_reason")
        current = list(activity.attendance.select_related("person"))
        mine = next((a for a in current if a.person_id == person.pk), None)
        if mine is not None and mine.present == row["present"] and mine.absence_reason == reason:
            return Outcome.UNCHANGED
        presence = [
            services.Presence(a.person, a.present, a.absence_reason) for a in current if a.person_id != person.pk
        ]
        presence.append(services.Presence(person, row["present"], reason))
        services.activity_update(
            user=ctx.user, activity=activity, version=activity.version, presence=presence, today=ctx.today
        )
        activity.refresh_from_db(fields=["version"])
        return Outcome.UPDATED if mine is not None else Outcome.CREATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        from wuji.core.scoping import scope

        return scope(
            Attendance.objects.select_related("activity", "activity__org", "person"), user, via="activity__org"
        ).order_by("-activity__held_on", "activity_id", "person__name_pinyin")

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.activity.org.code or obj.activity.org.name,
            obj.activity.held_on,
            obj.activity.topic,
            obj.person.name,
            ctx.id_number(obj.person.id_number),
            "是" if obj.present else "否",
            obj.get_absence_reason_display() if obj.absence_reason else "",
        ]


@register
class PairingsLedger(Ledger):
    name = "pairings"
    title = "结对帮扶台账"
    columns = (
        Column("机关党组织", "organ_org", required=True, kind="org", width=24),
        Column("村（社区）党组织", "village_org", required=True, kind="org", width=24),
        Column("结对日期", "started_on", required=True, kind="date"),
        Column("结束日期", "ended_on", kind="date", help="仍在结对的留空"),
    )
    import_roles = frozenset({"officer"})

    def key(self, row: Row) -> object:
        return (row["organ_org"].pk, row["village_org"].pk, row["started_on"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        found: dict[tuple[int, int, Any], Pairing] = ctx.cache.setdefault("pairings", {})
        organs = org_ids(ctx, rows, "organ_org")
        for pairing in Pairing.objects.filter(organ_org_id__in=organs).select_related("organ_org", "village_org"):
            found[(pairing.organ_org_id, pairing.village_org_id, pairing.started_on)] = pairing

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        organ, village = row["organ_org"], row["village_org"]
        row.note = f"{organ.name} ↔ {village.name}"
        found = ctx.cache["pairings"].get((organ.pk, village.pk, row["started_on"]))
        if found is None:
            pairing = Pairing(
                organ_org=organ, village_org=village, started_on=row["started_on"], ended_on=row["ended_on"]
            )
            services.pairing_save(user=ctx.user, pairing=pairing)
            return Outcome.CREATED
        if found.ended_on == row["ended_on"] or row["ended_on"] is None:
            return Outcome.UNCHANGED
        found.ended_on = row["ended_on"]
        services.pairing_save(user=ctx.user, pairing=found, version=found.version)
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.pairing_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.organ_org.code or obj.organ_org.name,
            obj.village_org.code or obj.village_org.name,
            obj.started_on,
            obj.ended_on,
        ]
