"""python -m wuji import / export / template: exit status 0 on success, 1 for bad rows, 2 for a wrong command."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import UserFactory
from tests.ledgers.books import PEOPLE_HEADERS, clerk_book, read_rows
from tests.ledgers.test_people_import import member
from wuji.orgs import services as org_services
from wuji.orgs.models import Organization
from wuji.people.models import Person


def run(*args: str) -> tuple[int, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, err.getvalue() + str(exc)
    return 0, out.getvalue()


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(clerk_book(PEOPLE_HEADERS, [member(1, "王建国"), member(2, "李秀英")]))
    return path


def test_import_dry_run_then_import(township: Any, officer: Any, roster: Path) -> None:
    code, output = run("import", "people", str(roster), "--user", "officer", "--dry-run")
    assert code == 0
    assert "新增：2 行" in output and "第 4 行 王建国（甲村党支部）" in output
    assert not Person.objects.exists()

    code, output = run("import", "people", str(roster), "--user", "officer")
    assert (code, output.strip()) == (0, "已导入：新增 2 行，更新 0 行，不变 0 行")
    assert Person.objects.count() == 2


def test_import_with_bad_rows_exits_1_and_writes_the_error_workbook(
    township: Any, officer: Any, tmp_path: Path
) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(clerk_book(PEOPLE_HEADERS, [member(1, "王建国"), member(2, "李秀英", 入党日期="昨天")]))
    report = tmp_path / "errors.xlsx"

    code, output = run("import", "people", str(path), "--user", "officer", "--errors", str(report))

    assert code == 1
    assert "第 5 行 入党日期：日期无法识别：“昨天”" in output
    assert read_rows(report.read_bytes())[4][-1].startswith("入党日期：日期无法识别")
    assert not Person.objects.exists()


def test_wrong_command_lines_exit_2_with_a_readable_message(
    township: Any, officer: Any, inspector: Any, roster: Path
) -> None:
    # Without --user: two officers at the top of the tree (two counties) leave the choice to the operator
    org_services.org_create(user=None, parent=None, name="另一县委", code="Z", kind="committee")
    UserFactory(username="z-officer", role="officer", org=Organization.objects.get(code="Z"))
    code, output = run("import", "people", str(roster))
    assert code == 2 and "请用 --user 指定" in output
    code, output = run("import", "nosuch", str(roster), "--user", "officer")
    assert code == 2 and "没有名为“nosuch”的台账" in output
    code, output = run("import", "people", str(roster), "--user", "nobody")
    assert code == 2 and "找不到可用的账号“nobody”" in output
    code, output = run("import", "people", str(roster) + ".missing", "--user", "officer")
    assert code == 2 and "找不到文件" in output
    code, output = run("import", "people", str(roster), "--user", "inspector")
    assert code == 2 and "不能导入" in output


def test_export_and_template_write_workbooks(township: Any, officer: Any, roster: Path, tmp_path: Path) -> None:
    assert run("import", "people", str(roster), "--user", "officer")[0] == 0
    exported = tmp_path / "out.xlsx"
    assert run("export", "people", str(exported), "--user", "officer")[0] == 0
    assert [r[0] for r in read_rows(exported.read_bytes())] == ["姓名", "李秀英", "王建国"]
    template = tmp_path / "template.xlsx"
    assert run("template", "positions", str(template))[0] == 0
    assert read_rows(template.read_bytes())[0][:4] == ("姓名", "公民身份号码", "所在党组织", "职务")
    assert run("export", "people", str(exported))[0] == 0  # as the one officer at the top (DESIGN §6)


def test_without_user_the_command_acts_as_the_one_officer_at_the_top(
    township: Any, officer: Any, roster: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """DESIGN §6's `import <ledger> <file.xlsx>`: on a township's instance the 组织委员 at the top acts."""
    code, output = run("import", "people", str(roster))
    assert code == 0, output
    assert "以组织委员 root-officer-T" in capsys.readouterr().err
    assert Person.objects.exists()
