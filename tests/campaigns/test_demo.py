"""demo-2010 as a working program on 2010-10-31: every phase and task, the filing, baseline, plans, the final
assessment, rewards and 整改 (one load of the demo for the module: it is slow)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from wuji.assessment.models import Assessment, Rectification
from wuji.campaigns import selectors, services
from wuji.campaigns.models import Campaign, ConstructionPlan, Reward, Task

pytestmark = pytest.mark.django_db
TODAY = dt.date(2010, 10, 31)


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[Campaign]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        call_command("load_demo", stdout=StringIO())
        yield Campaign.objects.get(code="demo-2010")
        transaction.set_rollback(True)


def test_the_demo_campaign_is_in_its_review_phase_with_the_summary_still_to_write(demo: Campaign) -> None:
    line = selectors.timeline(campaign=demo, today=TODAY)
    assert [r.phase.name for r in line.rows] == ["动员部署", "调查研究", "集中建设", "总结验收"]
    assert [r.status for r in line.rows] == ["done", "done", "done", "current"]
    tasks = {t.title: t for t in Task.objects.filter(campaign=demo)}
    assert len(tasks) == 13
    done = [t for t in tasks.values() if t.status == "done"]
    assert len(done) == 11 and all(t.done_on and t.done_on <= TODAY and t.owner_name for t in done)
    assert tasks["工作不到位的党支部拟定整改方案并整改"].is_overdue(TODAY)
    assert not tasks["形成书面总结"].is_overdue(TODAY) and tasks["形成书面总结"].status == "todo"
    filing = selectors.filing_list(user=None, campaign=demo)
    assert filing.count() == 0  # nobody unauthenticated sees it
    assert demo.filings.get().filed_on == dt.date(2010, 4, 24)


def test_the_demo_has_its_baseline_plans_final_rewards_and_rectification(demo: Campaign) -> None:
    baseline, final = selectors.baseline_of(demo), selectors.final_of(demo)
    assert baseline is not None and baseline.status == Assessment.Status.PUBLISHED
    assert final is not None and final.status == Assessment.Status.PUBLISHED and final.as_of == dt.date(2010, 7, 31)
    plans = ConstructionPlan.objects.filter(campaign=demo)
    assert plans.count() == 23 and all(p.baseline_id == baseline.pk for p in plans)
    efforts = {"easy": 0, "medium": 1, "hard": 2}
    for plan in plans.prefetch_related("lines"):
        order = [efforts[line.effort] for line in plan.lines.all()]
        assert order == sorted(order), plan.org.name  # easy first
    kinds = sorted(Reward.objects.filter(campaign=demo).values_list("kind", flat=True))
    assert kinds == ["penalty", "penalty", "reward", "reward", "reward"]
    failing = {r.org_id for r in services.below_pass(final)}
    opened = set(Rectification.objects.filter(assessment=final).values_list("org_id", flat=True))
    assert failing and opened == failing
