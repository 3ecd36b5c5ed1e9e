"""考评 pages: campaigns, the ranking, org scorecards (a secretary's self-assessment), manual scores, publishing.

Thin: selectors read (scoped), services write. Who may do what:
officer — everything in their scope; inspector — reads rankings and cards, enters manual scores, never
creates or publishes; secretary — their own branch's card only (another branch's card is 404, the ranking 403).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wuji.assessment import selectors, services
from wuji.assessment.forms import AssessmentCreateForm, ManualScoreForm, OverrideForm
from wuji.assessment.models import Assessment
from wuji.core.asof import as_of
from wuji.core.viewkit import add_service_errors, member_data_required, service_form
from wuji.orgs.choices import Category

READERS = frozenset({"officer", "inspector"})  # the ranking and the manual scores


def _role(request: HttpRequest) -> str:
    return getattr(request.user, "role", "") or ""


def _own_org_id(request: HttpRequest) -> int:
    """A secretary's branch (secretaries are always bound to one)."""
    return int(getattr(request.user, "org_id", 0) or 0)


def _require_reader(request: HttpRequest) -> None:
    if _role(request) not in READERS:
        raise PermissionDenied(_("排名和人工评分供组织委员和考评组使用；支部书记请查看本支部自评。"))


def _require_officer(request: HttpRequest) -> None:
    if _role(request) != "officer":
        raise PermissionDenied(_("只有组织委员可以新建或发布考评"))


def _card_url(campaign_pk: int, org_pk: int, assessment: Assessment | None = None) -> str:
    url = reverse("assessment:scorecard", args=[campaign_pk, org_pk])
    return f"{url}?assessment={assessment.pk}" if assessment else url


@member_data_required
def index(request: HttpRequest) -> HttpResponse:
    campaigns = list(selectors.campaign_list_visible(user=request.user))
    by_campaign = selectors.campaign_assessments(campaigns=campaigns, user=request.user)
    role = _role(request)
    own = request.user.org if role == "secretary" else None  # type: ignore[union-attr]
    rows = [{"campaign": c, "assessments": by_campaign.get(c.pk, [])} for c in campaigns]
    context = {
        "rows": rows,
        "own": own,
        "is_officer": role == "officer",
        "can_rank": role in READERS,
    }
    return render(request, "assessment/index.html", context)


@member_data_required
def self_assessment(request: HttpRequest) -> HttpResponse:
    """A secretary's own branch in the current campaign: a live provisional scorecard."""
    if _role(request) != "secretary":
        return redirect("assessment:index")
    campaign = selectors.current_campaign_for(user=request.user)
    if campaign is None:
        messages.info(request, _("乡党委尚未建立工作方案，暂无自评。"))
        return redirect("assessment:index")
    url = _card_url(campaign.pk, _own_org_id(request))
    day = request.GET.get("as_of")
    return redirect(f"{url}?as_of={day}" if day else url)


def _category(request: HttpRequest) -> str:
    value = request.GET.get("category", "")
    return value if value in Category.values else ""


@member_data_required
def ranking(request: HttpRequest, pk: int) -> HttpResponse:
    _require_reader(request)
    campaign = selectors.campaign_get_visible(user=request.user, pk=pk)
    assessment = selectors.assessment_for_campaign(
        user=request.user, campaign=campaign, pk=request.GET.get("assessment")
    )
    day = selectors.campaign_day(campaign, as_of(request)) if assessment is None else assessment.as_of
    data = selectors.ranking(
        user=request.user, campaign=campaign, as_of=day, assessment=assessment, category=_category(request)
    )
    context = {
        "ranking": data,
        "campaign": campaign,
        "today": day,
        "assessments": selectors.campaign_assessments(campaigns=[campaign], user=request.user).get(campaign.pk, []),
        "is_officer": _role(request) == "officer",
    }
    return render(request, "assessment/ranking.html", context)


@member_data_required
def scorecard(request: HttpRequest, pk: int, org_pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, pk=pk)
    org = selectors.card_org_get(user=request.user, campaign=campaign, pk=org_pk)
    assessment = selectors.assessment_for_campaign(
        user=request.user, campaign=campaign, pk=request.GET.get("assessment")
    )
    day = selectors.campaign_day(campaign, as_of(request)) if assessment is None else assessment.as_of
    card = selectors.scorecard(user=request.user, campaign=campaign, org=org, as_of=day, assessment=assessment)
    role = _role(request)
    context = {
        "sc": card,
        "campaign": campaign,
        "org": org,
        "today": card.as_of,
        "is_self": role == "secretary",
        "can_rank": role in READERS,
        "can_score": role in READERS and card.source == "draft",
    }
    return render(request, "assessment/scorecard.html", context)


@member_data_required
def create(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.campaign_get_visible(user=request.user, pk=pk)
    _require_officer(request)
    form = AssessmentCreateForm(
        request.POST or None, initial={"kind": Assessment.Kind.FINAL, "as_of": campaign.ends_on}
    )
    return service_form(
        request,
        form=form,
        action=lambda data: services.assessment_create(
            user=request.user, campaign=campaign, kind=data["kind"], as_of=data["as_of"]
        ),
        template="assessment/form.html",
        context={
            "title": _("新建考评"),
            "campaign": campaign,
            "back_url": reverse("assessment:index"),
            "help": _("新建的考评是草稿：按截止日期实时计算，考评组可录入人工评分；发布后结果冻结，不再随数据变化。"),
            "submit_label": _("新建"),
        },
        success_url=lambda a: reverse("assessment:detail", args=[a.pk]),
        success_message=_("已新建考评（草稿）"),
    )


@member_data_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_get_visible(user=request.user, pk=pk)
    role = _role(request)
    context = {
        "assessment": assessment,
        "campaign": assessment.campaign,
        "manual_count": assessment.manual.count(),
        "is_officer": role == "officer",
        "can_rank": role in READERS,
        "own_card": _card_url(assessment.campaign_id, _own_org_id(request), assessment) if role == "secretary" else "",
    }
    return render(request, "assessment/detail.html", context)


def _manual_redirect(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    url = reverse("assessment:manual", args=[assessment.pk])
    org = request.GET.get("org")
    return redirect(f"{url}?org={org}" if org and org.isdigit() else url)


@member_data_required
@require_http_methods(["GET", "POST"])
def manual(request: HttpRequest, pk: int) -> HttpResponse:
    """Manual indicators × orgs, each with its own form (bounds from the rule, a reason required),
    and overrides of computed values (the computed value is kept and shown beside)."""
    _require_reader(request)
    assessment = selectors.assessment_get_visible(user=request.user, pk=pk)
    raw_org = request.GET.get("org", "")
    org = (
        selectors.manual_org_get(user=request.user, assessment=assessment, pk=int(raw_org))
        if raw_org.isdigit()
        else None
    )
    page = selectors.manual_page(user=request.user, assessment=assessment, org=org)
    frozen = assessment.status == Assessment.Status.PUBLISHED
    computed = [s for s in page.computed if org is None or org.category in s.categories]
    indicator_choices = [(s.code, f"{s.dimension} · {s.name}（{s.code}）") for s in computed]
    override_form = OverrideForm(
        orgs=page.orgs, indicators=indicator_choices, prefix="override", initial={"org": org.pk} if org else None
    )
    forms = {
        row.key: ManualScoreForm(
            prefix=row.key,
            upper=row.upper,
            checklist=row.spec.checklist,
            initial={"value": row.entry.value.normalize(), "reason": row.entry.reason} if row.entry else None,
        )
        for row in page.manual
    }
    status = 200
    if request.method == "POST":
        if frozen:
            messages.error(request, _("考评已发布，结果不可更改"))
            return _manual_redirect(request, assessment)
        action = request.POST.get("action")
        if action == "manual":
            key = request.POST.get("row", "")
            row = next((r for r in page.manual if r.key == key), None)
            if row is None:
                raise Http404
            form = ManualScoreForm(request.POST, prefix=row.key, upper=row.upper, checklist=row.spec.checklist)
            forms[row.key] = form
            if form.is_valid():
                target = selectors.manual_org_get(user=request.user, assessment=assessment, pk=row.org_id)
                try:
                    services.manual_score_enter(
                        user=request.user,
                        assessment=assessment,
                        org=target,
                        indicator=row.spec.code,
                        value=form.score(),
                        reason=form.cleaned_data["reason"],
                    )
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(
                        request, _("已保存：%(org)s · %(name)s") % {"org": row.org_name, "name": row.spec.name}
                    )
                    return _manual_redirect(request, assessment)
        elif action == "override":
            override_form = OverrideForm(request.POST, orgs=page.orgs, indicators=indicator_choices, prefix="override")
            if override_form.is_valid():
                data = override_form.cleaned_data
                target = selectors.manual_org_get(user=request.user, assessment=assessment, pk=data["org"])
                try:
                    services.manual_score_enter(
                        user=request.user,
                        assessment=assessment,
                        org=target,
                        indicator=data["indicator"],
                        value=data["value"],
                        reason=data["reason"],
                    )
                except ValidationError as exc:
                    add_service_errors(override_form, exc)
                else:
                    messages.success(request, _("已保存调整：%(org)s") % {"org": target.name})
                    return _manual_redirect(request, assessment)
        else:
            raise Http404
        status = 400
    context: dict[str, Any] = {
        "assessment": assessment,
        "campaign": assessment.campaign,
        "page": page,
        "rows": [(row, forms[row.key]) for row in page.manual],
        "override_form": override_form,
        "frozen": frozen,
        "org": org,
        "org_choices": selectors.card_orgs(user=request.user, campaign=assessment.campaign),
    }
    return render(request, "assessment/manual.html", context, status=status)


@member_data_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.assessment_get_visible(user=request.user, pk=pk)
    _require_officer(request)
    if assessment.status == Assessment.Status.PUBLISHED:
        messages.info(request, _("该考评已发布，结果已冻结。"))
        return redirect("assessment:detail", pk=assessment.pk)
    if request.method == "POST":
        try:
            services.assessment_publish(user=request.user, assessment=assessment)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("已发布：考评结果已冻结，之后修改任何记录都不会改变本次结果。"))
        return redirect("assessment:detail", pk=assessment.pk)
    context = {
        "assessment": assessment,
        "campaign": assessment.campaign,
        "manual_count": assessment.manual.count(),
    }
    return render(request, "assessment/publish_confirm.html", context)
