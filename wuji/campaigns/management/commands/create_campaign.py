"""python -m wuji create_campaign <code> --standard <code> --scope <org code> --year <YYYY>."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.campaigns.services import campaign_create
from wuji.orgs.models import Organization
from wuji.standards.models import Standard


class Command(BaseCommand):
    help = "建立“五个基本”建设工作方案（默认4月15日至10月31日）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("--standard", required=True, help="标准代码，如 five-basics（取最新载入的版本）")
        parser.add_argument("--scope", required=True, help="乡镇党委的组织代码")
        parser.add_argument("--year", required=True, type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        standard = Standard.objects.filter(code=options["standard"]).order_by("-loaded_at").first()
        if standard is None:
            raise CommandError(f"找不到标准“{options['standard']}”，请先运行 load_standard")
        scope = Organization.objects.filter(code=options["scope"]).first()
        if scope is None:
            raise CommandError(f"找不到组织代码为“{options['scope']}”的党组织")
        try:
            campaign = campaign_create(
                user=None, code=options["code"], scope=scope, standard=standard, year=options["year"]
            )
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc
        self.stdout.write(f"已建立：{campaign.name}（{campaign.code}，{campaign.starts_on}—{campaign.ends_on}）")
