"""`python -m wuji gen_data --orgs N [--seed S] [--county CODE]`: a synthetic county for benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wuji.synthetic import generate


class Command(BaseCommand):
    help = (
        "生成合成县数据（N 个党支部，每个约 40 人、一年约 200 次活动），供性能测试使用。"
        "为了数据量，合成数据绕过业务服务直接批量写入（不做权限检查和逐条校验，不留审计记录），"
        "切勿在真实或演示数据库中使用。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--orgs", type=int, required=True, help="党支部数（按每乡镇 23 个支部分乡镇）")
        parser.add_argument("--seed", type=int, default=1, help="随机种子：相同参数生成相同数据（默认 1）")
        parser.add_argument("--county", default="SYN", help="合成县党委的组织代码（默认 SYN，不得与已有组织重复）")
        parser.add_argument("--year", type=int, default=2010, help="数据年度（默认 2010，与演示乡镇一致）")
        parser.add_argument("--batch-size", type=int, default=2000, help="每批写入行数（默认 2000）")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(generate.BYPASS_NOTICE)
        try:
            summary = generate.generate(
                orgs=options["orgs"],
                seed=options["seed"],
                county=options["county"],
                year=options["year"],
                batch_size=options["batch_size"],
                progress=self.stdout.write,
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("完成。"))
