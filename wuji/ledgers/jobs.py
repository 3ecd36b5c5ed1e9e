"""Web imports as jobs: upload → check (dry run) → confirm → import, each step idempotent.

A step moves the job from one status to the next with a conditional UPDATE, so a task
delivered twice (or run again after it finished) finds the job no longer in the status it
starts from and does nothing. Steps are enqueued with `transaction.on_commit`: a worker
never looks for a job whose row is not yet committed.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.scoping import WRITE_ROLES, scope_root
from wuji.core.uploads import check_upload
from wuji.ledgers import registry
from wuji.ledgers.models import ImportJob

logger = logging.getLogger(__name__)

# How many rows of the dry run the preview keeps (the counts cover every row).
PREVIEW_ROWS = 500
MAX_ERRORS = 1000


def may_import(user: Any, ledger: registry.Ledger) -> bool:
    role = getattr(user, "role", None)
    return role in WRITE_ROLES and role in ledger.import_roles and scope_root(user) is not None


def job_create(*, user: Any, ledger_name: str, upload: Any) -> ImportJob:
    """Keep an uploaded workbook (checked for size, real type, macros and zip bombs first) and queue its check."""
    try:
        ledger = registry.get(ledger_name)
    except KeyError as exc:
        raise ValidationError(str(exc.args[0])) from exc
    if not may_import(user, ledger):
        raise PermissionDenied(_("您的角色不能导入台账"))
    name = str(getattr(upload, "name", "") or "")
    if name.lower().endswith((".xlsm", ".xltm", ".xlam")):
        raise ValidationError(_("含宏的工作簿（.xlsm）不予接收：请另存为 .xlsx 后再上传"))
    checked = check_upload(upload, allowed=("xlsx",))
    with transaction.atomic():
        job = ImportJob(
            ledger=ledger.name,
            user=user,
            original_name=name[-200:] or "workbook.xlsx",
            size=checked.size,
            sha256=checked.sha256,
            background=(not settings.CELERY_TASK_ALWAYS_EAGER) and checked.size > settings.WUJI_IMPORT_INLINE_MAX_BYTES,
        )
        job.upload.save("upload.xlsx", upload, save=False)
        job.save()
        transaction.on_commit(lambda: _enqueue("check", job))
    return job


def job_confirm(*, user: Any, job: ImportJob) -> ImportJob:
    """The user has seen the preview: import for real (all or nothing)."""
    if job.user_id != user.pk:
        raise PermissionDenied(_("只能确认自己上传的导入"))
    with transaction.atomic():
        moved = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.READY).update(
            status=ImportJob.Status.CONFIRMED, progress=0
        )
        if not moved:
            job.refresh_from_db()
            if job.status in {ImportJob.Status.CONFIRMED, ImportJob.Status.IMPORTING, ImportJob.Status.DONE}:
                return job  # a second click: already on its way
            raise ValidationError(_("该导入当前不能确认（状态：%(status)s）") % {"status": job.get_status_display()})
        transaction.on_commit(lambda: _enqueue("apply", job))
    job.refresh_from_db()
    return job


def _enqueue(step: str, job: ImportJob) -> None:
    from wuji.ledgers import tasks

    task = tasks.check_import if step == "check" else tasks.apply_import
    if job.background:
        task.delay(job.pk)
    else:
        task.apply(args=[job.pk], throw=True)


PROGRESS_KEY = "ledgers:job:{pk}:progress"


def progress_of(job: ImportJob) -> tuple[int, int, int]:
    """(percent, rows done, rows in the file) of a running job.

    A step runs inside the importer's transaction (rolled back after a dry run), so it cannot
    report through the job's row: it reports through the cache (Redis when REDIS_URL is set,
    the one the worker writes), and the row's own progress is the fallback.
    """
    from django.core.cache import cache

    value = cache.get(PROGRESS_KEY.format(pk=job.pk))
    if value and job.running:
        return int(value[0]), int(value[1]), int(value[2])
    return job.progress, 0, job.total_rows


def _rows_in(job: ImportJob) -> int:
    """Roughly how many rows the workbook has (its first sheet's extent), for the progress bar."""
    from openpyxl import load_workbook

    try:
        with job.upload.open("rb") as stream:
            book = load_workbook(stream, read_only=True)
            try:
                sheet = book.worksheets[0]
                return max(int(sheet.max_row or 0) - 1, 1)
            finally:
                book.close()
    except Exception:
        return 1


def _counting(ledger: registry.Ledger, job: ImportJob, start: int, end: int) -> registry.Ledger:
    """The ledger, reporting after each row how far the step has come (at most once per percent)."""
    from django.core.cache import cache

    total = _rows_in(job)
    key = PROGRESS_KEY.format(pk=job.pk)
    state = {"done": 0, "percent": -1}
    base = type(ledger)

    def import_row(self: registry.Ledger, ctx: registry.ImportContext, row: registry.Row) -> registry.Outcome:
        state["done"] += 1
        percent = min(start + (end - start) * state["done"] // total, end)
        if percent != state["percent"]:
            state["percent"] = percent
            cache.set(key, (percent, state["done"], total), 3600)
        return base.import_row(self, ctx, row)

    counting = type(f"Counting{base.__name__}", (base,), {"import_row": import_row})
    cache.set(key, (start, 0, total), 3600)
    return counting()  # type: ignore[no-any-return]


def _run_import(job: ImportJob, *, dry_run: bool) -> Any:
    from wuji.ledgers.importer import import_workbook

    ledger = _counting(registry.get(job.ledger), job, 5, 95)
    with job.upload.open("rb") as stream:
        return import_workbook(ledger, stream, user=job.user, dry_run=dry_run, filename=job.original_name)


def _fill(job: ImportJob, result: Any) -> None:
    """Copy an ImportResult's counts, errors and per-row outcomes onto the job."""
    errors = [{"row": e.row, "column": e.column, "message": e.message} for e in result.errors[:MAX_ERRORS]]
    rows = [
        {"row": number, "outcome": outcome.value, "label": outcome.label, "note": note}
        for number, outcome, note in result.rows[:PREVIEW_ROWS]
    ]
    job.total_rows = result.total + len({e.row for e in result.errors})
    job.created_count = result.created
    job.updated_count = result.updated
    job.unchanged_count = result.unchanged
    job.report = {
        "sheet": result.sheet,
        "header_row": result.header_row,
        "errors": errors,
        "error_count": len(result.errors),
        "error_rows": len({e.row for e in result.errors}),
        "rows": rows,
        "summary": result.summary(),
    }


def stored_result(job: ImportJob) -> Any:
    """The job's report as an ImportResult again (for the error workbook)."""
    from wuji.ledgers.importer import ImportResult, Issue

    report = job.report
    return ImportResult(
        ledger=job.ledger,
        dry_run=True,
        sheet=report.get("sheet", ""),
        header_row=report.get("header_row", 0),
        errors=[Issue(e["row"], e["column"], e["message"]) for e in report.get("errors", [])],
    )


def _refuse(job: ImportJob, message: str) -> None:
    """The file as a whole cannot be imported (no header row, a role that may not): say why."""
    job.status = ImportJob.Status.INVALID
    job.progress = 100
    job.report = {"errors": [{"row": 0, "column": "", "message": message}], "error_count": 1, "file_error": message}
    job.save(update_fields=["status", "progress", "report"])


def _forget_progress(job: ImportJob) -> None:
    from django.core.cache import cache

    cache.delete(PROGRESS_KEY.format(pk=job.pk))


def _step(job_id: int, *, start: str, running: str, dry_run: bool) -> None:
    from wuji.ledgers.importer import WorkbookError

    moved = ImportJob.objects.filter(pk=job_id, status=start).update(status=running, progress=5)
    if not moved:
        return  # run before (or running now): nothing to do
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    try:
        result = _run_import(job, dry_run=dry_run)
    except WorkbookError as exc:
        _refuse(job, str(exc))
        return
    except PermissionDenied as exc:
        _refuse(job, str(exc) or _("您的角色不能导入该台账"))
        return
    except Exception:
        logger.exception("ledger import job %s failed", job_id)
        job.status = ImportJob.Status.FAILED
        job.progress = 100
        job.report = {**job.report, "message": _("处理时出错，未导入任何数据。请稍后重试或联系管理员。")}
        job.save(update_fields=["status", "progress", "report"])
        return
    finally:
        _forget_progress(job)
    _fill(job, result)
    job.progress = 100
    if result.errors:
        job.status = ImportJob.Status.INVALID
    elif dry_run:
        job.status = ImportJob.Status.READY
    else:
        job.status = ImportJob.Status.DONE
    if dry_run:
        job.checked_at = timezone.now()
    else:
        job.imported_at = timezone.now()
    job.save()


def job_check(job_id: int) -> None:
    """The dry run: every row validated, what would be created/changed/left alone counted; nothing written."""
    _step(job_id, start=ImportJob.Status.QUEUED, running=ImportJob.Status.CHECKING, dry_run=True)


def job_apply(job_id: int) -> None:
    """The import: all rows or none (the importer's one transaction)."""
    _step(job_id, start=ImportJob.Status.CONFIRMED, running=ImportJob.Status.IMPORTING, dry_run=False)
