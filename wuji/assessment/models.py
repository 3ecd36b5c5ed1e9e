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


# --- 整改 (rectification) ---------------------------------------------------------------------------------------
# Appended as its own section; services and pages live in rectification*.py.
import datetime as dt  # noqa: E402

from django.utils.translation import gettext_lazy as _  # noqa: E402

from wuji.core.models import VersionedModel  # noqa: E402


class Rectification(TimeStampedModel, VersionedModel):
    """整改事项: an unmet indicator of a published assessment for one org, worked on until someone verifies it (销号).

    The item's history (submissions, closures, reopenings) is kept by the audit trail.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("整改中")
        SUBMITTED = "submitted", _("待验收")
        CLOSED = "closed", _("已销号")
        REOPENED = "reopened", _("重新整改")

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("考评"), on_delete=models.PROTECT, related_name="rectifications"
    )
    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("指标编码"), max_length=40)
    indicator_name = models.CharField(_("指标"), max_length=200)
    dimension = models.CharField(_("维度"), max_length=100, blank=True)
    problem = models.TextField(_("存在问题"))
    measures = models.TextField(_("整改措施"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("责任人账号"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    owner_name = models.CharField(_("责任人"), max_length=50, blank=True, help_text=_("责任人没有系统账号时填写姓名"))
    due_on = models.DateField(_("整改时限"))
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices, default=Status.OPEN, editable=False)
    submitted_on = models.DateField(_("提交验收日期"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提交人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    submission_note = models.TextField(_("整改情况说明"), blank=True, editable=False)
    submission_evidence = models.ForeignKey(
        Attachment,
        verbose_name=_("整改佐证材料"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    closed_on = models.DateField(_("销号日期"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("验收人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    close_note = models.TextField(_("验收意见"), blank=True, editable=False)
    close_evidence = models.ForeignKey(
        Attachment,
        verbose_name=_("验收佐证材料"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    returned_note = models.TextField(_("退回意见"), blank=True, editable=False)
    reopened_on = models.DateField(_("重新整改日期"), null=True, blank=True, editable=False)
    reopened_by = models.ForeignKey(
        Assessment,
        verbose_name=_("复查发现问题的考评"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    reopen_note = models.TextField(_("重新整改原因"), blank=True, editable=False)

    class Meta:
        verbose_name = _("整改事项")
        verbose_name_plural = _("整改事项")
        ordering = ["due_on", "org__path", "indicator"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "org", "indicator"], name="rectification_once"),
        ]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.org} {self.indicator_name}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def is_overdue(self, today: dt.date) -> bool:
        """Past its due date and not closed (a pure rule: the caller gives `today`)."""
        return rectification_overdue(status=self.status, due_on=self.due_on, today=today)

    @property
    def owner_display(self) -> str:
        if self.owner_id is not None:
            return str(self.owner.first_name or self.owner.username)  # type: ignore[union-attr]
        return self.owner_name


def rectification_overdue(*, status: str, due_on: dt.date, today: dt.date) -> bool:
    return status != Rectification.Status.CLOSED and due_on < today
