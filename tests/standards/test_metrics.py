"""The metrics of 基本组织 and 基本队伍 against small hand-computed fixtures, and their query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, Township, develop, make_full_member, writer_for
from wuji.orgs import services as org_services
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people import services as people_services
from wuji.people.choices import Pool, Title
from wuji.standards.registry import REGISTRY, Period

pytestmark = pytest.mark.django_db
YEAR = Period(dt.date(2021, 1, 1), dt.date(2021, 10, 31))


def measure(name: str, orgs: list[Organization], period: Period = YEAR) -> dict[int, Any]:
    return REGISTRY[name].fn(orgs, period, {})


def post(person: Any, org: Organization, title: str, start: dt.date, end: dt.date | None = None) -> Any:
    return people_services.position_assign(
        user=writer_for(org), person=person, org=org, title=title, started_on=start, ended_on=end
    )


@pytest.fixture
def village(township: Township) -> Organization:
    """甲村: secretary = chair (一肩挑), one woman on the committee, 2 reserve cadres (one left), 1 activist."""
    org = township.village_a
    boss = make_full_member(org=org, name="甲书记", gender="M")
    post(boss, org, Title.SECRETARY, dt.date(2018, 1, 1))
    post(boss, org, Title.VILLAGE_CHAIR, dt.date(2018, 3, 1))
    woman = PersonFactory(org=org, name="甲委员", gender="F")
    post(woman, org, Title.VILLAGE_MEMBER, dt.date(2018, 3, 1))
    retired = PersonFactory(org=org, name="甲退休", gender="F")
    post(retired, org, Title.VILLAGE_MEMBER, dt.date(2015, 3, 1), dt.date(2018, 3, 1))
    officer = writer_for(org)
    for i, exited in enumerate([None, None, dt.date(2021, 5, 1)]):
        person = PersonFactory(org=org, name=f"后备{i}")
        people_services.pool_enter(
            user=officer,
            person=person,
            org=org,
            pool=Pool.RESERVE_CADRE,
            entered_on=dt.date(2020, 1, 1),
            exited_on=exited,
        )
    develop(
        PersonFactory(org=org, name="积极分子", birth_date=dt.date(1995, 1, 1)),
        until="activist",
        applied_on=dt.date(2020, 10, 1),
    )
    develop(
        PersonFactory(org=org, name="新党员", birth_date=dt.date(1994, 1, 1)),
        until="probationary",
        applied_on=dt.date(2019, 9, 1),
    )  # admitted 2021-03-01
    people_services.training_record(
        user=officer, person=woman, name="村干部培训", category="cadre", started_on=dt.date(2021, 4, 1)
    )
    return org


def test_people_metrics_count_what_a_person_would(village: Organization, township: Township) -> None:
    orgs = [village, township.village_b]
    values = {
        name: measure(name, orgs)
        for name in REGISTRY
        if name.startswith("people.") and name != "people.dual_role_share"
    }
    a, b = village.pk, township.village_b.pk
    assert values["people.secretary_in_post"][a].value == 1 and values["people.secretary_in_post"][b].value == 0
    assert values["people.dual_role"][a].value == 1 and values["people.dual_role"][b].value == 0
    assert values["people.female_cadres"][a].value == 1  # the retired woman's term ended in 2018
    assert values["people.reserve_cadres"][a].value == 2  # one left the pool in May
    assert values["people.activists"][a].value == 1
    assert values["people.new_members"][a].value == 1
    assert values["people.cadres_trained_share"][a].value == Decimal("50.0")  # 1 of 2 sitting cadres
    assert values["people.cadres_trained_share"][b].value is None  # no cadres: nothing to judge
    assert len(values["people.reserve_cadres"][a].records) == 2
    assert all(model == "people.poolentry" for model, _ in values["people.reserve_cadres"][a].records)


def test_as_of_the_period_end(village: Organization) -> None:
    before_exit = Period(dt.date(2021, 1, 1), dt.date(2021, 4, 30))
    assert measure("people.reserve_cadres", [village], before_exit)[village.pk].value == 3


def test_dual_role_share_over_the_villages_below(village: Organization, township: Township) -> None:
    share = measure("people.dual_role_share", [township.township])[township.township.pk]
    assert share.value == Decimal("50.0") and share.note == "1/2个村"


def test_coverage_mass_orgs_and_weak_orgs(township: Township, officer: Any) -> None:
    area = township.township
    covered = org_services.unit_save(
        user=officer, unit=Unit(name="甲村", kind="administrative_village", area=area, covered_by=township.village_a)
    )
    org_services.unit_save(user=officer, unit=Unit(name="合作社", kind="cooperative", area=area))
    org_services.mass_org_save(user=officer, mass_org=MassOrganization(unit=covered, kind="militia"))
    coverage = measure("orgs.coverage_share", [area])[area.pk]
    assert coverage.value == Decimal("50.0") and "合作社" in coverage.note
    assert measure("orgs.mass_orgs_missing", [township.village_a])[township.village_a.pk].value == 2
    org_services.weak_flag_save(
        user=officer,
        flag=WeakFlag(org=township.village_a, reason="班子不团结", flagged_on=dt.date(2021, 2, 1), status="rectifying"),
    )
    org_services.weak_flag_save(
        user=officer,
        flag=WeakFlag(org=township.village_b, source="warning", reason="预警", flagged_on=dt.date(2021, 2, 1)),
    )
    weak = measure("orgs.weak_open", [township.village_a, township.village_b])
    assert weak[township.village_a.pk].value == 1
    assert weak[township.village_b.pk].value == 0  # an unreviewed warning is not a finding


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_query_count_does_not_grow_with_the_orgs(name: str, township: Township, village: Organization) -> None:
    aggregate = REGISTRY[name].level == "aggregate"

    def count(orgs: list[Organization]) -> int:
        with CaptureQueriesContext(connection) as ctx:
            measure(name, [township.township] if aggregate else orgs)
        return len(ctx.captured_queries)

    few = [township.village_a, township.village_b]
    before = count(few)
    builder = writer_for(township.township)
    many = few + [
        org_services.org_create(
            user=builder, parent=township.township, name=f"新村{i}", code=f"T01N{i}", kind="branch", category="village"
        )
        for i in range(6)
    ]
    for org in many[2:]:
        boss = make_full_member(org=org)
        post(boss, org, Title.SECRETARY, dt.date(2019, 1, 1))
        org_services.unit_save(
            user=builder,
            unit=Unit(name=org.name, kind="administrative_village", area=township.township, covered_by=org),
        )
    assert count(many) == before
