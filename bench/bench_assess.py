"""Benchmark: assess a synthetic county with the engine, and compare with the floor of hand-written SQL.

    export WUJI_ENV=test
    DATABASE_URL=sqlite:///var/bench-1000.sqlite3 .venv/bin/python bench/bench_assess.py --orgs 1000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_wuji .venv/bin/python bench/bench_assess.py --orgs 1000

On first use the database is migrated and filled by `gen_data` (a county whose
note carries a marker); a later run with the same --orgs/--seed/--year finds
the marker and reuses the data. Then: load standards/five-basics.yaml, create a
campaign over the county, time `wuji.assessment.engine.run` (wall and CPU time,
best of --repeat; the queries counted in a separate run), time the floor
(bench/floor.py: one SQL statement per metric, values only), check that both
give the same value for every org and indicator, and print the figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import gc
import json
import os
import platform
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuji.settings")

import django  # noqa: E402

django.setup()

from clock import Clock  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from floor import FLOOR, Scope  # noqa: E402

from wuji.assessment import engine  # noqa: E402
from wuji.campaigns.models import Campaign  # noqa: E402
from wuji.campaigns.services import campaign_create  # noqa: E402
from wuji.orgs.choices import OrgKind  # noqa: E402
from wuji.orgs.models import Organization, active_orgs_q  # noqa: E402
from wuji.standards import loader, registry  # noqa: E402
from wuji.synthetic import generate  # noqa: E402

STANDARD = ROOT / "standards" / "five-basics.yaml"
# The metrics the brief names: the floor must agree with the engine on these (and is checked on all).
SAMPLE = (
    "people.reserve_cadres",
    "people.practical_talents",
    "people.female_cadres",
    "people.activists",
    "people.new_members",
    "activities.months_missed",
    "support.collective_income",
    "support.ten_haves",
)


def say(line: str = "") -> None:
    print(line, flush=True)


def wipe() -> None:
    """Drop every table (for --fresh): the data migrations must run again, so `flush` will not do."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE IF EXISTS "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")


def prepare(args: argparse.Namespace) -> tuple[Organization, float | None]:
    if args.fresh:
        say("清空数据库 …")
        wipe()
    call_command("migrate", verbosity=0)
    mark = generate.marker(orgs=args.orgs, seed=args.seed, year=args.year)
    county = Organization.objects.filter(code=args.county, note=mark).first()
    if county is not None:
        say(f"沿用已生成的数据（{mark}）")
        return county, None
    if Organization.objects.exists():
        sys.exit("数据库中已有其他数据（且没有本次参数的标记）：请换一个 DATABASE_URL，或加 --fresh 清空后重新生成。")
    say(f"生成 {args.orgs} 个党支部的合成县 …")
    started = time.monotonic()
    summary = generate.generate(
        orgs=args.orgs, seed=args.seed, county=args.county, year=args.year, progress=lambda line: say(line)
    )
    for line in summary.lines():
        say(line)
    return Organization.objects.get(code=args.county), time.monotonic() - started


def campaign_for(county: Organization, year: int) -> Campaign:
    standard, _ = loader.load(STANDARD)
    code = f"bench-{county.code.lower()}-{standard.version}".replace(".", "-")
    campaign = Campaign.objects.filter(code=code).first()
    if campaign is None:
        campaign = campaign_create(
            user=None,
            code=code,
            scope=county,
            standard=standard,
            year=year,
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year, 12, 31),
        )
    return campaign


CLOCK: Clock | None = None


def timed(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    assert CLOCK is not None
    wall, cpu = time.perf_counter(), CLOCK.cpu()
    result = fn()
    return result, time.perf_counter() - wall, CLOCK.cpu() - cpu


@dataclasses.dataclass
class MetricTiming:
    wall: float = 0.0
    cpu: float = 0.0
    queries: int = 0
    orgs: int = 0


def instrumented(
    run_engine: Callable[[], engine.Run], *, count_queries: bool
) -> tuple[dict[str, MetricTiming], float, float]:
    """One more engine run with every metric wrapped: where the engine's time goes, metric by metric.

    Queries are counted in a run of their own (the capture slows every query down).
    """
    timings: dict[str, MetricTiming] = defaultdict(MetricTiming)
    saved = dict(registry.REGISTRY)

    def wrap(metric: registry.Metric) -> registry.Metric:
        def fn(orgs: Any, period: registry.Period, params: dict[str, Any]) -> dict[int, registry.Measured]:
            timing = timings[_key(metric.name, params)]
            timing.orgs = len(orgs)
            if count_queries:
                with CaptureQueriesContext(connection) as ctx:
                    result = metric.fn(orgs, period, params)
                timing.queries += len(ctx.captured_queries)
                return result
            result, wall, cpu = timed(lambda: metric.fn(orgs, period, params))
            timing.wall += wall
            timing.cpu += cpu
            return result  # type: ignore[no-any-return]

        return dataclasses.replace(metric, fn=fn)

    try:
        registry.REGISTRY.update({name: wrap(m) for name, m in saved.items()})
        _, wall, cpu = timed(run_engine)
    finally:
        registry.REGISTRY.clear()
        registry.REGISTRY.update(saved)
    return timings, wall, cpu


def _key(name: str, params: dict[str, Any]) -> str:
    if not params:
        return name
    if set(params) == {"type"}:
        return f"{name}[{params['type']}]"
    if set(params) == {"kinds"}:
        return f"{name}[{len(params['kinds'])} kinds]"  # the three rubrics' lists differ in length
    return f"{name}{json.dumps(params, sort_keys=True)}"


@dataclasses.dataclass
class Group:
    """One (metric, params) call of the engine and the indicators that share it."""

    metric: str
    params: dict[str, Any]
    categories: list[str]
    indicators: list[loader.IndicatorSpec]
    aggregate: bool

    @property
    def key(self) -> str:
        return _key(self.metric, self.params)


def groups_of(document: dict[str, Any]) -> list[Group]:
    found: dict[tuple[str, str], Group] = {}
    for spec in loader.indicators(document):
        if not spec.metric:
            continue
        ident = (spec.metric, json.dumps(spec.params, sort_keys=True))
        group = found.setdefault(ident, Group(spec.metric, spec.params, [], [], spec.level == registry.AGGREGATE))
        group.indicators.append(spec)
        group.categories = sorted(set(group.categories) | spec.categories)
    return list(found.values())


def run_floor(
    groups: list[Group], county: Organization, campaign: Campaign, branches: list[Organization], committees: list[int]
) -> tuple[dict[str, dict[int, Decimal | None]], dict[str, MetricTiming]]:
    values: dict[str, dict[int, Decimal | None]] = {}
    timings: dict[str, MetricTiming] = {}
    for group in groups:
        ids = committees if group.aggregate else [o.pk for o in branches if o.category in group.categories]
        scope = Scope(county.path, dt.date(campaign.year, 1, 1), campaign.ends_on, ids)

        def one(group: Group = group, scope: Scope = scope) -> dict[int, Decimal | None]:
            sql, params, convert = FLOOR[group.metric](scope, group.categories, group.params)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return convert(cursor.fetchall())

        values[group.key], wall, cpu = timed(one)
        timings[group.key] = MetricTiming(wall=wall, cpu=cpu, queries=1, orgs=len(ids))
    return values, timings


def check(groups: list[Group], run: engine.Run, floor_values: dict[str, dict[int, Decimal | None]]) -> list[str]:
    """Every org's value of every metric indicator: the engine's and the floor's must be equal."""
    by_org: dict[tuple[int, str], Decimal | None] = {}
    for card in run.cards:
        for result in card.indicators:
            by_org[(card.org_id, result.code)] = result.value
    for aggregate in run.aggregates:
        by_org[(aggregate.org_id, aggregate.indicator.code)] = aggregate.indicator.value
    problems = []
    for group in groups:
        expected = floor_values[group.key]
        compared = 0
        for spec in group.indicators:
            for (org_id, code), value in by_org.items():
                if code != spec.code:
                    continue
                compared += 1
                want = expected.get(org_id, "missing")
                if want != value:
                    problems.append(f"{group.key} {spec.code} org {org_id}: engine {value!r}, floor {want!r}")
        if not compared:
            problems.append(f"{group.key}: nothing compared")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--year", type=int, default=2010)
    parser.add_argument("--county", help="the county's org code (default B<orgs>)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the engine and of the floor (best kept)")
    parser.add_argument("--fresh", action="store_true", help="drop every table first (a bench database only!)")
    parser.add_argument("--profile", metavar="FILE", help="also write a cProfile of one engine run to FILE")
    parser.add_argument("--json", metavar="FILE", help="append the figures as one JSON line to FILE")
    args = parser.parse_args()
    args.county = args.county or f"B{args.orgs}"
    if os.environ.get("WUJI_ENV") != "test":
        sys.exit("Run with WUJI_ENV=test and a DATABASE_URL of its own: the benchmark writes synthetic data.")

    county, generated = prepare(args)
    campaign = campaign_for(county, args.year)
    document = campaign.standard.document
    period_start = dt.date(campaign.year, 1, 1)
    as_of = campaign.ends_on
    tree = list(Organization.objects.filter(path__startswith=county.path).filter(active_orgs_q(as_of)))
    branches = [o for o in tree if o.kind != OrgKind.COMMITTEE and o.category]
    committees = [o.pk for o in tree if o.kind == OrgKind.COMMITTEE]
    groups = groups_of(document)

    def run_engine() -> engine.Run:
        return engine.run(document=document, scope=campaign.scope, period_start=period_start, as_of=as_of)

    say(f"数据库 {connection.vendor}，党支部 {len(branches)}，党委 {len(committees)}，指标计算 {len(groups)} 组")
    global CLOCK
    CLOCK = Clock()
    engine_walls, engine_cpus, floor_walls, floor_cpus = [], [], [], []
    floor_values: dict[str, dict[int, Decimal | None]] = {}
    floor_timings: dict[str, MetricTiming] = {}
    run: engine.Run | None = None
    problems: list[str] | None = None
    for i in range(args.repeat):
        (floor_values, timings), floor_wall, floor_cpu = timed(
            lambda: run_floor(groups, county, campaign, branches, committees)
        )
        floor_walls.append(floor_wall)
        floor_cpus.append(floor_cpu)
        if floor_cpu == min(floor_cpus):
            floor_timings = timings
        run = None
        gc.collect()  # each run starts from the same heap: a previous run still alive slows the next one's GC
        run, wall, cpu = timed(run_engine)
        engine_walls.append(wall)
        engine_cpus.append(cpu)
        if problems is None:
            problems = check(groups, run, floor_values)
        run = None
        say(f"  第 {i + 1} 轮：引擎 {wall:.2f} 秒（CPU {cpu:.2f}），底线 {floor_wall:.2f} 秒（CPU {floor_cpu:.2f}）")
    assert problems is not None
    with CaptureQueriesContext(connection) as ctx:
        run_engine()
    queries = len(ctx.captured_queries)
    # Diagnosis runs with the cyclic garbage collector off: its full collections cost seconds once the
    # engine holds millions of result objects, and would land on whichever metric happens to trigger them.
    gc.collect()
    gc.disable()
    try:
        nogc_wall, nogc_cpu = timed(run_engine)[1:]
        metric_timings, instrumented_wall, instrumented_cpu = instrumented(run_engine, count_queries=False)
    finally:
        gc.enable()
    counted, _, _ = instrumented(run_engine, count_queries=True)
    for key, timing in counted.items():
        metric_timings[key].queries = timing.queries

    sample_ok = not [p for p in problems if p.split(" ")[0].split("[")[0] in SAMPLE]
    if args.profile:
        import cProfile

        cProfile.runctx("run_engine()", globals(), {"run_engine": run_engine}, args.profile)
        say(f"cProfile written to {args.profile}")

    say()
    say("metric (CPU s: this process + its database server; GC off)   orgs   engine  queries    floor   ratio")
    metric_cpu = metric_wall = 0.0
    for group in groups:
        timing = metric_timings.get(group.key, MetricTiming())
        floor_cpu = floor_timings[group.key].cpu if group.key in floor_timings else 0.0
        metric_cpu += timing.cpu
        metric_wall += timing.wall
        ratio = f"{timing.cpu / floor_cpu:7.1f}" if floor_cpu >= 0.01 else "      -"
        say(f"{group.key[:56]:56} {timing.orgs:6} {timing.cpu:8.2f} {timing.queries:8} {floor_cpu:8.2f} {ratio}")
    say(f"{'(all metrics)':56} {'':6} {metric_cpu:8.2f}")
    say(f"{'(the rest: tree, scoring, ranking, explaining)':56} {'':6} {instrumented_cpu - metric_cpu:8.2f}")
    say()
    say(
        f"equal values: {'yes' if not problems else f'NO — {len(problems)} differences'}"
        f" (sample metrics: {'yes' if sample_ok else 'NO'})"
    )
    for problem in problems[:20]:
        say(f"  {problem}")
    say()
    e_wall, e_cpu, f_wall, f_cpu = min(engine_walls), min(engine_cpus), min(floor_walls), min(floor_cpus)
    say("| database | orgs | engine s | engine CPU s | queries | floor s | floor CPU s | ratio (wall) | ratio (CPU) |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    say(
        f"| {connection.vendor} | {len(branches):,} | {e_wall:.2f} | {e_cpu:.2f} | {queries} | {f_wall:.2f} | "
        f"{f_cpu:.2f} | {e_wall / f_wall:.1f}× | {e_cpu / f_cpu:.1f}× |"
    )
    say(f"(best of {args.repeat}; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())})")
    say(
        f"engine with the garbage collector off: {nogc_wall:.2f} s, CPU {nogc_cpu:.2f} s "
        f"({nogc_cpu / f_cpu:.1f}× the floor's CPU)"
    )
    if args.json:
        record = {
            "when": dt.datetime.now().isoformat(timespec="seconds"),  # noqa: DTZ005 (a log line)
            "vendor": connection.vendor,
            "orgs": len(branches),
            "committees": len(committees),
            "engine_s": engine_walls,
            "engine_cpu_s": engine_cpus,
            "floor_s": floor_walls,
            "floor_cpu_s": floor_cpus,
            "queries": queries,
            "generated_s": generated,
            "equal": not problems,
            "differences": len(problems),
            "load": os.getloadavg(),
            "python": platform.python_version(),
            "rest_cpu_s": instrumented_cpu - metric_cpu,
            "engine_nogc_s": nogc_wall,
            "engine_nogc_cpu_s": nogc_cpu,
            "metrics": {
                k: {
                    "engine_cpu_s": v.cpu,
                    "engine_s": v.wall,
                    "queries": v.queries,
                    "floor_cpu_s": floor_timings[k].cpu if k in floor_timings else None,
                }
                for k, v in metric_timings.items()
            },
        }
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if problems:
        sys.exit(1)


if __name__ == "__main__":
    main()
