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
        if self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "结束日期不能早于开始日期"})
