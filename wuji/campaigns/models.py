"""A campaign: the Five Basics program of a scope for a year, judged by one standard version.

(Phases, tasks and construction plans come with the campaign pages; the engine
needs only what is here.)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from wuji.core.models import TimeStampedModel
from wuji.orgs.models import Organization
from wuji.standards.models import Standard


class Campaign(TimeStampedModel):
    """A township's (or county's) Five Basics campaign for a year."""

    code = models.SlugField("方案代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=100)
    scope = models.ForeignKey(Organization, verbose_name="范围（党委）", on_delete=models.PROTECT, related_name="+")
    standard = models.ForeignKey(Standard, verbose_name="考评标准", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    class Meta:
        verbose_name = "工作方案"
        verbose_name_plural = "工作方案"
        ordering = ["-year", "code"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})


# --- the campaign as a working program: phases, tasks, plans, rewards, filing (seed §四, §五) --------------------
import datetime as dt  # noqa: E402

from django.conf import settings  # noqa: E402

from wuji.campaigns.choices import PhaseCode, RewardKind, TaskStatus  # noqa: E402
from wuji.campaigns.phases import phase_status, task_overdue  # noqa: E402
from wuji.core.models import Attachment, VersionedModel  # noqa: E402


class Phase(models.Model):
    """阶段: one of the four phases of a campaign with its dates (动员部署, 调查研究, 集中建设, 总结验收)."""

    campaign = models.ForeignKey(Campaign, verbose_name="工作方案", on_delete=models.CASCADE, related_name="phases")
    code = models.CharField("阶段", max_length=16, choices=PhaseCode.choices)
    name = models.CharField("名称", max_length=40)
    order = models.PositiveSmallIntegerField("顺序")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")

    class Meta:
        verbose_name = "阶段"
        verbose_name_plural = "阶段"
        ordering = ["campaign", "order"]
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="phase_once")]

    def __str__(self) -> str:
        return f"{self.name}（{self.starts_on:%m-%d}至{self.ends_on:%m-%d}）"

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})

    def status(self, today: dt.date) -> str:
        return phase_status(starts_on=self.starts_on, ends_on=self.ends_on, today=today)


class Task(TimeStampedModel, VersionedModel):
    """任务: a task of a phase with its owner (an org and role, and the person's name), deadline and status."""

    campaign = models.ForeignKey(Campaign, verbose_name="工作方案", on_delete=models.CASCADE, related_name="tasks")
    phase = models.ForeignKey(Phase, verbose_name="阶段", on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField("顺序", default=0)
    title = models.CharField("任务", max_length=100)
    description = models.TextField("内容和要求", blank=True)
    owner_org = models.ForeignKey(Organization, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+")
    owner_role = models.CharField("责任岗位", max_length=50, blank=True)
    owner_name = models.CharField("责任人", max_length=50, blank=True)
    deadline = models.DateField("完成时限")
    status = models.CharField("状态", max_length=8, choices=TaskStatus.choices, default=TaskStatus.TODO)
    done_on = models.DateField("完成日期", null=True, blank=True)
    note = models.TextField("完成情况", blank=True)
    attachments = models.ManyToManyField(Attachment, verbose_name="附件", blank=True, related_name="+")

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务"
        ordering = ["campaign", "phase__order", "order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.status == TaskStatus.DONE and self.done_on is None:
            raise ValidationError({"done_on": "已完成的任务请填写完成日期"})
        if self.status != TaskStatus.DONE and self.done_on is not None:
            raise ValidationError({"done_on": "任务尚未完成，不能填写完成日期"})

    def is_overdue(self, today: dt.date) -> bool:
        return task_overdue(status=self.status, deadline=self.deadline, today=today)


class ConstructionPlan(TimeStampedModel):
    """建设进度计划表: an org's plan for the campaign, one line per gap the baseline found (先易后难)."""

    campaign = models.ForeignKey(Campaign, verbose_name="工作方案", on_delete=models.CASCADE, related_name="plans")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    # The plan outlives its baseline: deleting an assessment leaves the plan it seeded.
    baseline = models.ForeignKey(
        "assessment.Assessment",
        verbose_name="摸底考评",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    drafted_on = models.DateField("拟定日期")

    class Meta:
        verbose_name = "建设进度计划表"
        verbose_name_plural = "建设进度计划表"
        ordering = ["campaign", "org__path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "org"], name="construction_plan_once")]

    def __str__(self) -> str:
        return f"{self.org}建设进度计划表"


class ConstructionPlanLine(VersionedModel):
    """A line of a plan: an indicator the org did not meet at the baseline, and when it means to meet it."""

    plan = models.ForeignKey(ConstructionPlan, verbose_name="计划表", on_delete=models.CASCADE, related_name="lines")
    order = models.PositiveSmallIntegerField("顺序")
    indicator = models.CharField("指标编码", max_length=40)
    indicator_name = models.CharField("指标", max_length=200)
    dimension = models.CharField("维度", max_length=100, blank=True)
    effort = models.CharField("难易", max_length=8, default="medium")
    target = models.CharField("目标", max_length=100, blank=True)
    baseline_value = models.CharField("摸底时情况", max_length=100, blank=True)
    planned_on = models.DateField("计划完成日期")

    class Meta:
        verbose_name = "计划事项"
        verbose_name_plural = "计划事项"
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "indicator"], name="plan_line_once")]

    def __str__(self) -> str:
        return self.indicator_name


class Reward(TimeStampedModel):
    """奖惩: a reward or penalty decided for an org after the final assessment."""

    campaign = models.ForeignKey(Campaign, verbose_name="工作方案", on_delete=models.CASCADE, related_name="rewards")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("类别", max_length=8, choices=RewardKind.choices)
    title = models.CharField("奖惩内容", max_length=100)
    reason = models.TextField("事由")
    decided_on = models.DateField("决定日期")

    class Meta:
        verbose_name = "奖惩"
        verbose_name_plural = "奖惩"
        ordering = ["campaign", "-decided_on", "org__path", "pk"]

    def __str__(self) -> str:
        return f"{self.org} {self.title}"


class Filing(TimeStampedModel):
    """备案: the campaign's 实施方案 filed with the county's organization department, the document kept."""

    campaign = models.ForeignKey(Campaign, verbose_name="工作方案", on_delete=models.CASCADE, related_name="filings")
    filed_on = models.DateField("备案日期")
    recipient = models.CharField("报送单位", max_length=100)
    note = models.TextField("备注", blank=True)
    document = models.ForeignKey(
        Attachment, verbose_name="实施方案文本", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="经办人", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        ordering = ["campaign", "-filed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.campaign}备案（{self.filed_on}）"
