"""五议五公开: a matter's five deliberations and five disclosures, one clear next action at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.records import ListPage
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required, service_form
from wuji.governance import rules, selectors, services
from wuji.governance.choices import DISCLOSURE_AFTER_STEP, MATTER_DISCLOSURES, DisclosureKind, MatterStatus, StepKind
from wuji.governance.filtersets import MatterFilterSet
from wuji.governance.forms import MatterAbandonForm, MatterDiscloseForm, MatterForm, MatterStepForm
from wuji.governance.models import Disclosure, Matter, MatterStep
from wuji.governance.views.common import render_records, require_can_write, section_crumbs, tabs
from wuji.orgs.selectors import org_choices


def _matter_url(matter: Matter) -> str:
    return reverse("governance:matter_detail", args=[matter.pk])


def _crumbs(matter: Matter) -> list[tuple[str, str]]:
    return [*section_crumbs("matters"), (matter.title, _matter_url(matter))]


def _facts(matter: Matter) -> tuple[list[rules.StepFact], list[str]]:
    steps = [rules.StepFact(s.step, s.held_on, s.passed) for s in matter.steps.all()]
    return steps, [d.kind for d in matter.disclosures.all() if d.published]


@member_data_required
def matter_list(request: HttpRequest) -> HttpResponse:
    matters = selectors.matter_list_visible(user=request.user)
    filterset = MatterFilterSet(request.GET or None, queryset=matters, orgs=org_choices(user=request.user))
    can_create = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL).exists()
    page = ListPage(
        title=_("基本制度 · “五议五公开”"),
        columns=[],
        create_url=reverse("governance:matter_create") if can_create else None,
        create_label=_("新建事项"),
        tabs=tabs("matters"),
        empty_text=_("还没有“五议五公开”事项。"),
        help=_(
            "村（居）民建议 → 支部会提议 → “两委”商议 → 党员大会审议 → 村（居）民（代表）大会决议，并依次进行五项公开。"
        ),
    )
    return render_records(
        request,
        page=page,
        queryset=matters,
        filterset=filterset,
        row_url=_matter_url,
        row_extra=lambda matter: {"next_action": services.matter_next_action(matter)},
        results="governance/_matter_results.html",
    )


@dataclass
class TimelineItem:
    """One of the five steps or five disclosures as the detail page draws it."""

    number: int
    label: str
    state: str  # done, failed, next, waiting, later, frozen
    record: Any = None
    note: str = ""


def _step_items(matter: Matter, steps: list[MatterStep]) -> list[TimelineItem]:
    by_step = {s.step: s for s in steps}
    upcoming = rules.next_step([rules.StepFact(s.step, s.held_on, s.passed) for s in steps])
    open_ = matter.status == MatterStatus.IN_PROGRESS
    items = []
    for kind in StepKind:
        record = by_step.get(kind.value)
        if record is not None:
            state = "done" if record.passed else "failed"
        elif open_ and kind.value == upcoming:
            state = "next"
        else:
            state = "later" if open_ else "frozen"
        items.append(TimelineItem(kind.value, str(kind.label), state, record))
    return items


def _disclosure_items(matter: Matter, disclosures: list[Disclosure], steps: list[rules.StepFact]) -> list[TimelineItem]:
    by_kind = {d.kind: d for d in disclosures if d.published}
    due, waits_for = rules.next_disclosure(steps, list(by_kind))
    open_ = matter.status == MatterStatus.IN_PROGRESS
    items = []
    for number, kind in enumerate(MATTER_DISCLOSURES, start=1):
        record = by_kind.get(kind.value)
        after = rules.quoted(rules.step_label(DISCLOSURE_AFTER_STEP[kind].value))
        if record is not None:
            state, note = "done", ""
        elif not open_:
            state, note = "frozen", ""
        elif kind.value == due and waits_for is None:
            state, note = "next", ""
        elif kind.value == due:
            state, note = "waiting", _("待%(step)s通过后公开") % {"step": after}
        else:
            state, note = "later", _("%(step)s通过后公开") % {"step": after}
        items.append(TimelineItem(number, str(kind.label), state, record, note))
    return items


def _step_button(items: list[TimelineItem]) -> str | None:
    upcoming = next((i for i in items if i.state == "next"), None)
    return _("登记%(step)s") % {"step": rules.quoted(upcoming.label)} if upcoming else None


@member_data_required
def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    matter = selectors.matter_get_visible(user=request.user, pk=pk)
    steps = list(matter.steps.all())
    facts, _published = _facts(matter)
    move = services.matter_next_move(matter)
    writable = can_write(request.user, matter.org)
    action_url = None
    if move.kind == "step":
        action_url = reverse("governance:matter_step", args=[matter.pk])
    elif move.kind == "disclosure":
        action_url = reverse("governance:matter_disclose", args=[matter.pk])
    step_items = _step_items(matter, steps)
    context = {
        "matter": matter,
        "steps": step_items,
        "disclosures": _disclosure_items(matter, list(matter.disclosures.all()), facts),
        "move": move,
        "action_url": action_url if writable else None,
        # A meeting that may also be held now, besides the disclosure the primary button leads to.
        "step_button": _step_button(step_items) if writable and move.kind == "disclosure" else None,
        "can_write": writable,
        "crumbs": section_crumbs("matters"),
    }
    return render(request, "governance/matter_detail.html", context)


def _writable_matter(request: HttpRequest, pk: int) -> Matter:
    matter = selectors.matter_get_visible(user=request.user, pk=pk)
    require_can_write(request, matter.org)
    return matter


@member_data_required
def matter_create(request: HttpRequest) -> HttpResponse:
    writable = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL)
    if not writable.exists():
        raise PermissionDenied(_("“五议五公开”事项由村（社区）党组织登记"))
    form = MatterForm(request.POST or None)
    form.set_orgs(writable)
    return service_form(
        request,
        form=form,
        action=lambda data: services.matter_create(
            user=request.user, org=data["org"], title=data["title"], description=data["description"]
        ),
        template="core/records/form.html",
        context={
            "title": _("新建“五议五公开”事项"),
            "crumbs": section_crumbs("matters"),
            "back_url": reverse("governance:matter_list"),
            "submit_label": _("创建事项"),
            "help": _("创建后按顺序登记五个议事环节和五项公开；事项页面会提示下一步该做什么。"),
        },
        success_url=_matter_url,
        success_message=_("已创建事项，下一步：登记村（居）民建议"),
    )


@member_data_required
def matter_step(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the next deliberation; the form asks for what that step needs."""
    matter = _writable_matter(request, pk)
    facts, _published = _facts(matter)
    step = rules.next_step(facts)
    if matter.status != MatterStatus.IN_PROGRESS or step is None:
        messages.info(request, services.matter_next_action(matter))
        return redirect(_matter_url(matter))
    form = MatterStepForm(request.POST or None, step=step)
    label = rules.step_label(step)

    def action(data: dict[str, Any]) -> MatterStep:
        numbers = {name: data.get(name) for name in rules.VOTE_FIELDS}
        return services.matter_step_record(
            user=request.user, matter=matter, step=step, held_on=data["held_on"], note=data["note"], **numbers
        )

    previous = facts[-1] if facts else None
    help_text = (
        _("上一环节“%(label)s”于 %(day)s 进行。")
        % {"label": rules.step_label(previous.step), "day": f"{previous.held_on:%Y-%m-%d}"}
        if previous
        else ""
    )
    if rules.needs_vote(step):
        help_text += _("实到人数须超过应到人数的半数；同意票超过实到人数的半数为通过，未通过的事项停止。")
    return service_form(
        request,
        form=form,
        action=action,
        template="core/records/form.html",
        context={
            "title": _("登记%(step)s") % {"step": rules.quoted(label)},
            "crumbs": _crumbs(matter),
            "back_url": _matter_url(matter),
            "help": help_text,
            "submit_label": _("登记"),
        },
        success_url=lambda _record: _matter_url(matter),
        success_message=_("已登记%(step)s") % {"step": rules.quoted(label)},
    )


@member_data_required
def matter_disclose(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the next of the five disclosures, once its deliberation has passed."""
    matter = _writable_matter(request, pk)
    facts, published = _facts(matter)
    due, waits_for = rules.next_disclosure(facts, published)
    if matter.status != MatterStatus.IN_PROGRESS or due is None or waits_for is not None:
        messages.info(request, services.matter_next_action(matter))
        return redirect(_matter_url(matter))
    # The proposal disclosure publishes what the matter is: start from its description.
    initial = {"content": matter.description} if due == DisclosureKind.PROPOSAL else {}
    form = MatterDiscloseForm(request.POST or None, request.FILES or None, initial=initial)
    label = rules.quoted(rules.disclosure_label(due))
    return service_form(
        request,
        form=form,
        action=lambda data: services.matter_disclose(
            user=request.user,
            matter=matter,
            kind=due,
            content=data["content"],
            published_on=data["published_on"],
            channel=data["channel"],
            photo=data["photo"],
        ),
        template="core/records/form.html",
        context={
            "title": _("进行%(kind)s") % {"kind": label},
            "crumbs": _crumbs(matter),
            "back_url": _matter_url(matter),
            "multipart": True,
            "help": _("公开后即在群众公开页面显示，不能修改；请勿填写身份证号、电话等个人信息。"),
            "submit_label": _("公开"),
        },
        success_url=lambda _record: _matter_url(matter),
        success_message=_("已登记%(kind)s") % {"kind": label},
    )


@member_data_required
def matter_abandon(request: HttpRequest, pk: int) -> HttpResponse:
    matter = _writable_matter(request, pk)
    if matter.status != MatterStatus.IN_PROGRESS:
        messages.info(request, services.matter_next_action(matter))
        return redirect(_matter_url(matter))
    form = MatterAbandonForm(request.POST or None, initial={"on": timezone.localdate()})
    return service_form(
        request,
        form=form,
        action=lambda data: services.matter_abandon(
            user=request.user, matter=matter, reason=data["reason"], on=data["on"]
        ),
        template="core/records/form.html",
        context={
            "title": _("终止事项“%(title)s”") % {"title": matter.title},
            "crumbs": _crumbs(matter),
            "back_url": _matter_url(matter),
            "danger": True,
            "help": _("终止后该事项不能再登记议事环节或公开，已登记的内容保留。"),
            "submit_label": _("终止事项"),
        },
        success_url=_matter_url,
        success_message=_("已终止事项"),
    )
