"""The demo township's 2010 campaign: the assessment finds the shortfalls the demo was built with."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from wuji.assessment.services import campaign_run
from wuji.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


def test_the_demo_campaign_ranks_every_branch_and_explains_its_shortfalls() -> None:
    call_command("load_demo", verbosity=0, stdout=StringIO())
    campaign = Campaign.objects.get(code="demo-2010")
    run = campaign_run(campaign, as_of=dt.date(2010, 10, 31))
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
