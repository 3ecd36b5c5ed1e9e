"""职务台账: terms of office, identified by person, org, post and 任职日期."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wuji.core.scoping import scope
from wuji.ledgers.books._common import ID_NUMBER, NAME, ORG, load_people, person_of_row
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, register
from wuji.people import services as people_services
from wuji.people.choices import SelectionMethod, Title
from wuji.people.models import Position

T = Title
TITLE_SYNONYMS = {
    **{f"{p}书记": T.SECRETARY for p in ("党委", "党支部", "支部", "党总支", "总支", "村党支部", "社区党支部")},
    **{f"{p}副书记": T.DEPUTY_SECRETARY for p in ("党委", "党支部", "支部", "党总支", "总支", "村党支部")},
    **{f"{p}委员": T.MEMBER for p in ("党委", "党支部", "支部", "党总支", "总支", "支委", "村党支部")},
    "书记": T.SECRETARY,
    "副书记": T.DEPUTY_SECRETARY,
    "委员": T.MEMBER,
    "支委": T.MEMBER,
    "村主任": T.VILLAGE_CHAIR,
    "村民委员会主任": T.VILLAGE_CHAIR,
    "村委主任": T.VILLAGE_CHAIR,
    "村副主任": T.VILLAGE_DEPUTY_CHAIR,
    "村民委员会副主任": T.VILLAGE_DEPUTY_CHAIR,
    "村委副主任": T.VILLAGE_DEPUTY_CHAIR,
    "村委委员": T.VILLAGE_MEMBER,
    "村民委员会委员": T.VILLAGE_MEMBER,
    "社区居委会主任": T.RESIDENTS_CHAIR,
    "居民委员会主任": T.RESIDENTS_CHAIR,
    "居民委员会副主任": T.RESIDENTS_DEPUTY_CHAIR,
    "居民委员会委员": T.RESIDENTS_MEMBER,
}
TITLE_LABELS = (
    (T.SECRETARY.value, "党委书记"),
    (T.DEPUTY_SECRETARY.value, "党委副书记"),
    (T.MEMBER.value, "党委委员"),
    (T.SECRETARY.value, "党支部书记"),
    (T.DEPUTY_SECRETARY.value, "党支部副书记"),
    (T.MEMBER.value, "党支部委员"),
    *((t.value, str(t.label)) for t in T if t not in {T.SECRETARY, T.DEPUTY_SECRETARY, T.MEMBER}),
)


@register
class PositionsLedger(Ledger):
    name = "positions"
    title = "职务台账"
    columns = (
        NAME,
        ID_NUMBER,
        ORG,
        Column(
            "职务",
            "title",
            required=True,
            kind="choice",
            choices=TITLE_LABELS,
            synonyms=TITLE_SYNONYMS,
            help="党委书记、党支部书记、支部书记均可；村委会职务只能登记在村党组织",
            width=14,
        ),
        Column("任职日期", "started_on", required=True, kind="date"),
        Column("免职日期", "ended_on", kind="date", help="在任的留空"),
        Column(
            "产生方式",
            "selection_method",
            kind="choice",
            choices=tuple(SelectionMethod.choices),
            synonyms={
                "直接选举": SelectionMethod.DIRECT_ELECTION,
                "选举": SelectionMethod.DIRECT_ELECTION,
                "党员直选": SelectionMethod.MEMBERS_DIRECT_ELECTION,
                "委任": SelectionMethod.APPOINTMENT,
            },
            width=14,
        ),
    )
    error_columns = {"person": "name"}

    def key(self, row: Row) -> object:
        return (row["id_number"], row["org"].pk, row["title"], row["started_on"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        load_people(ctx, rows)
        people = [p.pk for p in ctx.cache.get("people", {}).values()]
        found: dict[tuple[int, int, str, Any], Position] = {}
        ctx.cache["positions"] = found
        for position in Position.objects.filter(person__in=people).select_related("org", "person"):
            found[(position.person_id, position.org_id, position.title, position.started_on)] = position

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        person = person_of_row(ctx, row)
        found = ctx.cache["positions"].get((person.pk, row["org"].pk, row["title"], row["started_on"]))
        row.note = f"{person.name} {row['org'].name}"
        if found is None:
            position = people_services.position_assign(
                user=ctx.user,
                person=person,
                org=row["org"],
                title=row["title"],
                started_on=row["started_on"],
                ended_on=row["ended_on"],
                selection_method=row["selection_method"] or SelectionMethod.OTHER,
            )
            row.note += f" {position.title_label}"
            return Outcome.CREATED
        changes: dict[str, Any] = {}
        if row["selection_method"] and row["selection_method"] != found.selection_method:
            changes["selection_method"] = row["selection_method"]
        if row["ended_on"] and row["ended_on"] != found.ended_on:
            changes["ended_on"] = row["ended_on"]
        if not changes:
            return Outcome.UNCHANGED
        if list(changes) == ["ended_on"] and found.ended_on is None:
            people_services.position_end(user=ctx.user, position=found, ended_on=row["ended_on"])
        else:
            people_services.position_update(user=ctx.user, position=found, **changes)
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return scope(Position.objects.select_related("person", "org"), user).order_by(
            "org__path", "title", "-started_on"
        )

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.person.name,
            ctx.id_number(obj.person.id_number),
            obj.org.code,
            obj.title_label,
            obj.started_on,
            obj.ended_on,
            obj.get_selection_method_display(),
        ]
