"""`python -m wuji backup <file>`: the database and the uploads in one archive (see wuji/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.audit.events import record_event
from wuji.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份整个实例（数据库与上传的附件）到一个文件；SQLite 使用在线备份接口，PostgreSQL 使用 pg_dump。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="备份文件路径（tar 归档）")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            manifest = backup(path)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        record_event(action="backup", object_repr=str(path), detail={"engine": manifest.engine})
        self.stdout.write(
            f"已备份到 {path}（{manifest.engine}，附件 {manifest.media_files} 个，{path.stat().st_size:,} 字节）"
        )
