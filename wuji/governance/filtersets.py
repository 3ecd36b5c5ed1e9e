"""One FilterSet per 基本制度 list (reused by the page, an export and the API); org filters include descendants."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from wuji.governance.choices import ORG_DISCLOSURES, ArchiveCategory, AssetKind, MatterStatus, RuleKind
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    Matter,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs.models import Organization
from wuji.people.models import Person


class ScopedFilterSet(django_filters.FilterSet):
    """A FilterSet whose org choices are the user's orgs; selects look like the rest of the site."""

    org = django_filters.ModelChoiceFilter(
        label=_("党组织"), queryset=Organization.objects.none(), method="filter_org", empty_label=_("全部（含下级）")
    )

    def __init__(self, *args: Any, orgs: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(orgs) > 1:
            self.filters["org"].queryset = orgs
        else:  # a branch secretary sees one org: nothing to choose
            del self.filters["org"]
        for form_field in self.form.fields.values():
            if isinstance(form_field.widget, forms.Select):
                form_field.widget.attrs.setdefault("class", "form-select")
            else:
                form_field.widget.attrs.setdefault("class", "form-control")

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        return queryset.filter(org__path__startswith=value.path)


class RuleFilterSet(ScopedFilterSet):
    CURRENT, SUPERSEDED = "current", "superseded"

    kind = django_filters.ChoiceFilter(label=_("制度类别"), choices=RuleKind.choices, empty_label=_("全部"))
    state = django_filters.ChoiceFilter(
        label=_("版本"),
        choices=[(CURRENT, _("现行")), (SUPERSEDED, _("已废止"))],
        method="filter_state",
        empty_label=_("全部版本"),
    )

    class Meta:
        model = RuleDocument
        fields = ["org", "kind", "state"]

    def filter_state(self, queryset: QuerySet[RuleDocument], name: str, value: str) -> QuerySet[RuleDocument]:
        return queryset.filter(superseded_on__isnull=value == self.CURRENT)


class MatterFilterSet(ScopedFilterSet):
    q = django_filters.CharFilter(label=_("事项名称"), field_name="title", lookup_expr="contains")
    status = django_filters.ChoiceFilter(label=_("状态"), choices=MatterStatus.choices, empty_label=_("全部"))

    class Meta:
        model = Matter
        fields = ["org", "status", "q"]


class DisclosureFilterSet(ScopedFilterSet):
    DRAFT, PUBLISHED = "draft", "published"

    kind = django_filters.ChoiceFilter(
        label=_("公开类别"), choices=[(k.value, k.label) for k in ORG_DISCLOSURES], empty_label=_("全部")
    )
    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[(DRAFT, _("草稿")), (PUBLISHED, _("已公开"))],
        method="filter_state",
        empty_label=_("全部"),
    )

    class Meta:
        model = Disclosure
        fields = ["org", "kind", "state"]

    def filter_state(self, queryset: QuerySet[Disclosure], name: str, value: str) -> QuerySet[Disclosure]:
        return queryset.filter(published=value == self.PUBLISHED)


class PerformanceFilterSet(ScopedFilterSet):
    person = django_filters.ModelChoiceFilter(
        label=_("党员干部"), queryset=Person.objects.none(), empty_label=_("全部")
    )
    year = django_filters.NumberFilter(label=_("年度"), field_name="recorded_on", lookup_expr="year")

    class Meta:
        model = PerformanceRecord
        fields = ["org", "person", "year"]

    def __init__(self, *args: Any, people: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["person"].queryset = people
        self.form.fields["year"].widget.attrs.update({"min": 1949, "max": 2100, "inputmode": "numeric"})


class ArchiveFilterSet(ScopedFilterSet):
    category = django_filters.ChoiceFilter(label=_("类别"), choices=ArchiveCategory.choices, empty_label=_("全部"))
    year = django_filters.NumberFilter(label=_("年度"))
    q = django_filters.CharFilter(label=_("题名/档号"), method="filter_q")

    class Meta:
        model = ArchiveRecord
        fields = ["org", "category", "year", "q"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form.fields["year"].widget.attrs.update({"min": 1949, "max": 2100, "inputmode": "numeric"})

    def filter_q(self, queryset: QuerySet[ArchiveRecord], name: str, value: str) -> QuerySet[ArchiveRecord]:
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(file_no__contains=value)) if value else queryset


class AssetFilterSet(ScopedFilterSet):
    HELD, DISPOSED = "held", "disposed"

    kind = django_filters.ChoiceFilter(label=_("类别"), choices=AssetKind.choices, empty_label=_("全部"))
    state = django_filters.ChoiceFilter(
        label=_("状态"),
        choices=[(HELD, _("在册")), (DISPOSED, _("已处置"))],
        method="filter_state",
        empty_label=_("全部"),
    )

    class Meta:
        model = CollectiveAsset
        fields = ["org", "kind", "state"]

    def filter_state(self, queryset: QuerySet[CollectiveAsset], name: str, value: str) -> QuerySet[CollectiveAsset]:
        return queryset.filter(disposed_on__isnull=value == self.HELD)


class FinanceFilterSet(ScopedFilterSet):
    """Filters the villages of the 村财乡管 list (rows are orgs annotated with their arrangement)."""

    MANAGED, SELF, NONE = "managed", "self", "none"

    arrangement = django_filters.ChoiceFilter(
        label=_("管理方式"),
        choices=[(MANAGED, _("村财乡管")), (SELF, _("村级自管")), (NONE, _("未登记"))],
        method="filter_arrangement",
        empty_label=_("全部"),
    )

    class Meta:
        model = Organization
        fields = ["org", "arrangement"]

    def filter_org(self, queryset: QuerySet[Any], name: str, value: Organization) -> QuerySet[Any]:
        return queryset.filter(path__startswith=value.path)

    def filter_arrangement(self, queryset: QuerySet[Organization], name: str, value: str) -> QuerySet[Organization]:
        if value == self.NONE:
            return queryset.filter(arrangement_id__isnull=True)  # type: ignore[misc]
        return queryset.filter(township_managed=value == self.MANAGED)  # type: ignore[misc]
