"""后备干部 / 农村实用人才台账: pool entries, identified by person, org, pool and 入库日期."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wuji.core.scoping import scope
from wuji.ledgers.books._common import ID_NUMBER, NAME, ORG, load_people, person_of_row
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, register
from wuji.people import services as people_services
from wuji.people.choices import Pool
from wuji.people.models import PoolEntry


@register
class PoolsLedger(Ledger):
    name = "pools"
    title = "人才库台账"
    columns = (
        NAME,
        ID_NUMBER,
        ORG,
        Column(
            "类别",
            "pool",
            required=True,
            kind="choice",
            choices=tuple(Pool.choices),
            synonyms={
                "后备": Pool.RESERVE_CADRE,
                "村级后备干部": Pool.RESERVE_CADRE,
                "实用人才": Pool.PRACTICAL_TALENT,
            },
            width=14,
        ),
        Column("入库日期", "entered_on", required=True, kind="date"),
        Column("出库日期", "exited_on", kind="date", help="仍在库的留空"),
    )
    error_columns = {"person": "name"}

    def key(self, row: Row) -> object:
        return (row["id_number"], row["org"].pk, row["pool"], row["entered_on"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        load_people(ctx, rows)
        people = [p.pk for p in ctx.cache.get("people", {}).values()]
        found: dict[tuple[int, int, str, Any], PoolEntry] = {}
        ctx.cache["pool_entries"] = found
        for entry in PoolEntry.objects.filter(person__in=people).select_related("org", "person"):
            found[(entry.person_id, entry.org_id, entry.pool, entry.entered_on)] = entry

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        person = person_of_row(ctx, row)
        found = ctx.cache["pool_entries"].get((person.pk, row["org"].pk, row["pool"], row["entered_on"]))
        row.note = f"{person.name} {row['org'].name}"
        if found is None:
            people_services.pool_enter(
                user=ctx.user,
                person=person,
                org=row["org"],
                pool=row["pool"],
                entered_on=row["entered_on"],
                exited_on=row["exited_on"],
            )
            return Outcome.CREATED
        if not row["exited_on"] or row["exited_on"] == found.exited_on:
            return Outcome.UNCHANGED
        if found.exited_on is not None:
            from wuji.ledgers.registry import RowError

            raise RowError(f"已于{found.exited_on:%Y-%m-%d}出库；如需更正请在人员页面修改", "exited_on")
        people_services.pool_exit(user=ctx.user, entry=found, exited_on=row["exited_on"])
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return scope(PoolEntry.objects.select_related("person", "org"), user).order_by(
            "org__path", "pool", "-entered_on"
        )

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.person.name,
            ctx.id_number(obj.person.id_number),
            obj.org.code,
            obj.get_pool_display(),
            obj.entered_on,
            obj.exited_on,
        ]
