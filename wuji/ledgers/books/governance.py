"""基本制度 ledgers: rule documents (each a version of an org's rule) and 五议五公开 matters."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wuji.governance import selectors, services
from wuji.governance.choices import RuleKind
from wuji.governance.models import Matter, RuleDocument
from wuji.ledgers.books._common import ORG
from wuji.ledgers.books.support import _choices, org_ids
from wuji.ledgers.registry import Column, ExportContext, ImportContext, Ledger, Outcome, Row, RowError, register


@register
class RulesLedger(Ledger):
    """A row is one version of a rule: a newer 施行日期 of the same kind supersedes the current one."""

    name = "rules"
    title = "制度台账"
    columns = (
        ORG,
        Column("制度类别", "kind", required=True, kind="choice", choices=_choices(RuleKind.choices), width=22),
        Column("制度名称", "title", required=True, max_length=200, width=26),
        Column("施行日期", "effective_on", required=True, kind="date"),
        Column("制度内容", "text", required=True, help="制度全文或要点（文件可在制度页面上传）", width=40),
    )
    error_columns = {"text": "text", "effective_on": "effective_on"}

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["kind"], row["title"], row["effective_on"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        found: dict[tuple[int, str, str, Any], RuleDocument] = ctx.cache.setdefault("rules", {})
        for rule in RuleDocument.objects.filter(org_id__in=org_ids(ctx, rows)):
            found[(rule.org_id, rule.kind, rule.title, rule.effective_on)] = rule

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        row.note = f"{org.name}《{row['title']}》{row['effective_on']:%Y-%m-%d}"
        found = ctx.cache["rules"].get((org.pk, row["kind"], row["title"], row["effective_on"]))
        if found is not None:
            if found.text.strip() == row["text"].strip():
                return Outcome.UNCHANGED
            raise RowError("该制度的这一版本已登记且内容不同：修改内容请在“基本制度”页面办理", "text")
        services.rule_document_adopt(
            user=ctx.user,
            org=org,
            kind=row["kind"],
            title=row["title"],
            effective_on=row["effective_on"],
            text=row["text"],
        )
        return Outcome.CREATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.rule_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [obj.org.code or obj.org.name, obj.get_kind_display(), obj.title, obj.effective_on, obj.text]


@register
class MattersLedger(Ledger):
    """五议五公开 matters as they are opened; the five steps and disclosures are recorded on each matter's page
    (each step has its date, attendance and votes, which a spreadsheet row cannot hold)."""

    name = "matters"
    title = "五议五公开事项台账"
    columns = (
        ORG,
        Column("事项名称", "title", required=True, max_length=200, width=30),
        Column("事项说明", "description", width=40),
    )

    def key(self, row: Row) -> object:
        return (row["org"].pk, row["title"])

    def prepare(self, ctx: ImportContext, rows: list[Row]) -> None:
        found: dict[tuple[int, str], Matter] = ctx.cache.setdefault("matters", {})
        for matter in Matter.objects.filter(org_id__in=org_ids(ctx, rows)):
            found[(matter.org_id, matter.title)] = matter

    def import_row(self, ctx: ImportContext, row: Row) -> Outcome:
        org = row["org"]
        row.note = f"{org.name} {row['title']}"
        if (org.pk, row["title"]) in ctx.cache["matters"]:
            return Outcome.UNCHANGED
        services.matter_create(user=ctx.user, org=org, title=row["title"], description=row["description"])
        return Outcome.CREATED

    def export_queryset(self, user: Any) -> QuerySet[Any]:
        return selectors.matter_list_visible(user=user)

    def export_row(self, obj: Any, ctx: ExportContext) -> list[object]:
        return [obj.org.code or obj.org.name, obj.title, obj.description]
