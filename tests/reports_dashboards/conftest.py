"""A campaign over the test township judged by the shipped five-basics standard, with a few records.

five_basics   the standard the project ships (standards/five-basics.yaml)
dash_campaign its 2021 campaign over 测试乡党委 (figures as of AS_OF)
scope_campaign the same over the small standard of tests/assessment_pages (fast: for scope tests)
dash_records  village_a: secretary (also 村委会主任: 一肩挑), 3 reserve cadres, a 民主生活会 in March;
              village_b: secretary, 1 reserve cadre; organ_a: secretary, 集中学习 in January and February
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings

from tests.assessment_pages.conftest import add_meeting, add_reserves, add_secretary, pages_standard  # noqa: F401
from tests.factories import Township, writer_for
from wuji.campaigns.models import Campaign
from wuji.campaigns.services import campaign_create
from wuji.people import services as people_services
from wuji.people.choices import Title
from wuji.standards.loader import load
from wuji.standards.models import Standard

AS_OF = dt.date(2021, 10, 31)


@pytest.fixture
def five_basics(db: None) -> Standard:
    standard, _ = load(django_settings.BASE_DIR / "standards" / "five-basics.yaml")
    return standard


@dataclass
class Records:
    life: Any
    studies: list[Any]


@pytest.fixture
def dash_records(township: Township) -> Records:
    boss = add_secretary(township.village_a)
    people_services.position_assign(
        user=writer_for(township.village_a),
        person=boss,
        org=township.village_a,
        title=Title.VILLAGE_CHAIR,
        started_on=dt.date(2019, 1, 1),
    )
    add_reserves(township.village_a, 3)
    life = add_meeting(township.village_a, "democratic_life", dt.date(2021, 3, 5), boss)
    add_secretary(township.village_b)
    add_reserves(township.village_b, 1)
    organ_boss = add_secretary(township.organ_a)
    studies = [add_meeting(township.organ_a, "group_study", dt.date(2021, m, 10), organ_boss) for m in (1, 2)]
    return Records(life, studies)


@pytest.fixture
def dash_campaign(
    five_basics: Standard, township: Township, officer: Any, dash_records: Records, settings: Any
) -> Campaign:
    settings.WUJI_DEFAULT_AS_OF = AS_OF
    return campaign_create(user=officer, code="dash-2021", scope=township.township, standard=five_basics, year=2021)


@pytest.fixture
def scope_campaign(
    pages_standard: Standard,  # noqa: F811  (the fixture of tests/assessment_pages)
    township: Township,
    officer: Any,
    dash_records: Records,
    settings: Any,
) -> Campaign:
    settings.WUJI_DEFAULT_AS_OF = AS_OF
    return campaign_create(user=officer, code="scope-2021", scope=township.township, standard=pages_standard, year=2021)
