"""阵地设施 (seed §三㈤2): the activity room and its "十有", offices and the village service system."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.records import Column, ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required, service_form
from wuji.orgs.selectors import org_choices
from wuji.support import selectors, services
from wuji.support.choices import FacilityKind
from wuji.support.filtersets import FacilityFilterSet
from wuji.support.forms import ChecklistItemForm, FacilityCheckForm, FacilityForm
from wuji.support.models import ChecklistItem, Facility
from wuji.support.views.common import (
    can_create,
    record_form,
    render_records,
    require_can_write,
    section_label,
    section_tabs,
    sub_tabs,
    writable,
)


def _facility_url(facility: Facility) -> str:
    return reverse("support:facility_detail", args=[facility.pk])


def _facility_tabs(active: str) -> list[Any]:
    return sub_tabs(
        (_("各村概况"), reverse("support:facility_overview"), active == "overview"),
        (_("设施清单"), reverse("support:facility_list"), active == "list"),
    )


@member_data_required
def facility_overview(request: HttpRequest) -> HttpResponse:
    """Every village in scope × the kinds of facility, with the activity room's "十有" — a fixed number of queries."""
    day = as_of(request)
    rows = selectors.facility_overview(user=request.user, day=day)
    context = {
        "rows": rows,
        "kinds": [FacilityKind(kind).label for kind in selectors.OVERVIEW_KINDS],
        "today": day,
        "complete": sum(1 for r in rows if r.ten_complete),
        "tabs": section_tabs("facilities"),
        "subtabs": _facility_tabs("overview"),
        "section": section_label("facilities"),
        "can_create": can_create(request, org_choices(user=request.user)),
    }
    return render(request, "support/facility_overview.html", context)


@member_data_required
def facility_list(request: HttpRequest) -> HttpResponse:
    orgs = org_choices(user=request.user)
    facilities = selectors.facility_list_visible(user=request.user)
    page = ListPage(
        title=_("阵地设施清单"),
        columns=[
            Column(_("名称"), "name", link=True),
            Column(_("类别"), "kind"),
            Column(_("党组织"), "org.name"),
            Column(_("面积（平方米）"), "area_m2", phone_hidden=True),
            Column(_("建成日期"), "opened_on", phone_hidden=True),
            Column(_("停用日期"), "closed_on", phone_hidden=True),
        ],
        create_url=reverse("support:facility_create") if can_create(request, orgs) else None,
        create_label=_("登记设施"),
        empty_text=_("暂无设施记录。"),
    )
    filterset = FacilityFilterSet(request.GET or None, queryset=facilities, orgs=orgs)
    return render_records(
        request,
        section="facilities",
        page=page,
        queryset=facilities,
        filterset=filterset,
        row_url=_facility_url,
        extra={"subtabs": _facility_tabs("list")},
    )


@member_data_required
def facility_create(request: HttpRequest) -> HttpResponse:
    orgs = writable(request, org_choices(user=request.user))
    initial: dict[str, Any] = {"kind": request.GET.get("kind", "")}
    if request.GET.get("org", "").isdigit() and orgs.filter(pk=int(request.GET["org"])).exists():
        initial["org"] = int(request.GET["org"])
    form = FacilityForm(request.POST or None, orgs=orgs, initial=initial)
    return record_form(
        request,
        section="facilities",
        form=form,
        action=lambda data: services.facility_save(user=request.user, facility=form.instance),
        title=_("登记阵地设施"),
        success_url=_facility_url,
        success_message=_("已登记"),
        help=_("党员活动室登记后，可在其页面登记“十有”检查。"),
    )


@member_data_required
def facility_detail(request: HttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_get_visible(user=request.user, pk=pk)
    day = as_of(request)
    is_room = facility.kind == FacilityKind.ACTIVITY_ROOM
    context = {
        "facility": facility,
        "is_room": is_room,
        "checklist": selectors.facility_checklist(facility, day) if is_room else None,
        "history": selectors.facility_check_history(facility, day) if is_room else [],
        "today": day,
        "can_write": can_write(request.user, facility.org),
        "tabs": section_tabs("facilities"),
        "section": section_label("facilities"),
    }
    return render(request, "support/facility_detail.html", context)


@member_data_required
def facility_edit(request: HttpRequest, pk: int) -> HttpResponse:
    facility = selectors.facility_get_visible(user=request.user, pk=pk)
    require_can_write(request, facility.org)
    orgs = writable(request, org_choices(user=request.user))
    form = FacilityForm(request.POST or None, instance=facility, orgs=orgs)
    return record_form(
        request,
        section="facilities",
        form=form,
        action=lambda data: services.facility_save(user=request.user, facility=form.instance, version=data["version"]),
        title=_("修改“%(name)s”") % {"name": facility.name},
        success_url=_facility_url,
        success_message=_("已保存"),
        back_url=_facility_url(facility),
    )


def _after_check_url(request: HttpRequest, facility: Facility, checked_on: Any) -> str:
    """Back to the room, as of the check's day when the figures shown would otherwise leave it out."""
    url = _facility_url(facility)
    return url + f"?as_of={checked_on:%Y-%m-%d}" if checked_on > as_of(request) else url


@member_data_required
def facility_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a "十有" check: one row per item, in one service call."""
    facility = selectors.facility_get_visible(user=request.user, pk=pk)
    if facility.kind != FacilityKind.ACTIVITY_ROOM:
        raise Http404(_("“十有”检查只适用于党员活动室"))
    require_can_write(request, facility.org)
    today = timezone.localdate()
    items = selectors.active_items()
    current = selectors.facility_checklist(facility, today)
    form = FacilityCheckForm(
        request.POST or None, request.FILES or None, items=items, current=current, initial={"checked_on": today}
    )
    return record_form(
        request,
        section="facilities",
        form=form,
        action=lambda data: services.facility_check_record(
            user=request.user, facility=facility, checked_on=data["checked_on"], ticks=form.ticks()
        ),
        title=_("登记“十有”检查：%(name)s") % {"name": facility.name},
        success_url=lambda _rows: _after_check_url(request, facility, form.cleaned_data["checked_on"]),
        success_message=_("已登记“十有”检查"),
        back_url=_facility_url(facility),
        crumbs=[(facility.name, _facility_url(facility))],
        template="support/facility_check.html",
        help=_("逐项勾选检查时具备的项目，未勾选即为不具备；可为每项拍照留存（只接受 JPEG、PNG 图片）。"),
        extra={"facility": facility},
    )


# ---- the "十有" list itself ----------------------------------------------------------------------------------------


@member_data_required
def checklist_items(request: HttpRequest) -> HttpResponse:
    """The "十有" every activity room is checked against: read by everyone with member data, kept by the officer
    at the top of the tree."""
    context = {
        "items": ChecklistItem.objects.order_by("order", "id"),
        "can_edit": services.can_edit_checklist(request.user),
        "tabs": section_tabs("facilities"),
        "section": section_label("facilities"),
    }
    return render(request, "support/checklist_items.html", context)


def _checklist_form(request: HttpRequest, item: ChecklistItem, title: str) -> HttpResponse:
    if not services.can_edit_checklist(request.user):
        raise PermissionDenied(_("只有最上级党委的组织委员可以修改“十有”项目"))
    form = ChecklistItemForm(request.POST or None, instance=item)
    return service_form(
        request,
        form=form,
        action=lambda data: services.checklist_item_save(
            user=request.user, item=form.instance, version=data.get("version")
        ),
        template="support/form.html",
        context={
            "title": title,
            "crumbs": [(_("“十有”项目"), reverse("support:checklist_items"))],
            "back_url": reverse("support:checklist_items"),
            "help": _("“十有”清单全县（市）统一，修改后各村（社区）党员活动室的“十有”和进行中的考评都按新清单计算。"),
        },
        success_url=reverse("support:checklist_items"),
        success_message=_("“十有”项目已保存"),
    )


@member_data_required
def checklist_item_create(request: HttpRequest) -> HttpResponse:
    last = ChecklistItem.objects.order_by("-order").values_list("order", flat=True).first() or 0
    return _checklist_form(request, ChecklistItem(order=last + 1), _("新增“十有”项目"))


@member_data_required
def checklist_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.can_edit_checklist(request.user):
        raise PermissionDenied(_("只有最上级党委的组织委员可以修改“十有”项目"))
    item = ChecklistItem.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    return _checklist_form(request, item, _("修改“十有”项目"))
