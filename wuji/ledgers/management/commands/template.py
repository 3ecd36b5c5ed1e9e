"""python -m wuji template <ledger> <file.xlsx> [--user <name>]."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wuji.ledgers.cli import ledger_or_fail, user_or_fail
from wuji.ledgers.templates_xlsx import template_workbook


class Command(BaseCommand):
    help = "写出台账模板：表头与导入读取的完全一致，附“填写说明”页，可选值带下拉列表。退出码：0 成功；2 参数有误。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ledger", help="台账名称，如 people、orgs、positions、pools、trainings")
        parser.add_argument("file", help="写入的 .xlsx 文件")
        parser.add_argument("--user", help="可选：给出账号时，“所在党组织”列下拉列出该账号管辖的组织")

    def handle(self, *args: Any, **options: Any) -> None:
        ledger = ledger_or_fail(options["ledger"])
        user = user_or_fail(options["user"], required=False)
        Path(options["file"]).write_bytes(template_workbook(ledger, user=user))
        self.stdout.write(f"已写出 {ledger.title} 模板到 {options['file']}")
