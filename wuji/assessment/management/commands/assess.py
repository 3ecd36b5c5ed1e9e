"""python -m wuji assess <campaign> [--json] [--as-of YYYY-MM-DD]: score every org of the campaign."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.assessment import engine
from wuji.assessment.models import Assessment
from wuji.assessment.services import campaign_run, published_document
from wuji.campaigns.models import Campaign


class Command(BaseCommand):
    help = "考评：最新发布的考评结果；尚未发布时按截止日期实时计算"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign", help="工作方案代码，如 demo-2010")
        parser.add_argument("--json", action="store_true", help="输出 JSON 文档")
        parser.add_argument("--as-of", help="实时计算的截止日期（默认：方案结束日与今天中较早者）")
        parser.add_argument("--live", action="store_true", help="即使已有发布的考评，也实时计算")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("standard", "scope").filter(code=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"找不到工作方案“{options['campaign']}”")
        published = (
            Assessment.objects.filter(campaign=campaign, status=Assessment.Status.PUBLISHED).order_by("-as_of").first()
        )
        if published is not None and not options["live"] and not options["as_of"]:
            document = published_document(published)
        else:
            try:
                as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
            except ValueError as exc:
                raise CommandError("--as-of 应为 YYYY-MM-DD") from exc
            document = engine.as_document(campaign_run(campaign, as_of=as_of), campaign=campaign.code)
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{campaign.name}  截至 {document['as_of']}")
        for org in document["orgs"]:
            self.stdout.write(f"{org['rank']:>3}  {org['score']:>5.1f}  {org['grade']:<4} {org['name']}")
        for agg in document["aggregates"]:
            mark = "达标" if agg["met"] else "未达标"
            self.stdout.write(f"  {agg['scope']} {agg['code']}: {agg['value']}（目标 {agg['target']}）{mark}")
