"""A small standard and the test township's 2010 campaign.

甲村 (village_a) has a secretary in post and 3 reserve cadres (meets both indicators);
乙村 (village_b) has neither: its baseline gaps are 后备干部 (easy) and 书记在岗 (hard).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.campaigns.models import Campaign
from wuji.campaigns.services import campaign_create
from wuji.people import services as people_services
from wuji.people.choices import Pool, Title
from wuji.standards.loader import load
from wuji.standards.models import Standard

STANDARD = {
    "code": "mini-campaign",
    "name": "小标准",
    "version": "1",
    "pass_grade": "合格",
    "grades": [{"name": "优秀", "min": 90}, {"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    "rubrics": [
        {"code": "village", "name": "村", "categories": ["village"], "total": 15},
        {"code": "organ", "name": "机关", "categories": ["organ"], "total": 5},
    ],
    "dimensions": [
        {
            "code": "team",
            "name": "基本队伍",
            "items": [
                {
                    "code": "t",
                    "name": "队伍",
                    "indicators": [
                        {
                            "code": "SEC",
                            "name": "书记在岗",
                            "categories": ["village", "organ"],
                            "seed": "三㈡1",
                            "measure": {"metric": "people.secretary_in_post"},
                            "target": {">=": 1},
                            "points": 5,
                            "scoring": {"method": "all_or_nothing"},
                            "effort": "hard",
                        },
                        {
                            "code": "RES",
                            "name": "后备干部",
                            "categories": ["village"],
                            "seed": "三㈡3",
                            "measure": {"metric": "people.reserve_cadres"},
                            "target": {">=": 3},
                            "points": 10,
                            "scoring": {"method": "deduct", "per_unit": 5},
                            "effort": "easy",
                        },
                    ],
                }
            ],
        },
    ],
}


@pytest.fixture
def standard(db: None, tmp_path: Path) -> Standard:
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(STANDARD, allow_unicode=True), encoding="utf-8")
    loaded, _ = load(path)
    return loaded


def add_reserves(org: Any, n: int, entered_on: dt.date = dt.date(2009, 1, 1)) -> None:
    builder = writer_for(org)
    for _ in range(n):
        people_services.pool_enter(
            user=builder, person=PersonFactory(org=org), org=org, pool=Pool.RESERVE_CADRE, entered_on=entered_on
        )


def add_secretary(org: Any, started_on: dt.date = dt.date(2008, 1, 1)) -> None:
    people_services.position_assign(
        user=writer_for(org), person=make_full_member(org=org), org=org, title=Title.SECRETARY, started_on=started_on
    )


@pytest.fixture
def campaign(township: Township, standard: Standard, officer: Any) -> Campaign:
    add_secretary(township.village_a)
    add_secretary(township.organ_a)
    add_reserves(township.village_a, 3)
    return campaign_create(user=officer, code="test-2010", scope=township.township, standard=standard, year=2010)


@pytest.fixture
def today_2010(settings: Any) -> dt.date:
    """The pages' "today" (统计截止日期) at the end of the 2010 campaign."""
    settings.WUJI_DEFAULT_AS_OF = dt.date(2010, 10, 31)
    return settings.WUJI_DEFAULT_AS_OF


@pytest.fixture
def walked(campaign: Campaign, officer: Any, township: Township, today_2010: dt.date) -> Campaign:
    """The campaign walked through: baseline published, plans drafted, final published, a reward recorded."""
    from wuji.assessment.models import Assessment
    from wuji.assessment.services import assessment_create, assessment_publish
    from wuji.campaigns import services

    baseline = services.baseline_create(
        user=officer, campaign=campaign, as_of=dt.date(2010, 5, 25), today=dt.date(2010, 5, 25)
    )
    assessment_publish(user=officer, assessment=baseline)
    services.plans_draft(user=officer, campaign=campaign, baseline=baseline, today=dt.date(2010, 6, 1))
    final = assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=dt.date(2010, 7, 31))
    assessment_publish(user=officer, assessment=final)
    services.reward_record(
        user=officer,
        campaign=campaign,
        org=township.village_a,
        kind="reward",
        title="先进党支部",
        reason="第一名",
        decided_on=dt.date(2010, 8, 20),
        today=dt.date(2010, 8, 20),
    )
    return campaign
