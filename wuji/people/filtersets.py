"""The one FilterSet of the people list (reused by the page, the export and the API)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuji.core.rules_dates import years_before
from wuji.orgs.models import Organization
from wuji.people.choices import Gender, Pool, Stage
from wuji.people.models import Person, PoolEntry, SourceTag

MASSES = "masses"
AGE_BANDS = [
    ("-35", _("35岁及以下")),
    ("36-45", _("36—45岁")),
    ("46-55", _("46—55岁")),
    ("56-60", _("56—60岁")),
    ("61-", _("61岁及以上")),
]


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("姓名/拼音"), method="filter_q")
    org = django_filters.ModelChoiceFilter(
        label=_("党组织"), queryset=Organization.objects.none(), method="filter_org", empty_label=_("全部（含下级）")
    )
    stage = django_filters.ChoiceFilter(
        label=_("人员类别"), choices=[*Stage.choices, (MASSES, _("群众"))], method="filter_stage", empty_label=_("全部")
    )
    pool = django_filters.ChoiceFilter(
        label=_("人才库"), choices=Pool.choices, method="filter_pool", empty_label=_("全部")
    )
    gender = django_filters.ChoiceFilter(label=_("性别"), choices=Gender.choices, empty_label=_("全部"))
    age = django_filters.ChoiceFilter(label=_("年龄段"), choices=AGE_BANDS, method="filter_age", empty_label=_("全部"))
    source = django_filters.ModelChoiceFilter(
        label=_("人员来源"), queryset=SourceTag.objects.all(), field_name="sources", empty_label=_("全部")
    )

    class Meta:
        model = Person
        fields = ["q", "org", "stage", "pool", "gender", "age", "source"]

    def __init__(self, *args: Any, orgs: QuerySet[Organization], today: dt.date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.filters["org"].queryset = orgs
        for field in self.form.fields.values():
            if isinstance(field.widget, forms.Select):
                field.widget.attrs.setdefault("class", "form-select")

    def filter_q(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        value = value.strip()
        if not value:
            return queryset
        lowered = value.lower().replace(" ", "")
        condition = Q(name__contains=value)
        if lowered.isascii() and lowered.isalpha():
            condition |= Q(name_initials__startswith=lowered) | Q(name_pinyin__startswith=lowered)
        return queryset.filter(condition)

    def filter_org(self, queryset: QuerySet[Person], name: str, value: Organization) -> QuerySet[Person]:
        return queryset.filter(org__path__startswith=value.path)

    def filter_stage(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        if value == MASSES:
            return queryset.filter(current_stage__isnull=True)  # type: ignore[misc]
        return queryset.filter(current_stage=value)  # type: ignore[misc]

    def filter_pool(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        active = PoolEntry.objects.filter(person=OuterRef("pk"), pool=value, entered_on__lte=self.today).filter(
            Q(exited_on__isnull=True) | Q(exited_on__gt=self.today)
        )
        return queryset.filter(Exists(active))

    def filter_age(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        low, _, high = value.partition("-")
        if low:  # at least `low` years old: born on or before today minus low years
            queryset = queryset.filter(birth_date__lte=years_before(self.today, int(low)))
        if high:  # at most `high` years old: born after today minus (high + 1) years
            queryset = queryset.filter(birth_date__gt=years_before(self.today, int(high) + 1))
        return queryset
