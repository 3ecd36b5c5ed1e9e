"""Benchmark: import N people rows from one workbook, against a bare bulk insert of the same rows.

    export WUJI_ENV=test
    DATABASE_URL=sqlite:///var/bench-import.sqlite3 .venv/bin/python bench/bench_import.py --rows 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_import .venv/bin/python bench/bench_import.py --rows 100000

The database is migrated and given a small tree (a county, a township, --branches village
branches) and an officer on first use; a tree already there (found by its code) is reused.
The workbook is written once per size under var/ (title row, 序号, one row per person:
half full members with their 入党/转正 dates, half 群众). Then, each in a transaction that is
rolled back so the two start from the same empty table:

1. the floor: the same rows parsed by nothing but int()/date(), each ID number encrypted and
   blind-indexed as the model does, `bulk_create` of Person and MembershipStage in batches
   of 1,000 — the least work any import must do;
2. `wuji.ledgers.importer.import_workbook(people, …, keep_rows=False)`: streaming read,
   every new person through the bulk path (wuji/people/bulk.py: the checks of person_create
   and stage_record, bulk_create per chunk of 1,000, the same sealed audit rows), all or nothing.

Printed (and appended as one JSON line to --json FILE): wall and CPU seconds of each, the
ratio, rows per second, and the peak of traced Python memory (tracemalloc) of the import
at two sizes when --rows2 is given (flat memory: the peak must not grow with the rows).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import platform
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuji.settings")

import django  # noqa: E402
import xlsxwriter  # noqa: E402

django.setup()

from clock import Clock  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from wuji.core import crypto, idcard, pinyin  # noqa: E402
from wuji.ledgers import registry  # noqa: E402
from wuji.ledgers.importer import import_workbook  # noqa: E402
from wuji.orgs import services as org_services  # noqa: E402
from wuji.orgs.choices import Category, OrgKind  # noqa: E402
from wuji.orgs.models import Organization  # noqa: E402
from wuji.people.models import ID_PURPOSE, MembershipStage, Person  # noqa: E402

HEADERS = ["序号", "姓名", "公民身份号码", "性别", "所在党组织", "人员类别", "入党日期", "转正日期"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "秀英", "志强", "桂兰", "海涛", "丽华", "德明", "春梅", "永福", "玉珍"]


class _Rollback(Exception):
    pass


def setup_tree(branches: int) -> tuple[Any, list[Organization]]:
    from django.contrib.auth import get_user_model

    call_command("migrate", verbosity=0)
    User = get_user_model()  # noqa: N806
    township = Organization.objects.filter(code="BI01").first()
    if township is None:
        county = org_services.org_create(user=None, parent=None, name="基准县委", code="BI", kind=OrgKind.COMMITTEE)
        builder = User(username="bench-import-county", role="officer", org=county)
        builder.save()
        township = org_services.org_create(
            user=builder, parent=county, name="基准乡党委", code="BI01", kind=OrgKind.COMMITTEE
        )
        for n in range(1, branches + 1):
            org_services.org_create(
                user=builder,
                parent=Organization.objects.get(pk=township.pk),
                name=f"基准{n}村党支部",
                code=f"BI01V{n:03d}",
                kind=OrgKind.BRANCH,
                category=Category.VILLAGE,
                founded_on=dt.date(1980, 1, 1),
            )
        User(username="bench-import-officer", role="officer", org=township).save()
    officer = User.objects.get(username="bench-import-officer")
    return officer, list(Organization.objects.filter(code__startswith="BI01V").order_by("code"))


def rows_for(count: int, orgs: list[Organization]) -> list[list[Any]]:
    rows = []
    for n in range(count):
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=n // 500)
        gender = "M" if n % 2 else "F"
        number = idcard.make("420526", birth, (n % 500) * 2, gender)
        member = n % 2 == 0
        joined = dt.date(birth.year + 25, 7, 1)
        rows.append(
            [
                n + 1,
                SURNAMES[n % 20] + GIVEN[n % 10],
                number,
                "男" if gender == "M" else "女",
                orgs[n % len(orgs)].code,
                "正式党员" if member else "群众",
                f"{joined:%Y-%m-%d}" if member else None,
                f"{joined.year + 1}-07-01" if member else None,
            ]
        )
    return rows


def workbook(path: Path, rows: list[list[Any]]) -> bytes:
    """The workbook as Excel or WPS saves it: a <dimension> before the data and the texts in the shared
    string table (XlsxWriter writes both; openpyxl writes neither, and reading its files costs openpyxl a
    full pass to size the sheet and a parse of every inline string — costs of that writer, not of the import).
    """
    if path.exists():
        return path.read_bytes()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("花名册")
    sheet.merge_range(0, 0, 0, len(HEADERS) - 1, "基准乡党员花名册")
    sheet.write_row(1, 0, HEADERS)
    for index, row in enumerate(rows, start=2):
        sheet.write_row(index, 0, row)
    book.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return buffer.getvalue()


def floor(rows: list[list[Any]], orgs: list[Organization]) -> None:
    by_code = {o.code: o for o in orgs}
    people: list[Person] = []
    stages: list[tuple[int, dt.date, dt.date]] = []
    for index, row in enumerate(rows):
        number = row[2]
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        name = row[1]
        name_pinyin, initials = pinyin.name_keys(name)
        people.append(
            Person(
                name=name,
                name_pinyin=name_pinyin,
                name_initials=initials,
                id_number=number,
                id_hash=crypto.blind_index(number, purpose=ID_PURPOSE),
                gender="M" if row[3] == "男" else "F",
                birth_date=birth,
                org=by_code[row[4]],
            )
        )
        if row[6]:
            stages.append((index, dt.date.fromisoformat(row[6]), dt.date.fromisoformat(row[7])))
    Person.objects.bulk_create(people, batch_size=1000)
    if connection.vendor == "sqlite":  # SQLite returns no ids from bulk_create on older versions
        ids = dict(Person.objects.values_list("id_hash", "pk"))
        for person in people:
            person.pk = ids[person.id_hash]
    MembershipStage.objects.bulk_create(
        [
            MembershipStage(person=people[i], stage=stage, started_on=day, org=people[i].org, backfilled=True)
            for i, joined, full in stages
            for stage, day in (("probationary", joined), ("full", full))
        ],
        batch_size=1000,
    )


CLOCK: Clock | None = None


def timed(func: Any) -> tuple[float, float]:
    """Wall and CPU seconds of func() in a transaction that is rolled back (CPU: this process and,
    on PostgreSQL, its server process)."""
    assert CLOCK is not None
    wall, cpu = time.perf_counter(), CLOCK.cpu()
    try:
        with transaction.atomic():
            func()
            raise _Rollback
    except _Rollback:
        pass
    return time.perf_counter() - wall, CLOCK.cpu() - cpu


def run_import(data: bytes, officer: Any, rows: int) -> None:
    result = import_workbook(registry.get("people"), data, user=officer, keep_rows=False)
    if result.errors or result.created != rows:
        raise SystemExit(f"import failed: {result.summary()} {result.errors[:5]}")


def peak_memory(data: bytes, officer: Any, rows: int) -> int:
    tracemalloc.start()
    try:
        timed(lambda: run_import(data, officer, rows))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rows2", type=int, default=0, help="a second size for the memory comparison")
    parser.add_argument("--branches", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1, help="time each side this many times, keep the best")
    parser.add_argument("--json", help="append the figures as one JSON line to this file")
    parser.add_argument("--workdir", default=str(ROOT / "var"), help="where the workbooks are written")
    args = parser.parse_args()

    officer, orgs = setup_tree(args.branches)
    if Person.objects.filter(org__in=orgs).exists():
        raise SystemExit("the benchmark tree already has people; use an empty benchmark database")
    rows = rows_for(args.rows, orgs)
    data = workbook(Path(args.workdir) / f"bench-excel-{args.rows}.xlsx", rows)

    global CLOCK
    CLOCK = Clock()
    # Warm-up: both sides once on a few rows, so that neither pays for first-use costs (pinyin's
    # dictionaries, translations, the content types) in its timed run.
    few = rows_for(100, orgs)
    timed(lambda: floor(few, orgs))
    timed(lambda: run_import(workbook(Path(args.workdir) / "bench-excel-100.xlsx", few), officer, 100))
    floors, imports = [], []
    for _ in range(args.repeat):  # best of --repeat, the two alternating
        floors.append(timed(lambda: floor(rows, orgs)))
        imports.append(timed(lambda: run_import(data, officer, args.rows)))
    floor_wall, floor_cpu = min(floors, key=lambda t: t[1])
    import_wall, import_cpu = min(imports, key=lambda t: t[1])
    figures: dict[str, Any] = {
        "bench": "import",
        "vendor": connection.vendor,
        "rows": args.rows,
        "repeat": args.repeat,
        "cpu_includes_server": CLOCK.stat is not None,
        "floor_wall": round(floor_wall, 2),
        "floor_cpu": round(floor_cpu, 2),
        "import_wall": round(import_wall, 2),
        "import_cpu": round(import_cpu, 2),
        "ratio_wall": round(import_wall / floor_wall, 1),
        "ratio_cpu": round(import_cpu / floor_cpu, 2),
        "rows_per_second": round(args.rows / import_wall),
        "python": platform.python_version(),
        "load": os.getloadavg()[0],
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if args.rows2:
        small = rows_for(args.rows2, orgs)
        small_data = workbook(Path(args.workdir) / f"bench-excel-{args.rows2}.xlsx", small)
        figures["peak_traced_bytes"] = {
            str(args.rows2): peak_memory(small_data, officer, args.rows2),
            str(args.rows): peak_memory(data, officer, args.rows),
        }
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    if args.json:
        with open(args.json, "a", encoding="utf-8") as out:
            out.write(json.dumps(figures, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
