"""A standard (考评细则) as loaded: one row per version, its document kept whole and hashed."""

from __future__ import annotations

from django.db import models


class Standard(models.Model):
    """A version of a standard file. Immutable once an assessment uses it: a change is a new version."""

    code = models.SlugField("标准代码", max_length=60)
    version = models.CharField("版本", max_length=30)
    name = models.CharField("名称", max_length=200)
    document = models.JSONField("内容")
    sha256 = models.CharField("内容摘要", max_length=64)
    loaded_at = models.DateTimeField("载入时间", auto_now_add=True)

    class Meta:
        verbose_name = "考评标准"
        verbose_name_plural = "考评标准"
        ordering = ["code", "-loaded_at"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="standard_version_once")]

    def __str__(self) -> str:
        return f"{self.name}（{self.version}）"
