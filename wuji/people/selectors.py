"""Reads about people, always scoped to what the user may see."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from wuji.core.rules_dates import years_before
from wuji.core.scoping import scope
from wuji.orgs.models import Organization
from wuji.people.choices import CHAIR_TITLES, Pool, Stage, Title, TrainingKind
from wuji.people.models import MembershipStage, Person, PoolEntry, Position, Training

LATER_THAN_ACTIVIST = [Stage.CANDIDATE, Stage.PROBATIONARY, Stage.FULL]


def current_stage_subquery(day: dt.date | None = None) -> Subquery:
    stages = MembershipStage.objects.filter(person=OuterRef("pk"))
    if day is not None:
        stages = stages.filter(started_on__lte=day)
    return Subquery(stages.order_by("-started_on", "-id").values("stage")[:1])


def person_list_visible(*, user: Any) -> QuerySet[Person]:
    """People the user may see, with what a list row shows, in a fixed number of queries."""
    return (
        scope(Person.objects.all(), user)
        .select_related("org")
        .prefetch_related("sources")
        .annotate(current_stage=current_stage_subquery())
    )


def person_get_visible(*, user: Any, pk: int) -> Person:
    """The person, or 404 when they are outside the user's scope (never a hint they exist)."""
    queryset = scope(Person.objects.select_related("org"), user).annotate(current_stage=current_stage_subquery())
    return get_object_or_404(queryset, pk=pk)


def person_history(person: Person) -> dict[str, Any]:
    """Everything a person page shows, oldest first where order matters."""
    return {
        "stages": list(person.stages.select_related("org").order_by("started_on", "id")),
        "positions": list(person.positions.select_related("org").order_by("-started_on")),
        "pool_entries": list(person.pool_entries.select_related("org").order_by("-entered_on")),
        "trainings": list(person.trainings.order_by("-started_on")),
        "sources": list(person.sources.all()),
    }


def position_get_visible(*, user: Any, pk: int) -> Position:
    return get_object_or_404(scope(Position.objects.select_related("person", "org"), user), pk=pk)


def pool_entry_get_visible(*, user: Any, pk: int) -> PoolEntry:
    return get_object_or_404(scope(PoolEntry.objects.select_related("person", "org"), user), pk=pk)


def training_get_visible(*, user: Any, pk: int) -> Training:
    return get_object_or_404(
        scope(Training.objects.select_related("person", "person__org"), user, via="person__org"), pk=pk
    )


@dataclass
class TeamSummary:
    """The 基本队伍 facts of one org on one day (what the targets of seed §三㈡ ask about)."""

    org_id: int
    secretary: Position | None = None
    chair: Position | None = None
    cadres: list[Position] = field(default_factory=list)
    female_cadres: int = 0
    reserve_cadres: int = 0
    practical_talents: int = 0
    activists: int = 0
    members: int = 0
    new_members_12m: int = 0
    cadres_trained_12m: int = 0
    study_trip_people_12m: int = 0
    secretary_vacant_since: dt.date | None = None

    @property
    def dual_role(self) -> bool:
        """一肩挑: the branch secretary also chairs the village committee (derived, never typed)."""
        return bool(self.secretary and self.chair and self.secretary.person_id == self.chair.person_id)

    @property
    def cadre_count(self) -> int:
        return len({p.person_id for p in self.cadres})


def team_summaries(orgs: Iterable[Organization], day: dt.date) -> dict[int, TeamSummary]:
    """TeamSummary for every org at once, in a fixed number of queries whatever their count."""
    org_ids = [o.pk for o in orgs]
    result = {pk: TeamSummary(org_id=pk) for pk in org_ids}
    if not org_ids:
        return result
    # Yearly targets are judged over the twelve months up to `day` (a rolling year).
    window_start = years_before(day, 1) + dt.timedelta(days=1)

    positions = (
        Position.objects.filter(org_id__in=org_ids, started_on__lte=day)
        .exclude(ended_on__lte=day)
        .select_related("person", "org")
        .order_by("org_id", "title", "started_on")
    )
    cadre_people: dict[int, set[int]] = defaultdict(set)
    female: dict[int, set[int]] = defaultdict(set)
    for position in positions:
        summary = result[position.org_id]
        summary.cadres.append(position)
        cadre_people[position.org_id].add(position.person_id)
        if position.person.gender == "F":
            female[position.org_id].add(position.person_id)
        if position.title == Title.SECRETARY:
            summary.secretary = position
        elif position.title in CHAIR_TITLES:
            summary.chair = position
    rank = {title: i for i, title in enumerate(Title.values)}
    for summary in result.values():
        summary.cadres.sort(key=lambda p: (rank.get(p.title, 99), p.started_on))
    for org_id, people in female.items():
        result[org_id].female_cadres = len(people)

    # When did the secretary post fall vacant (for the early warning)?
    vacant_ids = [pk for pk, s in result.items() if s.secretary is None]
    if vacant_ids:
        ended = Position.objects.filter(org_id__in=vacant_ids, title=Title.SECRETARY, ended_on__lte=day).values_list(
            "org_id", "ended_on"
        )
        for org_id, ended_on in ended:
            if ended_on is None:
                continue
            current = result[org_id].secretary_vacant_since
            if current is None or ended_on > current:
                result[org_id].secretary_vacant_since = ended_on

    pools = (
        PoolEntry.objects.filter(org_id__in=org_ids, entered_on__lte=day)
        .exclude(exited_on__lte=day)
        .values("org_id", "pool")
        .annotate(n=Count("person", distinct=True))
    )
    for pool_row in pools:
        if pool_row["pool"] == Pool.RESERVE_CADRE:
            result[pool_row["org_id"]].reserve_cadres = pool_row["n"]
        elif pool_row["pool"] == Pool.PRACTICAL_TALENT:
            result[pool_row["org_id"]].practical_talents = pool_row["n"]

    moved_on = MembershipStage.objects.filter(
        person=OuterRef("person"), stage__in=LATER_THAN_ACTIVIST, started_on__lte=day
    )
    activists = (
        MembershipStage.objects.filter(org_id__in=org_ids, stage=Stage.ACTIVIST, started_on__lte=day)
        .filter(~Exists(moved_on))
        .values("org_id")
        .annotate(n=Count("person", distinct=True))
    )
    for activist_row in activists:
        result[activist_row["org_id"]].activists = activist_row["n"]

    new_members = (
        MembershipStage.objects.filter(
            org_id__in=org_ids, stage=Stage.PROBATIONARY, started_on__gte=window_start, started_on__lte=day
        )
        .values("org_id")
        .annotate(n=Count("person", distinct=True))
    )
    for new_row in new_members:
        result[new_row["org_id"]].new_members_12m = new_row["n"]

    members = (
        MembershipStage.objects.filter(
            person__org_id__in=org_ids, stage__in=[Stage.PROBATIONARY, Stage.FULL], started_on__lte=day
        )
        .values("person__org_id")
        .annotate(n=Count("person", distinct=True))
    )
    for member_row in members:
        result[member_row["person__org_id"]].members = member_row["n"]

    all_cadres = {pid for people in cadre_people.values() for pid in people}
    trained = set(
        Training.objects.filter(
            person_id__in=all_cadres, started_on__gte=window_start, started_on__lte=day
        ).values_list("person_id", flat=True)
    )
    for org_id, people in cadre_people.items():
        result[org_id].cadres_trained_12m = len(people & trained)

    trips = (
        Training.objects.filter(
            person__org_id__in=org_ids, kind=TrainingKind.STUDY_TRIP, started_on__gte=window_start, started_on__lte=day
        )
        .values("person__org_id")
        .annotate(n=Count("person", distinct=True))
    )
    for trip_row in trips:
        result[trip_row["person__org_id"]].study_trip_people_12m = trip_row["n"]
    return result


def stage_counts(people: QuerySet[Person]) -> Counter[str]:
    """How many of `people` are at each current stage ('' for 群众)."""
    return Counter(people.values_list("current_stage", flat=True))  # type: ignore[misc]
