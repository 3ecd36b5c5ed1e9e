"""A small campaign with a published assessment whose gaps become 整改事项.

The mini standard has three indicators: RES (≥3 reserve cadres, villages), SEC (a secretary in post,
villages and the 机关 branch) and MAN (档案规范, an inspector's score, villages; unscored it is no gap).
甲村 has 2 reserve cadres, 乙村 1; both villages have their secretary in post; the 机关 branch has
none. So the published baseline finds three gaps: (甲村, RES), (乙村, RES), (机关, SEC) — and two
met indicators (甲村 SEC, 乙村 SEC).

    rect_campaign       the campaign (standard "rect-mini", year 2021)
    baseline            its published baseline assessment as of 2021-06-30
    publish_final()     publish a later (final) assessment as of 2021-10-31
    add_reserves(org, n) give an org n more reserve cadres (entered 2021-08-01)
    png_upload()        a real 1×1 PNG upload
    both                (RectRecords of 甲村, of 乙村): an open item and one awaiting verification each
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.assessment import rectification as rect
from wuji.assessment.models import Assessment, Rectification
from wuji.assessment.services import assessment_create, assessment_publish, manual_score_enter
from wuji.campaigns.services import campaign_create
from wuji.people import services as people_services
from wuji.people.choices import Pool, Title
from wuji.standards.loader import load

BASELINE_AS_OF = dt.date(2021, 6, 30)
FINAL_AS_OF = dt.date(2021, 10, 31)
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)

STANDARD = {
    "code": "rect-mini",
    "name": "整改测试标准",
    "version": "1",
    "grades": [{"name": "优秀", "min": 90}, {"name": "合格", "min": 60}, {"name": "不合格", "min": 0}],
    "rubrics": [
        {"code": "village", "name": "村", "categories": ["village"], "total": 20},
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
                            "categories": ["village"],
                            "seed": "三㈣5",
                            "measure": {"manual": {"guide": "现场查看"}},
                            "points": 5,
                            "scoring": {"method": "manual"},
                        },
                    ],
                }
            ],
        },
    ],
}


def png_upload(name: str = "evidence.png") -> SimpleUploadedFile:
    """A real (1×1) PNG: the upload check reads the magic number, not the name."""
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def add_reserves() -> Callable[[Any, int], None]:
    def add(org: Any, n: int, entered_on: dt.date = dt.date(2021, 8, 1)) -> None:
        builder = writer_for(org)
        for _ in range(n):
            people_services.pool_enter(
                user=builder, person=PersonFactory(org=org), org=org, pool=Pool.RESERVE_CADRE, entered_on=entered_on
            )

    return add


@pytest.fixture
def rect_campaign(
    township: Township,
    tmp_path: Path,
    officer: Any,
    secretary_a: Any,
    secretary_b: Any,
    add_reserves: Callable[..., None],
) -> Any:
    path = tmp_path / "rect-mini.yaml"
    path.write_text(yaml.safe_dump(STANDARD, allow_unicode=True), encoding="utf-8")
    standard, _ = load(path)
    for village, reserves in ((township.village_a, 2), (township.village_b, 1)):
        boss = make_full_member(org=village)
        people_services.position_assign(
            user=writer_for(village), person=boss, org=village, title=Title.SECRETARY, started_on=dt.date(2019, 1, 1)
        )
        add_reserves(village, reserves, dt.date(2020, 1, 1))
    return campaign_create(user=officer, code="rect-2021", scope=township.township, standard=standard, year=2021)


@pytest.fixture
def draft_assessment(rect_campaign: Any, officer: Any) -> Assessment:
    return assessment_create(user=officer, campaign=rect_campaign, kind="baseline", as_of=BASELINE_AS_OF)


@pytest.fixture
def baseline(draft_assessment: Assessment, officer: Any) -> Assessment:
    return assessment_publish(user=officer, assessment=draft_assessment)


@pytest.fixture
def publish_final(rect_campaign: Any, officer: Any) -> Callable[[], Assessment]:
    def publish() -> Assessment:
        final = assessment_create(user=officer, campaign=rect_campaign, kind="final", as_of=FINAL_AS_OF)
        return assessment_publish(user=officer, assessment=final)

    return publish


@dataclass(frozen=True)
class RectRecords:
    """One side of the township for page tests: a village, its open item and its item awaiting verification."""

    org: Any
    item: Rectification  # baseline RES, 整改中 (owner: the village's secretary)
    pending: Rectification  # final MAN, 待验收 (submitted by the village's secretary)
    assessment: Assessment  # the baseline (its plan)
    final: Assessment


@pytest.fixture
def both(
    baseline: Assessment,
    rect_campaign: Any,
    township: Township,
    officer: Any,
    inspector: Any,
    secretary_a: Any,
    secretary_b: Any,
) -> tuple[RectRecords, RectRecords]:
    rect.rectifications_draft(user=officer, assessment=baseline)
    final = assessment_create(user=officer, campaign=rect_campaign, kind="final", as_of=FINAL_AS_OF)
    for village in (township.village_a, township.village_b):
        manual_score_enter(
            user=inspector, assessment=final, org=village, indicator="MAN", value=Decimal(2), reason="档案不全"
        )
    final = assessment_publish(user=officer, assessment=final)
    rect.rectifications_draft(user=officer, assessment=final)
    sides = []
    for village, secretary in ((township.village_a, secretary_a), (township.village_b, secretary_b)):
        pending = Rectification.objects.get(assessment=final, org=village, indicator="MAN")
        rect.rectification_submit(user=secretary, item=pending, note="已补齐档案", evidence=png_upload())
        sides.append(
            RectRecords(
                org=village,
                item=Rectification.objects.get(assessment=baseline, org=village, indicator="RES"),
                pending=Rectification.objects.get(pk=pending.pk),
                assessment=baseline,
                final=final,
            )
        )
    return sides[0], sides[1]
