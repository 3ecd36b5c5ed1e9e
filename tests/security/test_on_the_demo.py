"""On the demo township in a file-backed SQLite database, driven by real `python -m wuji` processes:

- nothing lost: a process killed (SIGKILL) in the middle of publishing an assessment, or of
  importing a ledger, leaves the data as it was, and the audit chains still verify;
- the public pages never show an 18-digit ID number or an 11-digit phone;
- no column of the demo database holds an ID number or a phone in plain text.

The demo is built once for the module (slow: a minute or more).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings

from wuji.core import idcard

ROOT = Path(settings.BASE_DIR)
DIGITS = re.compile(r"\d[\dXx]{10,}")
ID_OR_PHONE = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[0-9Xx]|1[3-9]\d{9})(?![0-9A-Za-z])")


class Demo:
    def __init__(self, directory: Path) -> None:
        self.db = directory / "wuji.sqlite3"
        self.env = {
            **os.environ,
            "WUJI_ENV": "test",
            "DATABASE_URL": f"sqlite:///{self.db}",
            "WUJI_VAR_DIR": str(directory / "var"),
            "WUJI_DEFAULT_AS_OF": "2010-10-31",
        }

    def run(self, *args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "wuji", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"{args}: {result.stdout}\n{result.stderr}"
        return result

    def python(self, code: str) -> subprocess.CompletedProcess[str]:
        return self.run("shell", "--no-imports", "-c", textwrap.dedent(code))

    def start(self, code: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "wuji", "shell", "--no-imports", "-c", textwrap.dedent(code)],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def counts(self) -> dict[str, int]:
        with sqlite3.connect(self.db) as connection:
            tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            return {t: connection.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    demo = Demo(tmp_path_factory.mktemp("demo"))
    demo.run("migrate", "-v0")
    demo.run("load_demo")
    yield demo


def kill_midway(demo: Demo, code: str) -> None:
    process = demo.start(code)
    assert process.stdout is not None
    lines = []
    while not lines or ("MIDWAY" not in lines[-1] and lines[-1]):
        lines.append(process.stdout.readline())
    if "MIDWAY" not in lines[-1]:
        process.kill()
        raise AssertionError(f"never reached the middle: {lines}{process.communicate(timeout=60)}")
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL


def test_a_publish_killed_midway_leaves_the_data_as_it_was(demo: Demo) -> None:
    demo.python(
        """
        import datetime as dt
        from wuji.accounts.models import User
        from wuji.assessment.services import assessment_create
        from wuji.campaigns.models import Campaign
        assessment_create(user=User.objects.get(username="officer"), campaign=Campaign.objects.get(code="demo-2010"),
                          kind="final", as_of=dt.date(2010, 10, 31))
        """
    )
    before = demo.counts()
    kill_midway(
        demo,
        """
        import time
        from wuji.accounts.models import User
        from wuji.assessment import services
        from wuji.assessment.models import AggregateResult, Assessment, OrgResult
        assessment = Assessment.objects.filter(status="draft").latest("id")
        def stall(*args, **kwargs):
            # The org results are written (inside the publish's transaction): die here.
            print("MIDWAY", OrgResult.objects.filter(assessment=assessment).count(), flush=True)
            time.sleep(600)
        AggregateResult.objects.bulk_create = stall
        services.assessment_publish(user=User.objects.get(username="officer"), assessment=assessment)
        """,
    )
    assert demo.counts() == before
    with sqlite3.connect(demo.db) as connection:
        status = connection.execute("SELECT status FROM assessment_assessment ORDER BY id DESC LIMIT 1").fetchone()
    assert status == ("draft",)
    assert "完整" in demo.run("verify_audit").stdout
    # And the publish still works afterwards, all of it.
    demo.python(
        """
        from wuji.accounts.models import User
        from wuji.assessment.models import Assessment
        from wuji.assessment.services import assessment_publish
        assessment_publish(user=User.objects.get(username="officer"),
                           assessment=Assessment.objects.filter(status="draft").latest("id"))
        """
    )
    after = demo.counts()
    assert after["assessment_orgresult"] > before["assessment_orgresult"]
    demo.run("verify_audit")


def test_an_import_killed_midway_leaves_the_data_as_it_was(demo: Demo, tmp_path: Path) -> None:
    with sqlite3.connect(demo.db) as connection:
        (code,) = connection.execute(
            "SELECT code FROM orgs_organization WHERE name LIKE '%村党支部' ORDER BY code LIMIT 1"
        ).fetchone()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "公民身份号码", "性别", "出生日期", "民族", "学历", "所在党组织", "人员类别"])
    for i in range(10):
        number = idcard.make("420502", dt.date(1980, 1, 1 + i), 300 + i, "M")
        sheet.append([f"导入{i}", number, None, None, "汉族", None, code, "群众"])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    before = demo.counts()
    kill_midway(
        demo,
        f"""
        import time
        from django.core.management import call_command
        from django.db.models.query import QuerySet
        from django.db.models.signals import post_save
        from wuji.people.models import Person
        seen = []
        def stall(sender, instance, **kwargs):  # the per-row path: after the third person is saved
            seen.append(instance.pk)
            if len(seen) == 3:
                print("MIDWAY", flush=True)
                time.sleep(600)
        post_save.connect(stall, sender=Person, weak=False)
        bulk_create = QuerySet.bulk_create
        def stall_bulk(self, objs, *args, **kwargs):  # the bulk path: after the people are inserted
            created = bulk_create(self, objs, *args, **kwargs)
            if self.model is Person:
                seen.extend(p.pk for p in created)
                print("MIDWAY", flush=True)
                time.sleep(600)
            return created
        QuerySet.bulk_create = stall_bulk
        call_command("import", "people", "{path}", "--user", "officer")
        print("FINISHED", seen, flush=True)
        """,
    )
    assert demo.counts() == before
    demo.run("verify_audit")
    # The same file imported to the end registers all ten.
    demo.run("import", "people", str(path), "--user", "officer")
    assert demo.counts()["people_person"] == before["people_person"] + 10


def test_the_public_pages_never_show_an_id_number_or_a_phone(demo: Demo) -> None:
    result = demo.python(
        """
        import re
        from django.test import Client
        client = Client()
        seen, queue = set(), ["/public/"]
        while queue and len(seen) < 400:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url)
            if response.status_code == 429:
                raise SystemExit("rate limited")
            body = response.content.decode(errors="replace") if response["Content-Type"].startswith("text/") else ""
            print("PAGE", response.status_code, url)
            print(body)
            queue.extend(h for h in re.findall(r'href="(/public/[^"#]*)"', body) if h not in seen)
        """
    )
    pages = re.findall(r"^PAGE (\d+) (\S+)$", result.stdout, re.M)
    assert len(pages) > 10, result.stdout[:2000]  # the index, the villages, their pages
    assert {code for code, _ in pages} <= {"200", "302", "404"}
    found = ID_OR_PHONE.findall(result.stdout)
    assert not found, found[:10]


def test_no_column_of_the_demo_holds_an_id_number_or_a_phone_in_clear(demo: Demo) -> None:
    listed = demo.python(
        """
        from wuji.people.models import Person
        for person in Person.objects.all():
            print("SECRET", person.id_number, person.phone or "")
        """
    ).stdout
    secrets = {v for line in listed.splitlines() if line.startswith("SECRET") for v in line.split()[1:]}
    assert len(secrets) > 100  # the demo's people, decrypted through the application
    found = []
    with sqlite3.connect(demo.db) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):  # noqa: S608
                for value in row:
                    if not isinstance(value, str):
                        continue
                    if match := ID_OR_PHONE.search(value):
                        found.append(f"{table}: {match.group(0)}")
                    for run in DIGITS.findall(value):  # every 11 or 18 characters of each run of digits
                        windows = {run[i : i + n] for n in (11, 18) for i in range(len(run) - n + 1)}
                        found.extend(f"{table}: {secret}" for secret in windows & secrets)
    assert not found, found[:20]
