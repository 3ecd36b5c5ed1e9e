"""python -m wuji load_standard <file.yaml>: validate a standard file and store it as a version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.standards.loader import StandardError, load


class Command(BaseCommand):
    help = "载入考评标准文件（YAML）：校验并保存为一个版本"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="标准文件路径，如 standards/five-basics.yaml")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            standard, created = load(options["path"])
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{options['path']}") from exc
        except StandardError as exc:
            raise CommandError("标准文件有误：\n" + "\n".join(f"  {m}" for m in exc.messages)) from exc
        if created:
            self.stdout.write(f"已载入：{standard.name}（{standard.code} {standard.version}）")
        else:
            self.stdout.write(f"内容未变，无需重新载入：{standard.name}（{standard.code} {standard.version}）")
