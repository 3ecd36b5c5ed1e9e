"""The simple records of 基本活动: pairings, per-member-year records, honours (generic list/form pages)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from wuji.activities import filtersets, forms, selectors, services
from wuji.activities.models import Pairing
from wuji.activities.views.common import int_param, tabs
from wuji.core.asof import as_of
from wuji.core.records import Column, ListPage, render_list
from wuji.core.scoping import can_write
from wuji.core.viewkit import member_data_required, service_form
from wuji.orgs.choices import Category
from wuji.orgs.selectors import org_choices, org_get_visible, org_list_visible

# Lazy (translated when shown), typed as str for the page dataclasses that hold labels.
_: Callable[[str], str] = gettext_lazy  # type: ignore[assignment]


def _is_officer(request: HttpRequest) -> bool:
    return getattr(request.user, "role", None) == "officer"


# ---------------------------------------------------------------- pairings (the officer's)


@member_data_required
def pairing_list(request: HttpRequest) -> HttpResponse:
    day = as_of(request)
    active = Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
    pairings = selectors.pairing_list_visible(user=request.user).annotate(
        active_now=Case(When(active, then=Value(True)), default=Value(False), output_field=BooleanField())
    )
    filterset = filtersets.PairingFilterSet(
        request.GET or None, queryset=pairings, orgs=org_list_visible(user=request.user)
    )
    officer = _is_officer(request)
    page = ListPage(
        title=str(_("结对帮扶")),
        columns=[
            Column(str(_("机关党组织")), "organ_org.name", link=officer),
            Column(str(_("村（社区）党组织")), "village_org.name"),
            Column(str(_("结对日期")), "started_on", phone_hidden=True),
            Column(str(_("结束日期")), "ended_on", phone_hidden=True),
            Column(str(_("在结对（截至%(day)s）") % {"day": day.isoformat()}), "active_now"),
            Column(str(_("联合活动次数")), "joint_count"),
        ],
        create_url=reverse("activities:pairing_create") if officer else None,
        create_label=str(_("新增结对")),
        tabs=tabs("pairing_list"),
        empty_text=str(_("暂无结对帮扶记录。")),
        help=str(
            _(
                "乡党委组织机关党组织与村级党组织结对帮扶（方案“基本活动”第4条）；联合活动在活动登记时选择结对党组织，同时计入双方。"
            )
        ),
    )
    return render_list(
        request,
        page=page,
        queryset=pairings,
        filterset=filterset,
        row_url=(lambda p: reverse("activities:pairing_edit", args=[p.pk])) if officer else None,
    )


def _pairing_form(request: HttpRequest, pairing: Pairing) -> HttpResponse:
    orgs = org_choices(user=request.user)
    form = forms.PairingForm(
        request.POST or None,
        instance=pairing,
        initial={"version": pairing.version},
        organs=orgs.filter(category=Category.ORGAN),
        villages=orgs.filter(category__in=[Category.VILLAGE, Category.COMMUNITY]),
    )
    return service_form(
        request,
        form=form,
        action=lambda data: services.pairing_save(user=request.user, pairing=form.instance, version=data["version"]),
        template="activities/record_form.html",
        context={
            "title": _("修改结对帮扶") if pairing.pk else _("新增结对帮扶"),
            "back_url": reverse("activities:pairing_list"),
            "crumbs": [(_("结对帮扶"), reverse("activities:pairing_list"))],
            "help": _(
                "结对帮扶由乡党委组织委员安排：一方为机关党组织，另一方为村（社区）党组织。结束结对时填写结束日期。"
            ),
        },
        success_url=reverse("activities:pairing_list"),
        success_message=_("已保存结对帮扶"),
    )


@member_data_required
def pairing_create(request: HttpRequest) -> HttpResponse:
    if not _is_officer(request):
        raise PermissionDenied(_("结对帮扶由乡党委组织委员安排"))
    return _pairing_form(request, Pairing())


@member_data_required
def pairing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    pairing = selectors.pairing_get_visible(user=request.user, pk=pk)
    if not _is_officer(request):
        raise PermissionDenied(_("结对帮扶由乡党委组织委员安排"))
    return _pairing_form(request, pairing)


# ---------------------------------------------------------------- per-member-year records and honours


@dataclass(frozen=True)
class RecordKind:
    """One kind of simple record: how it is listed, entered and saved."""

    key: str  # URL names are activities:<key>_list, _create, _edit, _delete
    title: Any
    create_label: Any
    selector: Callable[..., QuerySet[Any]]
    filterset: type[Any]
    form: type[Any]
    columns: list[Column]
    save: Callable[..., Any]
    help: Any = ""
    by_person: bool = True  # the form picks a member (the org is theirs); else it picks an org

    def url(self, action: str, *args: Any) -> str:
        return reverse(f"activities:{self.key}_{action}", args=args)


def _member_record_save(*, user: Any, record: Any, version: int | None) -> Any:
    return services.member_year_record_save(user=user, record=record, version=version)


def _review_save(*, user: Any, record: Any, version: int | None) -> Any:
    return services.party_spirit_review_save(user=user, review=record, version=version)


def _honor_save(*, user: Any, record: Any, version: int | None) -> Any:
    return services.honor_save(user=user, honor=record, version=version)


PERSON = Column(_("党员"), "person.name", link=True)
ORG = Column(_("党组织"), "org.name", phone_hidden=True)

KINDS: dict[str, RecordKind] = {
    "duty_post": RecordKind(
        key="duty_post",
        title=_("设岗定责"),
        create_label=_("登记设岗定责"),
        selector=selectors.duty_post_list_visible,
        filterset=filtersets.DutyPostFilterSet,
        form=forms.DutyPostForm,
        columns=[
            Column(_("年度"), "year"),
            PERSON,
            ORG,
            Column(_("岗位"), "post"),
            Column(_("职责"), "duty", phone_hidden=True),
        ],
        save=_member_record_save,
        help=_("每名党员每年一个岗位、一份职责（方案“基本活动”第5条）。"),
    ),
    "pledge": RecordKind(
        key="pledge",
        title=_("服务承诺"),
        create_label=_("登记服务承诺"),
        selector=selectors.pledge_list_visible,
        filterset=filtersets.PledgeFilterSet,
        form=forms.PledgeForm,
        columns=[
            Column(_("年度"), "year"),
            PERSON,
            ORG,
            Column(_("承诺内容"), "content", phone_hidden=True),
            Column(_("兑现情况"), "result"),
        ],
        save=_member_record_save,
        help=_("每名党员每年的服务承诺，年底评议是否兑现（方案“基本活动”第5条）。"),
    ),
    "prosperity": RecordKind(
        key="prosperity",
        title=_("创业致富计划"),
        create_label=_("登记创业致富"),
        selector=selectors.prosperity_list_visible,
        filterset=filtersets.ProsperityFilterSet,
        form=forms.ProsperityForm,
        columns=[
            Column(_("年度"), "year"),
            PERSON,
            ORG,
            Column(_("创业致富项目"), "project"),
            Column(_("致富标兵"), "is_model"),
            Column(_("成效"), "note", phone_hidden=True),
        ],
        save=_member_record_save,
        help=_("实施党员“创业致富计划”，培养党员创业致富标兵（方案“基本活动”第6条）；标兵排在前面。"),
    ),
    "review": RecordKind(
        key="review",
        title=_("党性分析"),
        create_label=_("登记党性分析"),
        selector=selectors.review_list_visible,
        filterset=filtersets.ReviewFilterSet,
        form=forms.ReviewForm,
        columns=[
            Column(_("分析日期"), "reviewed_on"),
            PERSON,
            ORG,
            Column(_("分析结果"), "outcome"),
            Column(_("主要问题及整改"), "note", phone_hidden=True),
        ],
        save=_review_save,
        help=_("党员党性定期分析（方案“基本活动”第5条）。"),
    ),
    "honor": RecordKind(
        key="honor",
        title=_("创先争优"),
        create_label=_("登记荣誉"),
        selector=selectors.honor_list_visible,
        filterset=filtersets.HonorFilterSet,
        form=forms.HonorForm,
        columns=[
            Column(_("年度"), "year"),
            Column(_("党组织"), "org.name"),
            Column(_("荣誉称号"), "title", link=True),
            Column(_("级别"), "level"),
            Column(_("授予单位"), "awarded_by", phone_hidden=True),
        ],
        save=_honor_save,
        help=_("“三级联创”“五好”基层党组织等创先争优荣誉（方案“基本活动”第1条）。"),
        by_person=False,
    ),
}


@member_data_required
def record_list(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    records = spec.selector(user=request.user)
    filterset = spec.filterset(request.GET or None, queryset=records, orgs=org_list_visible(user=request.user))
    writer = getattr(request.user, "role", None) in {"officer", "secretary"}
    chosen = filterset.form.cleaned_data.get("org") if filterset.is_bound and filterset.is_valid() else None
    create_url = spec.url("create") + (f"?org={chosen.pk}" if chosen and can_write(request.user, chosen) else "")
    page = ListPage(
        title=str(spec.title),
        columns=spec.columns,
        create_url=create_url if writer else None,
        create_label=str(spec.create_label),
        tabs=tabs(f"{kind}_list"),
        help=str(spec.help),
    )
    return render_list(
        request,
        page=page,
        queryset=records,
        filterset=filterset,
        row_url=(lambda r: spec.url("edit", r.pk) if can_write(request.user, r.org) else None) if writer else None,
    )


def _record_form(request: HttpRequest, spec: RecordKind, record: Any) -> HttpResponse:
    orgs = selectors.writable_orgs(user=request.user)
    asked = int_param(request, "org") if record.pk is None else None
    if asked is not None:
        org = org_get_visible(user=request.user, pk=asked)  # 404 outside the scope
        if not can_write(request.user, org):
            raise PermissionDenied(_("您无权为该党组织登记"))
        orgs = [org]
    initial: dict[str, Any] = {"version": getattr(record, "version", None)}
    if record.pk is None and hasattr(record, "year"):
        initial["year"] = as_of(request).year
    kwargs: dict[str, Any] = {"orgs": orgs}
    if spec.by_person:
        kwargs = {"people": selectors.members_in(orgs, as_of(request))}
    elif record.pk is None and len(orgs) == 1:
        initial["org"] = orgs[0].pk
    form = spec.form(request.POST or None, instance=record, initial=initial, **kwargs)
    title = str(spec.title)
    return service_form(
        request,
        form=form,
        action=lambda data: spec.save(user=request.user, record=form.instance, version=data.get("version")),
        template="activities/record_form.html",
        context={
            "title": (_("修改%(kind)s") if record.pk else _("登记%(kind)s")) % {"kind": title},
            "back_url": spec.url("list"),
            "crumbs": [(title, spec.url("list"))],
            "delete_url": spec.url("delete", record.pk) if record.pk else None,
            "help": spec.help,
            "honor_titles": forms.HONOR_TITLES if spec.key == "honor" else None,
        },
        success_url=spec.url("list"),
        success_message=_("已保存"),
    )


@member_data_required
def record_create(request: HttpRequest, kind: str) -> HttpResponse:
    spec = KINDS[kind]
    if getattr(request.user, "role", None) not in {"officer", "secretary"}:
        raise PermissionDenied(_("您的角色不能登记"))
    model = spec.form._meta.model
    return _record_form(request, spec, model())


def _writable_record(request: HttpRequest, spec: RecordKind, pk: int) -> Any:
    record = selectors.record_get_visible(spec.selector(user=request.user), pk)
    if not can_write(request.user, record.org):
        raise PermissionDenied(_("您无权修改该记录"))
    return record


@member_data_required
def record_edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec = KINDS[kind]
    return _record_form(request, spec, _writable_record(request, spec, pk))


@member_data_required
def record_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    spec = KINDS[kind]
    record = _writable_record(request, spec, pk)
    if request.method == "POST":
        services.record_delete(user=request.user, record=record)
        messages.success(request, _("已删除（审计日志保留记录）"))
        return redirect(spec.url("list"))
    return render(
        request, "core/records/confirm_delete.html", {"object": record, "back_url": spec.url("edit", record.pk)}
    )
