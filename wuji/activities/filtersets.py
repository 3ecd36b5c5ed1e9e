"""One FilterSet per list of 基本活动 (reused by the page, the export and the API).

An org filter always includes the orgs below it; for activities it also
finds the joint activities the org took part in as the paired side.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wuji.activities.choices import HonorLevel, PledgeResult, ReviewOutcome
from wuji.activities.models import (
    Activity,
    ActivityType,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.core.viewkit import DateInput
from wuji.orgs.models import Organization

YES = "1"


class _ScopedFilterSet(django_filters.FilterSet):
    """Offers only the orgs in the user's scope and gives selects Bootstrap's look."""

    org = django_filters.ModelChoiceFilter(
        label=_("党组织"), queryset=Organization.objects.none(), method="filter_org", empty_label=_("全部（含下级）")
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["org"].queryset = orgs
        for form_field in self.form.fields.values():
            widget = form_field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif isinstance(widget, forms.widgets.Input):
                widget.attrs.setdefault("class", "form-control")

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        return queryset.filter(org__path__startswith=value.path)


class ActivityFilterSet(_ScopedFilterSet):
    type = django_filters.ModelChoiceFilter(
        label=_("活动类型"), queryset=ActivityType.objects.all(), method="filter_type", empty_label=_("全部")
    )
    held_from = django_filters.DateFilter(
        label=_("起始日期"), field_name="held_on", lookup_expr="gte", widget=DateInput()
    )
    held_to = django_filters.DateFilter(
        label=_("截止日期"), field_name="held_on", lookup_expr="lte", widget=DateInput()
    )
    backfilled = django_filters.ChoiceFilter(
        label=_("补录"), choices=[(YES, _("只看补录"))], method="filter_backfilled", empty_label=_("全部")
    )

    class Meta:
        model = Activity
        fields = ["org", "type", "held_from", "held_to", "backfilled"]

    def __init__(self, *args: Any, types: list[tuple[ActivityType, int]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if types is not None:
            # Only what the select shows: subtypes indented under their type (validation keeps the queryset).
            widget = self.form.fields["type"].widget
            widget.choices = [("", _("全部"))] + [(t.pk, "\u3000" * depth + t.name) for t, depth in types]

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        # A joint activity counts for both orgs of the pairing.
        return queryset.filter(Q(org__path__startswith=value.path) | Q(paired_org__path__startswith=value.path))

    def filter_type(self, queryset: QuerySet[Activity], name: str, value: ActivityType) -> QuerySet[Activity]:
        return queryset.filter(Q(type=value) | Q(type__parent=value))

    def filter_backfilled(self, queryset: QuerySet[Activity], name: str, value: str) -> QuerySet[Activity]:
        return queryset.filter(backfilled=True) if value == YES else queryset


class PairingFilterSet(_ScopedFilterSet):
    class Meta:
        model = Pairing
        fields = ["org"]

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        return queryset.filter(Q(organ_org__path__startswith=value.path) | Q(village_org__path__startswith=value.path))


class _YearFilterSet(_ScopedFilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="year")


class DutyPostFilterSet(_YearFilterSet):
    class Meta:
        model = DutyPost
        fields = ["org", "year"]


class PledgeFilterSet(_YearFilterSet):
    result = django_filters.ChoiceFilter(label=_("兑现情况"), choices=PledgeResult.choices, empty_label=_("全部"))

    class Meta:
        model = Pledge
        fields = ["org", "year", "result"]


class ProsperityFilterSet(_YearFilterSet):
    is_model = django_filters.ChoiceFilter(
        label=_("标兵"), choices=[(YES, _("只看致富标兵"))], method="filter_model", empty_label=_("全部")
    )

    class Meta:
        model = ProsperityPlanEntry
        fields = ["org", "year", "is_model"]

    def filter_model(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset.filter(is_model=True) if value == YES else queryset


class ReviewFilterSet(_ScopedFilterSet):
    year = django_filters.NumberFilter(label=_("年度"), field_name="reviewed_on", lookup_expr="year")
    outcome = django_filters.ChoiceFilter(label=_("分析结果"), choices=ReviewOutcome.choices, empty_label=_("全部"))

    class Meta:
        model = PartySpiritReview
        fields = ["org", "year", "outcome"]


class HonorFilterSet(_YearFilterSet):
    level = django_filters.ChoiceFilter(label=_("级别"), choices=HonorLevel.choices, empty_label=_("全部"))

    class Meta:
        model = Honor
        fields = ["org", "year", "level"]
