"""Assessments: compute a draft live, enter manual scores, publish (freeze) the results."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wuji.assessment import engine
from wuji.assessment.models import AggregateResult, Assessment, ManualScore, OrgResult
from wuji.campaigns.models import Campaign
from wuji.core.scoping import org_in_scope
from wuji.core.services import save_validated, service
from wuji.orgs.models import Organization
from wuji.standards import loader, registry


def assessment_run(assessment: Assessment, *, org: Organization | None = None) -> engine.Run:
    """The live computation of a draft (a published assessment reads its stored results instead).

    With `org`, only that org (and any below it) is computed: its card, without township ranks.
    """
    entries = ManualScore.objects.filter(assessment=assessment)
    if org is not None:
        entries = entries.filter(org__path__startswith=org.path)
    manual = {(m.org_id, m.indicator): engine.Manual(m.value, m.reason) for m in entries}
    return engine.run(
        document=assessment.campaign.standard.document,
        scope=org or assessment.campaign.scope,
        period_start=assessment.period_start,
        as_of=assessment.as_of,
        manual=manual,
    )


def campaign_run(campaign: Campaign, *, as_of: dt.date | None = None, org: Organization | None = None) -> engine.Run:
    """A live self-assessment of the campaign as of a day (nothing stored); with `org`, that org's card only."""
    day = as_of or min(timezone.localdate(), campaign.ends_on)
    return engine.run(
        document=campaign.standard.document,
        scope=org or campaign.scope,
        period_start=dt.date(campaign.year, 1, 1),
        as_of=day,
    )


def _require_role(user: Any, roles: set[str], org: Organization) -> None:
    if getattr(user, "role", None) not in roles or not org_in_scope(user, org):
        raise PermissionDenied("您无权进行该考评操作")


@service
def assessment_create(*, user: Any, campaign: Campaign, kind: str, as_of: dt.date) -> Assessment:
    _require_role(user, {"officer"}, campaign.scope)
    if not campaign.starts_on.year <= as_of.year <= campaign.ends_on.year:
        raise ValidationError({"as_of": "考评截止日期应在方案年度内"})
    from wuji.campaigns.services import assessment_gate  # the phases gate what can be done (seed §四)

    assessment_gate(campaign=campaign, kind=kind, as_of=as_of)
    assessment = Assessment(campaign=campaign, kind=kind, period_start=dt.date(campaign.year, 1, 1), as_of=as_of)
    save_validated(assessment)
    return assessment


@service
def manual_score_enter(
    *, user: Any, assessment: Assessment, org: Organization, indicator: str, value: Decimal, reason: str
) -> ManualScore:
    """An inspector scores a manual indicator, or overrides a computed value (the computed one is kept)."""
    _require_role(user, {"inspector", "officer"}, org)
    if assessment.status == Assessment.Status.PUBLISHED:
        raise ValidationError("考评已发布，结果不可更改")
    specs = {s.code: s for s in loader.indicators(assessment.campaign.standard.document)}
    spec = specs.get(indicator)
    if not org.path.startswith(assessment.campaign.scope.path):
        raise ValidationError({"org": f"{org.name}不在本次考评的范围内"})
    # An aggregate (township) figure is never entered per org: the engine would silently ignore it.
    if spec is None or org.category not in spec.categories or spec.level != registry.PER_ORG:
        raise ValidationError({"indicator": f"指标“{indicator}”不适用于{org.name}"})
    if value < 0:
        raise ValidationError({"value": "数值不能为负"})
    if not reason.strip():
        raise ValidationError({"reason": "请填写评定或调整的理由"})
    if spec.kind == "manual" and not Decimal(0) <= value <= spec.rule.points:
        raise ValidationError({"value": f"该项得分应在0至{spec.rule.points}分之间"})
    if spec.kind == "checklist" and not Decimal(0) <= value <= Decimal(1):
        raise ValidationError({"value": "清单完成比例应在0至1之间"})
    entry, _ = ManualScore.objects.update_or_create(
        assessment=assessment,
        org=org,
        indicator=indicator,
        defaults={"value": value, "reason": reason.strip(), "entered_by": user},
    )
    return entry


def content_hash(document: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(document, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@service
def assessment_publish(*, user: Any, assessment: Assessment) -> Assessment:
    """Freeze the results: stored with a content hash; no later edit of any record changes them."""
    _require_role(user, {"officer"}, assessment.campaign.scope)
    if assessment.status == Assessment.Status.PUBLISHED:
        raise ValidationError("该考评已发布")
    result = assessment_run(assessment)
    OrgResult.objects.bulk_create(
        [
            OrgResult(
                assessment=assessment,
                org_id=c.org_id,
                rubric=c.rubric,
                score=c.score,
                max_score=c.max_score,
                grade=c.grade,
                rank=c.rank,
                category_rank=c.category_rank,
                indicators=engine.card_json(c),
            )
            for c in result.cards
        ]
    )
    AggregateResult.objects.bulk_create(
        [
            AggregateResult(
                assessment=assessment,
                org_id=a.org_id,
                indicator=a.indicator.code,
                result=engine.card_json(
                    engine.OrgCard(a.org_id, a.code, a.name, "", "", Decimal(0), Decimal(0), "", [a.indicator])
                )[0],
            )
            for a in result.aggregates
        ]
    )
    assessment.status = Assessment.Status.PUBLISHED
    assessment.published_at = timezone.now()
    assessment.content_sha256 = content_hash(engine.as_document(result, campaign=assessment.campaign.code))
    save_validated(assessment)
    # A gap an earlier assessment closed but this one still finds reopens its 整改 item.
    from wuji.assessment.rectification import rectifications_recheck

    rectifications_recheck(assessment)
    return assessment


def published_document(assessment: Assessment) -> dict[str, Any]:
    """The `assess --json` document rebuilt from the frozen rows of a published assessment."""
    results = OrgResult.objects.filter(assessment=assessment).select_related("org").order_by("rank", "org__code")
    campaign = assessment.campaign
    return {
        "campaign": campaign.code,
        "standard": campaign.standard.code,
        "version": campaign.standard.version,
        "as_of": assessment.as_of.isoformat(),
        "orgs": [
            {
                "code": r.org.code,
                "name": r.org.name,
                "category": r.org.category,
                "score": float(r.score),
                "max_score": float(r.max_score),
                "grade": r.grade,
                "rank": r.rank,
                "category_rank": r.category_rank,
                "indicators": [
                    {
                        "code": i["code"],
                        "value": float(i["value"]) if i["value"] is not None else None,
                        "target": i["target"],
                        "met": i["met"],
                        "points": float(i["points"]),
                        "max_points": float(i["max_points"]),
                    }
                    for i in r.indicators
                ],
            }
            for r in results
        ],
        "aggregates": [
            {
                "code": a.indicator,
                "scope": a.org.code,
                "value": float(a.result["value"]) if a.result["value"] is not None else None,
                "target": a.result["target"],
                "met": a.result["met"],
            }
            for a in AggregateResult.objects.filter(assessment=assessment).select_related("org").order_by("id")
        ],
    }
