"""`python -m wuji verify_audit`: walk both audit hash chains; exit 1 at the first broken row.

    python -m wuji verify_audit                           check both chains, print their heads
    python -m wuji verify_audit --anchor FILE             … and, if intact, append the heads to FILE
    python -m wuji verify_audit --check-anchor FILE       … and check every head recorded in FILE

FILE is meant to live outside the database's reach (another machine, write-once media): a chain
cannot show that its newest rows were deleted, but an anchor can. One JSON line per anchor:
{"at": "...", "logentry": [id, "link"], "event": [id, "link"]}.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wuji.audit.chain import CHAIN_LABELS, Head, check_anchors, heads, verify


def read_anchors(path: Path) -> list[Head]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法读取锚定文件 {path}：{exc.strerror or exc}") from exc
    anchors: list[Head] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            for chain in CHAIN_LABELS:
                value = record.get(chain)
                if value is not None:
                    row_id, digest = value
                    anchors.append(Head(chain, int(row_id), str(digest)))
        except (ValueError, TypeError, AttributeError) as exc:
            raise CommandError(f"锚定文件 {path} 第 {number} 行格式不对：{line[:80]}") from exc
    return anchors


class Command(BaseCommand):
    help = "Check the audit trail's hash chains (data changes and security events); record or check anchors."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--anchor", metavar="FILE", help="append the chains' heads to FILE when intact")
        parser.add_argument("--check-anchor", metavar="FILE", help="check every head recorded in FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = verify()
        if options["check_anchor"]:
            breaks += check_anchors(read_anchors(Path(options["check_anchor"])))
        if breaks:
            raise CommandError("审计日志校验失败：" + "；".join(str(b) for b in breaks))
        current = heads()
        for chain, label in CHAIN_LABELS.items():
            head = current[chain]
            shown = f"末行 #{head.row_id}，链接值 {head.digest[:16]}…" if head else "尚无记录"
            self.stdout.write(f"{label}：{shown}")
        if options["check_anchor"]:
            self.stdout.write(f"锚定文件 {options['check_anchor']} 中记录的各链末行均完好。")
        self.stdout.write("审计日志完整：两条哈希链均未发现改动。")
        if options["anchor"]:
            record: dict[str, Any] = {"at": timezone.now().isoformat(timespec="seconds")}
            record |= {chain: [h.row_id, h.digest] if h else None for chain, h in current.items()}
            try:
                with open(options["anchor"], "a", encoding="utf-8") as out:
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
            except OSError as exc:
                raise CommandError(f"无法写入锚定文件 {options['anchor']}：{exc.strerror or exc}") from exc
            self.stdout.write(f"已把两条链的末行记入 {options['anchor']}；请把该文件保存在数据库以外。")
