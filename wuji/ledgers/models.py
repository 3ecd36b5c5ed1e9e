"""Ledger imports on the web: each upload is a job that is checked (dry run), confirmed and imported.

The uploaded workbook is kept privately under `WUJI_PRIVATE_ROOT` (never under MEDIA_ROOT,
never at a public URL) and served only to the user who uploaded it.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under settings.WUJI_PRIVATE_ROOT (read when used, so a test may point it elsewhere); no URL."""

    def __init__(self, subdir: str = "imports") -> None:
        self.subdir = subdir
        super().__init__()

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(Path(settings.WUJI_PRIVATE_ROOT) / self.subdir)

    @property  # type: ignore[override]
    def location(self) -> str:
        return str(Path(self.base_location).resolve())

    def url(self, name: str | None) -> str:
        raise ValueError("private files have no URL; serve them through a scoped view")


def import_upload_path(instance: ImportJob, filename: str) -> str:
    # The stored name never comes from the user.
    return f"{instance.user_id}/{uuid.uuid4().hex}.xlsx"


class ImportJob(models.Model):
    """One uploaded ledger workbook on its way in: checked (dry run), then, once confirmed, imported.

    A job is idempotent: its task moves it from one status to the next with a conditional
    update, so running the task again (a retry, a duplicate delivery) finds nothing to do.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队检查")
        CHECKING = "checking", _("正在检查")
        READY = "ready", _("待确认导入")
        INVALID = "invalid", _("有错误")
        CONFIRMED = "confirmed", _("排队导入")
        IMPORTING = "importing", _("正在导入")
        DONE = "done", _("已导入")
        FAILED = "failed", _("处理出错")

    ledger = models.CharField(_("台账"), max_length=40)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    upload = models.FileField(_("上传的工作簿"), storage=PrivateStorage(), upload_to=import_upload_path)
    original_name = models.CharField(_("原文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(max_length=64)
    background = models.BooleanField(_("后台处理"), default=False)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    total_rows = models.PositiveIntegerField(_("数据行数"), default=0)
    created_count = models.PositiveIntegerField(_("新增"), default=0)
    updated_count = models.PositiveIntegerField(_("更新"), default=0)
    unchanged_count = models.PositiveIntegerField(_("不变"), default=0)
    # {"errors": [{"row", "column", "message"}], "rows": [{"row", "outcome", "note"}], "message": str}
    report = models.JSONField(_("检查报告"), default=dict, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    checked_at = models.DateTimeField(_("检查完成"), null=True, blank=True)
    imported_at = models.DateTimeField(_("导入完成"), null=True, blank=True)

    class Meta:
        verbose_name = _("台账导入")
        verbose_name_plural = _("台账导入")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.ledger} · {self.original_name}"

    @property
    def running(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.CHECKING, self.Status.CONFIRMED, self.Status.IMPORTING}

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.report.get("errors", []))

    @property
    def preview_rows(self) -> list[dict[str, Any]]:
        return list(self.report.get("rows", []))
