"""基本活动: activities with attendance, pairings, per-member duties and pledges, honours.

Attendance is one row per person; 应到/实到 are counted from the rows, never typed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from wuji.activities.choices import AbsenceReason, HonorLevel, PledgeResult, ReviewOutcome
from wuji.core.models import Attachment, TimeStampedModel, VersionedModel
from wuji.orgs.models import Organization
from wuji.people.models import Person


class ActivityType(models.Model):
    """A kind of activity (集中学习, 民主生活会 …); a list the officer can extend."""

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=40)
    parent = models.ForeignKey(
        "self", verbose_name="上级类型", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    order = models.PositiveSmallIntegerField("排序", default=0)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "活动类型"
        verbose_name_plural = "活动类型"
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.parent.name}·{self.name}" if self.parent_id and self.parent else self.name


class Activity(TimeStampedModel, VersionedModel):
    """An activity an org held. `paired_org` marks a joint activity of a pairing: it counts for both."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="activities")
    type = models.ForeignKey(ActivityType, verbose_name="活动类型", on_delete=models.PROTECT, related_name="activities")
    held_on = models.DateField("活动日期")
    topic = models.CharField("主题", max_length=200)
    place = models.CharField("地点", max_length=100, blank=True)
    minutes = models.TextField("内容纪要", blank=True)
    paired_org = models.ForeignKey(
        Organization,
        verbose_name="结对党组织（联合活动）",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="joint_activities",
    )
    backfilled = models.BooleanField("补录", default=False)
    backfill_reason = models.CharField("补录原因", max_length=200, blank=True)
    attachments = models.ManyToManyField(Attachment, verbose_name="附件", blank=True, related_name="+")

    class Meta:
        verbose_name = "活动"
        verbose_name_plural = "活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org", "held_on"]), models.Index(fields=["type", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


class Attendance(models.Model):
    """Whether one person was at an activity (and why not)."""

    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(Person, verbose_name="人员", on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField("出席", default=True)
    absence_reason = models.CharField("缺席原因", max_length=16, choices=AbsenceReason.choices, blank=True)

    class Meta:
        verbose_name = "出席"
        verbose_name_plural = "出席"
        constraints = [models.UniqueConstraint(fields=["activity", "person"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} {'出席' if self.present else '缺席'}"

    def clean(self) -> None:
        if self.present and self.absence_reason:
            raise ValidationError({"absence_reason": "出席者不填缺席原因"})
        if not self.present and not self.absence_reason:
            raise ValidationError({"absence_reason": f"请选择{self.person}的缺席原因"})


class Pairing(TimeStampedModel, VersionedModel):
    """结对帮扶: a 机关 branch paired with a village (community) branch over a period."""

    organ_org = models.ForeignKey(
        Organization, verbose_name="机关党组织", on_delete=models.PROTECT, related_name="pairings_as_organ"
    )
    village_org = models.ForeignKey(
        Organization, verbose_name="村（社区）党组织", on_delete=models.PROTECT, related_name="pairings_as_village"
    )
    started_on = models.DateField("结对日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)
    goals = models.TextField("帮扶目标", blank=True)

    class Meta:
        verbose_name = "结对帮扶"
        verbose_name_plural = "结对帮扶"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"{self.organ_org} ↔ {self.village_org}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "结束日期不能早于结对日期"})

    def active_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


class MemberYearRecord(TimeStampedModel, VersionedModel):
    """A record one member has once a year in an org."""

    person = models.ForeignKey(Person, verbose_name="党员", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.person} {self.year}"


class DutyPost(MemberYearRecord):
    """设岗定责: the post a member takes for the year and its duty."""

    post = models.CharField("岗位", max_length=60)
    duty = models.TextField("职责")

    class Meta:
        verbose_name = "设岗定责"
        verbose_name_plural = "设岗定责"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="duty_post_once_a_year")]
        ordering = ["-year", "org", "id"]


class Pledge(MemberYearRecord):
    """服务承诺: what a member pledged for the year, and whether it was kept."""

    content = models.TextField("承诺内容")
    result = models.CharField("兑现情况", max_length=16, choices=PledgeResult.choices, default=PledgeResult.PENDING)
    result_note = models.CharField("评议说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "服务承诺"
        verbose_name_plural = "服务承诺"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="pledge_once_a_year")]
        ordering = ["-year", "org", "id"]


class PartySpiritReview(TimeStampedModel, VersionedModel):
    """党性定期分析 of one member: when, and the outcome."""

    person = models.ForeignKey(Person, verbose_name="党员", on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="+")
    reviewed_on = models.DateField("分析日期")
    outcome = models.CharField("分析结果", max_length=16, choices=ReviewOutcome.choices)
    note = models.CharField("主要问题及整改", max_length=200, blank=True)

    class Meta:
        verbose_name = "党性分析"
        verbose_name_plural = "党性分析"
        ordering = ["-reviewed_on", "id"]

    def __str__(self) -> str:
        return f"{self.person} {self.reviewed_on:%Y-%m-%d}"


class ProsperityPlanEntry(MemberYearRecord):
    """创业致富计划: a member in the plan for a year; `is_model` marks a 致富标兵."""

    project = models.CharField("创业致富项目", max_length=100)
    is_model = models.BooleanField("评为创业致富标兵", default=False)
    note = models.CharField("成效", max_length=200, blank=True)

    class Meta:
        verbose_name = "创业致富计划"
        verbose_name_plural = "创业致富计划"
        constraints = [models.UniqueConstraint(fields=["person", "year"], name="prosperity_once_a_year")]
        ordering = ["-year", "org", "id"]


class Honor(TimeStampedModel, VersionedModel):
    """创先争优: a title (三级联创, 五好基层党组织 …) an org holds for a year."""

    org = models.ForeignKey(Organization, verbose_name="党组织", on_delete=models.PROTECT, related_name="honors")
    title = models.CharField("荣誉称号", max_length=60)
    year = models.PositiveSmallIntegerField("年度")
    level = models.CharField("级别", max_length=16, choices=HonorLevel.choices)
    awarded_by = models.CharField("授予单位", max_length=100)

    class Meta:
        verbose_name = "创先争优荣誉"
        verbose_name_plural = "创先争优荣誉"
        ordering = ["-year", "org", "id"]
        constraints = [models.UniqueConstraint(fields=["org", "title", "year"], name="honor_once_a_year")]

    def __str__(self) -> str:
        return f"{self.org} {self.year} {self.title}"
