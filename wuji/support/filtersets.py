"""One FilterSet per 基本保障 list (reused by the page, the export and the API). Org filters include descendants."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wuji.orgs.models import Organization
from wuji.support.choices import FacilityKind, FundingKind, GroupKind, PensionScheme
from wuji.support.models import (
    CollectiveIncome,
    Facility,
    Funding,
    LeadingGroup,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
)

CURRENT_CHOICES = [("current", _("在册")), ("ended", _("已终止"))]


class ScopedFilterSet(django_filters.FilterSet):
    """The org filter offers only the user's orgs, and takes in every org below the one chosen."""

    org = django_filters.ModelChoiceFilter(
        label=_("党组织"), queryset=Organization.objects.none(), method="filter_org", empty_label=_("全部（含下级）")
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], today: dt.date | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.filters["org"].queryset = orgs
        for form_field in self.form.fields.values():
            if isinstance(form_field.widget, forms.Select):
                form_field.widget.attrs.setdefault("class", "form-select")
            else:
                form_field.widget.attrs.setdefault("class", "form-control")

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        return queryset.filter(org__path__startswith=value.path)


def _year_filter() -> django_filters.NumberFilter:
    return django_filters.NumberFilter(
        label=_("年度"), field_name="year", widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1949})
    )


class LeadingGroupFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=GroupKind.choices, empty_label=_("全部"))

    class Meta:
        model = LeadingGroup
        fields = ["kind"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.form.fields["kind"].widget.attrs.setdefault("class", "form-select")


class FacilityFilterSet(ScopedFilterSet):
    kind = django_filters.ChoiceFilter(label=_("类别"), choices=FacilityKind.choices, empty_label=_("全部"))

    class Meta:
        model = Facility
        fields = ["org", "kind"]


class SiteFilterSet(ScopedFilterSet):
    class Meta:
        model = RemoteEducationSite
        fields = ["org"]


class IncomeFilterSet(ScopedFilterSet):
    year = _year_filter()

    class Meta:
        model = CollectiveIncome
        fields = ["org", "year"]


class FundingFilterSet(ScopedFilterSet):
    year = _year_filter()
    kind = django_filters.ChoiceFilter(label=_("经费类别"), choices=FundingKind.choices, empty_label=_("全部"))

    class Meta:
        model = Funding
        fields = ["org", "year", "kind"]


class _CurrentFilterSet(ScopedFilterSet):
    """`current`: still running on the as-of day; `ended`: ended by then."""

    current = django_filters.ChoiceFilter(
        label=_("状态"), choices=CURRENT_CHOICES, method="filter_current", empty_label=_("全部")
    )

    def filter_current(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        running = Q(ended_on__isnull=True) | Q(ended_on__gt=self.today)
        return queryset.filter(running) if value == "current" else queryset.exclude(running)


class PensionFilterSet(_CurrentFilterSet):
    scheme = django_filters.ChoiceFilter(label=_("险种"), choices=PensionScheme.choices, empty_label=_("全部"))

    class Meta:
        model = PensionEnrollment
        fields = ["org", "scheme", "current"]


class SubsidyFilterSet(_CurrentFilterSet):
    class Meta:
        model = RetirementSubsidy
        fields = ["org", "current"]
