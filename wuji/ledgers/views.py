"""/ledgers/: download a template, upload a workbook, see the preview or the errors, confirm; exports.

Views stay thin: jobs.py runs imports (inline or on a worker), exports.py and workbook.py
write the files. A job and its files are the uploader's alone (another user gets 404).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wuji.core.scoping import can_see_personal_data
from wuji.core.viewkit import member_data_required
from wuji.ledgers import exports, jobs, registry
from wuji.ledgers.forms import UploadForm
from wuji.ledgers.models import ImportJob

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RECENT_JOBS = 10


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _importable(user: Any) -> list[registry.Ledger]:
    return [ledger for ledger in registry.all_ledgers() if jobs.may_import(user, ledger)]


def _job_for(request: HttpRequest, pk: int) -> ImportJob:
    """The user's own job (404 for anyone else's: its file holds another branch's rows)."""
    return get_object_or_404(ImportJob.objects.filter(user_id=request.user.pk or 0), pk=pk)


def _ledger_title(name: str) -> str:
    try:
        return registry.get(name).title
    except KeyError:
        return name


def _index_context(request: HttpRequest, form: UploadForm | None) -> dict[str, Any]:
    ledgers = registry.all_ledgers()
    importable = _importable(request.user)
    titles = {ledger.name: ledger.title for ledger in ledgers}
    recent = list(ImportJob.objects.filter(user_id=request.user.pk or 0)[:RECENT_JOBS])
    for job in recent:
        job.ledger_title = titles.get(job.ledger, job.ledger)  # type: ignore[attr-defined]
    return {
        "ledgers": ledgers,
        "form": form if form is not None else (UploadForm(ledgers=importable) if importable else None),
        "jobs": recent,
        "masked": not can_see_personal_data(request.user),
    }


@member_data_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Every ledger with its headers and template; the upload form (for those who write); recent imports."""
    initial = request.GET.get("ledger")
    importable = _importable(request.user)
    form = UploadForm(ledgers=importable, initial={"ledger": initial}) if importable else None
    return render(request, "ledgers/index.html", _index_context(request, form))


@member_data_required
@require_GET
def template_download(request: HttpRequest, name: str) -> HttpResponse:
    """The blank workbook with exactly the headers the import reads, a help sheet and drop-downs."""
    from wuji.ledgers.templates_xlsx import template_workbook

    try:
        ledger = registry.get(name)
    except KeyError as exc:
        raise Http404(str(exc.args[0])) from None
    return _xlsx(template_workbook(ledger, user=request.user), f"{ledger.title}（模板）.xlsx")


@member_data_required
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    importable = _importable(request.user)
    if not importable:
        raise PermissionDenied(_("您的角色不能导入台账"))
    form = UploadForm(request.POST, request.FILES, ledgers=importable)
    if form.is_valid():
        try:
            job = jobs.job_create(
                user=request.user, ledger_name=form.cleaned_data["ledger"], upload=form.cleaned_data["workbook"]
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("workbook", message)
        else:
            return redirect("ledgers:job", pk=job.pk)
    return render(request, "ledgers/index.html", _index_context(request, form), status=400)


def _progress_context(job: ImportJob) -> dict[str, Any]:
    percent, done, total = jobs.progress_of(job)
    return {"job": job, "percent": percent, "done": done, "total": total}


def _job_context(job: ImportJob) -> dict[str, Any]:
    errors = job.errors
    by_row: dict[int, list[dict[str, Any]]] = {}
    for error in errors:
        by_row.setdefault(error["row"], []).append(error)
    return {
        **_progress_context(job),
        "ledger_title": _ledger_title(job.ledger),
        "errors": errors,
        # One line per row of the sheet: a blank or totals row reads as one problem, not four.
        "error_groups": [{"row": row, "problems": problems} for row, problems in by_row.items()],
        "error_rows": len(by_row),
        "file_error": job.report.get("file_error", ""),
        "preview": job.preview_rows,
        "more_rows": max(job.total_rows - len(job.preview_rows) - len(by_row), 0),
    }


@member_data_required
@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress while it runs; then the preview (confirm) or the error report (download with reasons)."""
    job = _job_for(request, pk)
    return render(request, "ledgers/job.html", _job_context(job))


@member_data_required
@require_GET
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar htmx polls; once the job has finished, the page reloads to show the result."""
    job = _job_for(request, pk)
    response = render(request, "ledgers/_progress.html", _progress_context(job))
    if not job.running:
        response["HX-Refresh"] = "true"
    return response


@member_data_required
@require_POST
def job_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job_for(request, pk)
    try:
        job = jobs.job_confirm(user=request.user, job=job)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        if job.status == ImportJob.Status.DONE:
            messages.success(
                request,
                _("已导入：新增 %(c)s 行，更新 %(u)s 行，不变 %(n)s 行")
                % {"c": job.created_count, "u": job.updated_count, "n": job.unchanged_count},
            )
    return redirect("ledgers:job", pk=job.pk)


@member_data_required
@require_GET
def job_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The workbook as uploaded (only to the uploader)."""
    from wuji.audit.events import record_event

    job = _job_for(request, pk)
    with job.upload.open("rb") as stream:
        content = stream.read()
    # The uploader's own workbook, but it holds full ID numbers: every download is on the record.
    record_event(action="export", actor=request.user, request=request, obj=job, object_repr=job.original_name)
    return _xlsx(content, job.original_name)


@member_data_required
@require_GET
def job_errors(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded sheet again with an added 错误原因 column beside each bad row."""
    from wuji.ledgers.importer import error_workbook

    job = _job_for(request, pk)
    if not job.errors or job.report.get("file_error"):
        raise Http404(_("该导入没有逐行错误"))
    with job.upload.open("rb") as stream:
        content = error_workbook(stream.read(), jobs.stored_result(job))
    from wuji.audit.events import record_event

    record_event(
        action="export", actor=request.user, request=request, obj=job, object_repr=f"{job.original_name}（错误说明）"
    )
    stem = job.original_name.rsplit(".", 1)[0]
    return _xlsx(content, f"{stem}（错误说明）.xlsx")


@member_data_required
@require_GET
def export(request: HttpRequest, key: str) -> HttpResponse:
    """What a list page shows, with its filters (the query string), as .xlsx; masked unless permitted; audited."""
    from wuji.audit.events import record_event

    try:
        spec = exports.get(key)
    except KeyError:
        raise Http404(_("没有这个列表")) from None
    content, count = exports.export_list(spec, user=request.user, params=request.GET)
    record_event(
        action="export",
        request=request,
        object_repr=f"{spec.title}（{count} 行）",
        detail={
            "list": spec.key,
            "rows": count,
            "filters": {k: v for k, v in request.GET.items() if k != "page"},
            "masked": not can_see_personal_data(request.user),
        },
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _xlsx(content, f"{spec.title}_{stamp}.xlsx")


@member_data_required
@require_GET
def workbook(request: HttpRequest) -> HttpResponse:
    """The 台账 workbook: a printable sheet per ledger over the user's scope; audited as an export."""
    from wuji.audit.events import record_event
    from wuji.ledgers.workbook import ledger_workbook

    content, counts = ledger_workbook(user=request.user)
    record_event(
        action="export",
        request=request,
        object_repr=f"台账汇编（{sum(counts.values())} 行）",
        detail={"workbook": counts, "masked": not can_see_personal_data(request.user)},
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    return _xlsx(content, f"台账汇编_{stamp}.xlsx")
