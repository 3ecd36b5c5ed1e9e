"""基本队伍 pages: thin; selectors read, services write."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wuji.audit.reveal import reveal
from wuji.core.asof import as_of
from wuji.core.scoping import can_see_personal_data, can_write
from wuji.core.viewkit import member_data_required, paginate, service_form
from wuji.orgs.selectors import org_choices
from wuji.people import selectors, services
from wuji.people.choices import Stage
from wuji.people.filtersets import PersonFilterSet
from wuji.people.forms import (
    ExtendProbationForm,
    PersonForm,
    PoolExitForm,
    PoolForm,
    PositionEndForm,
    PositionForm,
    StageForm,
    TrainingForm,
)
from wuji.people.models import Person


def _person_url(person: Any) -> str:
    return reverse("people:detail", args=[person.pk])


def _writable_person(request: HttpRequest, pk: int) -> Person:
    person = selectors.person_get_visible(user=request.user, pk=pk)
    if not can_write(request.user, person.org):
        raise PermissionDenied(_("您无权修改该人员的信息"))
    return person


@member_data_required
def person_list(request: HttpRequest) -> HttpResponse:
    """Search by name or pinyin initials, filter, page; htmx gets just the results."""
    people = selectors.person_list_visible(user=request.user)
    day = as_of(request)
    filterset = PersonFilterSet(request.GET or None, queryset=people, orgs=org_choices(user=request.user), today=day)
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else people
    page, query_string = paginate(request, results, settings.WUJI_PAGE_SIZE)
    context = {
        "filter": filterset,
        "page_obj": page,
        "query_string": query_string,
        "show_personal": can_see_personal_data(request.user),
        "can_create": getattr(request.user, "role", None) in {"officer", "secretary"},
        "today": day,
    }
    template = "people/_results.html" if request.htmx else "people/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@member_data_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_visible(user=request.user, pk=pk)
    # Masked by default; a POST with a reason shows the full numbers once (audited).
    reveal_form, revealed = reveal(request, person, fields=["id_number", "phone"])
    context = {
        "person": person,
        **selectors.person_history(person),
        "show_personal": revealed,
        "reveal_form": reveal_form,
        "can_write": can_write(request.user, person.org),
        "age": person.age_on(as_of(request)),
    }
    status = 400 if reveal_form is not None and reveal_form.is_bound else 200
    return render(request, "people/detail.html", context, status=status)


@member_data_required
def person_create(request: HttpRequest) -> HttpResponse:
    orgs = org_choices(user=request.user)
    writable = [o.pk for o in orgs if can_write(request.user, o)]
    if not writable:
        raise PermissionDenied(_("您无权登记人员"))
    initial = {"org": request.GET.get("org") or (writable[0] if len(writable) == 1 else None)}
    form = PersonForm(request.POST or None, initial=initial, orgs=orgs.filter(pk__in=writable))
    return service_form(
        request,
        form=form,
        action=lambda data: services.person_create(
            user=request.user,
            org=data["org"],
            name=data["name"],
            id_number=data["id_number"],
            phone=data["phone"],
            ethnicity=data["ethnicity"],
            education=data["education"],
            sources=data["sources"],
            note=data["note"],
            gender=data["gender"] or None,
            birth_date=data["birth_date"],
        ),
        template="people/form.html",
        context={"title": _("登记人员")},
        success_url=_person_url,
        success_message=_("已登记，请继续登记其发展阶段或职务"),
    )


@member_data_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    orgs = org_choices(user=request.user)
    writable = [o.pk for o in orgs if can_write(request.user, o)]
    initial = {f: getattr(person, f) for f in ("name", "phone", "ethnicity", "education", "note")}
    initial |= {"org": person.org_id, "sources": list(person.sources.all()), "version": person.version}
    show_id = can_see_personal_data(request.user)
    initial["id_number"] = person.id_number if show_id else person.id_number_masked
    form = PersonForm(request.POST or None, initial=initial, orgs=orgs.filter(pk__in=writable))
    if not show_id:
        # Those who may not see the number may not change it either.
        form.fields["id_number"].disabled = True
        form.fields["id_number"].help_text = _("如需更正身份证号，请联系乡党委组织委员")
        form.fields["id_number"].clean = lambda value: person.id_number  # type: ignore[method-assign]
        form.fields["phone"].help_text = _("出于隐私保护，现号码不予显示；如需更改请填写新号码")
        form.initial["phone"] = ""

    def action(data: dict[str, Any]) -> Person:
        fields = {f: data[f] for f in ("name", "org", "ethnicity", "education", "note")}
        if show_id:
            fields["id_number"] = data["id_number"]
        if show_id or data["phone"]:
            fields["phone"] = data["phone"]
        return services.person_update(
            user=request.user,
            person=person,
            version=data["version"],
            sources=data["sources"],
            gender=data["gender"] or None,
            birth_date=data["birth_date"],
            **fields,
        )

    return service_form(
        request,
        form=form,
        action=action,
        template="people/form.html",
        context={"title": _("修改“%(name)s”的信息") % {"name": person.name}, "person": person},
        success_url=_person_url,
        success_message=_("已保存"),
    )


@member_data_required
def stage_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    stages = list(person.stages.order_by("started_on"))
    order = [s.value for s in Stage]
    next_stage = order[order.index(stages[-1].stage) + 1] if stages and stages[-1].stage != Stage.FULL else None
    initial: dict[str, Any] = {"stage": next_stage or (Stage.APPLICANT if not stages else "")}
    if next_stage in {Stage.PROBATIONARY, Stage.FULL}:
        initial["voters_eligible"] = services.full_members_on(person.org, timezone.localdate())
    form = StageForm(request.POST or None, initial=initial)
    return service_form(
        request,
        form=form,
        action=lambda data: services.stage_record(
            user=request.user,
            person=person,
            stage=data["stage"],
            started_on=data["started_on"],
            voters_eligible=data["voters_eligible"],
            voters_present=data["voters_present"],
            votes_for=data["votes_for"],
            backfilled=data["backfilled"],
            note=data["note"],
        ),
        template="people/form.html",
        context={
            "title": _("登记发展阶段（%(name)s）") % {"name": person.name},
            "person": person,
            "stages": stages,
            "help": _(
                "接收预备党员和预备党员转正须经支部大会讨论：到会有表决权的正式党员须超过应到人数的半数，"
                "赞成票须超过应到人数（不只是到会人数）的半数。"
            ),
        },
        success_url=lambda _: _person_url(person),
        success_message=_("已登记发展阶段"),
    )


@member_data_required
def stage_extend(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    form = ExtendProbationForm(request.POST or None)
    return service_form(
        request,
        form=form,
        action=lambda data: services.stage_extend_probation(
            user=request.user, person=person, months=data["months"], note=data["note"]
        ),
        template="people/form.html",
        context={"title": _("延长预备期（%(name)s）") % {"name": person.name}, "person": person},
        success_url=lambda _: _person_url(person),
        success_message=_("已延长预备期"),
    )


@require_POST
@member_data_required
def stage_undo(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    try:
        services.stage_delete_latest(user=request.user, person=person)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("已撤销最近一个发展阶段（审计日志保留记录）"))
    return redirect(_person_url(person))


@member_data_required
def position_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    orgs = [o.pk for o in org_choices(user=request.user) if can_write(request.user, o)]
    form = PositionForm(request.POST or None, initial={"org": person.org_id})
    form.set_orgs(org_choices(user=request.user).filter(pk__in=orgs))
    return service_form(
        request,
        form=form,
        action=lambda data: services.position_assign(
            user=request.user,
            person=person,
            org=data["org"],
            title=data["title"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            selection_method=data["selection_method"],
        ),
        template="people/form.html",
        context={"title": _("登记职务（%(name)s）") % {"name": person.name}, "person": person},
        success_url=lambda _: _person_url(person),
        success_message=_("已登记职务"),
    )


@member_data_required
def position_end(request: HttpRequest, pk: int) -> HttpResponse:
    position = selectors.position_get_visible(user=request.user, pk=pk)
    if not can_write(request.user, position.org):
        raise PermissionDenied(_("您无权办理该职务的免职"))
    form = PositionEndForm(request.POST or None, initial={"version": position.version})
    return service_form(
        request,
        form=form,
        action=lambda data: services.position_end(
            user=request.user,
            position=position,
            ended_on=data["ended_on"],
            reason=data["reason"],
            version=data["version"],
        ),
        template="people/form.html",
        context={
            "title": _("免去%(name)s的%(title)s职务") % {"name": position.person.name, "title": position.title_label},
            "person": position.person,
        },
        success_url=lambda _: _person_url(position.person),
        success_message=_("已办理免职"),
    )


@member_data_required
def pool_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    orgs = [o.pk for o in org_choices(user=request.user) if can_write(request.user, o)]
    form = PoolForm(request.POST or None, initial={"org": person.org_id, "pool": request.GET.get("pool", "")})
    form.set_orgs(org_choices(user=request.user).filter(pk__in=orgs))
    return service_form(
        request,
        form=form,
        action=lambda data: services.pool_enter(
            user=request.user,
            person=person,
            org=data["org"],
            pool=data["pool"],
            entered_on=data["entered_on"],
            specialty=data["specialty"],
        ),
        template="people/form.html",
        context={"title": _("纳入人才库（%(name)s）") % {"name": person.name}, "person": person},
        success_url=lambda _: _person_url(person),
        success_message=_("已纳入"),
    )


@member_data_required
def pool_exit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.pool_entry_get_visible(user=request.user, pk=pk)
    if not can_write(request.user, entry.org):
        raise PermissionDenied(_("您无权办理出库"))
    form = PoolExitForm(request.POST or None, initial={"version": entry.version})
    return service_form(
        request,
        form=form,
        action=lambda data: services.pool_exit(
            user=request.user, entry=entry, exited_on=data["exited_on"], reason=data["reason"], version=data["version"]
        ),
        template="people/form.html",
        context={
            "title": _("%(name)s移出%(pool)s") % {"name": entry.person.name, "pool": entry.get_pool_display()},
            "person": entry.person,
        },
        success_url=lambda _: _person_url(entry.person),
        success_message=_("已出库"),
    )


@member_data_required
def training_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _writable_person(request, pk)
    form = TrainingForm(request.POST or None)
    return service_form(
        request,
        form=form,
        action=lambda data: services.training_record(user=request.user, person=person, **data),
        template="people/form.html",
        context={"title": _("登记培训（%(name)s）") % {"name": person.name}, "person": person},
        success_url=lambda _: _person_url(person),
        success_message=_("已登记培训"),
    )


@require_POST
@member_data_required
def training_delete(request: HttpRequest, pk: int) -> HttpResponse:
    training = selectors.training_get_visible(user=request.user, pk=pk)
    services.training_delete(user=request.user, training=training)
    messages.success(request, _("已删除该培训记录"))
    return redirect(_person_url(training.person))
