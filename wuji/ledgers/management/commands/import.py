"""python -m wuji import <ledger> <file.xlsx> --user <name> [--dry-run] [--errors out.xlsx]."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.ledgers.cli import USAGE_ERROR, USER_HELP, ledger_names, ledger_or_fail, user_or_fail
from wuji.ledgers.importer import WorkbookError, error_workbook, import_workbook
from wuji.ledgers.registry import Outcome

ROWS_SHOWN = 100
ROWS_INVALID = 1  # exit status when some rows are wrong (nothing was written)


class Command(BaseCommand):
    help = (
        "导入台账：逐行检查，全部无误才写入（有一行出错则一行也不写入）。"
        "退出码：0 成功；1 有行出错，未写入；2 命令参数、账号或文件有误。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("ledger", help="台账名称，如 people、orgs、positions、pools、trainings")
        parser.add_argument("file", help="要导入的 .xlsx 文件")
        parser.add_argument("--user", help=USER_HELP)
        parser.add_argument("--dry-run", action="store_true", help="只检查并列出将新增、更新、不变的行，不写入")
        parser.add_argument("--errors", metavar="OUT.xlsx", help="有错误时，把原表加一列“错误原因”写到此文件")

    def handle(self, *args: Any, **options: Any) -> None:
        ledger = ledger_or_fail(options["ledger"])
        user = user_or_fail(options["user"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件 {path}（可导入的台账：{ledger_names()}）", returncode=USAGE_ERROR)
        try:
            result = import_workbook(ledger, path, user=user, dry_run=options["dry_run"])
        except (WorkbookError, PermissionDenied) as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from None
        if options["dry_run"] and not result.errors:
            for outcome in (Outcome.CREATED, Outcome.UPDATED, Outcome.UNCHANGED):
                rows = [r for r in result.rows if r[1] is outcome]
                self.stdout.write(f"{outcome.label}：{len(rows)} 行")
                for number, _outcome, note in rows[:ROWS_SHOWN]:
                    self.stdout.write(f"  第 {number} 行 {note}")
                if len(rows) > ROWS_SHOWN:
                    self.stdout.write(f"  …… 另有 {len(rows) - ROWS_SHOWN} 行")
        if result.errors:
            for issue in result.errors:
                self.stderr.write(str(issue))
            if options["errors"]:
                Path(options["errors"]).write_bytes(error_workbook(path, result))
                self.stderr.write(f"错误报告已写入 {options['errors']}")
            raise CommandError(result.summary(), returncode=ROWS_INVALID)
        self.stdout.write(result.summary())
