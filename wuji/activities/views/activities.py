"""Activity pages: list, record (with attendance and photos), detail, edit, delete, ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.activities import rules, selectors, services
from wuji.activities.filtersets import ActivityFilterSet
from wuji.activities.forms import ActivityForm, AttendanceForm, backfill_help
from wuji.activities.models import Activity
from wuji.activities.views.common import int_param, tabs
from wuji.core.asof import as_of
from wuji.core.scoping import can_write, scope_root
from wuji.core.viewkit import add_service_errors, member_data_required, paginate
from wuji.orgs.choices import OrgKind
from wuji.orgs.models import Organization
from wuji.orgs.selectors import org_get_visible, org_list_visible
from wuji.people.models import Person


def _detail_url(activity: Activity) -> str:
    return reverse("activities:detail", args=[activity.pk])


def _can_record(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) in {"officer", "secretary"}


@member_data_required
def activity_list(request: HttpRequest) -> HttpResponse:
    """Activities with 应到/实到 counted in the list query; filters by org (with those below), type, dates."""
    activities = selectors.activity_list_visible(user=request.user)
    filterset = ActivityFilterSet(
        request.GET or None,
        queryset=activities,
        orgs=org_list_visible(user=request.user),
        types=selectors.activity_types(),
    )
    results = filterset.qs if filterset.is_bound and filterset.is_valid() else activities
    page, query_string = paginate(request, results, settings.WUJI_PAGE_SIZE)
    chosen = filterset.form.cleaned_data.get("org") if filterset.is_bound and filterset.is_valid() else None
    context = {
        "filter": filterset,
        "page_obj": page,
        "query_string": query_string,
        "tabs": tabs("list"),
        "can_create": _can_record(request),
        "create_query": f"?org={chosen.pk}" if chosen else "",
    }
    template = "activities/_results.html" if request.htmx else "activities/list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@member_data_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_get_visible(user=request.user, pk=pk)
    attendance = selectors.activity_attendance(activity)
    context = {
        "activity": activity,
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "headcount": rules.headcount(a.present for a in attendance),
        "attachments": list(activity.attachments.order_by("id")),
        "can_write": can_write(request.user, activity.org),
        "tabs": tabs("list"),
    }
    return render(request, "activities/detail.html", context)


# ---------------------------------------------------------------- the record form


def _parse_day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((raw or "").strip())
    except ValueError:
        return None


def _expected_people(org: Organization | None, day: dt.date | None, activity: Activity | None) -> list[Person]:
    """The org's members on the day, and (when editing) whoever was recorded before."""
    people = selectors.members_for_form(org, day) if org is not None and day is not None else []
    if activity is not None:
        known = {p.pk for p in people}
        people += [a.person for a in selectors.activity_attendance(activity) if a.person_id not in known]
    return people


def _recorded(activity: Activity | None) -> dict[int, tuple[bool, str]]:
    if activity is None:
        return {}
    return {a.person_id: (a.present, a.absence_reason) for a in activity.attendance.all()}


def _form_page(request: HttpRequest, *, activity: Activity | None, org: Organization | None) -> HttpResponse:
    """Record or change an activity: the facts, who attended, photos. One service call saves all of it."""
    today = timezone.localdate()
    entered = _entered_on(activity, today)
    orgs = selectors.writable_orgs(user=request.user)
    types = selectors.activity_types()
    if activity is not None and activity.type_id not in {t.pk for t, _ in types}:
        types.append((activity.type, 0))  # a type since retired stays on the activities that used it
    if request.method == "POST":
        if activity is None:
            posted = int_or_none(request.POST.get("org"))
            org = next((o for o in orgs if o.pk == posted), None)
        day = _parse_day(request.POST.get("held_on"))
    else:
        day = activity.held_on if activity is not None else today
    if activity is not None:
        org = activity.org
        initial: dict[str, Any] = {
            "org": activity.org_id,
            "type": activity.type_id,
            "held_on": activity.held_on,
            "topic": activity.topic,
            "place": activity.place,
            "minutes": activity.minutes,
            "paired_org": activity.paired_org_id,
            "backfill_reason": activity.backfill_reason,
            "version": activity.version,
        }
        rows_url = reverse("activities:attendance_rows") + f"?activity={activity.pk}"
    else:
        initial = {"org": org.pk if org else None, "held_on": today}
        rows_url = reverse("activities:attendance_rows")
    existing = list(activity.attachments.order_by("id")) if activity else []
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        orgs=orgs,
        types=types,
        paired=selectors.paired_orgs_on(org, day),
        today=today,
        entered=entered,
        day=day,
        rows_url=rows_url,
        org_fixed=activity is not None,
        existing=existing,
    )
    people = _expected_people(org, day, activity)
    attendance = AttendanceForm(request.POST or None, people=people, recorded=_recorded(activity))
    if request.method == "POST":
        form_ok = form.is_valid()
        if attendance.is_valid() and form_ok:
            data = form.cleaned_data
            fields = {
                "type": data["type"],
                "held_on": data["held_on"],
                "topic": data["topic"],
                "place": data["place"],
                "minutes": data["minutes"],
                "paired_org": data["paired_org"],
                "backfill_reason": data["backfill_reason"],
            }
            try:
                if activity is None:
                    saved = services.activity_record(
                        user=request.user,
                        org=data["org"],
                        presence=attendance.presence,
                        uploads=data["attachments"],
                        **fields,
                    )
                else:
                    saved = services.activity_update(
                        user=request.user,
                        activity=activity,
                        version=data["version"],
                        presence=attendance.presence,
                        uploads=data["attachments"],
                        remove_attachments=data.get("remove_attachments") or (),
                        **fields,
                    )
            except ValidationError as exc:
                _service_errors(form, attendance, exc)
            else:
                messages.success(request, _("活动已保存") if activity else _("活动已登记"))
                return redirect(_detail_url(saved))
    context = {
        "form": form,
        "attendance": attendance,
        "activity": activity,
        "title": _("修改活动") if activity else _("登记活动"),
        "back_url": _detail_url(activity) if activity else reverse("activities:list"),
        "files_lost": request.method == "POST" and bool(request.FILES),
        "existing_attachments": existing,
    }
    has_errors = bool(form.errors or attendance.errors)
    return render(request, "activities/form.html", context, status=400 if has_errors else 200)


def _entered_on(activity: Activity | None, today: dt.date) -> dt.date:
    """When the activity was first recorded: the day a back-entry is judged from (today for a new one)."""
    return min(timezone.localdate(activity.created_at), today) if activity is not None else today


def int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None


def _service_errors(form: ActivityForm, attendance: AttendanceForm, error: ValidationError) -> None:
    """A refusal about attendance goes above the attendance list; the rest beside its field."""
    if hasattr(error, "error_dict") and "attendance" in error.error_dict:
        for item in error.error_dict.pop("attendance"):
            attendance.add_error(None, item.messages)
        if not error.error_dict:
            return
    add_service_errors(form, error)


@member_data_required
def activity_create(request: HttpRequest) -> HttpResponse:
    if not _can_record(request):
        raise PermissionDenied(_("您的角色不能登记活动"))
    org = None
    asked = int_param(request, "org")
    if asked is not None:
        org = org_get_visible(user=request.user, pk=asked)  # 404 outside the scope
        if not can_write(request.user, org):
            raise PermissionDenied(_("您无权为该党组织登记活动"))
    else:
        own = scope_root(request.user)
        org = own if can_write(request.user, own) and own is not None and own.dissolved_on is None else None
    return _form_page(request, activity=None, org=org)


def _writable_activity(request: HttpRequest, pk: int) -> Activity:
    activity = selectors.activity_get_visible(user=request.user, pk=pk)
    if not can_write(request.user, activity.org):
        raise PermissionDenied(_("您无权修改该活动"))
    return activity


@member_data_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _writable_activity(request, pk)
    return _form_page(request, activity=activity, org=activity.org)


@member_data_required
def attendance_rows(request: HttpRequest) -> HttpResponse:
    """The attendance list (and the pairing choices, the back-entry hint) for the org and date chosen."""
    activity = None
    activity_pk = int_param(request, "activity")
    if activity_pk is not None:
        activity = _writable_activity(request, activity_pk)
        org: Organization | None = activity.org
    else:
        org_pk = int_param(request, "org")
        org = org_get_visible(user=request.user, pk=org_pk) if org_pk is not None else None
        if org is not None and not can_write(request.user, org):
            raise PermissionDenied(_("您无权为该党组织登记活动"))
        if org is None and not _can_record(request):
            raise PermissionDenied(_("您的角色不能登记活动"))
    today = timezone.localdate()
    day = _parse_day(request.GET.get("held_on"))
    people = _expected_people(org, day, activity)
    attendance = AttendanceForm(people=people, recorded=_recorded(activity))
    context = {
        "attendance": attendance,
        "org": org,
        "day": day,
        "oob": True,
        "paired": list(selectors.paired_orgs_on(org, day)),
        "paired_selected": activity.paired_org_id if activity else None,
        "backfill_help": backfill_help(day, _entered_on(activity, today)),
        "backfill_late": day is not None and rules.is_back_entry(day, _entered_on(activity, today)),
    }
    return render(request, "activities/_attendance.html", context)


@member_data_required
def activity_delete(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _writable_activity(request, pk)
    if request.method == "POST":
        services.activity_delete(user=request.user, activity=activity)
        messages.success(request, _("已删除该活动（审计日志保留记录）"))
        return redirect("activities:list")
    return render(
        request,
        "core/records/confirm_delete.html",
        {"object": activity, "back_url": _detail_url(activity)},
    )


# ---------------------------------------------------------------- the ledger (活动台账)


def _indented(orgs: list[Organization]) -> list[tuple[Organization, str]]:
    top = min((o.depth for o in orgs), default=1)
    return [(o, "\u3000" * (o.depth - top) + o.name) for o in orgs]


@member_data_required
def ledger(request: HttpRequest) -> HttpResponse:
    """A year of one org's activities month by month; for a committee, its branches side by side."""
    day = as_of(request)
    org = selectors.org_for_ledger(user=request.user, pk=int_param(request, "org"))
    year = int_param(request, "year") or day.year
    if not 1921 <= year <= timezone.localdate().year:
        year = day.year
    context: dict[str, Any] = {
        "org": org,
        "year": year,
        "today": day,
        "months": range(1, 13),
        "orgs": _indented(list(org_list_visible(user=request.user))),
        "tabs": tabs("ledger"),
        "is_committee": org.kind == OrgKind.COMMITTEE,
    }
    if org.kind == OrgKind.COMMITTEE:
        rows = selectors.branch_ledger(user=request.user, root=org, year=year, day=day)
        context["branches"] = rows
        context["organs_short"] = [r for r in rows if any(r.study_missing)]
        context["without_life"] = [r for r in rows if not r.democratic_life]
    else:
        context["ledger"] = selectors.org_ledger(org, year, day)
    return render(request, "activities/ledger.html", context)
