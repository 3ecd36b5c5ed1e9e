"""Dashboard pages (thin): pick the org and the campaign, ask `dashboards` for the figures, render.

Who sees what: an officer or inspector their township (or, bound to a county, the county and
each township in it) and any branch in it; a branch secretary only their own branch's page
(another branch: 404, a township or county page: 403); auditor and sysadmin: 403.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wuji.assessment import selectors as assessment_selectors
from wuji.core.asof import as_of
from wuji.core.viewkit import member_data_required
from wuji.orgs.models import Organization
from wuji.reports import dashboards

READERS = frozenset({"officer", "inspector"})


def _role(request: HttpRequest) -> str:
    return getattr(request.user, "role", "") or ""


def _require_reader(request: HttpRequest) -> None:
    if _role(request) not in READERS:
        raise PermissionDenied(_("乡镇和县的统计供组织委员和考评组查看；支部书记请查看本支部的统计。"))


def _documents_url() -> str:
    try:
        return reverse("reports:documents")
    except NoReverseMatch:
        return ""


def _context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    return {"documents_url": _documents_url(), "role": _role(request), **extra}


def _no_campaign(request: HttpRequest, org: Organization) -> HttpResponse:
    return render(request, "reports/dashboard_empty.html", _context(request, org=org))


def _township_page(request: HttpRequest, org: Organization) -> HttpResponse:
    day = as_of(request)
    campaign = dashboards.campaign_for(user=request.user, org=org, year=day.year, pk=request.GET.get("campaign"))
    if campaign is None:
        return _no_campaign(request, org)
    day = assessment_selectors.campaign_day(campaign, day)
    dashboard = dashboards.township_dashboard(user=request.user, campaign=campaign, org=org, as_of=day)
    return render(
        request, "reports/dashboard_township.html", _context(request, dashboard=dashboard, today=dashboard.as_of)
    )


def _county_page(request: HttpRequest, org: Organization) -> HttpResponse:
    day = as_of(request)
    years = dashboards.campaign_years(user=request.user, org=org)
    year = day.year if day.year in years else (years[0] if years else day.year)
    dashboard = dashboards.county_dashboard(user=request.user, county=org, year=year, as_of=day)
    if dashboard is None:
        return _no_campaign(request, org)
    return render(
        request, "reports/dashboard_county.html", _context(request, dashboard=dashboard, today=dashboard.as_of)
    )


def _branch_page(request: HttpRequest, pk: int) -> HttpResponse:
    org = dashboards.get_visible_org(user=request.user, pk=pk)
    day = as_of(request)
    campaign = dashboards.campaign_for(user=request.user, org=org, year=day.year, pk=request.GET.get("campaign"))
    if campaign is None:
        return _no_campaign(request, org)
    org = dashboards.branch_org_get(user=request.user, campaign=campaign, pk=pk)
    day = assessment_selectors.campaign_day(campaign, day)
    dashboard = dashboards.branch_dashboard(user=request.user, campaign=campaign, org=org, as_of=day)
    return render(
        request, "reports/dashboard_branch.html", _context(request, dashboard=dashboard, today=dashboard.as_of)
    )


@require_safe
@member_data_required
def index(request: HttpRequest) -> HttpResponse:
    """The dashboard of the user's role: their branch, their township, or their county."""
    root = request.user.org  # type: ignore[union-attr]
    if root is None:
        raise Http404(_("您的账号没有绑定党组织"))
    if _role(request) == "secretary":
        return _branch_page(request, root.pk)
    if dashboards.is_county(root):
        return _county_page(request, root)
    if root.kind != "committee":
        return _branch_page(request, root.pk)
    return _township_page(request, root)


@require_safe
@member_data_required
def township(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    return _township_page(request, dashboards.committee_get_visible(user=request.user, pk=pk))


@require_safe
@member_data_required
def county(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    org = dashboards.committee_get_visible(user=request.user, pk=pk)
    if not dashboards.is_county(org):
        raise Http404(_("该党委下没有乡镇党委"))
    return _county_page(request, org)


@require_safe
@member_data_required
def branch(request: HttpRequest, pk: int) -> HttpResponse:
    return _branch_page(request, pk)
