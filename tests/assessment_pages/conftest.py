"""A small standard, a campaign over the test township, and records that give known scores.

pages_standard   the standard below, loaded from a file (as `load_standard` does)
campaign         its campaign over 测试乡党委 for 2021 (as of AS_OF)
scored           village_a: secretary + 3 reserve cadres (10 points);
                 village_b: secretary + 1 reserve cadre (“后备干部1名，少2名，扣4分”: 6 points);
                 organ_a:   secretary, one 民主生活会, no monthly study
draft            a draft final assessment of the campaign as of AS_OF
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.activities import services as activity_services
from wuji.activities.models import ActivityType
from wuji.assessment.models import Assessment
from wuji.assessment.services import assessment_create
from wuji.campaigns.models import Campaign
from wuji.campaigns.services import campaign_create
from wuji.orgs import services as org_services
from wuji.orgs.models import Organization
from wuji.people import services as people_services
from wuji.people.choices import Pool, Title
from wuji.people.models import Person, PoolEntry
from wuji.standards.loader import load
from wuji.standards.models import Standard

AS_OF = dt.date(2021, 10, 31)


def _indicator(code: str, name: str, categories: list[str], measure: dict[str, Any], **rest: Any) -> dict[str, Any]:
    return {"code": code, "name": name, "categories": categories, "seed": "三㈡3", "measure": measure, **rest}


STANDARD: dict[str, Any] = {
    "code": "pages",
    "name": "页面测试细则",
    "version": "1",
    "grades": [{"name": "优秀", "min": 90}, {"name": "合格", "min": 50}, {"name": "不合格", "min": 0}],
    "rubrics": [
        {"code": "village", "name": "村", "categories": ["village"], "total": 18},
        {"code": "organ", "name": "机关", "categories": ["organ"], "total": 17},
    ],
    "dimensions": [
        {
            "code": "team",
            "name": "基本队伍",
            "items": [
                {
                    "code": "t",
                    "name": "班子",
                    "indicators": [
                        _indicator(
                            "RES",
                            "后备干部",
                            ["village"],
                            {"metric": "people.reserve_cadres"},
                            target={">=": 3},
                            points=6,
                            scoring={"method": "deduct", "per_unit": 2},
                            effort="easy",
                        ),
                        _indicator(
                            "SEC",
                            "书记在岗",
                            ["village", "organ"],
                            {"metric": "people.secretary_in_post"},
                            target={">=": 1},
                            points=4,
                            scoring={"method": "all_or_nothing"},
                            effort="hard",
                        ),
                        _indicator(
                            "WEAK",
                            "软弱涣散（一票否决）",
                            ["village", "organ"],
                            {"metric": "orgs.weak_open"},
                            target={"<=": 0},
                            points=0,
                            scoring={"method": "veto", "grade": "合格"},
                        ),
                        _indicator(
                            "DUAL",
                            "一肩挑比例",
                            ["village"],
                            {"metric": "people.dual_role_share"},
                            level="aggregate",
                            target={">=": 90},
                            points=0,
                            scoring={"method": "all_or_nothing"},
                        ),
                    ],
                }
            ],
        },
        {
            "code": "activities",
            "name": "基本活动",
            "items": [
                {
                    "code": "a",
                    "name": "组织生活",
                    "indicators": [
                        _indicator(
                            "LIFE",
                            "民主生活会",
                            ["village", "organ"],
                            {"metric": "activities.count", "params": {"type": "democratic_life"}},
                            target={">=": 1},
                            points=3,
                            scoring={"method": "all_or_nothing"},
                            frequency="yearly",
                            effort="easy",
                        ),
                        _indicator(
                            "STUDY",
                            "每月集中学习",
                            ["organ"],
                            {"metric": "activities.months_missed", "params": {"type": "group_study"}},
                            target={"<=": 0},
                            points=5,
                            scoring={"method": "deduct", "per_unit": 1},
                            frequency="monthly",
                            effort="easy",
                        ),
                        _indicator(
                            "MAN",
                            "阵地保障",
                            ["village", "organ"],
                            {"manual": {"guide": "现场查看，好5分、一般3分、差0分"}},
                            points=5,
                            scoring={"method": "manual"},
                        ),
                    ],
                }
            ],
        },
    ],
}


def write_standard(tmp_path: Path, document: dict[str, Any] = STANDARD) -> Path:
    path = tmp_path / f"{document['code']}.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def pages_standard(db: None, tmp_path: Path) -> Standard:
    standard, _ = load(write_standard(tmp_path))
    return standard


def add_reserves(org: Organization, n: int, entered_on: dt.date = dt.date(2020, 1, 1)) -> list[PoolEntry]:
    builder = writer_for(org)
    return [
        people_services.pool_enter(
            user=builder, person=PersonFactory(org=org), org=org, pool=Pool.RESERVE_CADRE, entered_on=entered_on
        )
        for _ in range(n)
    ]


def add_secretary(org: Organization) -> Person:
    boss = make_full_member(org=org)
    people_services.position_assign(
        user=writer_for(org), person=boss, org=org, title=Title.SECRETARY, started_on=dt.date(2019, 1, 1)
    )
    return boss


def add_meeting(org: Organization, code: str, held_on: dt.date, present: Person) -> Any:
    return activity_services.activity_record(
        user=writer_for(org),
        org=org,
        type=ActivityType.objects.get(code=code),
        held_on=held_on,
        topic=f"{org.name}{held_on:%m}月会议",
        presence=[activity_services.Presence(present, True)],
        backfill_reason="线下召开，会后补录",
    )


def add_villages(township: Township, n: int) -> list[Organization]:
    """More villages, each with a secretary and a reserve cadre: for query counts that must not grow."""
    builder = writer_for(township.township)
    villages = []
    for i in range(n):
        village = org_services.org_create(
            user=builder, parent=township.township, name=f"新村{i}", code=f"T01N{i}", kind="branch", category="village"
        )
        add_secretary(village)
        add_reserves(village, 1)
        villages.append(village)
    return villages


@dataclass
class Scored:
    reserves_b: list[PoolEntry]
    life: Any


@pytest.fixture
def scored(township: Township) -> Scored:
    for village, reserves in ((township.village_a, 3), (township.village_b, 1)):
        add_secretary(village)
        entries = add_reserves(village, reserves)
    boss = add_secretary(township.organ_a)
    life = add_meeting(township.organ_a, "democratic_life", dt.date(2021, 3, 5), boss)
    return Scored(reserves_b=entries, life=life)


@pytest.fixture
def campaign(pages_standard: Standard, township: Township, officer: Any, scored: Scored) -> Campaign:
    return campaign_create(user=officer, code="pages-2021", scope=township.township, standard=pages_standard, year=2021)


@pytest.fixture
def draft(campaign: Campaign, officer: Any) -> Assessment:
    return assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=AS_OF)
