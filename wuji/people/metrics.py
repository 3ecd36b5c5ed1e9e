"""Metrics of 基本队伍 (seed §三㈡) for the standard engine.

Each function measures a whole list of orgs for a period in a fixed number of
queries and returns, per org id, the value and the records behind it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from django.db.models import Exists, OuterRef, Q, QuerySet

from wuji.orgs.choices import Category
from wuji.orgs.metrics import outermost, under_paths
from wuji.orgs.models import Organization, active_orgs_q
from wuji.people.choices import CHAIR_TITLES, Pool, Stage, Title, TrainingKind
from wuji.people.models import MembershipStage, PoolEntry, Position, Training
from wuji.standards.registry import AGGREGATE, Measured, Period, metric, org_ids

VILLAGE_LEVEL = [Category.VILLAGE, Category.COMMUNITY]


def _ids(orgs: Sequence[Any]) -> list[int]:
    return [o.pk for o in orgs]


def _held_on(day: Any) -> Q:
    return Q(started_on__lte=day) & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))


class _Held(NamedTuple):
    """A post held on the day, with what the metrics read of it (plain values: no model rows, nothing decrypted)."""

    pk: int
    org_id: int
    title: str
    person_id: int
    gender: str


def _positions(ids: list[int] | QuerySet[Any], day: Any) -> dict[int, list[_Held]]:
    by_org: dict[int, list[_Held]] = defaultdict(list)
    rows = Position.objects.filter(_held_on(day), org_id__in=ids).values_list(
        "pk", "org_id", "title", "person_id", "person__gender"
    )
    for row in rows:
        held = _Held(*row)
        by_org[held.org_id].append(held)
    return by_org


def _dual(positions: list[_Held]) -> tuple[bool, list[int]]:
    secretary = next((p for p in positions if p.title == Title.SECRETARY), None)
    chair = next((p for p in positions if p.title in CHAIR_TITLES), None)
    if secretary and chair and secretary.person_id == chair.person_id:
        return True, [secretary.pk, chair.pk]
    return False, [p.pk for p in (secretary, chair) if p]


@metric("people.secretary_in_post", label="书记在岗", unit="")
def secretary_in_post(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    held = _positions(org_ids(orgs), period.end)
    result = {}
    for org_id in _ids(orgs):
        secretary = [p for p in held[org_id] if p.title == Title.SECRETARY]
        result[org_id] = Measured(Decimal(1 if secretary else 0), [("people.position", p.pk) for p in secretary])
    return result


@metric("people.dual_role", label="书记、主任“一肩挑”", unit="")
def dual_role(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    held = _positions(org_ids(orgs), period.end)
    result = {}
    for org_id in _ids(orgs):
        is_dual, pks = _dual(held[org_id])
        result[org_id] = Measured(Decimal(1 if is_dual else 0), [("people.position", pk) for pk in pks])
    return result


@metric("people.dual_role_share", label="“一肩挑”村占比", unit="%", level=AGGREGATE)
def dual_role_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """For each node, the share of village branches below it whose secretary chairs the village committee."""
    paths = {o.pk: o.path for o in orgs}
    q = Q()
    for path in outermost(paths.values()):
        q |= Q(path__startswith=path)
    villages = list(
        Organization.objects.filter(q, category=Category.VILLAGE).filter(active_orgs_q(period.end)).only("pk", "path")
    )
    held = _positions([v.pk for v in villages], period.end)
    is_dual = {v.pk: _dual(held[v.pk])[0] for v in villages}
    below = under_paths(villages, lambda v: v.path)
    result = {}
    for org_id, path in paths.items():
        mine = below.get(path, [])
        dual = [v for v in mine if is_dual[v.pk]]
        value = Decimal(100) * len(dual) / len(mine) if mine else None
        result[org_id] = Measured(
            value.quantize(Decimal("0.1")) if value is not None else None,
            [("orgs.organization", v.pk) for v in dual],
            note=f"{len(dual)}/{len(mine)}个村",
        )
    return result


@metric("people.female_cadres", label="女干部", unit="名")
def female_cadres(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    held = _positions(org_ids(orgs), period.end)
    result = {}
    for org_id in _ids(orgs):
        women = [p for p in held[org_id] if p.gender == "F"]
        people = {p.person_id for p in women}
        result[org_id] = Measured(Decimal(len(people)), [("people.position", p.pk) for p in women])
    return result


def _pool(orgs: Sequence[Any], period: Period, pool: str) -> dict[int, Measured]:
    entries: dict[int, list[tuple[int, int]]] = defaultdict(list)  # org → [(entry, person)]
    active = Q(entered_on__lte=period.end) & (Q(exited_on__isnull=True) | Q(exited_on__gt=period.end))
    rows = PoolEntry.objects.filter(active, org_id__in=org_ids(orgs), pool=pool).values_list(
        "pk", "org_id", "person_id"
    )
    for pk, org_id, person_id in rows:
        entries[org_id].append((pk, person_id))
    return {
        org_id: Measured(
            Decimal(len({person for _, person in entries[org_id]})),
            [("people.poolentry", pk) for pk, _ in entries[org_id]],
        )
        for org_id in _ids(orgs)
    }


@metric("people.reserve_cadres", label="后备干部", unit="名")
def reserve_cadres(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    return _pool(orgs, period, Pool.RESERVE_CADRE)


@metric("people.practical_talents", label="农村实用人才", unit="名")
def practical_talents(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    return _pool(orgs, period, Pool.PRACTICAL_TALENT)


def _count_stages(orgs: Sequence[Any], rows: Any) -> dict[int, Measured]:
    by_org: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for pk, org_id, person_id in rows.values_list("pk", "org_id", "person_id"):
        by_org[org_id].append((pk, person_id))
    return {
        org_id: Measured(
            Decimal(len({p for _, p in by_org[org_id]})), [("people.membershipstage", pk) for pk, _ in by_org[org_id]]
        )
        for org_id in _ids(orgs)
    }


@metric("people.activists", label="入党积极分子", unit="名")
def activists(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Activists on the last day of the period (not yet moved on to candidate)."""
    moved_on = MembershipStage.objects.filter(
        person=OuterRef("person"),
        stage__in=[Stage.CANDIDATE, Stage.PROBATIONARY, Stage.FULL],
        started_on__lte=period.end,
    )
    rows = MembershipStage.objects.filter(org_id__in=org_ids(orgs), stage=Stage.ACTIVIST, started_on__lte=period.end)
    return _count_stages(orgs, rows.filter(~Exists(moved_on)))


@metric("people.new_members", label="发展党员", unit="名")
def new_members(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    """Members admitted (预备党员) by the org within the period."""
    rows = MembershipStage.objects.filter(
        org_id__in=org_ids(orgs), stage=Stage.PROBATIONARY, started_on__gte=period.start, started_on__lte=period.end
    )
    return _count_stages(orgs, rows)


@metric("people.cadres_trained_share", label="村（居）干部参训率", unit="%")
def cadres_trained_share(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    held = _positions(org_ids(orgs), period.end)
    # The cadres as a subquery, not a list of ids: 10,000 orgs have some 28,000 (SQLite takes 32,766 parameters).
    cadres_held = Position.objects.filter(_held_on(period.end), org_id__in=org_ids(orgs)).values("person_id")
    trainings: dict[int, list[int]] = defaultdict(list)
    for pk, person_id in Training.objects.filter(
        person_id__in=cadres_held, started_on__gte=period.start, started_on__lte=period.end
    ).values_list("pk", "person_id"):
        trainings[person_id].append(pk)
    result = {}
    for org_id in _ids(orgs):
        cadres = {p.person_id for p in held[org_id]}
        trained = {c for c in cadres if trainings.get(c)}
        value = (Decimal(100) * len(trained) / len(cadres)).quantize(Decimal("0.1")) if cadres else None
        records = [("people.training", pk) for c in trained for pk in trainings[c]]
        result[org_id] = Measured(value, records, note=f"{len(trained)}/{len(cadres)}名干部")
    return result


@metric("people.study_trips", label="外出考察学习", unit="人次")
def study_trips(orgs: Sequence[Any], period: Period, params: dict[str, Any]) -> dict[int, Measured]:
    trips: dict[int, list[int]] = defaultdict(list)
    for pk, org_id in Training.objects.filter(
        person__org_id__in=org_ids(orgs),
        kind=TrainingKind.STUDY_TRIP,
        started_on__gte=period.start,
        started_on__lte=period.end,
    ).values_list("pk", "person__org_id"):
        trips[org_id].append(pk)
    return {
        org_id: Measured(Decimal(len(trips[org_id])), [("people.training", pk) for pk in trips[org_id]])
        for org_id in _ids(orgs)
    }
