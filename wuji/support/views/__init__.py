"""基本保障 pages (seed §三㈤): thin views; selectors read, services write."""

from django.http import HttpRequest, HttpResponse

from wuji.support.views.cadres import (
    pension_create,
    pension_edit,
    pension_end,
    pension_list,
    subsidy_create,
    subsidy_edit,
    subsidy_end,
    subsidy_list,
)
from wuji.support.views.facilities import (
    checklist_item_create,
    checklist_item_edit,
    checklist_items,
    facility_check,
    facility_create,
    facility_detail,
    facility_edit,
    facility_list,
    facility_overview,
)
from wuji.support.views.groups import (
    group_create,
    group_detail,
    group_edit,
    group_list,
    member_create,
    member_edit,
    member_end,
)
from wuji.support.views.money import (
    funding_create,
    funding_delete,
    funding_edit,
    funding_list,
    income_create,
    income_edit,
    income_list,
    income_trend,
)
from wuji.support.views.sites import site_create, site_detail, site_edit, site_inspect, site_list


def index(request: HttpRequest) -> HttpResponse:
    """基本保障 opens on the villages' facilities, the section with the most to see at a glance."""
    return facility_overview(request)


__all__ = [
    "index",
    "checklist_items",
    "checklist_item_create",
    "checklist_item_edit",
    "group_list",
    "group_create",
    "group_detail",
    "group_edit",
    "member_create",
    "member_edit",
    "member_end",
    "facility_overview",
    "facility_list",
    "facility_create",
    "facility_detail",
    "facility_edit",
    "facility_check",
    "site_list",
    "site_create",
    "site_detail",
    "site_edit",
    "site_inspect",
    "income_list",
    "income_create",
    "income_edit",
    "income_trend",
    "funding_list",
    "funding_create",
    "funding_edit",
    "funding_delete",
    "pension_list",
    "pension_create",
    "pension_edit",
    "pension_end",
    "subsidy_list",
    "subsidy_create",
    "subsidy_edit",
    "subsidy_end",
]
