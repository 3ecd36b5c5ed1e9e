"""Shared abstract models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """When a row was created and last changed (who and what: the audit trail)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row that two people may edit at once: the second stale save is refused."""

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name never comes from the user: org, date and a random id.
    import uuid

    return f"attachments/{instance.org_id}/{uuid.uuid4().hex}.{instance.extension}"


class Attachment(TimeStampedModel):
    """A checked file (photo, minutes, rule document) that belongs to an org's records.

    Served only through a view that applies the org scope (or, for what is
    published on the public pages, only while it is published).
    """

    org = models.ForeignKey("orgs.Organization", verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    file = models.FileField("文件", upload_to=attachment_path)
    original_name = models.CharField("原文件名", max_length=200)
    kind = models.CharField("类型", max_length=8)
    extension = models.CharField(max_length=8)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = "附件"
        verbose_name_plural = "附件"

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind in {"jpeg", "png"}
