"""培训台账: trainings and study trips, identified by person, 培训名称 and 开始日期.

There is no service that edits a recorded training, so a row that differs from the recorded
one is reported (change it on the person's page) rather than silently overwritten.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wuji.core.scoping import scope
from wuji.ledgers.books._common import ID_NUMBER, NAME, load_people, person_of_row, same
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, RowError, register
from wuji.people import services as people_services
from wuji.people.choices import TrainingCategory, TrainingKind
from wuji.people.models import Training


@register
class TrainingsLedger(Ledger):
    name = "trainings"
    title = "培训台账"
    columns = (
        NAME,
        ID_NUMBER,
        Column("培训名称", "training_name", required=True, max_length=100, width=28),
        Column(
            "培训类别",
            "category",
            required=True,
            kind="choice",
            choices=tuple(TrainingCategory.choices),
            synonyms={
                "理论": TrainingCategory.THEORY,
                "党务": TrainingCategory.PARTY_AFFAIRS,
                "村干部": TrainingCategory.CADRE,
                "技术培训": TrainingCategory.PRACTICAL_SKILLS,
                "业务": TrainingCategory.BUSINESS,
            },
            width=12,
        ),
        Column("开始日期", "started_on", required=True, kind="date"),
        Column("结束日期", "ended_on", kind="date"),
        Column("主办单位", "organizer", max_length=100, width=18),
        Column(
            "形式",
            "kind",
            kind="choice",
            choices=tuple(TrainingKind.choices),
            synonyms={"外出考察": TrainingKind.STUDY_TRIP, "考察学习": TrainingKind.STUDY_TRIP},
            help="留空按“培训”登记",
            width=12,
        ),
    )
    error_columns = {"name": "training_name", "person": "name"}

    def key(self, row: Row) -> object:
        return (row["id_number"], row["training_name"], row["started_on"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        load_people(ctx, rows)
        people = [p.pk for p in ctx.cache.get("people", {}).values()]
        found: dict[tuple[int, str, Any], Training] = {}
        ctx.cache["trainings"] = found
        for training in Training.objects.filter(person__in=people):
            found[(training.person_id, training.name, training.started_on)] = training

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        person = person_of_row(ctx, row)
        row.note = f"{person.name} {row['training_name']}"
        found = ctx.cache["trainings"].get((person.pk, row["training_name"], row["started_on"]))
        if found is None:
            people_services.training_record(
                user=ctx.user,
                person=person,
                name=row["training_name"],
                category=row["category"],
                started_on=row["started_on"],
                kind=row["kind"] or TrainingKind.TRAINING,
                ended_on=row["ended_on"],
                organizer=row["organizer"],
            )
            return Outcome.CREATED
        differs = [
            self.column(key).header
            for key, current in (
                ("category", found.category),
                ("ended_on", found.ended_on),
                ("organizer", found.organizer),
                ("kind", found.kind),
            )
            if row[key] and not same(current, row[key])
        ]
        if differs:
            raise RowError(f"该次培训已登记，{'、'.join(differs)}与登记的不同；如需更正请在人员页面修改")
        return Outcome.UNCHANGED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return scope(Training.objects.select_related("person", "person__org"), user, via="person__org").order_by(
            "-started_on", "id"
        )

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.person.name,
            ctx.id_number(obj.person.id_number),
            obj.name,
            obj.get_category_display(),
            obj.started_on,
            obj.ended_on,
            obj.organizer,
            obj.get_kind_display(),
        ]
