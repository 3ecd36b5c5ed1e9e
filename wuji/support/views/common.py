"""What every 基本保障 page shares: the section tabs, the list and form rendering, the write gates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuji.core.records import ListPage, Tab
from wuji.core.scoping import can_write
from wuji.core.viewkit import paginate, service_form
from wuji.orgs.models import Organization

# (key, label, url name): the sections of 基本保障, in the seed's order (§三㈤1–6).
SECTIONS = [
    ("groups", gettext_lazy("领导小组"), "support:group_list"),
    ("facilities", gettext_lazy("阵地设施"), "support:facility_overview"),
    ("sites", gettext_lazy("远程教育"), "support:site_list"),
    ("income", gettext_lazy("集体经济"), "support:income_list"),
    ("funding", gettext_lazy("经费保障"), "support:funding_list"),
    ("pensions", gettext_lazy("养老保险"), "support:pension_list"),
    ("subsidies", gettext_lazy("离任补贴"), "support:subsidy_list"),
]


def section_tabs(active: str) -> list[Tab]:
    return [Tab(str(label), reverse(url_name), key == active) for key, label, url_name in SECTIONS]


def section_label(key: str) -> str:
    return next(str(label) for k, label, _url in SECTIONS if k == key)


def section_crumb(key: str) -> tuple[str, str]:
    return next((str(label), reverse(url_name)) for k, label, url_name in SECTIONS if k == key)


def sub_tabs(*tabs: tuple[str, str, bool]) -> list[Tab]:
    return [Tab(label, url, active) for label, url, active in tabs]


@dataclass(frozen=True)
class Status:
    """A cell shown as a coloured badge (the results table knows the shape)."""

    label: str
    css: str

    def __str__(self) -> str:
        return self.label


def is_officer(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) == "officer"


def require_officer_role(request: HttpRequest) -> None:
    """Township things (leading groups, 村财乡管 funding) are the officer's: 403 for everyone else."""
    if not is_officer(request):
        raise PermissionDenied(_("只有乡党委组织委员可以办理"))


def require_can_write(request: HttpRequest, org: Organization) -> None:
    if not can_write(request.user, org):
        raise PermissionDenied(_("您无权修改该组织的数据"))


def writable(request: HttpRequest, orgs: QuerySet[Organization]) -> QuerySet[Organization]:
    """The orgs of `orgs` the user may write to; 403 when there are none (the inspector, for one)."""
    ids = [org.pk for org in orgs if can_write(request.user, org)]
    if not ids:
        raise PermissionDenied(_("您无权登记该类记录"))
    return orgs.filter(pk__in=ids)


def can_create(request: HttpRequest, orgs: Iterable[Organization]) -> bool:
    return any(can_write(request.user, org) for org in orgs)


def render_records(
    request: HttpRequest,
    *,
    section: str,
    page: ListPage,
    queryset: QuerySet[Any],
    filterset: Any = None,
    row_url: Callable[[Any], str | None] | None = None,
    decorate: Callable[[list[Any]], None] | None = None,
    template: str = "support/list.html",
    results_template: str = "support/_results.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A filtered, paged list under the section tabs; an htmx request gets only the results.

    `decorate` sets display attributes (a Status, a derived figure) on the rows of the page only.
    """
    results = queryset
    if filterset is not None and filterset.is_bound and filterset.is_valid():
        results = filterset.qs
    page_obj, query_string = paginate(request, results, settings.WUJI_PAGE_SIZE)
    objects = list(page_obj.object_list)
    if decorate is not None:
        decorate(objects)
    rows = [{"obj": obj, "url": row_url(obj) if row_url else None} for obj in objects]
    context = {
        "page": page,
        "tabs": section_tabs(section),
        "section": section_label(section),
        "filter": filterset,
        "page_obj": page_obj,
        "rows": rows,
        "query_string": query_string,
        "results_template": results_template,
        **(extra or {}),
    }
    htmx = getattr(request, "htmx", False)
    return render(request, results_template if htmx else template, context)


def record_form(
    request: HttpRequest,
    *,
    section: str,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], Any],
    title: str,
    success_url: str | Callable[[Any], str],
    success_message: str,
    back_url: str | None = None,
    help: str = "",
    template: str = "support/form.html",
    crumbs: list[tuple[str, str]] | None = None,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """A record's form page: the service refuses with reasons shown beside the fields."""
    label, url = section_crumb(section)
    context = {
        "title": title,
        "crumbs": [(label, url), *(crumbs or [])],
        "back_url": back_url or url,
        "help": help,
        "multipart": any(isinstance(f.widget, forms.FileInput) for f in form.fields.values()),
        **(extra or {}),
    }
    return service_form(
        request,
        form=form,
        action=action,
        template=template,
        context=context,
        success_url=success_url,
        success_message=success_message,
    )
