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
import os
import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from wuji.audit.chain import CHAIN_LABELS, Head, check_anchors, heads, verify

HEX64 = re.compile(r"[0-9a-f]{64}")


def _head(chain: str, value: Any) -> Head:
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError
    row_id, digest = value
    if isinstance(row_id, bool) or not isinstance(row_id, int) or row_id < 1:
        raise ValueError
    if not (isinstance(digest, str) and HEX64.fullmatch(digest)):
        raise ValueError
    return Head(chain, row_id, digest)


def read_anchors(path: Path) -> list[Head]:
    """Every head recorded in the file; a damaged line or a file that records nothing is an error, never a pass."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"无法读取锚定文件 {path}：{getattr(exc, 'strerror', None) or exc}") from exc
    anchors: list[Head] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError
            anchors += [_head(chain, record[chain]) for chain in CHAIN_LABELS if record.get(chain) is not None]
        except (ValueError, TypeError, KeyError) as exc:
            raise CommandError(f"锚定文件 {path} 第 {number} 行格式不对：{line[:80]}") from exc
    if not anchors:
        raise CommandError(f"锚定文件 {path} 中没有任何记录，无从核对")
    return anchors


def append_anchor(path: str, record: dict[str, Any]) -> None:
    """One JSON line, on a line of its own even after an interrupted write, flushed to the disk."""
    try:
        with open(path, "a+b") as out:
            out.seek(0, os.SEEK_END)
            if out.tell() > 0:
                out.seek(-1, os.SEEK_END)
                if out.read(1) != b"\n":
                    out.write(b"\n")
            out.write((json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise CommandError(f"无法写入锚定文件 {path}：{exc.strerror or exc}") from exc


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
            append_anchor(options["anchor"], record)
            self.stdout.write(f"已把两条链的末行记入 {options['anchor']}；请把该文件保存在数据库以外。")
