"""组织台账: the org tree, identified by 组织代码 (or, when the code is blank, the full name).

Rows are imported in order, so a row may name as 上级组织 an org created by an earlier row.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wuji.core.scoping import scope
from wuji.ledgers import reading
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, RowError, register
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization


@register
class OrgsLedger(Ledger):
    name = "orgs"
    title = "党组织台账"
    import_roles = frozenset({"officer"})
    columns = (
        Column("组织名称", "name", required=True, max_length=100, help="组织全称，如：傅家堰乡甲村党支部", width=28),
        Column("组织代码", "code", max_length=32, help="全县唯一，如 FJY-V01；新建组织必填", width=14),
        Column(
            "上级组织",
            "parent",
            kind="org",
            help="填写上级组织的代码或全称；只有导入的最上级组织可留空（须已在系统中登记）",
            width=24,
        ),
        Column(
            "组织类型",
            "kind",
            required=True,
            kind="choice",
            choices=tuple(OrgKind.choices),
            synonyms={
                "党总支部": OrgKind.GENERAL_BRANCH,
                "总支": OrgKind.GENERAL_BRANCH,
                "支部": OrgKind.BRANCH,
                "党支部委员会": OrgKind.BRANCH,
                "党委员会": OrgKind.COMMITTEE,
            },
            width=10,
        ),
        Column(
            "组织类别",
            "category",
            kind="choice",
            choices=tuple(Category.choices),
            synonyms={
                "村": Category.VILLAGE,
                "农村党支部": Category.VILLAGE,
                "机关单位": Category.ORGAN,
                "学校": Category.EDUCATION,
                "医院": Category.HEALTH,
                "卫生院": Category.HEALTH,
                "国有企业": Category.SOE,
                "非公": Category.NEW_SECTOR,
                "两新组织": Category.NEW_SECTOR,
            },
            help="党支部、党总支必填；统管全乡的党委可留空",
            width=10,
        ),
        Column("成立日期", "founded_on", kind="date"),
    )
    error_columns = {"new_parent": "parent", "dissolved_reason": "name"}

    def key(self, row: Row) -> object:
        return ("code", row["code"]) if row["code"] else ("name", row["name"])

    def _existing(self, ctx: ImportContext, row: Row) -> Organization | None:
        if row["code"]:
            found = ctx.orgs_by_code.get(reading.clean_header(row["code"]))
            if found is None and Organization.objects.filter(code=row["code"]).exists():
                raise RowError(f"组织代码“{row['code']}”已被您管辖范围以外的组织使用", "code")
            return found
        named = ctx.orgs_by_name.get(reading.clean_header(row["name"]), [])
        if len(named) > 1:
            raise RowError("有多个同名组织，请填写组织代码", "code")
        return named[0] if named else None

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = self._existing(ctx, row)
        parent: Organization | None = row["parent"]
        if org is None:
            if not row["code"]:
                raise RowError("新建组织须填写组织代码", "code")
            if parent is None:
                raise RowError("新建组织须填写上级组织", "parent")
            org = org_services.org_create(
                user=ctx.user,
                parent=parent,
                name=row["name"],
                code=row["code"],
                kind=row["kind"],
                category=row["category"] or "",
                founded_on=row["founded_on"],
            )
            ctx.cache["org_resolver"].add(org)
            row.note = f"{org.name}（{org.code}）"
            return Outcome.CREATED
        changes: dict[str, Any] = {}
        for key in ("name", "kind", "category", "founded_on"):
            if row[key] and row[key] != getattr(org, key):
                changes[key] = row[key]
        current_parent = Organization.objects.get_parent(org) if parent is not None else None  # type: ignore[attr-defined]
        moved = parent is not None and (current_parent is None or current_parent.pk != parent.pk)
        if not changes and not moved:
            row.note = f"{org.name}（{org.code}）"
            return Outcome.UNCHANGED
        if changes:
            org = org_services.org_update(user=ctx.user, org=org, **changes)
        if moved:
            assert parent is not None
            org = org_services.org_move(user=ctx.user, org=org, new_parent=parent)
        ctx.cache["org_resolver"].add(org)
        labels = [self.column(k).header for k in changes] + (["上级组织"] if moved else [])
        row.note = f"{org.name}：{'、'.join(labels)}"
        return Outcome.UPDATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return scope(Organization.objects.all(), user, via="").order_by("path")

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        parents: dict[str, Organization] = ctx.cache.setdefault("org_by_path", {})
        parents[obj.path] = obj
        parent = parents.get(obj.path[: -Organization.steplen]) if obj.depth > 1 else None
        return [
            obj.name,
            obj.code,
            parent.code if parent is not None else "",
            obj.get_kind_display(),
            obj.get_category_display() if obj.category else "",
            obj.founded_on,
        ]
