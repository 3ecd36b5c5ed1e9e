"""Records of two villages as the API shows them, and clients that authenticate with a token.

world                            the test township, its personas and ApiRecords of 甲村 and 乙村, built
                                 once per module (rolled back at its end; each test rolls back its own changes)
api_records_a / api_records_b   ApiRecords of 甲村 / 乙村 on the function-scoped `township`
api_for(user)                    an APIClient sending `Authorization: Token <key>` for `user`
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
import yaml
from django.db import transaction
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PersonFactory, Township, UserFactory, build_township, make_full_member, writer_for
from wuji.accounts.choices import Role
from wuji.activities import services as activity_services
from wuji.activities.models import Activity, ActivityType
from wuji.assessment import rectification as rect
from wuji.assessment.models import Assessment, Rectification
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.campaigns.services import campaign_create
from wuji.governance import services as governance_services
from wuji.governance.models import Matter
from wuji.orgs.models import Organization
from wuji.people import services as people_services
from wuji.people.choices import Pool, Stage, Title
from wuji.people.models import Person, PoolEntry, Position, Training
from wuji.standards.loader import load
from wuji.support import services as support_services
from wuji.support.models import CollectiveIncome, Facility


@dataclass
class ApiRecords:
    """One village's rows, one of every kind the API lists."""

    org: Organization
    person: Person
    candidate: Person
    position: Position
    pool_entry: PoolEntry
    training: Training
    activity: Activity
    matter: Matter
    facility: Facility
    income: CollectiveIncome
    rectification: Rectification | None = None


def make_api_records(org: Organization, *, name: str, year: int = 2021) -> ApiRecords:
    officer = writer_for(org)
    person = make_full_member(org=org, name=name, full_on=dt.date(2001, 7, 1))
    candidate = PersonFactory(org=org, name=f"{name}积极")
    people_services.stage_record(user=officer, person=candidate, stage=Stage.APPLICANT, started_on=dt.date(2020, 3, 1))
    position = people_services.position_assign(
        user=officer, person=person, org=org, title=Title.MEMBER, started_on=dt.date(2018, 1, 10)
    )
    pool_entry = people_services.pool_enter(
        user=officer, person=candidate, org=org, pool=Pool.RESERVE_CADRE, entered_on=dt.date(2021, 1, 1)
    )
    training = people_services.training_record(
        user=officer, person=person, name=f"{name}培训", category="cadre", started_on=dt.date(2021, 5, 1)
    )
    activity = activity_services.activity_record(
        user=officer,
        org=org,
        type=ActivityType.objects.get(code="group_study"),
        held_on=timezone.localdate() - dt.timedelta(days=2),
        topic=f"{name}学习会",
        presence=[activity_services.Presence(person, True)],
    )
    matter = governance_services.matter_create(user=officer, org=org, title=f"{name}修路")
    facility = support_services.facility_save(
        user=officer, facility=Facility(org=org, kind="activity_room", name=f"{name}活动室")
    )
    income = support_services.income_save(
        user=officer, income=CollectiveIncome(org=org, year=year, total=Decimal("60000"), operating=Decimal("1000"))
    )
    return ApiRecords(org, person, candidate, position, pool_entry, training, activity, matter, facility, income)


@pytest.fixture
def api_records_a(township: Township) -> ApiRecords:
    return make_api_records(township.village_a, name="甲书记")


@pytest.fixture
def api_records_b(township: Township) -> ApiRecords:
    return make_api_records(township.village_b, name="乙书记")


@pytest.fixture
def api_for(db: None) -> Callable[[Any], APIClient]:
    def make(user: Any) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@dataclass
class World:
    township: Township
    officer: Any
    secretary_a: Any
    secretary_b: Any
    inspector: Any
    auditor: Any
    sysadmin: Any
    a: ApiRecords
    b: ApiRecords
    assessment: Assessment


def build_world(tmp_dir: Any) -> World:
    from tests.rectification.conftest import STANDARD

    township = build_township()
    officer = UserFactory(username="officer", role=Role.OFFICER, org=township.township)
    secretary_a = UserFactory(username="secretary_a", role=Role.SECRETARY, org=township.village_a)
    secretary_b = UserFactory(username="secretary_b", role=Role.SECRETARY, org=township.village_b)
    inspector = UserFactory(username="inspector", role=Role.INSPECTOR, org=township.township)
    auditor = UserFactory(username="auditor", role=Role.AUDITOR, org=None)
    sysadmin = UserFactory(username="sysadmin", role=Role.SYSADMIN, org=None)
    a = make_api_records(township.village_a, name="甲书记")
    b = make_api_records(township.village_b, name="乙书记")
    path = tmp_dir / "rect-mini.yaml"
    path.write_text(yaml.safe_dump(STANDARD, allow_unicode=True), encoding="utf-8")
    standard, _ = load(path)
    campaign = campaign_create(user=officer, code="api-2021", scope=township.township, standard=standard, year=2021)
    assessment = assessment_create(user=officer, campaign=campaign, kind="baseline", as_of=dt.date(2021, 6, 30))
    assessment = assessment_publish(user=officer, assessment=assessment)
    rect.rectifications_draft(user=officer, assessment=assessment)
    for records in (a, b):
        records.rectification = Rectification.objects.filter(assessment=assessment, org=records.org).first()
        assert records.rectification is not None
    return World(township, officer, secretary_a, secretary_b, inspector, auditor, sysadmin, a, b, assessment)


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Any:
    """Built once per module inside a transaction that is rolled back when the module is done."""
    with django_db_blocker.unblock():
        with transaction.atomic():
            yield build_world(tmp_path_factory.mktemp("api"))
            transaction.set_rollback(True)
