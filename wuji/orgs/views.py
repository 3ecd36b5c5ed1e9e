"""基本组织 pages: thin; selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuji.core.asof import as_of
from wuji.core.scoping import can_write, org_in_scope, scope_root
from wuji.core.viewkit import member_data_required, service_form
from wuji.orgs import selectors, services, warnings
from wuji.orgs.choices import OrgKind
from wuji.orgs.forms import MassOrgForm, OrgDissolveForm, OrgForm, OrgMoveForm, UnitForm, WeakFlagForm
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people.selectors import team_summaries


def _is_officer(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) == "officer"


def _org_url(org: Organization) -> str:
    return reverse("orgs:detail", args=[org.pk])


@member_data_required
def org_tree(request: HttpRequest) -> HttpResponse:
    """The tree with, per org, its secretary, head count and what it lacks."""
    day = as_of(request)
    rows = selectors.org_rows(user=request.user, day=day)
    return render(request, "orgs/tree.html", {"rows": rows, "today": day, "can_create": _is_officer(request)})


@require_POST
@member_data_required
def weak_warnings(request: HttpRequest) -> HttpResponse:
    """The officer runs the weak-org early warning over their subtree as of the chosen day."""
    root = scope_root(request.user)
    if not _is_officer(request) or root is None:
        raise PermissionDenied(_("只有组织委员可以运行软弱涣散预警"))
    raised = warnings.weak_warnings_raise(user=request.user, root=root, day=as_of(request))
    if raised:
        names = "、".join(flag.org.name for flag in raised)
        messages.warning(request, _("新增%(n)s条预警，请逐一核查：%(names)s") % {"n": len(raised), "names": names})
    else:
        messages.success(request, _("预警检查完成，没有新的预警"))
    return redirect("orgs:tree")


@member_data_required
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.org_get_visible(user=request.user, pk=pk)
    day = as_of(request)
    team = team_summaries([org], day)[org.pk]
    if org.kind == OrgKind.COMMITTEE:
        units = list(selectors.unit_list_visible(user=request.user).filter(area=org))
    else:
        units = list(selectors.unit_list_visible(user=request.user).filter(covered_by=org))
    flags = list(selectors.weak_flag_list_visible(user=request.user).filter(org=org))
    children = list(
        selectors.org_list_visible(user=request.user).filter(path__startswith=org.path, depth=org.depth + 1)
    )
    parent = Organization.objects.get_parent(org)
    context: dict[str, Any] = {
        "org": org,
        "parent": parent if parent and org_in_scope(request.user, parent) else None,
        "team": team,
        "units": [{"unit": u, "missing": selectors.missing_mass_orgs(u)} for u in units],
        "weak_flags": flags,
        "children": children,
        "people_count": selectors.people_counts([org]).get(org.pk, 0),
        "gaps": selectors.org_gaps(org, team, units, flags, day),
        "today": day,
        "is_officer": _is_officer(request),
        "can_write": can_write(request.user, org),
    }
    return render(request, "orgs/detail.html", context)


@member_data_required
def org_create(request: HttpRequest) -> HttpResponse:
    parent = selectors.org_get_visible(user=request.user, pk=int(request.GET.get("parent") or 0))
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以新建党组织"))
    form = OrgForm(request.POST or None)
    return service_form(
        request,
        form=form,
        action=lambda data: services.org_create(
            user=request.user,
            parent=parent,
            name=data["name"],
            code=data["code"],
            kind=data["kind"],
            category=data["category"],
            founded_on=data["founded_on"],
            note=data["note"],
        ),
        template="orgs/form.html",
        context={"title": _("在“%(org)s”下新建党组织") % {"org": parent.name}, "org": parent},
        success_url=_org_url,
        success_message=_("已新建党组织"),
    )


@member_data_required
def org_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.org_get_visible(user=request.user, pk=pk)
    if not can_write(request.user, org):
        raise PermissionDenied(_("您无权修改该组织"))
    initial = {f: getattr(org, f) for f in services.ORG_FIELDS} | {"version": org.version}
    form = OrgForm(request.POST or None, initial=initial)
    if not _is_officer(request):
        for name in ("code", "kind", "category"):
            form.fields[name].disabled = True
    return service_form(
        request,
        form=form,
        action=lambda data: services.org_update(
            user=request.user,
            org=org,
            version=data["version"],
            **{f: data[f] for f in services.ORG_FIELDS},
        ),
        template="orgs/form.html",
        context={"title": _("修改“%(org)s”") % {"org": org.name}, "org": org},
        success_url=_org_url,
        success_message=_("已保存"),
    )


@member_data_required
def org_move(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.org_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以调整隶属关系"))
    parents = selectors.org_choices(user=request.user).exclude(kind=OrgKind.BRANCH).exclude(path__startswith=org.path)
    form = OrgMoveForm(request.POST or None, parents=parents)
    return service_form(
        request,
        form=form,
        action=lambda data: services.org_move(user=request.user, org=org, new_parent=data["new_parent"]),
        template="orgs/form.html",
        context={"title": _("调整“%(org)s”的隶属关系") % {"org": org.name}, "org": org},
        success_url=_org_url,
        success_message=_("已调整隶属关系"),
    )


@member_data_required
def org_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.org_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以撤销党组织"))
    form = OrgDissolveForm(request.POST or None)
    return service_form(
        request,
        form=form,
        action=lambda data: services.org_dissolve(
            user=request.user, org=org, dissolved_on=data["dissolved_on"], reason=data["reason"]
        ),
        template="orgs/form.html",
        context={
            "title": _("撤销“%(org)s”") % {"org": org.name},
            "org": org,
            "danger": True,
            "help": _("撤销后组织仍保留在组织树中（灰色显示），历史数据不受影响。"),
        },
        success_url=_org_url,
        success_message=_("已撤销该组织"),
    )


def _unit_form_action(request: HttpRequest, unit: Unit) -> Any:
    def action(data: dict[str, Any]) -> Unit:
        for field in ("name", "kind", "covered_by", "established_on", "closed_on", "note"):
            setattr(unit, field, data[field])
        return services.unit_save(user=request.user, unit=unit, version=data.get("version"))

    return action


@member_data_required
def unit_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.org_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以登记单位"))
    area = org if org.kind == OrgKind.COMMITTEE else Organization.objects.get_parent(org)
    if area is None or not org_in_scope(request.user, area):
        raise PermissionDenied(_("请在乡镇党委下登记单位"))
    initial = {"covered_by": org.pk} if org.kind != OrgKind.COMMITTEE else {}
    form = UnitForm(request.POST or None, initial=initial, orgs=selectors.org_choices(user=request.user))
    return service_form(
        request,
        form=form,
        action=_unit_form_action(request, Unit(area=area)),
        template="orgs/form.html",
        context={"title": _("登记单位（%(org)s）") % {"org": area.name}, "org": org},
        success_url=lambda unit: _org_url(org),
        success_message=_("已登记单位"),
    )


@member_data_required
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以修改单位"))
    initial = {f: getattr(unit, f) for f in ("name", "kind", "established_on", "closed_on", "note")}
    initial |= {"covered_by": unit.covered_by_id, "version": unit.version}
    form = UnitForm(request.POST or None, initial=initial, orgs=selectors.org_choices(user=request.user))
    back = unit.covered_by or unit.area
    return service_form(
        request,
        form=form,
        action=_unit_form_action(request, unit),
        template="orgs/form.html",
        context={"title": _("修改单位“%(unit)s”") % {"unit": unit.name}, "org": back},
        success_url=lambda _: _org_url(back),
        success_message=_("已保存"),
    )


def _mass_org_action(request: HttpRequest, mass_org: MassOrganization) -> Any:
    def action(data: dict[str, Any]) -> MassOrganization:
        for field in ("kind", "name", "leader_name", "founded_on", "dissolved_on"):
            setattr(mass_org, field, data[field])
        return services.mass_org_save(user=request.user, mass_org=mass_org, version=data.get("version"))

    return action


@member_data_required
def mass_org_create(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_visible(user=request.user, pk=pk)
    back = unit.covered_by or unit.area
    if not can_write(request.user, back) and not _is_officer(request):
        raise PermissionDenied(_("您无权登记该单位的群团组织"))
    form = MassOrgForm(request.POST or None, initial={"kind": request.GET.get("kind", "")})
    return service_form(
        request,
        form=form,
        action=_mass_org_action(request, MassOrganization(unit=unit)),
        template="orgs/form.html",
        context={"title": _("登记群团组织（%(unit)s）") % {"unit": unit.name}, "org": back},
        success_url=lambda _: _org_url(back),
        success_message=_("已登记群团组织"),
    )


@member_data_required
def mass_org_edit(request: HttpRequest, pk: int) -> HttpResponse:
    mass_org = selectors.mass_org_get_visible(user=request.user, pk=pk)
    back = mass_org.unit.covered_by or mass_org.unit.area
    if not can_write(request.user, back) and not _is_officer(request):
        raise PermissionDenied(_("您无权修改该群团组织"))
    initial = {f: getattr(mass_org, f) for f in ("kind", "name", "leader_name", "founded_on", "dissolved_on")}
    form = MassOrgForm(request.POST or None, initial=initial | {"version": mass_org.version})
    return service_form(
        request,
        form=form,
        action=_mass_org_action(request, mass_org),
        template="orgs/form.html",
        context={"title": _("修改群团组织（%(unit)s）") % {"unit": mass_org.unit.name}, "org": back},
        success_url=lambda _: _org_url(back),
        success_message=_("已保存"),
    )


def _weak_flag_action(request: HttpRequest, flag: WeakFlag) -> Any:
    def action(data: dict[str, Any]) -> WeakFlag:
        for field in ("source", "reason", "flagged_on", "status", "measures", "closed_on", "close_note"):
            setattr(flag, field, data[field])
        return services.weak_flag_save(user=request.user, flag=flag, version=data.get("version"))

    return action


@member_data_required
def weak_flag_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.org_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以认定软弱涣散党组织"))
    form = WeakFlagForm(request.POST or None, initial={"flagged_on": timezone.localdate(), "status": "open"})
    return service_form(
        request,
        form=form,
        action=_weak_flag_action(request, WeakFlag(org=org)),
        template="orgs/form.html",
        context={"title": _("认定软弱涣散（%(org)s）") % {"org": org.name}, "org": org},
        success_url=lambda _: _org_url(org),
        success_message=_("已登记"),
    )


@member_data_required
def weak_flag_edit(request: HttpRequest, pk: int) -> HttpResponse:
    flag = selectors.weak_flag_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("只有组织委员可以更新整顿情况"))
    fields = ("source", "reason", "flagged_on", "status", "measures", "closed_on", "close_note")
    form = WeakFlagForm(request.POST or None, initial={f: getattr(flag, f) for f in fields} | {"version": flag.version})
    return service_form(
        request,
        form=form,
        action=_weak_flag_action(request, flag),
        template="orgs/form.html",
        context={"title": _("软弱涣散整顿（%(org)s）") % {"org": flag.org.name}, "org": flag.org},
        success_url=lambda _: _org_url(flag.org),
        success_message=_("已保存"),
    )
