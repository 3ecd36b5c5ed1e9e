"""`python -m wuji restore <file> [--force]`: replace the database and uploads with a backup's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.audit.events import record_event
from wuji.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 backup 生成的文件恢复整个实例。当前数据库必须为空（或加 --force 整体替换）；需使用备份时的加密密钥。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="backup 命令生成的备份文件")
        parser.add_argument("--force", action="store_true", help="当前数据库已有数据时仍整体替换")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            manifest = restore(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        record_event(action="restore", object_repr=str(path), detail={"created_at": manifest.created_at})
        self.stdout.write(f"已从 {path} 恢复（备份于 {manifest.created_at}，附件 {manifest.media_files} 个）")
