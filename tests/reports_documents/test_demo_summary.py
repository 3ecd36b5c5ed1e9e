"""The demo township's 书面总结 (demo-2010 as of 2010-10-31): the engine's figures, a PDF, the command.

Given the demo (loaded once for the module), when the officer writes the summary, then every figure
it quotes is the engine's — coverage, the 一肩挑 share, the villages meeting the reserve / female /
talent / income / “十有” / remote-site targets, the ranking — and LibreOffice turns it into pages of
22 lines of 28 characters; `python -m wuji report` writes the same file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from wuji.assessment.models import Assessment
from wuji.assessment.services import campaign_run
from wuji.campaigns.models import Campaign
from wuji.reports.documents import summary_docx

from .docx_checks import body_text, open_docx, table_rows, to_pdf

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2010, 10, 31)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[Campaign]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0, stdout=StringIO())
        yield Campaign.objects.get(code="demo-2010")
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def summary(demo: Campaign, django_db_blocker: Any) -> bytes:
    with django_db_blocker.unblock():
        return summary_docx(demo, as_of=AS_OF)


def test_every_figure_is_the_engines(demo: Campaign, summary: bytes) -> None:
    assert not Assessment.objects.filter(campaign=demo, as_of=AS_OF, status="published").exists()
    run = campaign_run(demo, as_of=AS_OF)
    doc = open_docx(summary)
    text = body_text(doc)
    aggregates = {a.indicator.code: a.indicator for a in run.aggregates if a.code == "FJY"}
    assert f"全乡党组织覆盖率{aggregates['T-COVERAGE'].value}%（{aggregates['T-COVERAGE'].note}）" in text
    assert f"“一肩挑”比例{aggregates['T-DUAL'].value}%（{aggregates['T-DUAL'].note}）" in text

    villages = [c for c in run.cards if c.category in {"village", "community"}]
    met = {
        code: sum(1 for c in villages for i in c.indicators if i.code == code and i.met)
        for code in ("V-FEMALE", "V-RESERVE", "V-TALENT", "V-TEN", "V-REMOTE-SITE", "V-INCOME")
    }
    assert (
        f"全乡{len(villages)}个村（社区）中，有1名以上女干部的{met['V-FEMALE']}个，"
        f"储备3—5名后备干部的{met['V-RESERVE']}个，培养10名以上农村实用人才的{met['V-TALENT']}个。"
    ) in text
    assert f"党员活动室做到“十有”的村（社区）{met['V-TEN']}个" in text
    assert f"现代远程教育站点正常运行的村（社区）{met['V-REMOTE-SITE']}个" in text
    income = sum(i.value for c in villages for i in c.indicators if i.code == "V-INCOME" and i.value is not None)
    total = (Decimal(income) / 10000).quantize(Decimal("0.01")).normalize()
    assert f"村级集体经济年收入合计{total:f}万元，达到5万元以上的村（社区）{met['V-INCOME']}个" in text
    assert met["V-INCOME"] < len(villages)  # the demo's shortfalls are there to be read

    assert [(r[0], r[1], r[3], r[4]) for r in table_rows(doc)[1:]] == [
        (str(c.rank), c.name, str(c.score.quantize(Decimal("0.1"))), c.grade) for c in run.cards
    ]
    assert len(run.cards) == 23 and "全乡23个党组织平均得分" in text
    # 整改: the items of the published July assessment, as the rectification selectors count them.
    assert re.search(r"共列出整改事项\d+项", text)


@pytest.mark.skipif(
    shutil.which("soffice") is None and not os.environ.get("WUJI_REQUIRE_BROWSER"),
    reason="LibreOffice (soffice) is not installed",
)
def test_libreoffice_prints_it_as_pages_of_28_characters(summary: bytes, tmp_path: Path) -> None:
    docx = tmp_path / "总结.docx"
    docx.write_bytes(summary)
    pdf = to_pdf(docx, tmp_path)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert 4 <= pages <= 15
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+", info)  # A4
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "中共傅家堰乡委员会" in text and "— 1 —" in text.replace("—1—", "— 1 —")
    # A full body line holds 28 characters (of a paragraph of Chinese text without digits).
    lines = [line.strip() for line in text.splitlines()]
    full = [line for line in lines if len(line) >= 20 and re.fullmatch(r"[\u4e00-\u9fff，、；：。“”（）《》]+", line)]
    assert full and max(len(line) for line in full) == 28


def test_the_report_command_writes_the_summary(demo: Campaign, tmp_path: Path) -> None:
    target = tmp_path / "summary.docx"
    out = StringIO()
    call_command("report", "demo-2010", str(target), "--as-of", "2010-10-31", stdout=out)
    assert "已写出书面总结" in out.getvalue()
    doc = open_docx(target.read_bytes())
    assert "工作的总结" in doc.paragraphs[0].text and len(table_rows(doc)) == 24

    with pytest.raises(CommandError, match="找不到工作方案“no-such”"):
        call_command("report", "no-such", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("report", "demo-2010", str(tmp_path / "x.docx"), "--as-of", "31.10.2010")
    assert not (tmp_path / "x.docx").exists()
