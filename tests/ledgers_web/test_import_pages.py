"""Importing a ledger on the web: upload → preview (nothing written) → confirm → all rows, or none."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from tests.ledgers_web.conftest import INCOME_HEADERS, clerk_workbook, income_rows, upload
from wuji.ledgers import jobs, tasks
from wuji.ledgers.models import ImportJob
from wuji.support.models import CollectiveIncome

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _commits(django_capture_on_commit_callbacks: Any) -> Any:
    """Run on_commit callbacks (the enqueued jobs) as a real commit would, inside the test's transaction."""
    global COMMIT
    COMMIT = django_capture_on_commit_callbacks
    yield


COMMIT: Any = None


def post_workbook(client: Any, content: bytes, *, ledger: str = "income", name: str = "收入台账.xlsx") -> Any:
    with COMMIT(execute=True):
        return client.post(reverse("ledgers:upload"), {"ledger": ledger, "workbook": upload(content, name)})


def confirm(client: Any, job: ImportJob) -> Any:
    with COMMIT(execute=True):
        return client.post(reverse("ledgers:job_confirm", args=[job.pk]))


def test_a_secretary_previews_then_confirms_an_import(township: Any, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    content = clerk_workbook(INCOME_HEADERS, income_rows("T01V1"), title="甲村集体经济收入台账")

    response = post_workbook(client, content)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ledgers:job", args=[job.pk])
    assert job.status == ImportJob.Status.READY and job.created_count == 2
    assert not CollectiveIncome.objects.exists()  # the preview writes nothing
    page = client.get(reverse("ledgers:job", args=[job.pk])).content.decode()
    assert "确认导入" in page and "第 3 行" in page and "甲村党支部 2008年" in page

    confirm(client, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert sorted(CollectiveIncome.objects.values_list("year", "total")) == [
        (2008, Decimal("32008.00")),
        (2009, Decimal("32009.00")),
    ]


def test_a_bad_row_writes_nothing_and_the_report_names_row_column_and_reason(
    township: Any, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    rows = income_rows("T01V1", (2008, 2009)) + [[3, "T01V1", "二〇〇七", 5000, 100]]
    post_workbook(client, clerk_workbook(INCOME_HEADERS, rows, title="收入台账"))
    job = ImportJob.objects.get()

    assert job.status == ImportJob.Status.INVALID
    assert job.errors == [{"row": 5, "column": "年度", "message": job.errors[0]["message"]}]
    page = client.get(reverse("ledgers:job", args=[job.pk])).content.decode()
    assert "第 5 行" in page and "年度" in page and "未写入任何数据" in page and "确认导入" not in page
    assert confirm(client, job).status_code == 302
    assert not CollectiveIncome.objects.exists()

    response = client.get(reverse("ledgers:job_errors", args=[job.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    header = [c.value for c in sheet[2]]
    assert header[-1] == "错误原因"
    assert "年度" in str(sheet.cell(row=5, column=len(header)).value)
    assert sheet.cell(row=3, column=len(header)).value in (None, "")


def test_a_row_of_another_branch_is_an_error(township: Any, secretary_a: Any, client_for: Any) -> None:
    rows = [[1, "T01V1", 2009, 1000, 0], [2, "乙村党支部", 2009, 2000, 0]]
    post_workbook(client_for(secretary_a), clerk_workbook(INCOME_HEADERS, rows))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "所在党组织")]
    assert not CollectiveIncome.objects.exists()


def test_running_a_finished_job_again_does_nothing(township: Any, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    post_workbook(client, clerk_workbook(INCOME_HEADERS, income_rows("T01V1")))
    job = ImportJob.objects.get()
    confirm(client, job)
    confirm(client, job)  # a double click
    tasks.apply_import.apply(args=[job.pk])  # a duplicate delivery
    tasks.check_import.apply(args=[job.pk])
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.created_count == 2
    assert CollectiveIncome.objects.count() == 2
    assert CollectiveIncome.objects.filter(version__gt=1).count() == 0


def test_reimporting_the_same_file_changes_nothing(township: Any, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    content = clerk_workbook(INCOME_HEADERS, income_rows("T01V1"))
    for _ in range(2):
        post_workbook(client, content)
        job = ImportJob.objects.first()
        assert job is not None
        if job.status == ImportJob.Status.READY and job.created_count:
            confirm(client, job)
    second = ImportJob.objects.first()
    assert second is not None
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 2)
    assert "无需导入" in client.get(reverse("ledgers:job", args=[second.pk])).content.decode()


def test_macro_workbooks_and_zip_bombs_are_refused_before_parsing(
    township: Any, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    good = clerk_workbook(INCOME_HEADERS, income_rows("T01V1"))
    response = post_workbook(client, good, name="带宏.xlsm")
    assert response.status_code == 400 and ".xlsm" in response.content.decode()

    with_macro = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(with_macro, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\x00" * 64)
    assert post_workbook(client, with_macro.getvalue()).status_code == 400

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    response = post_workbook(client, bomb.getvalue())
    assert response.status_code == 400 and "压缩炸弹" in response.content.decode()

    response = post_workbook(client, b"MZ\x90\x00 not a workbook", name="收入.xlsx")
    assert response.status_code == 400 and "文件类型不符" in response.content.decode()

    # Entity expansion ("billion laughs"): a DTD in any XML part is refused before a parser reads it.
    laughs = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(laughs, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                declaration, _, rest = data.partition(b"?>") if data.startswith(b"<?xml") else (b"", b"", data)
                data = (declaration + b"?>" if declaration else b"") + dtd + rest
            target.writestr(item, data)
    response = post_workbook(client, laughs.getvalue())
    assert response.status_code == 400 and "XML 实体" in response.content.decode()

    many = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(many, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for n in range(2100):
            target.writestr(f"xl/media/filler{n}.bin", b"")
    response = post_workbook(client, many.getvalue())
    assert response.status_code == 400 and "条目过多" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_workbook_over_the_size_limit_is_refused_before_parsing(
    township: Any, secretary_a: Any, client_for: Any, settings: Any
) -> None:
    settings.WUJI_UPLOAD_MAX_BYTES = 1024
    content = clerk_workbook(INCOME_HEADERS, income_rows("T01V1"))
    assert len(content) > 1024
    response = post_workbook(client_for(secretary_a), content)
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_file_without_the_headers_is_refused_with_the_reason(
    township: Any, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    post_workbook(client, clerk_workbook(["甲", "乙"], [[1, 2]]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.INVALID
    page = client.get(reverse("ledgers:job", args=[job.pk])).content.decode()
    assert "这个文件无法导入" in page
    assert client.get(reverse("ledgers:job_errors", args=[job.pk])).status_code == 404


def test_a_job_and_its_files_are_the_uploaders_alone(
    township: Any, secretary_a: Any, officer: Any, client_for: Any
) -> None:
    post_workbook(client_for(secretary_a), clerk_workbook(INCOME_HEADERS, income_rows("T01V1")))
    job = ImportJob.objects.get()
    other = client_for(officer)
    for name in ("ledgers:job", "ledgers:job_progress", "ledgers:job_file"):
        assert other.get(reverse(name, args=[job.pk])).status_code == 404, name
    assert other.post(reverse("ledgers:job_confirm", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
    own = client_for(secretary_a).get(reverse("ledgers:job_file", args=[job.pk]))
    assert own.status_code == 200 and "no-store" in own["Cache-Control"]
    # The workbook holds whatever the clerk typed (full ID numbers): its download is on the record.
    from wuji.audit.models import SecurityEvent

    download = SecurityEvent.objects.filter(action="export", object_pk=str(job.pk)).get()
    assert download.actor_id == secretary_a.pk
    with pytest.raises(ValueError):
        job.upload.url  # noqa: B018 - a private file has no public URL


def test_inspectors_read_templates_but_do_not_import(township: Any, inspector: Any, client_for: Any) -> None:
    client = client_for(inspector)
    page = client.get(reverse("ledgers:index")).content.decode()
    assert "下载模板" in page and "上传并检查" not in page
    response = client.post(reverse("ledgers:upload"), {"ledger": "income"})
    assert response.status_code == 403


def test_the_template_has_the_headers_the_import_reads(township: Any, secretary_a: Any, client_for: Any) -> None:
    response = client_for(secretary_a).get(reverse("ledgers:template", args=["income"]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    values = {cell.value for row in book.worksheets[0].iter_rows() for cell in row}
    assert {"所在党组织", "年度", "集体经济收入（元）", "其中经营性收入（元）"} <= values


def test_progress_fragment_reloads_the_page_once_the_job_has_finished(
    township: Any, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    post_workbook(client, clerk_workbook(INCOME_HEADERS, income_rows("T01V1")))
    job = ImportJob.objects.get()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING, progress=5)
    cache.set(jobs.PROGRESS_KEY.format(pk=job.pk), (40, 12, 30))  # what the worker reports mid-file
    running = client.get(reverse("ledgers:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert 'hx-trigger="every 1s"' in running.content.decode() and "HX-Refresh" not in running
    assert 'value="40"' in running.content.decode() and "12 / 约 30 行" in running.content.decode()
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY, progress=100)
    done = client.get(reverse("ledgers:job_progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "hx-trigger" not in done.content.decode()


def test_a_crash_in_the_middle_leaves_the_data_as_it_was(
    township: Any, secretary_a: Any, client_for: Any, monkeypatch: Any
) -> None:
    client = client_for(secretary_a)
    post_workbook(client, clerk_workbook(INCOME_HEADERS, income_rows("T01V1", (2007, 2008, 2009))))
    job = ImportJob.objects.get()
    from wuji.ledgers.books import support

    real = support.IncomeLedger.import_row
    calls = {"n": 0}

    def crash_on_third(self: Any, ctx: Any, row: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk full")
        return real(self, ctx, row)

    monkeypatch.setattr(support.IncomeLedger, "import_row", crash_on_third)
    confirm(client, job)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert not CollectiveIncome.objects.exists()
    assert "未导入任何数据" in client.get(reverse("ledgers:job", args=[job.pk])).content.decode()


def test_jobs_are_enqueued_only_after_commit(
    township: Any, secretary_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    content = clerk_workbook(INCOME_HEADERS, income_rows("T01V1"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = jobs.job_create(user=secretary_a, ledger_name="income", upload=upload(content))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED and len(callbacks) == 1
    callbacks[0]()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.READY
