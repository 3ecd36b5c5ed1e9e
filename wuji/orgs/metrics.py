"""Metrics of 基本组织 (seed §三㈠) for the standard engine: coverage, mass orgs, weak orgs."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from django.db.models import Q

from wuji.orgs.choices import EXPECTED_MASS_ORGS, WeakSource, WeakStatus
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.standards.registry import AGGREGATE, Measured, Period, metric

T = TypeVar("T")


def outermost(paths: Iterable[str]) -> list[str]:
    """The paths not below another of them: one `path__startswith` per subtree instead of one per node."""
    kept: list[str] = []
    for path in sorted(set(paths)):  # a descendant sorts right after its ancestor
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def under_paths(rows: Iterable[T], path_of: Callable[[T], str]) -> dict[str, list[T]]:
    """Each row under every ancestor path of its own (itself included), in the rows' order.

    `under_paths(rows, f)[org.path]` is `[r for r in rows if f(r).startswith(org.path)]` for every
    org path, in one pass over the rows instead of one pass per org.
    """
    step = Organization.steplen
    by_path: dict[str, list[T]] = defaultdict(list)
    for row in rows:
        path = path_of(row)
        for end in range(step, len(path) + 1, step):
            by_path[path[:end]].append(row)
    return by_path


@metric("orgs.coverage_share", label="党组织覆盖率", unit="%", level=AGGREGATE)
def coverage_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Units in a committee's area (existing at the period's end) covered by an org that existed then."""
    day = period.end
    q = Q()
    for path in outermost(org.path for org in orgs):
        q |= Q(area__path__startswith=path)
    units = list(
        Unit.objects.filter(q)
        .filter(Q(established_on__isnull=True) | Q(established_on__lte=day))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
        .select_related("area", "covered_by")
    )
    below = under_paths(units, lambda u: u.area.path)
    result = {}
    for org in orgs:
        mine = below.get(org.path, [])
        covered = [u for u in mine if u.covered_by is not None and u.covered_by.active_on(day)]
        covered_ids = {u.pk for u in covered}
        uncovered = [u for u in mine if u.pk not in covered_ids]
        value = (Decimal(100) * len(covered) / len(mine)).quantize(Decimal("0.1")) if mine else None
        note = "未覆盖：" + "、".join(u.name for u in uncovered) if uncovered else f"{len(covered)}/{len(mine)}个单位"
        result[org.pk] = Measured(value, [("orgs.unit", u.pk) for u in uncovered or covered], note=note)
    return result


@metric("orgs.mass_orgs_missing", label="缺少群团组织", unit="个")
def mass_orgs_missing(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    day = period.end
    units = list(Unit.objects.filter(covered_by__in=orgs).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day)))
    present: dict[int, set[str]] = defaultdict(set)
    for unit_id, kind in (
        MassOrganization.objects.filter(unit__covered_by__in=orgs)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=day))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=day))
        .values_list("unit_id", "kind")
    ):
        present[unit_id].add(kind)
    missing: dict[int, int] = defaultdict(int)
    records: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for unit in units:
        lacking = [k for k in EXPECTED_MASS_ORGS.get(unit.kind, ()) if k not in present[unit.pk]]
        if lacking and unit.covered_by_id is not None:
            missing[unit.covered_by_id] += len(lacking)
            records[unit.covered_by_id].append(("orgs.unit", unit.pk))
    return {org.pk: Measured(Decimal(missing[org.pk]), records[org.pk]) for org in orgs}


@metric("orgs.weak_open", label="软弱涣散未转化", unit="个")
def weak_open(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Confirmed weak-and-lax findings still open at the period's end (an unreviewed warning does not count)."""
    day = period.end
    confirmed = Q(source=WeakSource.REVIEW) | Q(status=WeakStatus.RECTIFYING)
    flags = (
        WeakFlag.objects.filter(confirmed, org__in=orgs, flagged_on__lte=day)
        .exclude(status=WeakStatus.DISMISSED)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
    )
    by_org: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in flags.values_list("pk", "org_id"):
        by_org[org_id].append(pk)
    return {
        org.pk: Measured(Decimal(len(by_org[org.pk])), [("orgs.weakflag", pk) for pk in by_org[org.pk]]) for org in orgs
    }
