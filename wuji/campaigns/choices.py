"""Choices of the campaign app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseCode(models.TextChoices):
    """The four phases of seed §四, in order."""

    MOBILIZE = "mobilize", _("动员部署")
    INVESTIGATE = "investigate", _("调查研究")
    BUILD = "build", _("集中建设")
    REVIEW = "review", _("总结验收")


class PhaseStatus(models.TextChoices):
    UPCOMING = "upcoming", _("未开始")
    CURRENT = "current", _("进行中")
    DONE = "done", _("已结束")


class TaskStatus(models.TextChoices):
    TODO = "todo", _("未开始")
    DOING = "doing", _("进行中")
    DONE = "done", _("已完成")


class RewardKind(models.TextChoices):
    REWARD = "reward", _("奖励")
    PENALTY = "penalty", _("惩处")


class LineStatus(models.TextChoices):
    """A construction plan line's progress, read live against the engine."""

    OPEN = "open", _("未完成")
    LATE = "late", _("已逾期")
    MET = "met", _("已达标")
