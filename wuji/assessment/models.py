"""Assessments: a draft is computed live; publishing freezes every result with a content hash."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from wuji.campaigns.models import Campaign
from wuji.core.models import Attachment, TimeStampedModel
from wuji.orgs.models import Organization


class Assessment(TimeStampedModel):
    """One assessment run of a campaign (self-assessment, baseline or final) as of a day."""

    class Kind(models.TextChoices):
        BASELINE = "baseline", "摸底考评"
        FINAL = "final", "总结考评"

    class Status(models.TextChoices):
        DRAFT = "draft", "草稿（实时计算）"
        PUBLISHED = "published", "已发布"

    campaign = models.ForeignKey(
        Campaign, verbose_name="工作方案", on_delete=models.PROTECT, related_name="assessments"
    )
    kind = models.CharField("类别", max_length=16, choices=Kind.choices)
    period_start = models.DateField("考评期起")
    as_of = models.DateField("考评截止日期")
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    content_sha256 = models.CharField("结果摘要", max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = "考评"
        verbose_name_plural = "考评"
        ordering = ["-as_of", "-id"]

    def __str__(self) -> str:
        return f"{self.campaign} {self.get_kind_display()}（{self.as_of:%Y-%m-%d}）"


class ManualScore(TimeStampedModel):
    """An inspector's score for a manual indicator, or an override of a computed value (both kept)."""

    assessment = models.ForeignKey(Assessment, verbose_name="考评", on_delete=models.CASCADE, related_name="manual")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField("指标编码", max_length=40)
    value = models.DecimalField("评定值", max_digits=14, decimal_places=2)
    reason = models.TextField("理由")
    evidence = models.ForeignKey(
        Attachment, verbose_name="佐证材料", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="评定人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "人工评定"
        verbose_name_plural = "人工评定"
        constraints = [models.UniqueConstraint(fields=["assessment", "org", "indicator"], name="manual_score_once")]

    def __str__(self) -> str:
        return f"{self.org} {self.indicator} {self.value}"


class OrgResult(models.Model):
    """An org's frozen result in a published assessment."""

    assessment = models.ForeignKey(Assessment, verbose_name="考评", on_delete=models.CASCADE, related_name="results")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    rubric = models.CharField("细则", max_length=40)
    score = models.DecimalField("得分", max_digits=6, decimal_places=1)
    max_score = models.DecimalField("满分", max_digits=6, decimal_places=1)
    grade = models.CharField("等次", max_length=16)
    rank = models.PositiveIntegerField("全乡排名")
    category_rank = models.PositiveIntegerField("类别内排名")
    indicators = models.JSONField("各指标结果")

    class Meta:
        verbose_name = "考评结果"
        verbose_name_plural = "考评结果"
        ordering = ["assessment", "rank", "org__code"]
        constraints = [models.UniqueConstraint(fields=["assessment", "org"], name="result_once")]

    def __str__(self) -> str:
        return f"{self.org} {self.score}"


class AggregateResult(models.Model):
    """A township-level figure (coverage, 一肩挑 share …) frozen in a published assessment."""

    assessment = models.ForeignKey(Assessment, verbose_name="考评", on_delete=models.CASCADE, related_name="aggregates")
    org = models.ForeignKey(Organization, verbose_name="党委", on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField("指标编码", max_length=40)
    result = models.JSONField("结果")

    class Meta:
        verbose_name = "汇总指标结果"
        verbose_name_plural = "汇总指标结果"

    def __str__(self) -> str:
        return f"{self.org} {self.indicator}"
