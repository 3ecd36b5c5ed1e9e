"""The document pages (thin): which .docx a user may download for a campaign, and the downloads.

Who gets what: an officer or inspector every document of a campaign over their township (书面总结,
实施方案, each published assessment's 排名通报 and every branch's 整改通知书); a branch secretary
only their own branch's 整改通知书 (another branch's: 404; the township's documents: 403); auditor and
sysadmin: 403. Every download is an export in the audit trail.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils.translation import gettext as _

from wuji.assessment import selectors as assessment_selectors
from wuji.assessment.models import Assessment, Rectification
from wuji.assessment.rectification import UNCLOSED
from wuji.audit.events import record_event
from wuji.campaigns.models import Campaign
from wuji.core.asof import as_of
from wuji.core.scoping import org_in_scope, scope
from wuji.core.viewkit import member_data_required
from wuji.orgs.models import Organization
from wuji.orgs.selectors import org_get_visible
from wuji.reports import documents

TOWNSHIP_READERS = frozenset({"officer", "inspector"})
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _role(request: HttpRequest) -> str:
    return getattr(request.user, "role", "") or ""


def _require_township_reader(request: HttpRequest) -> None:
    if _role(request) not in TOWNSHIP_READERS:
        raise PermissionDenied(_("该文书由组织委员和考评组下载；支部书记可下载本支部的整改通知书。"))


def _campaign(request: HttpRequest, code: str) -> Campaign:
    campaign = assessment_selectors.campaign_list_visible(user=request.user).filter(code=code).first()
    if campaign is None:
        raise Http404(_("找不到该工作方案"))
    return campaign


def _require_whole_scope(request: HttpRequest, campaign: Campaign) -> None:
    """A ranking or summary names every org of the campaign: a county's is not for a township's readers."""
    if not org_in_scope(request.user, campaign.scope):
        raise PermissionDenied(_("该文书涵盖您管辖范围以外的党组织，请向工作方案的制定单位索取。"))


def _published(request: HttpRequest, pk: int) -> Assessment:
    assessment = assessment_selectors.assessment_get_visible(user=request.user, pk=pk)
    if assessment.status != Assessment.Status.PUBLISHED:
        raise Http404(_("考评尚未发布"))
    return assessment


def _download(request: HttpRequest, data: bytes, filename: str, obj: Any, label: str) -> FileResponse:
    record_event(action="export", actor=request.user, request=request, obj=obj, object_repr=label)
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=filename, content_type=DOCX)


@dataclass
class NoticeRow:
    org: Organization
    items: int


@dataclass
class AssessmentRow:
    assessment: Assessment
    notices: list[NoticeRow]


def _assessment_rows(request: HttpRequest, campaign: Campaign) -> list[AssessmentRow]:
    """Published assessments of the campaign, each with the orgs in the user's scope that have open items."""
    published = list(
        assessment_selectors.assessment_list_visible(user=request.user).filter(
            campaign=campaign, status=Assessment.Status.PUBLISHED
        )
    )
    counts = (
        scope(Rectification.objects.filter(assessment__in=published, status__in=UNCLOSED), request.user)
        .values("assessment_id", "org_id")
        .annotate(n=Count("pk"))
    )
    by_assessment: dict[int, dict[int, int]] = {}
    for row in counts:
        by_assessment.setdefault(row["assessment_id"], {})[row["org_id"]] = row["n"]
    org_ids = {org_id for per in by_assessment.values() for org_id in per}
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=org_ids).order_by("path")}
    rows = []
    for assessment in published:
        per = by_assessment.get(assessment.pk, {})
        notices = [NoticeRow(orgs[pk], n) for pk, n in sorted(per.items(), key=lambda x: orgs[x[0]].path)]
        rows.append(AssessmentRow(assessment, notices))
    return rows


@member_data_required
def index(request: HttpRequest) -> HttpResponse:
    """/reports/documents/: the documents of a campaign the user may download (?campaign=<code>)."""
    campaigns = list(assessment_selectors.campaign_list_visible(user=request.user))
    code = request.GET.get("campaign", "")
    campaign = next((c for c in campaigns if c.code == code), None) if code else None
    if campaign is None:
        campaign = assessment_selectors.current_campaign_for(user=request.user)
    township = _role(request) in TOWNSHIP_READERS
    context: dict[str, Any] = {"campaigns": campaigns, "campaign": campaign, "township": township}
    if campaign is not None:
        context["whole_scope"] = org_in_scope(request.user, campaign.scope)
        context["day"] = assessment_selectors.campaign_day(campaign, as_of(request))
        context["assessments"] = _assessment_rows(request, campaign)
    return render(request, "reports/documents.html", context)


@member_data_required
def summary_docx(request: HttpRequest, code: str) -> HttpResponseBase:
    _require_township_reader(request)
    campaign = _campaign(request, code)
    _require_whole_scope(request, campaign)
    day = assessment_selectors.campaign_day(campaign, as_of(request))
    data = documents.summary_docx(campaign, as_of=day)
    return _download(request, data, f"{campaign.code}-书面总结.docx", campaign, f"书面总结 {campaign.code} {day}")


@member_data_required
def ranking_docx(request: HttpRequest, pk: int) -> HttpResponseBase:
    _require_township_reader(request)
    assessment = _published(request, pk)
    _require_whole_scope(request, assessment.campaign)
    data = documents.ranking_docx(assessment)
    name = f"{assessment.campaign.code}-{assessment.as_of:%Y%m%d}-排名通报.docx"
    return _download(request, data, name, assessment, f"排名通报 {assessment}")


@member_data_required
def rectification_notice_docx(request: HttpRequest, pk: int, org_pk: int) -> HttpResponseBase:
    if _role(request) not in TOWNSHIP_READERS | {"secretary"}:
        raise PermissionDenied(_("您的角色不能下载整改通知书"))
    assessment = _published(request, pk)
    org = org_get_visible(user=request.user, pk=org_pk)
    in_campaign = Q(path__startswith=assessment.campaign.scope.path)
    if not Organization.objects.filter(in_campaign, pk=org.pk).exists():
        raise Http404(_("该党组织不在本次考评范围内"))
    data = documents.rectification_notice_docx(assessment, org)
    name = f"{org.name}-整改通知书-{assessment.as_of:%Y%m%d}.docx"
    return _download(request, data, name, assessment, f"整改通知书 {org.name} {assessment}")


@member_data_required
def implementation_plan_docx(request: HttpRequest, code: str) -> HttpResponseBase:
    _require_township_reader(request)
    campaign = _campaign(request, code)
    data = documents.implementation_plan_docx(campaign)
    return _download(request, data, f"{campaign.code}-实施方案.docx", campaign, f"实施方案 {campaign.code}")
