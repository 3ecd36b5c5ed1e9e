"""Records of two villages, for page tests: what village A's secretary must never reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.orgs import services as org_services
from wuji.orgs.choices import MassOrgKind, UnitKind
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people import services as people_services
from wuji.people.choices import Pool, Stage, Title
from wuji.people.models import Person, PoolEntry, Position, Training


@dataclass
class VillageRecords:
    """One village's records of every kind a page can show."""

    org: Organization
    person: Person
    candidate: Person
    position: Position
    pool_entry: PoolEntry
    training: Training
    unit: Unit
    mass_org: MassOrganization
    weak_flag: WeakFlag


def make_village_records(org: Organization, area: Organization, *, name: str, born: dt.date) -> VillageRecords:
    officer = writer_for(org)
    person = make_full_member(org=org, name=name, full_on=dt.date(2001, 7, 1))
    candidate = PersonFactory(org=org, name=f"{name}积极", birth_date=born)
    people_services.stage_record(user=officer, person=candidate, stage=Stage.APPLICANT, started_on=dt.date(2020, 3, 1))
    position = people_services.position_assign(
        user=officer, person=person, org=org, title=Title.SECRETARY, started_on=dt.date(2018, 1, 10)
    )
    pool_entry = people_services.pool_enter(
        user=officer, person=candidate, org=org, pool=Pool.RESERVE_CADRE, entered_on=dt.date(2021, 1, 1)
    )
    training = people_services.training_record(
        user=officer, person=person, name=f"{name}培训", category="cadre", started_on=dt.date(2021, 5, 1)
    )
    unit = org_services.unit_save(
        user=officer,
        unit=Unit(name=f"{org.name[:2]}行政村", kind=UnitKind.ADMINISTRATIVE_VILLAGE, area=area, covered_by=org),
    )
    mass_org = org_services.mass_org_save(
        user=officer, mass_org=MassOrganization(unit=unit, kind=MassOrgKind.MILITIA, leader_name=f"{name}民兵")
    )
    weak_flag = org_services.weak_flag_save(
        user=officer,
        flag=WeakFlag(org=org, reason=f"{name}班子不团结", flagged_on=dt.date(2021, 3, 1), status="rectifying"),
    )
    return VillageRecords(org, person, candidate, position, pool_entry, training, unit, mass_org, weak_flag)


@pytest.fixture
def records_a(township: Township) -> VillageRecords:
    return make_village_records(township.village_a, township.township, name="甲书记", born=dt.date(1990, 5, 5))


@pytest.fixture
def records_b(township: Township) -> VillageRecords:
    return make_village_records(township.village_b, township.township, name="乙书记", born=dt.date(1991, 6, 6))


@pytest.fixture
def both(records_a: VillageRecords, records_b: VillageRecords) -> tuple[VillageRecords, VillageRecords]:
    return records_a, records_b
