"""基本保障 ledgers: collective income, 村财乡管 funding, pensions of village cadres, facilities."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from wuji.ledgers.books._common import ID_NUMBER, NAME, ORG, load_people, person_of_row
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, RowError, register
from wuji.support import selectors, services
from wuji.support.choices import FacilityKind, FundingKind, PensionScheme
from wuji.support.models import CollectiveIncome, Facility, Funding, PensionEnrollment

YEAR = Column("年度", "year", required=True, kind="int", min_value=1949, max_value=2100, width=8)


def org_ids(ctx: ImportContext, rows: list[Row], key: str = "org") -> set[int]:
    """The ids of the orgs a chunk names (still text when `prepare` runs; unknown names are left out)."""
    from wuji.ledgers.reading import CellError

    resolver: Any = ctx.cache.get("org_resolver")
    ids: set[int] = set()
    for row in rows:
        value = row.get(key)
        if value is None or value == "":
            continue
        if hasattr(value, "pk"):
            ids.add(value.pk)
            continue
        try:
            ids.add(resolver.resolve(value).pk)
        except (CellError, AttributeError):
            continue
    return ids


def _choices(choices: Any) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in choices)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(a or 0) == Decimal(b or 0)
    return bool(a == b)


@register
class IncomeLedger(Ledger):
    name = "income"
    title = "村级集体经济收入台账"
    columns = (
        ORG,
        YEAR,
        Column("集体经济收入（元）", "total", required=True, kind="decimal", min_value=0, width=16),
        Column("其中经营性收入（元）", "operating", kind="decimal", min_value=0, width=16),
        Column("主要来源", "note", max_length=200, width=24),
    )

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["year"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        found: dict[tuple[int, int], CollectiveIncome] = ctx.cache.setdefault("income", {})
        orgs = org_ids(ctx, rows)
        for income in CollectiveIncome.objects.filter(org_id__in=orgs).select_related("org"):
            found[(income.org_id, income.year)] = income

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        row.note = f"{org.name} {row['year']}年"
        operating = row["operating"] if row["operating"] is not None else Decimal(0)
        found = ctx.cache.get("income", {}).get((org.pk, row["year"]))
        if found is None:
            income = CollectiveIncome(
                org=org, year=row["year"], total=row["total"], operating=operating, note=row["note"]
            )
            services.income_save(user=ctx.user, income=income)
            return Outcome.CREATED
        note = row["note"] or found.note
        if _same(found.total, row["total"]) and _same(found.operating, operating) and note == found.note:
            return Outcome.UNCHANGED
        found.total, found.operating, found.note = row["total"], operating, note
        services.income_save(user=ctx.user, income=found, version=found.version)
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.income_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [obj.org.code or obj.org.name, obj.year, obj.total, obj.operating, obj.note]


@register
class FundingLedger(Ledger):
    name = "funding"
    title = "村级经费保障台账"
    columns = (
        ORG,
        YEAR,
        Column("经费类别", "kind", required=True, kind="choice", choices=_choices(FundingKind.choices), width=16),
        Column("金额（元）", "amount", required=True, kind="decimal", min_value=0, width=14),
        Column("备注", "note", max_length=200, width=24),
    )
    import_roles = frozenset({"officer"})

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["year"], row["kind"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        found: dict[tuple[int, int, str], Funding] = ctx.cache.setdefault("funding", {})
        orgs = org_ids(ctx, rows)
        for funding in Funding.objects.filter(org_id__in=orgs).select_related("org"):
            found[(funding.org_id, funding.year, funding.kind)] = funding

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        row.note = f"{org.name} {row['year']}年"
        found = ctx.cache.get("funding", {}).get((org.pk, row["year"], row["kind"]))
        if found is None:
            funding = Funding(org=org, year=row["year"], kind=row["kind"], amount=row["amount"], note=row["note"])
            services.funding_save(user=ctx.user, funding=funding)
            return Outcome.CREATED
        note = row["note"] or found.note
        if _same(found.amount, row["amount"]) and note == found.note:
            return Outcome.UNCHANGED
        found.amount, found.note = row["amount"], note
        services.funding_save(user=ctx.user, funding=found, version=found.version)
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.funding_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [obj.org.code or obj.org.name, obj.year, obj.get_kind_display(), obj.amount, obj.note]


@register
class FacilitiesLedger(Ledger):
    name = "facilities"
    title = "阵地设施台账"
    columns = (
        ORG,
        Column("设施类别", "kind", required=True, kind="choice", choices=_choices(FacilityKind.choices), width=16),
        Column("名称", "name", required=True, max_length=100, width=20),
        Column("面积（平方米）", "area_m2", kind="decimal", min_value=0, width=12),
        Column("启用日期", "opened_on", kind="date"),
        Column("停用日期", "closed_on", kind="date", help="仍在使用的留空"),
    )

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["kind"], row["name"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        found: dict[tuple[int, str, str], Facility] = ctx.cache.setdefault("facilities", {})
        orgs = org_ids(ctx, rows)
        for facility in Facility.objects.filter(org_id__in=orgs).select_related("org"):
            found[(facility.org_id, facility.kind, facility.name)] = facility

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        row.note = f"{org.name} {row['name']}"
        found = ctx.cache.get("facilities", {}).get((org.pk, row["kind"], row["name"]))
        values = {"area_m2": row["area_m2"], "opened_on": row["opened_on"], "closed_on": row["closed_on"]}
        if found is None:
            facility = Facility(org=org, kind=row["kind"], name=row["name"], **values)
            services.facility_save(user=ctx.user, facility=facility)
            return Outcome.CREATED
        if all(_same(getattr(found, k), v) for k, v in values.items()):
            return Outcome.UNCHANGED
        for field, value in values.items():
            setattr(found, field, value)
        services.facility_save(user=ctx.user, facility=found, version=found.version)
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.facility_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.org.code or obj.org.name,
            obj.get_kind_display(),
            obj.name,
            obj.area_m2,
            obj.opened_on,
            obj.closed_on,
        ]


@register
class PensionsLedger(Ledger):
    name = "pensions"
    title = "村干部养老保险台账"
    columns = (
        NAME,
        ID_NUMBER,
        ORG,
        Column("险种", "scheme", required=True, kind="choice", choices=_choices(PensionScheme.choices), width=16),
        Column("参保日期", "enrolled_on", required=True, kind="date"),
        Column("终止日期", "ended_on", kind="date", help="仍在保的留空"),
    )
    error_columns = {"person": "name"}

    def key(self, row: Row) -> object:
        return (row["id_number"], row["org"].pk, row["scheme"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        load_people(ctx, rows)
        people = [p.pk for p in ctx.cache.get("people", {}).values()]
        found: dict[tuple[int, int, str], PensionEnrollment] = ctx.cache.setdefault("pensions", {})
        for enrollment in PensionEnrollment.objects.filter(person__in=people).select_related("org", "person"):
            found[(enrollment.person_id, enrollment.org_id, enrollment.scheme)] = enrollment

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        person = person_of_row(ctx, row)
        org = row["org"]
        row.note = f"{person.name} {org.name}"
        found = ctx.cache["pensions"].get((person.pk, org.pk, row["scheme"]))
        if found is None:
            enrollment = PensionEnrollment(
                person=person, org=org, scheme=row["scheme"], enrolled_on=row["enrolled_on"], ended_on=row["ended_on"]
            )
            services.pension_save(user=ctx.user, enrollment=enrollment)
            return Outcome.CREATED
        if found.enrolled_on == row["enrolled_on"] and found.ended_on == row["ended_on"]:
            return Outcome.UNCHANGED
        if found.ended_on is not None and row["ended_on"] is None:
            raise RowError(f"已于{found.ended_on:%Y-%m-%d}终止；如需更正请在养老保险页面修改", "ended_on")
        found.enrolled_on, found.ended_on = row["enrolled_on"], row["ended_on"]
        services.pension_save(user=ctx.user, enrollment=found, version=found.version)
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.pension_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [
            obj.person.name,
            ctx.id_number(obj.person.id_number),
            obj.org.code or obj.org.name,
            obj.get_scheme_display(),
            obj.enrolled_on,
            obj.ended_on,
        ]


@register
class FacilityChecksLedger(Ledger):
    """党员活动室 "十有" checks, one row an item: the latest check of an item counts."""

    name = "facility_checks"
    title = "党员活动室“十有”检查台账"
    columns = (
        ORG,
        Column("活动室名称", "facility", required=True, max_length=100, width=18),
        Column("检查日期", "checked_on", required=True, kind="date"),
        Column("项目", "item", required=True, help="“十有”项目名称，如 有场所、有标识", width=16),
        Column("是否具备", "present", required=True, kind="bool", help="是 / 否", width=9),
        Column("说明", "note", max_length=200, width=24),
    )
    error_columns = {"checked_on": "checked_on"}

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["facility"], row["checked_on"], row["item"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        from wuji.support.models import ChecklistItem, FacilityCheck

        if "checklist_items" not in ctx.cache:
            ctx.cache["checklist_items"] = {item.name: item for item in ChecklistItem.objects.filter(active=True)}
        rooms: dict[tuple[int, str], Facility] = ctx.cache.setdefault("rooms", {})
        for room in Facility.objects.filter(org_id__in=org_ids(ctx, rows), kind=FacilityKind.ACTIVITY_ROOM):
            rooms[(room.org_id, room.name)] = room
        latest: dict[tuple[int, int, Any], bool] = ctx.cache.setdefault("checks", {})
        days = {r["checked_on"] for r in rows}
        checks = FacilityCheck.objects.filter(facility__in=list(rooms.values()), checked_on__in=days).order_by("id")
        for check in checks:
            latest[(check.facility_id, check.item_id, check.checked_on)] = check.present

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        room = ctx.cache["rooms"].get((org.pk, row["facility"]))
        if room is None:
            raise RowError("找不到这个党员活动室：请先在“阵地设施台账”中登记（名称须一致）", "facility")
        item = ctx.cache["checklist_items"].get(row["item"].replace(" ", ""))
        if item is None:
            names = "、".join(ctx.cache["checklist_items"])
            raise RowError(f"没有这个“十有”项目（可填：{names}）", "item")
        row.note = f"{org.name} {room.name} {item.name}"
        known = ctx.cache["checks"].get((room.pk, item.pk, row["checked_on"]))
        if known is not None and known == row["present"]:
            return Outcome.UNCHANGED
        tick = services.Tick(item=item, present=row["present"], note=row["note"])
        services.facility_check_record(user=ctx.user, facility=room, checked_on=row["checked_on"], ticks=[tick])
        ctx.cache["checks"][(room.pk, item.pk, row["checked_on"])] = row["present"]
        return Outcome.CREATED if known is None else Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        from wuji.core.scoping import scope
        from wuji.support.models import FacilityCheck

        return scope(
            FacilityCheck.objects.select_related("facility", "facility__org", "item"), user, via="facility__org"
        ).order_by("facility__org__path", "facility__name", "-checked_on", "item__order")

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        org = obj.facility.org
        present = "是" if obj.present else "否"
        return [org.code or org.name, obj.facility.name, obj.checked_on, obj.item.name, present, obj.note]
