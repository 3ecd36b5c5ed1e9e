"""python -m wuji report <campaign> <file.docx> [--as-of YYYY-MM-DD]: write the 书面总结 of a campaign."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.audit.events import record_event
from wuji.campaigns.models import Campaign
from wuji.reports.documents import summary_docx


class Command(BaseCommand):
    help = "书面总结：按 GB/T 9704 公文格式写出工作方案的书面总结（.docx）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("campaign", help="工作方案代码，如 demo-2010")
        parser.add_argument("file", help="输出文件，如 总结.docx")
        parser.add_argument("--as-of", help="截止日期（默认：最新发布的考评；没有时为方案结束日与今天中较早者）")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.select_related("standard", "scope").filter(code=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"找不到工作方案“{options['campaign']}”")
        try:
            as_of = dt.date.fromisoformat(options["as_of"]) if options["as_of"] else None
        except ValueError as exc:
            raise CommandError("--as-of 应为 YYYY-MM-DD") from exc
        path = Path(options["file"])
        if path.suffix.lower() != ".docx":
            raise CommandError("输出文件应以 .docx 结尾")
        if not path.parent.is_dir():
            raise CommandError(f"目录不存在：{path.parent}")
        data = summary_docx(campaign, as_of=as_of)
        try:
            path.write_bytes(data)
        except OSError as exc:
            raise CommandError(f"无法写入 {path}：{exc.strerror}") from exc
        record_event(action="export", object_repr=f"书面总结 {campaign.code}（命令行）", detail={"file": path.name})
        self.stdout.write(f"已写出书面总结：{path}（{len(data)} 字节）")
