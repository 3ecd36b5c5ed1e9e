"""Shared abstract models."""

from __future__ import annotations

from django.db import models


class TimeStampedModel(models.Model):
    """When a row was created and last changed (who and what: the audit trail)."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row that two people may edit at once: the second stale save is refused."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)

    class Meta:
        abstract = True
