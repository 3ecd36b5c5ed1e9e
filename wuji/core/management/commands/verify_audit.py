"""`python -m wuji verify_audit`: walk both audit hash chains; exit 1 at the first broken row."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wuji.audit.chain import verify


class Command(BaseCommand):
    help = "Check the audit trail's hash chains (data changes and security events)."

    def handle(self, *args: Any, **options: Any) -> None:
        breaks = verify()
        if breaks:
            raise CommandError("审计日志校验失败：" + "；".join(str(b) for b in breaks))
        self.stdout.write("审计日志完整：两条哈希链均未发现改动。")
