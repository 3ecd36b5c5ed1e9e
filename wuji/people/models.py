"""基本队伍: people, their membership stages, positions, pools and trainings.

Everything is dated so that every target of seed §三㈡ can be computed as of
any day: who held which post, who was in which pool, who was at which stage.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wuji.core import crypto, pinyin
from wuji.core.fields import EncryptedTextField
from wuji.core.masking import mask_id_number, mask_phone
from wuji.core.models import TimeStampedModel, VersionedModel
from wuji.orgs.models import Organization
from wuji.people.choices import (
    COMMITTEE_TITLES,
    Education,
    Gender,
    Pool,
    SelectionMethod,
    Stage,
    Title,
    TrainingCategory,
    TrainingKind,
)

ID_PURPOSE = "id_number"
PHONE_PATTERN = re.compile(r"1\d{10}")
PHONE_PURPOSE = "phone"


class SourceTag(models.Model):
    """Where a person comes from (退伍军人, 返乡创业 …): a list an officer can extend."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        verbose_name = _("人员来源")
        verbose_name_plural = _("人员来源")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class Person(TimeStampedModel, VersionedModel):
    """A member, a candidate on the way, or a non-member who holds a post or sits in a pool.

    The ID number and phone are encrypted at rest; `id_hash`/`phone_hash` are
    blind indexes for exact lookup. Birth date and gender are derived from the
    ID number, never typed.
    """

    name = models.CharField(_("姓名"), max_length=50)
    name_pinyin = models.CharField(_("姓名拼音"), max_length=120, editable=False, db_index=True)
    name_initials = models.CharField(_("拼音首字母"), max_length=20, editable=False, db_index=True)
    id_number = EncryptedTextField(_("公民身份号码"))
    id_hash = models.CharField(max_length=64, unique=True, editable=False)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, editable=False)
    birth_date = models.DateField(_("出生日期"), editable=False)
    phone = EncryptedTextField(_("手机号码"), blank=True)
    phone_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    ethnicity = models.CharField(_("民族"), max_length=20, default="汉族")
    education = models.CharField(_("学历"), max_length=24, choices=Education.choices, blank=True)
    org = models.ForeignKey(Organization, verbose_name=_("所在党组织"), on_delete=models.PROTECT, related_name="people")
    sources = models.ManyToManyField(SourceTag, verbose_name=_("人员来源"), blank=True, related_name="people")
    note = models.TextField(_("备注"), blank=True)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name_pinyin", "id"]

    def __str__(self) -> str:
        return self.name

    def set_derived(self) -> None:
        """Recompute everything derived from name, ID number and phone."""
        from wuji.core import idcard

        self.name = self.name.strip()
        self.name_pinyin, self.name_initials = pinyin.name_keys(self.name)
        info = idcard.parse(self.id_number)
        self.id_number = info.number
        self.id_hash = crypto.blind_index(info.number, purpose=ID_PURPOSE)
        self.birth_date = info.birth_date
        self.gender = info.gender
        self.phone = (self.phone or "").strip().replace(" ", "").replace("-", "")
        if self.phone and not PHONE_PATTERN.fullmatch(self.phone):
            raise ValidationError({"phone": _("手机号码应为以1开头的11位数字")})
        self.phone_hash = crypto.blind_index(self.phone, purpose=PHONE_PURPOSE) if self.phone else ""

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    def age_on(self, day: dt.date) -> int:
        years = day.year - self.birth_date.year
        if (day.month, day.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


class MembershipStage(TimeStampedModel):
    """One step of a person's way into the Party, with the date it began.

    A stage lasts until the next one. `org` is the organization that took the
    step (it counts for that org's development figures even after a transfer).
    Admission (预备党员) and confirmation (正式党员) are decided by a branch
    meeting whose numbers are kept; a row entered from old paper records is
    marked `backfilled` with the reason.
    """

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="stages")
    stage = models.CharField(_("发展阶段"), max_length=16, choices=Stage.choices)
    started_on = models.DateField(_("日期"))
    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="stages")
    voters_eligible = models.PositiveIntegerField(_("有表决权的正式党员数"), null=True, blank=True)
    voters_present = models.PositiveIntegerField(_("到会有表决权党员数"), null=True, blank=True)
    votes_for = models.PositiveIntegerField(_("赞成票数"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(
        _("延长预备期（月）"), default=0, help_text=_("仅预备党员阶段：延长预备期的月数，最多12个月")
    )
    backfilled = models.BooleanField(_("补录"), default=False)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("发展阶段")
        verbose_name_plural = _("发展阶段")
        ordering = ["person", "started_on", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "stage"], name="stage_once_per_person")]
        indexes = [models.Index(fields=["org", "stage", "started_on"])]

    def __str__(self) -> str:
        # The label from the enum, not get_stage_display(), which rebuilds a dict of the choices per call
        # (an import writes the string of every stage into its audit row).
        try:
            label: object = Stage(self.stage).label
        except ValueError:
            label = self.stage
        return f"{self.person} {label} {self.started_on}"


class Position(TimeStampedModel, VersionedModel):
    """A post held in an org over a term; `ended_on` is blank while in office."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.PROTECT, related_name="positions")
    org = models.ForeignKey(Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="positions")
    title = models.CharField(_("职务"), max_length=32, choices=Title.choices)
    started_on = models.DateField(_("任职日期"))
    ended_on = models.DateField(_("免职日期"), null=True, blank=True)
    selection_method = models.CharField(
        _("产生方式"), max_length=32, choices=SelectionMethod.choices, default=SelectionMethod.OTHER
    )
    end_reason = models.CharField(_("离任原因"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("职务")
        verbose_name_plural = _("职务")
        ordering = ["org", "title", "-started_on"]
        indexes = [models.Index(fields=["org", "title", "started_on"])]

    def __str__(self) -> str:
        return f"{self.org} {self.title_label} {self.person}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("免职日期不能早于任职日期")})

    @property
    def title_label(self) -> str:
        """书记 reads 党委书记 / 党支部书记 by the org's kind."""
        if self.title in COMMITTEE_TITLES:
            return self.get_title_display()
        prefix = {"committee": _("党委"), "general_branch": _("党总支"), "branch": _("党支部")}.get(self.org.kind, "")
        return f"{prefix}{self.get_title_display()}"

    def held_on(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


class PoolEntry(TimeStampedModel, VersionedModel):
    """A person in a pool (后备干部, 农村实用人才) of an org between two dates."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="pool_entries")
    org = models.ForeignKey(
        Organization, verbose_name=_("党组织"), on_delete=models.PROTECT, related_name="pool_entries"
    )
    pool = models.CharField(_("类别"), max_length=24, choices=Pool.choices)
    entered_on = models.DateField(_("入库日期"))
    exited_on = models.DateField(_("出库日期"), null=True, blank=True)
    exit_reason = models.CharField(_("出库原因"), max_length=100, blank=True)
    specialty = models.CharField(_("特长/专业"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("人才库")
        verbose_name_plural = _("人才库")
        ordering = ["org", "pool", "-entered_on"]
        indexes = [models.Index(fields=["org", "pool", "entered_on"])]

    def __str__(self) -> str:
        return f"{self.person} {self.get_pool_display()}"

    def clean(self) -> None:
        if self.exited_on and self.entered_on and self.exited_on < self.entered_on:
            raise ValidationError({"exited_on": _("出库日期不能早于入库日期")})


class Training(TimeStampedModel, VersionedModel):
    """A training or study trip (外出考察学习) one person took part in."""

    person = models.ForeignKey(Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="trainings")
    name = models.CharField(_("培训名称"), max_length=100)
    kind = models.CharField(_("形式"), max_length=16, choices=TrainingKind.choices, default=TrainingKind.TRAINING)
    category = models.CharField(_("培训类别"), max_length=24, choices=TrainingCategory.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    organizer = models.CharField(_("主办单位"), max_length=100, blank=True)
    place = models.CharField(_("地点"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("培训")
        verbose_name_plural = _("培训")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(fields=["person", "name", "started_on"], name="training_once_per_person")
        ]
        indexes = [models.Index(fields=["started_on", "kind"])]

    def __str__(self) -> str:
        return f"{self.person} {self.name}"

    def clean(self) -> None:
        if self.ended_on and self.started_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": _("结束日期不能早于开始日期")})
