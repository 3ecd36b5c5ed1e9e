"""python -m wuji export <ledger> <file.xlsx> --user <name>."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.ledgers.cli import USAGE_ERROR, USER_HELP, ledger_or_fail, user_or_fail
from wuji.ledgers.exporter import export_workbook


class Command(BaseCommand):
    help = (
        "导出台账（表头与导入模板相同，可修改后再导入）。身份证号和手机号按账号权限脱敏。"
        "退出码：0 成功；2 参数、账号或权限有误。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ledger", help="台账名称，如 people、orgs、positions、pools、trainings")
        parser.add_argument("file", help="写入的 .xlsx 文件")
        parser.add_argument("--user", help=USER_HELP)

    def handle(self, *args: Any, **options: Any) -> None:
        ledger = ledger_or_fail(options["ledger"])
        user = user_or_fail(options["user"])
        try:
            data = export_workbook(ledger, user=user)
        except PermissionDenied as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from None
        Path(options["file"]).write_bytes(data)
        self.stdout.write(f"已导出 {ledger.title} 到 {options['file']}")
