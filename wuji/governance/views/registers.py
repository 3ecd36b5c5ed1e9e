"""Registers: 业绩登记 of 机关 cadres, village archives, 三资, and 村财乡管 (the officer's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from wuji.core.asof import as_of
from wuji.core.records import Column, ListPage
from wuji.core.scoping import can_write, require_officer
from wuji.core.viewkit import member_data_required, service_form
from wuji.governance import selectors, services
from wuji.governance.filtersets import ArchiveFilterSet, AssetFilterSet, FinanceFilterSet, PerformanceFilterSet
from wuji.governance.forms import ArchiveForm, AssetForm, FinanceForm, PerformanceForm
from wuji.governance.models import ArchiveRecord, CollectiveAsset, FinanceArrangement, PerformanceRecord
from wuji.governance.views.common import (
    delete_page,
    is_officer,
    render_records,
    require_can_write,
    section_crumbs,
    tabs,
)
from wuji.orgs.choices import Category
from wuji.orgs.selectors import org_choices


def _edit_url(name: str, user: Any) -> Callable[[Any], str | None]:
    """Rows link to their edit page for those who may change them; others read the row as it is."""

    def url(record: Any) -> str | None:
        return reverse(f"governance:{name}_edit", args=[record.pk]) if can_write(user, record.org) else None

    return url


def _record_form(
    request: HttpRequest,
    *,
    form: Any,
    save: Callable[..., Model],
    section: str,
    title: str,
    list_name: str,
    delete_url: str | None = None,
) -> HttpResponse:
    """Create or edit a register row: the ModelForm fills the instance, the service checks and saves it."""
    return service_form(
        request,
        form=form,
        action=lambda data: save(user=request.user, version=data.get("version"), instance=form.instance),
        template="governance/record_form.html",
        context={
            "title": title,
            "crumbs": section_crumbs(section),
            "back_url": reverse(list_name),
            "delete_url": delete_url,
        },
        success_url=reverse(list_name),
        success_message=_("已保存"),
    )


# ---- 业绩登记 ------------------------------------------------------------------------------


def _save_performance(*, user: Any, version: int | None, instance: PerformanceRecord) -> PerformanceRecord:
    instance.org = instance.person.org  # a cadre's record belongs to their branch
    return services.performance_record_save(user=user, record=instance, version=version)


@member_data_required
def performance_list(request: HttpRequest) -> HttpResponse:
    records = selectors.performance_list_visible(user=request.user)
    organs = org_choices(user=request.user).filter(category=Category.ORGAN)
    filterset = PerformanceFilterSet(
        request.GET or None, queryset=records, orgs=organs, people=selectors.organ_people(user=request.user)
    )
    can_create = selectors.organ_people(user=request.user, writable_only=True).exists()
    page = ListPage(
        title=_("基本制度 · 业绩登记"),
        columns=[
            Column(_("日期"), "recorded_on"),
            Column(_("党员干部"), "person.name", link=True),
            Column(_("党组织"), "org.name", phone_hidden=True),
            Column(_("业绩内容"), "content"),
        ],
        create_url=reverse("governance:performance_create") if can_create else None,
        create_label=_("登记业绩"),
        tabs=tabs("performance"),
        empty_text=_("还没有业绩登记。"),
        help=_("机关党员干部业绩登记制度（方案三㈣4）：按人、按年记录工作实绩。"),
    )
    return render_records(
        request,
        page=page,
        queryset=records,
        filterset=filterset,
        row_url=_edit_url("performance", request.user),
        results="governance/_performance_results.html",
    )


@member_data_required
def performance_create(request: HttpRequest) -> HttpResponse:
    people = selectors.organ_people(user=request.user, writable_only=True)
    if not people.exists():
        raise PermissionDenied(_("业绩登记由机关党组织登记"))
    initial = {"person": request.GET.get("person")} if request.GET.get("person", "").isdigit() else {}
    form = PerformanceForm(request.POST or None, initial=initial, people=people)
    return _record_form(
        request,
        form=form,
        save=_save_performance,
        section="performance",
        title=_("登记业绩"),
        list_name="governance:performance_list",
    )


@member_data_required
def performance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.performance_get_visible(user=request.user, pk=pk)
    require_can_write(request, record.org)
    people = selectors.organ_people(user=request.user, writable_only=True)
    form = PerformanceForm(request.POST or None, instance=record, people=people, initial={"version": record.version})
    return _record_form(
        request,
        form=form,
        save=_save_performance,
        section="performance",
        title=_("修改业绩登记"),
        list_name="governance:performance_list",
        delete_url=reverse("governance:performance_delete", args=[record.pk]),
    )


@member_data_required
def performance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.performance_get_visible(user=request.user, pk=pk)
    return delete_page(
        request,
        record=record,
        back_url=reverse("governance:performance_edit", args=[record.pk]),
        done_url=reverse("governance:performance_list"),
        what=_("业绩登记"),
    )


# ---- 村级档案 ------------------------------------------------------------------------------


def _save_archive(*, user: Any, version: int | None, instance: ArchiveRecord) -> ArchiveRecord:
    return services.archive_record_save(user=user, record=instance, version=version)


def _archive_summary(records: QuerySet[ArchiveRecord]) -> dict[str, Any]:
    return {"category_counts": selectors.archive_counts(records)}


@member_data_required
def archive_list(request: HttpRequest) -> HttpResponse:
    records = selectors.archive_list_visible(user=request.user)
    villages = org_choices(user=request.user).filter(category__in=selectors.VILLAGE_LEVEL)
    filterset = ArchiveFilterSet(request.GET or None, queryset=records, orgs=villages)
    can_create = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL).exists()
    page = ListPage(
        title=_("基本制度 · 村级档案"),
        columns=[
            Column(_("年度"), "year"),
            Column(_("类别"), "category"),
            Column(_("案卷题名"), "title", link=True),
            Column(_("档号"), "file_no"),
            Column(_("存放位置"), "location", phone_hidden=True),
            Column(_("党组织"), "org.name", phone_hidden=True),
        ],
        create_url=reverse("governance:archive_create") if can_create else None,
        create_label=_("登记案卷"),
        tabs=tabs("archives"),
        empty_text=_("还没有登记档案。"),
        help=_("村级档案目录：按年度、类别登记每一卷（盒）档案及其存放位置。"),
    )
    return render_records(
        request,
        page=page,
        queryset=records,
        filterset=filterset,
        row_url=_edit_url("archive", request.user),
        results="governance/_archive_results.html",
        summary=_archive_summary,
    )


@member_data_required
def archive_create(request: HttpRequest) -> HttpResponse:
    writable = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL)
    if not writable.exists():
        raise PermissionDenied(_("村级档案由村（社区）党组织登记"))
    form = ArchiveForm(request.POST or None, orgs=writable)
    return _record_form(
        request,
        form=form,
        save=_save_archive,
        section="archives",
        title=_("登记案卷"),
        list_name="governance:archive_list",
    )


@member_data_required
def archive_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.archive_get_visible(user=request.user, pk=pk)
    require_can_write(request, record.org)
    writable = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL)
    form = ArchiveForm(request.POST or None, instance=record, orgs=writable, initial={"version": record.version})
    return _record_form(
        request,
        form=form,
        save=_save_archive,
        section="archives",
        title=_("修改案卷“%(title)s”") % {"title": record.title},
        list_name="governance:archive_list",
        delete_url=reverse("governance:archive_delete", args=[record.pk]),
    )


@member_data_required
def archive_delete(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.archive_get_visible(user=request.user, pk=pk)
    return delete_page(
        request,
        record=record,
        back_url=reverse("governance:archive_edit", args=[record.pk]),
        done_url=reverse("governance:archive_list"),
        what=_("案卷"),
    )


# ---- 三资 ----------------------------------------------------------------------------------


def _save_asset(*, user: Any, version: int | None, instance: CollectiveAsset) -> CollectiveAsset:
    return services.collective_asset_save(user=user, asset=instance, version=version)


def _asset_summary(assets: QuerySet[CollectiveAsset]) -> dict[str, Any]:
    return {"totals": selectors.asset_totals(assets)}


@member_data_required
def asset_list(request: HttpRequest) -> HttpResponse:
    assets = selectors.asset_list_visible(user=request.user)
    villages = org_choices(user=request.user).filter(category__in=selectors.VILLAGE_LEVEL)
    filterset = AssetFilterSet(request.GET or None, queryset=assets, orgs=villages)
    can_create = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL).exists()
    page = ListPage(
        title=_("基本制度 · 农村“三资”"),
        columns=[
            Column(_("名称及说明"), "description", link=True),
            Column(_("类别"), "kind"),
            Column(_("金额/价值（元）"), "value"),
            Column(_("登记日期"), "recorded_on", phone_hidden=True),
            Column(_("处置日期"), "disposed_on", phone_hidden=True),
            Column(_("党组织"), "org.name", phone_hidden=True),
        ],
        create_url=reverse("governance:asset_create") if can_create else None,
        create_label=_("登记三资"),
        tabs=tabs("assets"),
        empty_text=_("还没有登记“三资”。"),
        help=_("村集体的资金、资产、资源，统一建账（方案三㈣5）。合计按当前筛选条件计算。"),
    )
    return render_records(
        request,
        page=page,
        queryset=assets,
        filterset=filterset,
        row_url=_edit_url("asset", request.user),
        results="governance/_asset_results.html",
        summary=_asset_summary,
    )


@member_data_required
def asset_create(request: HttpRequest) -> HttpResponse:
    writable = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL)
    if not writable.exists():
        raise PermissionDenied(_("“三资”由村（社区）党组织登记"))
    form = AssetForm(request.POST or None, orgs=writable)
    return _record_form(
        request, form=form, save=_save_asset, section="assets", title=_("登记三资"), list_name="governance:asset_list"
    )


@member_data_required
def asset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    asset = selectors.asset_get_visible(user=request.user, pk=pk)
    require_can_write(request, asset.org)
    writable = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL)
    form = AssetForm(request.POST or None, instance=asset, orgs=writable, initial={"version": asset.version})
    return _record_form(
        request,
        form=form,
        save=_save_asset,
        section="assets",
        title=_("修改“%(name)s”") % {"name": asset.description},
        list_name="governance:asset_list",
        delete_url=reverse("governance:asset_delete", args=[asset.pk]),
    )


@member_data_required
def asset_delete(request: HttpRequest, pk: int) -> HttpResponse:
    asset = selectors.asset_get_visible(user=request.user, pk=pk)
    return delete_page(
        request,
        record=asset,
        back_url=reverse("governance:asset_edit", args=[asset.pk]),
        done_url=reverse("governance:asset_list"),
        what=_("三资登记"),
    )


# ---- 村财乡管 ------------------------------------------------------------------------------


def _save_finance(*, user: Any, version: int | None, instance: FinanceArrangement) -> FinanceArrangement:
    return services.finance_arrangement_save(user=user, arrangement=instance, version=version)


def _officer_villages(request: HttpRequest) -> Any:
    """The villages an officer may set the arrangement of; anyone else is refused (403)."""
    villages = selectors.writable_orgs(user=request.user, categories=selectors.VILLAGE_LEVEL)
    if not is_officer(request) or not villages.exists():
        raise PermissionDenied(_("村财乡管由乡党委组织委员登记"))
    return villages


@member_data_required
def finance_list(request: HttpRequest) -> HttpResponse:
    """Each village with the arrangement in force on the chosen day."""
    day = as_of(request)
    villages = selectors.finance_villages(user=request.user, day=day)
    filterset = FinanceFilterSet(
        request.GET or None,
        queryset=villages,
        orgs=org_choices(user=request.user).filter(category__in=selectors.VILLAGE_LEVEL),
    )
    officer = is_officer(request)
    page = ListPage(
        title=_("基本制度 · 村财乡管"),
        columns=[],
        create_url=reverse("governance:finance_create") if officer else None,
        create_label=_("登记管理方式"),
        tabs=tabs("finance"),
        empty_text=_("没有村（社区）党组织。"),
        help=_("实行村财乡管（方案三㈤5）：各村（社区）在统计截止日期执行的财务管理方式。由乡党委组织委员登记。"),
    )
    return render_records(
        request,
        page=page,
        queryset=villages,
        filterset=filterset,
        results="governance/_finance_results.html",
        extra={"today": day, "show_as_of": True, "is_officer": officer},
        row_extra=lambda org: {
            "edit_url": reverse("governance:finance_edit", args=[org.arrangement_id])
            if officer and org.arrangement_id
            else None
        },
    )


@member_data_required
def finance_create(request: HttpRequest) -> HttpResponse:
    villages = _officer_villages(request)
    initial = {"org": request.GET.get("org")} if request.GET.get("org", "").isdigit() else {}
    form = FinanceForm(request.POST or None, orgs=villages, initial=initial)
    return _record_form(
        request,
        form=form,
        save=_save_finance,
        section="finance",
        title=_("登记村财乡管"),
        list_name="governance:finance_list",
    )


@member_data_required
def finance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = selectors.finance_get_visible(user=request.user, pk=pk)
    require_officer(request.user, arrangement.org)
    villages = _officer_villages(request)
    form = FinanceForm(
        request.POST or None, instance=arrangement, orgs=villages, initial={"version": arrangement.version}
    )
    return _record_form(
        request,
        form=form,
        save=_save_finance,
        section="finance",
        title=_("修改“%(org)s”的村财乡管登记") % {"org": arrangement.org.name},
        list_name="governance:finance_list",
        delete_url=reverse("governance:finance_delete", args=[arrangement.pk]),
    )


@member_data_required
def finance_delete(request: HttpRequest, pk: int) -> HttpResponse:
    arrangement = selectors.finance_get_visible(user=request.user, pk=pk)
    require_officer(request.user, arrangement.org)
    return delete_page(
        request,
        record=arrangement,
        back_url=reverse("governance:finance_edit", args=[arrangement.pk]),
        done_url=reverse("governance:finance_list"),
        what=_("村财乡管登记"),
    )
