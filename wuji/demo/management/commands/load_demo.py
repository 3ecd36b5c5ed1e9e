"""`python -m wuji load_demo [--if-empty]`: the demo township 傅家堰乡, built through the services."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.demo import loader


class Command(BaseCommand):
    help = "在空数据库中建立演示乡镇傅家堰乡（党组织、单位、人员、职务、人才库、培训和演示账户）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库中已有党组织时什么也不做（供 make run 使用）",
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if loader.has_data():
            if if_empty:
                self.stdout.write("数据库中已有党组织数据，未加载演示数据。")
                return
            raise CommandError(
                "数据库中已有党组织数据，演示数据只能加载到空数据库；如只想在空库时加载，请使用 --if-empty。"
            )
        clashes = loader.existing_demo_usernames()
        if clashes:
            raise CommandError(f"演示账户已存在：{'、'.join(clashes)}；请在空数据库中加载演示数据。")
        started = time.monotonic()
        try:
            summary = loader.load_demo()
        except (ValidationError, PermissionDenied) as exc:
            messages = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            raise CommandError(f"演示数据未能通过校验，已全部撤销：{messages}") from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"完成，用时 {time.monotonic() - started:.1f} 秒。"))
