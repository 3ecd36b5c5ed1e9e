"""Metrics of 基本制度 (seed §三㈣) for the standard engine."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Q

from wuji.governance.choices import MatterStatus, RuleKind
from wuji.governance.models import ArchiveRecord, CollectiveAsset, Disclosure, FinanceArrangement, Matter, RuleDocument
from wuji.standards.registry import Measured, Period, metric, org_ids

LABELS = dict(RuleKind.choices)


def _ids(orgs: Sequence[Any]) -> list[int]:
    return [o.pk for o in orgs]


@metric("governance.rules_missing", label="缺少的制度", unit="项", params=("kinds",))
def rules_missing(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Required rule kinds (listed in the standard) not in force at the period's end."""
    required = list(params.get("kinds", []))
    day = period.end
    in_force: dict[int, dict[str, int]] = defaultdict(dict)
    for pk, org_id, kind in RuleDocument.objects.filter(
        Q(superseded_on__isnull=True) | Q(superseded_on__gt=day), org_id__in=org_ids(orgs), effective_on__lte=day
    ).values_list("pk", "org_id", "kind"):
        in_force[org_id][kind] = pk
    result = {}
    for org_id in _ids(orgs):
        missing = [k for k in required if k not in in_force[org_id]]
        note = "缺：" + "、".join(str(LABELS.get(k, k)) for k in missing) if missing else "制度齐全"
        result[org_id] = Measured(
            Decimal(len(missing)), [("governance.ruledocument", pk) for pk in in_force[org_id].values()], note=note
        )
    return result


@metric("governance.matters_completed", label="完整履行“五议五公开”的事项", unit="件")
def matters_completed(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in Matter.objects.filter(
        org_id__in=org_ids(orgs), status=MatterStatus.COMPLETED, closed_on__gte=period.start, closed_on__lte=period.end
    ).values_list("pk", "org_id"):
        by_org[org_id].append(pk)
    return {pk: Measured(Decimal(len(by_org[pk])), [("governance.matter", m) for m in by_org[pk]]) for pk in _ids(orgs)}


@metric("governance.disclosures", label="党务村务公开", unit="次")
def disclosures(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in Disclosure.objects.filter(
        org_id__in=org_ids(orgs), published=True, published_on__gte=period.start, published_on__lte=period.end
    ).values_list("pk", "org_id"):
        by_org[org_id].append(pk)
    return {
        pk: Measured(Decimal(len(by_org[pk])), [("governance.disclosure", d) for d in by_org[pk]]) for pk in _ids(orgs)
    }


@metric("governance.archive_files", label="当年归档案卷", unit="卷")
def archive_files(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Files catalogued for the previous year (a year is archived after it ends)."""
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in ArchiveRecord.objects.filter(
        org_id__in=org_ids(orgs), year__gte=period.end.year - 1, year__lte=period.end.year
    ).values_list("pk", "org_id"):
        by_org[org_id].append(pk)
    return {
        pk: Measured(Decimal(len(by_org[pk])), [("governance.archiverecord", r) for r in by_org[pk]])
        for pk in _ids(orgs)
    }


@metric("governance.assets_registered", label="登记在册的“三资”", unit="项")
def assets_registered(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    day = period.end
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in CollectiveAsset.objects.filter(
        Q(disposed_on__isnull=True) | Q(disposed_on__gt=day), org_id__in=org_ids(orgs), recorded_on__lte=day
    ).values_list("pk", "org_id"):
        by_org[org_id].append(pk)
    return {
        pk: Measured(Decimal(len(by_org[pk])), [("governance.collectiveasset", a) for a in by_org[pk]])
        for pk in _ids(orgs)
    }


@metric("governance.township_managed", label="实行村财乡管", unit="")
def township_managed(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    latest: dict[int, tuple[Any, int, bool]] = {}
    for pk, org_id, started_on, managed in FinanceArrangement.objects.filter(
        org_id__in=org_ids(orgs), started_on__lte=period.end
    ).values_list("pk", "org_id", "started_on", "township_managed"):
        if org_id not in latest or started_on > latest[org_id][0]:
            latest[org_id] = (started_on, pk, managed)
    result = {}
    for org_id in _ids(orgs):
        found = latest.get(org_id)
        result[org_id] = Measured(
            Decimal(1 if found and found[2] else 0), [("governance.financearrangement", found[1])] if found else []
        )
    return result


@metric("governance.performance_share", label="业绩登记覆盖率", unit="%")
def performance_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Share of the org's members with at least one 业绩登记 entry in the period."""
    from wuji.activities.metrics import _member_share
    from wuji.governance.models import PerformanceRecord

    rows = PerformanceRecord.objects.filter(
        org_id__in=org_ids(orgs), recorded_on__gte=period.start, recorded_on__lte=period.end
    )
    return _member_share(orgs, period, rows, "governance.performancerecord")
