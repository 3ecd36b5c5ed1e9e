"""The engine on a small hand-built township: scores, reasons, ranks, grades, vetoes, publishing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.assessment import engine
from wuji.assessment.models import Assessment, OrgResult
from wuji.assessment.services import assessment_create, assessment_publish, campaign_run, manual_score_enter
from wuji.campaigns.services import campaign_create
from wuji.orgs import services as org_services
from wuji.orgs.models import WeakFlag
from wuji.people import services as people_services
from wuji.people.choices import Pool, Title
from wuji.standards.loader import load

pytestmark = pytest.mark.django_db

STANDARD = {
    "code": "mini",
    "name": "小标准",
    "version": "1",
    "grades": [{"name": "优秀", "min": 90}, {"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    "rubrics": [
        {"code": "village", "name": "村", "categories": ["village"], "total": 20},
        {"code": "organ", "name": "机关", "categories": ["organ"], "total": 10},
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
                            "code": "RES",
                            "name": "后备干部",
                            "categories": ["village"],
                            "seed": "三㈡3",
                            "measure": {"metric": "people.reserve_cadres"},
                            "target": {">=": 3},
                            "points": 10,
                            "scoring": {"method": "deduct", "per_unit": 2},
                            "effort": "easy",
                        },
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
                            "code": "MAN",
                            "name": "档案规范",
                            "categories": ["village", "organ"],
                            "seed": "三㈣5",
                            "measure": {"manual": {"guide": "现场查看"}},
                            "points": 5,
                            "scoring": {"method": "manual"},
                        },
                        {
                            "code": "WEAK",
                            "name": "软弱涣散",
                            "categories": ["village", "organ"],
                            "seed": "三㈠4",
                            "measure": {"metric": "orgs.weak_open"},
                            "target": {"<=": 0},
                            "points": 0,
                            "scoring": {"method": "veto", "grade": "合格"},
                        },
                        {
                            "code": "DUAL",
                            "name": "一肩挑比例",
                            "categories": ["village"],
                            "seed": "三㈡2",
                            "level": "aggregate",
                            "measure": {"metric": "people.dual_role_share"},
                            "target": {">=": 90},
                            "points": 0,
                            "scoring": {"method": "all_or_nothing"},
                        },
                    ],
                }
            ],
        },
    ],
}
AS_OF = dt.date(2021, 10, 31)


@pytest.fixture
def campaign(township: Township, tmp_path: Path, officer: Any) -> Any:
    path = tmp_path / "mini.yaml"
    path.write_text(yaml.safe_dump(STANDARD, allow_unicode=True), encoding="utf-8")
    standard, _ = load(path)
    builder = writer_for(township.village_a)
    for village, reserves in ((township.village_a, 3), (township.village_b, 1)):
        boss = make_full_member(org=village)
        people_services.position_assign(
            user=builder, person=boss, org=village, title=Title.SECRETARY, started_on=dt.date(2019, 1, 1)
        )
        for _ in range(reserves):
            people_services.pool_enter(
                user=builder,
                person=PersonFactory(org=village),
                org=village,
                pool=Pool.RESERVE_CADRE,
                entered_on=dt.date(2020, 1, 1),
            )
    return campaign_create(user=officer, code="mini-2021", scope=township.township, standard=standard, year=2021)


def card(run: engine.Run, org: Any) -> engine.OrgCard:
    return next(c for c in run.cards if c.org_id == org.pk)


def test_scores_reasons_ranks_and_category_ranks(campaign: Any, township: Township) -> None:
    run = campaign_run(campaign, as_of=AS_OF)
    a, b, organ = card(run, township.village_a), card(run, township.village_b), card(run, township.organ_a)
    assert (a.score, a.max_score) == (Decimal("15.0"), Decimal("20.0"))  # the manual item has no score yet
    assert b.score == Decimal("11.0")
    reserve = next(i for i in b.indicators if i.code == "RES")
    assert reserve.reason == "后备干部1名，少2名，扣4分" and len(reserve.records) == 1
    assert organ.score == Decimal("0.0") and organ.max_score == Decimal("10.0")
    assert [c.rank for c in run.cards] == [1, 2, 3] and (a.category_rank, b.category_rank, organ.category_rank) == (
        1,
        2,
        1,
    )
    assert [i.code for i in b.gaps][:1] == ["RES"]  # easy first
    dual = next(x for x in run.aggregates if x.indicator.code == "DUAL")
    assert dual.org_id == township.township.pk and dual.indicator.value == Decimal("0.0")


def test_a_veto_caps_the_grade(campaign: Any, township: Township, officer: Any) -> None:
    assessment = assessment_create(user=officer, campaign=campaign, kind="final", as_of=AS_OF)
    for indicator in ("MAN",):
        manual_score_enter(
            user=officer,
            assessment=assessment,
            org=township.village_a,
            indicator=indicator,
            value=Decimal(5),
            reason="档案齐全",
        )
    from wuji.assessment.services import assessment_run

    assert card(assessment_run(assessment), township.village_a).grade == "优秀"  # 20/20
    org_services.weak_flag_save(
        user=officer, flag=WeakFlag(org=township.village_a, reason="班子涣散", flagged_on=dt.date(2021, 3, 1))
    )
    capped = card(assessment_run(assessment), township.village_a)
    assert capped.score == Decimal("20.0") and capped.grade == "合格"


def test_manual_scores_stay_within_bounds_and_need_a_reason(
    campaign: Any, township: Township, officer: Any, secretary_a: Any
) -> None:
    assessment = assessment_create(user=officer, campaign=campaign, kind="final", as_of=AS_OF)
    with pytest.raises(ValidationError, match="0至5"):
        manual_score_enter(
            user=officer, assessment=assessment, org=township.village_a, indicator="MAN", value=Decimal(6), reason="x"
        )
    with pytest.raises(ValidationError, match="理由"):
        manual_score_enter(
            user=officer, assessment=assessment, org=township.village_a, indicator="MAN", value=Decimal(4), reason=" "
        )
    with pytest.raises(PermissionDenied):
        manual_score_enter(
            user=secretary_a,
            assessment=assessment,
            org=township.village_a,
            indicator="MAN",
            value=Decimal(5),
            reason="自评满分",
        )


def test_an_override_keeps_the_computed_value(campaign: Any, township: Township, inspector: Any, officer: Any) -> None:
    from wuji.assessment.services import assessment_run

    assessment = assessment_create(user=officer, campaign=campaign, kind="final", as_of=AS_OF)
    manual_score_enter(
        user=inspector,
        assessment=assessment,
        org=township.village_b,
        indicator="RES",
        value=Decimal(3),
        reason="两名后备干部已公示，待入库",
    )
    reserve = next(i for i in card(assessment_run(assessment), township.village_b).indicators if i.code == "RES")
    assert reserve.value == Decimal(3) and reserve.computed_value == Decimal(1) and reserve.met
    assert "将计算值 1 调整为 3" in reserve.reason


def test_a_published_assessment_never_changes(campaign: Any, township: Township, officer: Any) -> None:
    assessment = assessment_create(user=officer, campaign=campaign, kind="final", as_of=AS_OF)
    assessment_publish(user=officer, assessment=assessment)
    frozen = OrgResult.objects.get(assessment=assessment, org=township.village_b)
    builder = writer_for(township.village_b)
    for _ in range(3):  # the village fixes its gap after publication
        people_services.pool_enter(
            user=builder,
            person=PersonFactory(org=township.village_b),
            org=township.village_b,
            pool=Pool.RESERVE_CADRE,
            entered_on=dt.date(2021, 3, 1),
        )
    out = StringIO()
    call_command("assess", "mini-2021", "--json", stdout=out)
    document = json.loads(out.getvalue())
    village_b = next(o for o in document["orgs"] if o["code"] == township.village_b.code)
    assert village_b["score"] == float(frozen.score) == 11.0
    assert Assessment.objects.get(pk=assessment.pk).content_sha256
    with pytest.raises(ValidationError, match="已发布"):
        manual_score_enter(
            user=officer,
            assessment=assessment,
            org=township.village_b,
            indicator="MAN",
            value=Decimal(5),
            reason="补评",
        )
    with pytest.raises(ValidationError, match="已发布"):
        assessment_publish(user=officer, assessment=assessment)


def test_assess_json_matches_the_documented_shape(campaign: Any) -> None:
    out = StringIO()
    call_command("assess", "mini-2021", "--json", "--as-of", "2021-10-31", stdout=out)
    document = json.loads(out.getvalue())
    assert set(document) == {"campaign", "standard", "version", "as_of", "orgs", "aggregates"}
    assert (document["campaign"], document["standard"], document["version"], document["as_of"]) == (
        "mini-2021",
        "mini",
        "1",
        "2021-10-31",
    )
    org = document["orgs"][0]
    assert set(org) == {
        "code",
        "name",
        "category",
        "score",
        "max_score",
        "grade",
        "rank",
        "category_rank",
        "indicators",
    }
    assert set(org["indicators"][0]) == {"code", "value", "target", "met", "points", "max_points"}
    assert set(document["aggregates"][0]) == {"code", "scope", "value", "target", "met"}


def test_the_run_costs_the_same_queries_for_more_orgs(campaign: Any, township: Township) -> None:
    with CaptureQueriesContext(connection) as few:
        campaign_run(campaign, as_of=AS_OF)
    builder = writer_for(township.township)
    for i in range(5):
        village = org_services.org_create(
            user=builder, parent=township.township, name=f"新村{i}", code=f"T01M{i}", kind="branch", category="village"
        )
        boss = make_full_member(org=village)
        people_services.position_assign(
            user=builder, person=boss, org=village, title=Title.SECRETARY, started_on=dt.date(2019, 1, 1)
        )
    with CaptureQueriesContext(connection) as many:
        run = campaign_run(campaign, as_of=AS_OF)
    assert len(run.cards) == 8
    assert len(many.captured_queries) == len(few.captured_queries)
