"""The demo township's 2010 campaign: the assessment finds the shortfalls the demo was built with."""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Callable
from dataclasses import asdict
from io import StringIO
from typing import Any

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from wuji.activities import metrics as activity_metrics
from wuji.assessment.services import campaign_run
from wuji.campaigns.models import Campaign
from wuji.standards import loader, registry

pytestmark = pytest.mark.django_db

MEMBER_SHARES = {
    "activities.duty_post_share",
    "activities.pledge_share",
    "activities.review_share",
    "governance.performance_share",
}


def member_fetches_expected() -> int:
    """One fetch per distinct set of orgs the four member-share metrics measure (each metric measures the
    union of the categories of its indicators), not one per metric."""
    document = yaml.safe_load((settings.BASE_DIR / "standards" / "five-basics.yaml").read_text(encoding="utf-8"))
    unions: dict[str, set[str]] = {}
    for spec in loader.indicators(document):
        if spec.metric in MEMBER_SHARES:
            unions.setdefault(spec.metric, set()).update(spec.categories)
    assert len(unions) == 4
    return len({frozenset(categories) for categories in unions.values()})


def comparable(value: Any) -> Any:
    """A result with every list of record references sorted."""
    if isinstance(value, dict):
        return {k: (sorted(v) if k == "records" else comparable(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def count_member_fetches(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    fetches: list[Any] = []
    real_shared = registry.shared

    def counting(key: Any, compute: Callable[[], Any]) -> Any:
        def counted() -> Any:
            fetches.append(key)
            return compute()

        return real_shared(key, counted)

    monkeypatch.setattr(activity_metrics, "shared", counting)
    return fetches


def test_the_demo_campaign_ranks_every_branch_and_explains_its_shortfalls(monkeypatch: pytest.MonkeyPatch) -> None:
    call_command("load_demo", verbosity=0, stdout=StringIO())
    campaign = Campaign.objects.get(code="demo-2010")
    fetches = count_member_fetches(monkeypatch)
    assert gc.isenabled()
    run = campaign_run(campaign, as_of=dt.date(2010, 10, 31))
    # The collector is paused during the run and back on after it; the member-share metrics
    # (设岗定责, 服务承诺, 党性分析, 业绩登记) read each set of orgs' members once per run.
    assert gc.isenabled()
    assert len(fetches) == member_fetches_expected() < 4
    assert len(run.cards) == 23
    assert sorted(c.rank for c in run.cards)[0] == 1
    cards = {c.code: c for c in run.cards}
    indicators = {code: {i.code: i for i in card.indicators} for code, card in cards.items()}

    # 白鹤洞村 (FJY-21): weak and being rectified, not 一肩挑, short of reserve cadres, no remote site.
    baihe = indicators["FJY-21"]
    assert not baihe["ALL-WEAK"].met and cards["FJY-21"].grade != "优秀"
    assert not baihe["V-DUAL"].met and not baihe["V-REMOTE-SITE"].met
    assert baihe["V-RESERVE"].reason.startswith("后备干部1名，少2名")
    # 财政所 (FJY-02) missed three monthly studies; 邮电 (FJY-06) made no study trip.
    assert "3月" in indicators["FJY-02"]["G-STUDY"].note and not indicators["FJY-02"]["G-STUDY"].met
    assert not indicators["FJY-06"]["G-TRIP"].met
    # 清水湾村 (FJY-18) has no woman in its two committees; 傅家堰村 (FJY-14) meets the income target.
    assert not indicators["FJY-18"]["V-FEMALE"].met
    assert indicators["FJY-14"]["V-INCOME"].met and not indicators["FJY-17"]["V-INCOME"].met
    # The township figures: an uncovered cooperative; 一肩挑 below 90 %.
    aggregates = {a.indicator.code: a.indicator for a in run.aggregates if a.code == "FJY"}
    assert not aggregates["T-COVERAGE"].met and not aggregates["T-DUAL"].met and aggregates["T-LEADING"].met

    out = StringIO()
    call_command("assess", "demo-2010", "--json", "--as-of", "2010-10-31", stdout=out)
    document = json.loads(out.getvalue())
    assert document["campaign"] == "demo-2010" and len(document["orgs"]) == 23

    # A long list of orgs goes to the database as a subquery, not as thousands of parameters: the same
    # results, records and reasons whichever way the metrics filter (here every set counts as long).
    original = registry.PARAMETER_LIMIT
    try:
        registry.PARAMETER_LIMIT = 0
        by_subquery = campaign_run(campaign, as_of=dt.date(2010, 10, 31))
    finally:
        registry.PARAMETER_LIMIT = original
    # The same records behind every value (the database may return them in another order under another plan).
    assert [comparable(asdict(c)) for c in by_subquery.cards] == [comparable(asdict(c)) for c in run.cards]
    assert [comparable(asdict(a)) for a in by_subquery.aggregates] == [comparable(asdict(a)) for a in run.aggregates]
