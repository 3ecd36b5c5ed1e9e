"""养老保险 of village cadres and 离任生活补贴 of former main cadres (seed §三㈤6)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.records import Column, ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required
from wuji.orgs.selectors import org_choices
from wuji.support import selectors, services
from wuji.support.filtersets import PensionFilterSet, SubsidyFilterSet
from wuji.support.forms import EndForm, PensionForm, SubsidyForm
from wuji.support.models import PensionEnrollment, RetirementSubsidy
from wuji.support.views.common import (
    Status,
    can_create,
    record_form,
    render_records,
    require_can_write,
    writable,
)


def _running(record: Any, day: Any, start: str) -> Status:
    if getattr(record, start) > day:
        return Status(_("尚未开始"), "text-bg-light border")
    if record.ended_on is None or record.ended_on > day:
        return Status(_("在册"), "text-bg-success")
    return Status(_("已终止"), "text-bg-secondary")


def _row_url(request: HttpRequest, name: str) -> Any:
    return lambda record: reverse(name, args=[record.pk]) if can_write(request.user, record.org) else None


# ---- 养老保险 ---------------------------------------------------------------------------


@member_data_required
def pension_list(request: HttpRequest) -> HttpResponse:
    day = as_of(request)
    orgs = org_choices(user=request.user)
    enrollments = selectors.pension_list_visible(user=request.user)

    def decorate(rows: list[Any]) -> None:
        for enrollment in rows:
            enrollment.status = _running(enrollment, day, "enrolled_on")

    page = ListPage(
        title=_("村干部养老保险"),
        columns=[
            Column(_("姓名"), "person.name", link=True),
            Column(_("党组织"), "org.name"),
            Column(_("状态"), "status"),
            Column(_("险种"), "scheme", phone_hidden=True),
            Column(_("参保日期"), "enrolled_on", phone_hidden=True),
            Column(_("终止日期"), "ended_on", phone_hidden=True),
        ],
        create_url=reverse("support:pension_create")
        if can_create(request, selectors.writable_village_orgs(user=request.user))
        else None,
        create_label=_("登记参保"),
        empty_text=_("暂无参保记录。"),
    )
    filterset = PensionFilterSet(request.GET or None, queryset=enrollments, orgs=orgs, today=day)
    cadres = selectors.main_cadre_enrollment(user=request.user, day=day)
    return render_records(
        request,
        section="pensions",
        page=page,
        queryset=enrollments,
        filterset=filterset,
        row_url=_row_url(request, "support:pension_edit"),
        decorate=decorate,
        template="support/pension_list.html",
        extra={
            "cadres": cadres,
            "cadres_enrolled": sum(1 for row in cadres if row.all_enrolled),
            "today": day,
        },
    )


def _pension_form(request: HttpRequest, instance: PensionEnrollment | None = None) -> PensionForm:
    orgs = writable(request, selectors.writable_village_orgs(user=request.user))
    people = selectors.cadres_of(orgs=orgs)
    return PensionForm(request.POST or None, instance=instance, orgs=orgs, people=people)


@member_data_required
def pension_create(request: HttpRequest) -> HttpResponse:
    form = _pension_form(request)
    return record_form(
        request,
        section="pensions",
        form=form,
        action=lambda data: services.pension_save(user=request.user, enrollment=form.instance),
        title=_("登记村干部参保"),
        success_url=reverse("support:pension_list"),
        success_message=_("已登记"),
        help=_("认真落实村主职干部参加基本养老保险政策，稳步推进村副职干部参加基本养老保险。"),
    )


@member_data_required
def pension_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = selectors.pension_get_visible(user=request.user, pk=pk)
    require_can_write(request, enrollment.org)
    form = _pension_form(request, enrollment)
    return record_form(
        request,
        section="pensions",
        form=form,
        action=lambda data: services.pension_save(user=request.user, enrollment=form.instance, version=data["version"]),
        title=_("修改%(name)s的参保记录") % {"name": enrollment.person.name},
        success_url=reverse("support:pension_list"),
        success_message=_("已保存"),
        extra={
            "end_url": reverse("support:pension_end", args=[enrollment.pk]) if not enrollment.ended_on else None,
            "end_label": _("终止参保"),
        },
    )


@member_data_required
def pension_end(request: HttpRequest, pk: int) -> HttpResponse:
    enrollment = selectors.pension_get_visible(user=request.user, pk=pk)
    require_can_write(request, enrollment.org)
    form = EndForm(request.POST or None, initial={"version": enrollment.version}, label=_("终止日期"))

    def action(data: dict[str, Any]) -> PensionEnrollment:
        enrollment.ended_on = data["ended_on"]
        return services.pension_save(user=request.user, enrollment=enrollment, version=data["version"])

    return record_form(
        request,
        section="pensions",
        form=form,
        action=action,
        title=_("终止%(name)s的参保记录") % {"name": enrollment.person.name},
        success_url=reverse("support:pension_list"),
        success_message=_("已终止"),
    )


# ---- 离任生活补贴 -----------------------------------------------------------------------


@member_data_required
def subsidy_list(request: HttpRequest) -> HttpResponse:
    day = as_of(request)
    orgs = org_choices(user=request.user)
    subsidies = selectors.subsidy_list_visible(user=request.user)

    def decorate(rows: list[Any]) -> None:
        for subsidy in rows:
            subsidy.status = _running(subsidy, day, "started_on")

    page = ListPage(
        title=_("离任村主职干部生活补贴"),
        columns=[
            Column(_("姓名"), "person.name", link=True),
            Column(_("状态"), "status"),
            Column(_("任职年限（年）"), "years_in_office"),
            Column(_("月补贴（元）"), "monthly_amount"),
            Column(_("党组织"), "org.name", phone_hidden=True),
            Column(_("发放起始日期"), "started_on", phone_hidden=True),
            Column(_("停发日期"), "ended_on", phone_hidden=True),
        ],
        create_url=reverse("support:subsidy_create")
        if can_create(request, selectors.writable_village_orgs(user=request.user))
        else None,
        create_label=_("登记补贴"),
        empty_text=_("暂无补贴记录。"),
        help=_(
            "对未纳入基本养老保险范围、任职时间较长、正常离任的村主职干部实行离任生活补贴；任职年限由职务记录自动计算。"
        ),
    )
    filterset = SubsidyFilterSet(request.GET or None, queryset=subsidies, orgs=orgs, today=day)
    return render_records(
        request,
        section="subsidies",
        page=page,
        queryset=subsidies,
        filterset=filterset,
        row_url=_row_url(request, "support:subsidy_edit"),
        decorate=decorate,
        extra={"today": day},
    )


def _subsidy_form(request: HttpRequest, instance: RetirementSubsidy | None = None) -> SubsidyForm:
    orgs = writable(request, selectors.writable_village_orgs(user=request.user))
    people = selectors.cadres_of(orgs=orgs, main_only=True)
    return SubsidyForm(request.POST or None, instance=instance, orgs=orgs, people=people)


@member_data_required
def subsidy_create(request: HttpRequest) -> HttpResponse:
    form = _subsidy_form(request)
    return record_form(
        request,
        section="subsidies",
        form=form,
        action=lambda data: services.retirement_subsidy_save(user=request.user, subsidy=form.instance),
        title=_("登记离任生活补贴"),
        success_url=reverse("support:subsidy_list"),
        success_message=_("已登记"),
        help=_("对未纳入基本养老保险范围、任职时间较长、正常离任的村主职干部实行离任生活补贴。"),
    )


@member_data_required
def subsidy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    subsidy = selectors.subsidy_get_visible(user=request.user, pk=pk)
    require_can_write(request, subsidy.org)
    form = _subsidy_form(request, subsidy)
    return record_form(
        request,
        section="subsidies",
        form=form,
        action=lambda data: services.retirement_subsidy_save(
            user=request.user, subsidy=form.instance, version=data["version"]
        ),
        title=_("修改%(name)s的离任生活补贴") % {"name": subsidy.person.name},
        success_url=reverse("support:subsidy_list"),
        success_message=_("已保存"),
        extra={
            "end_url": reverse("support:subsidy_end", args=[subsidy.pk]) if not subsidy.ended_on else None,
            "end_label": _("停发补贴"),
            "years_in_office": subsidy.years_in_office(),
        },
    )


@member_data_required
def subsidy_end(request: HttpRequest, pk: int) -> HttpResponse:
    subsidy = selectors.subsidy_get_visible(user=request.user, pk=pk)
    require_can_write(request, subsidy.org)
    form = EndForm(request.POST or None, initial={"version": subsidy.version}, label=_("停发日期"))

    def action(data: dict[str, Any]) -> RetirementSubsidy:
        subsidy.ended_on = data["ended_on"]
        return services.retirement_subsidy_save(user=request.user, subsidy=subsidy, version=data["version"])

    return record_form(
        request,
        section="subsidies",
        form=form,
        action=action,
        title=_("停发%(name)s的离任生活补贴") % {"name": subsidy.person.name},
        success_url=reverse("support:subsidy_list"),
        success_message=_("已停发"),
    )
