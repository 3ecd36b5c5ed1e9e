"""人员台账 (党员花名册): people and their membership stage, identified by 公民身份号码.

Stages come from old paper files, so they are recorded as back-filled entries (补录, no
meeting numbers) through `stage_record`, which applies every development rule. A blank
optional cell leaves what is registered alone; it never clears it.

New people take the bulk path (`plan_row` / `write_planned`, see wuji/people/bulk.py): the
same checks as `person_create` and `stage_record`, written per chunk with bulk inserts and
the same audit rows. A row about a registered person goes through the services one by one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from wuji.core import idcard
from wuji.core.scoping import org_in_scope
from wuji.ledgers.books._common import ID_NUMBER, NAME, ORG, existing_person, load_people, same
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, RowError, register
from wuji.people import bulk as people_bulk
from wuji.people import services as people_services
from wuji.people.choices import Education, Gender, Stage
from wuji.people.models import Person, SourceTag
from wuji.people.selectors import person_list_visible

MASSES = "masses"
BACKFILL_NOTE = "依据台账导入补录"
CATEGORY_CHOICES = (
    (Stage.FULL.value, "正式党员"),
    (Stage.PROBATIONARY.value, "预备党员"),
    (Stage.CANDIDATE.value, "发展对象"),
    (Stage.ACTIVIST.value, "入党积极分子"),
    (Stage.APPLICANT.value, "入党申请人"),
    (MASSES, "群众"),
)
# The date column that says when each stage began, earliest first.
STAGE_DATE_KEYS = (
    (Stage.APPLICANT.value, "applied_on"),
    (Stage.ACTIVIST.value, "activist_on"),
    (Stage.CANDIDATE.value, "candidate_on"),
    (Stage.PROBATIONARY.value, "joined_on"),
    (Stage.FULL.value, "confirmed_on"),
)
STAGE_INDEX = {stage: i for i, (stage, _key) in enumerate(STAGE_DATE_KEYS)}
STAGE_LABEL = {stage: label for stage, label in CATEGORY_CHOICES}
SPLIT_SOURCES = re.compile(r"[、,，;；/\s]+")


def _source_names() -> str:
    return "、".join(SourceTag.objects.values_list("name", flat=True))


@register
class PeopleLedger(Ledger):
    name = "people"
    title = "人员台账"
    columns = (
        NAME,
        ID_NUMBER,
        Column(
            "性别",
            "gender",
            kind="choice",
            choices=tuple(Gender.choices),
            synonyms={"男性": "M", "女性": "F"},
            help="可不填；填写时须与公民身份号码一致",
            width=6,
        ),
        Column("出生日期", "birth_date", kind="date", help="可不填；填写时须与公民身份号码一致"),
        Column("民族", "ethnicity", max_length=20, help="如：汉族、土家族（“汉”按“汉族”读）", width=8),
        Column(
            "学历",
            "education",
            kind="choice",
            choices=tuple(Education.choices),
            synonyms={
                "硕士": "postgraduate",
                "博士": "postgraduate",
                "硕士研究生": "postgraduate",
                "博士研究生": "postgraduate",
                "本科": "bachelor",
                "大学": "bachelor",
                "大专": "college",
                "专科": "college",
                "中技": "secondary_vocational",
                "职高": "secondary_vocational",
                "技校": "secondary_vocational",
                "小学": "primary",
                "文盲": "primary",
            },
            width=10,
        ),
        ORG,
        Column(
            "人员类别",
            "category",
            required=True,
            kind="choice",
            choices=CATEGORY_CHOICES,
            synonyms={
                "党员": Stage.FULL.value,
                "积极分子": Stage.ACTIVIST.value,
                "申请人": Stage.APPLICANT.value,
                "预备": Stage.PROBATIONARY.value,
                "正式": Stage.FULL.value,
            },
            help="正式党员须填入党日期和转正日期；预备党员须填入党日期",
            width=12,
        ),
        Column("入党日期", "joined_on", kind="date", help="支部大会接收为预备党员的日期"),
        Column("转正日期", "confirmed_on", kind="date", help="预备党员转为正式党员的日期"),
        Column("手机号码", "phone", kind="phone", aliases=("联系电话", "手机"), width=14),
        Column(
            "人员来源",
            "sources",
            help="可填多个，用顿号分隔；可选：退伍军人、返乡创业人员、大学生村官、退居二线干部、"
            "民营企业经营管理人员、农村青年致富能手、外出务工经商人员",
            width=18,
        ),
        Column("申请入党日期", "applied_on", kind="date", help="人员类别为入党申请人时必填"),
        Column(
            "确定积极分子日期",
            "activist_on",
            kind="date",
            aliases=("确定为入党积极分子日期",),
            help="人员类别为入党积极分子时必填",
        ),
        Column(
            "列为发展对象日期",
            "candidate_on",
            kind="date",
            aliases=("确定为发展对象日期",),
            help="人员类别为发展对象时必填",
        ),
    )
    error_columns = {"id_number": "id_number", "phone": "phone", "org": "org", "stage": "category", "note": "category"}

    def key(self, row: Row) -> object:
        return row["id_number"]

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        load_people(ctx, rows, related=("stages", "sources"))
        if "source_tags" not in ctx.cache:
            ctx.cache["source_tags"] = {t.name: t for t in SourceTag.objects.all()}

    # ------------------------------------------------------------------ import
    def _ethnicity(self, row: Row) -> str:
        ethnicity: str = row["ethnicity"]
        if ethnicity and not ethnicity.endswith("族") and len(ethnicity) <= 3:
            ethnicity += "族"
        return ethnicity

    def plan_row(self, ctx: ImportContext, row: Row) -> Outcome | None:
        """A new person: `import_row`'s checks without a write (kept for `write_planned`); else None."""
        if existing_person(ctx, row) is not None:
            return None
        wanted = self._wanted_stages(row)
        sources = self._sources(ctx, row)
        ethnicity = self._ethnicity(row)
        new = people_bulk.person_plan(user=ctx.user, **self._person_fields(row, sources, ethnicity))

        def record(stage: str, started_on: dt.date) -> None:
            people_bulk.stage_plan(
                user=ctx.user,
                new=new,
                stage=stage,
                started_on=started_on,
                org=new.person.org,
                backfilled=True,
                note=BACKFILL_NOTE,
                today=ctx.today,
            )

        self._record_stages(ctx, row, new.person, wanted, {}, record=record)
        ctx.cache.setdefault("planned", []).append(new)
        row.note = f"{row['name']}（{row['org'].name}）"
        return Outcome.CREATED

    def write_planned(self, ctx: ImportContext, *, discard: bool) -> None:
        planned: list[people_bulk.NewPerson] = ctx.cache.pop("planned", [])
        if not discard:
            people_bulk.write_new_people(user=ctx.user, planned=planned)

    def _person_fields(self, row: Row, sources: list[SourceTag] | None, ethnicity: str) -> dict[str, Any]:
        """What `person_create` and the bulk path's `person_plan` take from a row about a new person."""
        return {
            "org": row["org"],
            "name": row["name"],
            "id_number": row["id_number"],
            "phone": row["phone"],
            "ethnicity": ethnicity or "汉族",
            "education": row["education"] or "",
            "sources": sources or (),
            "gender": row["gender"],
            "birth_date": row["birth_date"],
        }

    def _wanted_stages(self, row: Row) -> dict[str, dt.date]:
        category = row["category"]
        if category == MASSES:
            return {}
        target = STAGE_INDEX[category]
        wanted: dict[str, dt.date] = {}
        for stage, key in STAGE_DATE_KEYS[: target + 1]:
            if row[key] is not None:
                wanted[stage] = row[key]
        missing_key = STAGE_DATE_KEYS[target][1]
        if category not in wanted:
            raise RowError(f"人员类别为{STAGE_LABEL[category]}时须填写{self.column(missing_key).header}", missing_key)
        if category == Stage.FULL and Stage.PROBATIONARY not in wanted:
            raise RowError("正式党员须填写入党日期", "joined_on")
        for _stage, key in STAGE_DATE_KEYS[target + 1 :]:
            if row[key] is not None:
                raise RowError(f"人员类别为{STAGE_LABEL[category]}，不应填写{self.column(key).header}", key)
        return wanted

    def _sources(self, ctx: ImportContext, row: Row) -> list[SourceTag] | None:
        if not row["sources"]:
            return None
        tags: dict[str, SourceTag] = ctx.cache["source_tags"]
        chosen = []
        for name in SPLIT_SOURCES.split(row["sources"]):
            if not name:
                continue
            tag = tags.get(name) or next((t for n, t in tags.items() if n.startswith(name)), None)
            if tag is None:
                raise RowError(f"人员来源“{name}”不在列表中；可选：{'、'.join(tags)}", "sources")
            chosen.append(tag)
        return chosen

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        wanted = self._wanted_stages(row)
        sources = self._sources(ctx, row)
        ethnicity = self._ethnicity(row)
        person = existing_person(ctx, row)
        if person is None:
            person = people_services.person_create(user=ctx.user, **self._person_fields(row, sources, ethnicity))
            existing: dict[str, dt.date] = {}
            outcome = Outcome.CREATED
            row.note = f"{row['name']}（{row['org'].name}）"
        else:
            if not org_in_scope(ctx.user, person.org):
                raise RowError("该公民身份号码已在其他组织登记，请联系乡党委组织委员办理组织关系转接", "id_number")
            outcome = self._update_person(ctx, row, person, sources, ethnicity)
            existing = {s.stage: s.started_on for s in person.stages.all()}
        added = self._record_stages(ctx, row, person, wanted, existing)
        if added and outcome is Outcome.UNCHANGED:
            outcome = Outcome.UPDATED
        return outcome

    def _update_person(
        self, ctx: ImportContext, row: Row, person: Person, sources: list[SourceTag] | None, ethnicity: str
    ) -> Outcome:
        info = idcard.parse(person.id_number)
        if row["gender"] and row["gender"] != info.gender:
            shown = "男" if info.gender == "M" else "女"
            raise RowError(f"性别与公民身份号码不符（号码显示为{shown}）", "gender")
        if row["birth_date"] and row["birth_date"] != info.birth_date:
            raise RowError(f"出生日期与公民身份号码不符（号码显示为{info.birth_date:%Y-%m-%d}）", "birth_date")
        changes: dict[str, Any] = {}
        if row["name"] != person.name:
            changes["name"] = row["name"]
        if row["org"].pk != person.org_id:
            changes["org"] = row["org"]
        for key, new in (("phone", row["phone"]), ("ethnicity", ethnicity), ("education", row["education"])):
            if new and not same(getattr(person, key), new):
                changes[key] = new
        new_sources = None
        if sources is not None and {t.pk for t in sources} != {t.pk for t in person.sources.all()}:
            new_sources = sources
        if not changes and new_sources is None:
            row.note = f"{person.name}（{person.org.name}）"
            return Outcome.UNCHANGED
        people_services.person_update(user=ctx.user, person=person, sources=new_sources, **changes)
        changed = [*changes, *(["sources"] if new_sources is not None else [])]
        labels = [c.header for c in self.columns if c.key in changed]
        row.note = f"{person.name}：{'、'.join(labels)}"
        return Outcome.UPDATED

    def _record_stages(
        self,
        ctx: ImportContext,
        row: Row,
        person: Person,
        wanted: dict[str, dt.date],
        existing: dict[str, dt.date],
        *,
        record: Callable[[str, dt.date], object] | None = None,
    ) -> bool:
        category = row["category"]
        if existing:
            latest = max(existing, key=STAGE_INDEX.__getitem__)
            if category == MASSES or STAGE_INDEX[latest] > STAGE_INDEX[category]:
                raise RowError(
                    f"已登记为{STAGE_LABEL[latest]}（{existing[latest]:%Y-%m-%d}），与人员类别“{STAGE_LABEL[category]}”不符",
                    "category",
                )
        added = False
        for stage, key in STAGE_DATE_KEYS:
            if stage not in wanted:
                continue
            if stage in existing:
                if existing[stage] != wanted[stage]:
                    raise RowError(
                        f"与已登记的{self.column(key).header}（{existing[stage]:%Y-%m-%d}）不一致；如需更正请在人员页面修改",
                        key,
                    )
                continue
            try:
                if record is not None:
                    record(stage, wanted[stage])
                else:
                    people_services.stage_record(
                        user=ctx.user,
                        person=person,
                        stage=stage,
                        started_on=wanted[stage],
                        org=person.org,
                        backfilled=True,
                        note=BACKFILL_NOTE,
                    )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    raise
                raise RowError("；".join(exc.messages), key) from None  # the rules judge this stage's date
            added = True
        return added

    # ------------------------------------------------------------------ export
    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return person_list_visible(user=user).prefetch_related("stages").order_by("org__path", "name_pinyin", "id")

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        stages = {s.stage: s.started_on for s in obj.stages.all()}
        latest = max(stages, key=STAGE_INDEX.__getitem__) if stages else MASSES
        return [
            obj.name,
            ctx.id_number(obj.id_number),
            obj.get_gender_display(),
            obj.birth_date,
            obj.ethnicity,
            obj.get_education_display() if obj.education else "",
            obj.org.code,
            STAGE_LABEL[latest],
            stages.get(Stage.PROBATIONARY),
            stages.get(Stage.FULL),
            ctx.phone(obj.phone),
            "、".join(t.name for t in obj.sources.all()),
            stages.get(Stage.APPLICANT),
            stages.get(Stage.ACTIVIST),
            stages.get(Stage.CANDIDATE),
        ]
