"""The lists' FilterSets, bound to the user's orgs; FilterSets for the lists that have no page live here.

The people, activities, matters, facilities, income and rectifications endpoints reuse the
FilterSet of their page (wuji/<app>/filtersets.py, wuji/assessment/rectification_forms.py).
Orgs, positions, pools, trainings and assessments have no list page with a FilterSet, so
theirs are written here, in the same style (an org filter takes in the orgs below it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.request import Request

from wuji.assessment.models import Assessment
from wuji.core.asof import default_as_of
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization
from wuji.people.choices import Pool, Title, TrainingCategory, TrainingKind
from wuji.people.models import PoolEntry, Position, Training

CURRENT_CHOICES = [("current", _("在任/在库")), ("ended", _("已离任/已出库"))]


class ScopedFilterBackend(DjangoFilterBackend):
    """Gives each FilterSet what its page gives it: the user's orgs (and the as-of day where it takes one)."""

    def get_filterset_kwargs(self, request: Request, queryset: QuerySet[Any], view: Any) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        kwargs.update(view.filterset_extra_kwargs())
        return kwargs


class _OrgScopedFilterSet(django_filters.FilterSet):
    org = django_filters.ModelChoiceFilter(
        label=_("党组织（含下级）"), queryset=Organization.objects.none(), method="filter_org"
    )
    org_path = "org__path"

    def __init__(self, *args: Any, orgs: QuerySet[Organization], today: dt.date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today or default_as_of()
        self.filters["org"].queryset = orgs

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        return queryset.filter(**{f"{self.org_path}__startswith": value.path})


class OrgFilterSet(_OrgScopedFilterSet):
    q = django_filters.CharFilter(label=_("名称/代码"), method="filter_q")
    kind = django_filters.ChoiceFilter(label=_("组织类型"), choices=OrgKind.choices)
    category = django_filters.ChoiceFilter(label=_("组织类别"), choices=Category.choices)
    dissolved = django_filters.BooleanFilter(
        label=_("已撤销"), field_name="dissolved_on", lookup_expr="isnull", exclude=True
    )
    org_path = "path"

    class Meta:
        model = Organization
        fields = ["org", "q", "kind", "category", "dissolved"]

    def filter_q(self, queryset: QuerySet[Organization], name: str, value: str) -> QuerySet[Organization]:
        value = value.strip()
        return queryset.filter(Q(name__contains=value) | Q(code__iexact=value)) if value else queryset


class _TermFilterSet(_OrgScopedFilterSet):
    """`current`: running on the as-of day; `ended`: over by then."""

    current = django_filters.ChoiceFilter(label=_("状态"), choices=CURRENT_CHOICES, method="filter_current")
    start_field = "started_on"
    end_field = "ended_on"

    def filter_current(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        running = Q(**{f"{self.start_field}__lte": self.today}) & (
            Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gt": self.today})
        )
        return queryset.filter(running) if value == "current" else queryset.exclude(running)


class PositionFilterSet(_TermFilterSet):
    title = django_filters.ChoiceFilter(label=_("职务"), choices=Title.choices)
    person = django_filters.NumberFilter(label=_("人员"), field_name="person_id")

    class Meta:
        model = Position
        fields = ["org", "title", "person", "current"]


class PoolEntryFilterSet(_TermFilterSet):
    pool = django_filters.ChoiceFilter(label=_("类别"), choices=Pool.choices)
    person = django_filters.NumberFilter(label=_("人员"), field_name="person_id")
    start_field = "entered_on"
    end_field = "exited_on"

    class Meta:
        model = PoolEntry
        fields = ["org", "pool", "person", "current"]


class TrainingFilterSet(_OrgScopedFilterSet):
    category = django_filters.ChoiceFilter(label=_("培训类别"), choices=TrainingCategory.choices)
    kind = django_filters.ChoiceFilter(label=_("形式"), choices=TrainingKind.choices)
    year = django_filters.NumberFilter(label=_("年度"), field_name="started_on", lookup_expr="year")
    person = django_filters.NumberFilter(label=_("人员"), field_name="person_id")
    org_path = "person__org__path"

    class Meta:
        model = Training
        fields = ["org", "category", "kind", "year", "person"]


class AssessmentFilterSet(django_filters.FilterSet):
    campaign = django_filters.CharFilter(label=_("工作方案代码"), field_name="campaign__code")
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=Assessment.Kind.choices)
    status = django_filters.ChoiceFilter(label=_("状态"), choices=Assessment.Status.choices)

    class Meta:
        model = Assessment
        fields = ["campaign", "kind", "status"]

    def __init__(self, *args: Any, orgs: QuerySet[Organization] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
