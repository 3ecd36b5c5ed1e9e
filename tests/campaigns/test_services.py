"""The campaign's services: the seed's phases and tasks, tasks, baseline → plans, rewards, 整改, filing.

Given the test township's 2010 campaign (甲村 meets everything, 乙村 misses 后备干部 and 书记在岗).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.campaigns.conftest import add_reserves
from tests.factories import Township
from wuji.assessment.models import Assessment, Rectification
from wuji.assessment.services import assessment_create, assessment_publish
from wuji.campaigns import selectors, services
from wuji.campaigns.models import Campaign, ConstructionPlan, ConstructionPlanLine, Reward, Task

pytestmark = pytest.mark.django_db
D = dt.date


def make_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def published_baseline(campaign: Campaign, officer: Any) -> Assessment:
    baseline = services.baseline_create(user=officer, campaign=campaign, as_of=D(2010, 5, 25), today=D(2010, 5, 25))
    return assessment_publish(user=officer, assessment=baseline)


def published_final(campaign: Campaign, officer: Any) -> Assessment:
    final = assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=D(2010, 7, 31))
    return assessment_publish(user=officer, assessment=final)


# --- creating a campaign ------------------------------------------------------------------------------------------


def test_a_new_campaign_has_the_seeds_four_phases_and_their_tasks(campaign: Campaign, township: Township) -> None:
    phases = selectors.phases_of(campaign)
    assert [p.name for p in phases] == ["动员部署", "调查研究", "集中建设", "总结验收"]
    assert (phases[0].starts_on, phases[-1].ends_on) == (campaign.starts_on, campaign.ends_on)
    tasks = list(Task.objects.filter(campaign=campaign).select_related("phase"))
    assert len(tasks) == 13
    assert all(t.phase.starts_on <= t.deadline <= campaign.ends_on for t in tasks)
    assert all(t.owner_org == township.township and t.status == "todo" for t in tasks)
    by_phase = {p.name: [t.title for t in tasks if t.phase_id == p.pk] for p in phases}
    assert "制定实施方案并上报组织部门备案" in by_phase["动员部署"]
    assert by_phase["调查研究"] == ["深入基层开展调查摸底"]
    assert by_phase["总结验收"] == [
        "严格考评",
        "全乡统一排名",
        "严格奖惩",
        "工作不到位的党支部拟定整改方案并整改",
        "形成书面总结",
    ]


def test_a_secretary_cannot_create_a_campaign(township: Township, standard: Any, secretary_a: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.campaign_create(user=secretary_a, code="x-2010", scope=township.township, standard=standard, year=2010)
    assert not Campaign.objects.exists()


# --- tasks --------------------------------------------------------------------------------------------------------


def test_the_officer_marks_a_task_done_with_its_date_and_an_attachment(
    campaign: Campaign, officer: Any, media: Path
) -> None:
    task = Task.objects.filter(campaign=campaign).first()
    assert task is not None
    upload = SimpleUploadedFile("通知.pdf", make_pdf(), content_type="application/pdf")
    services.task_update(
        user=officer, task=task, status="done", done_on=D(2010, 4, 19), note="已召开", upload=upload, version=1
    )
    task.refresh_from_db()
    assert (task.status, task.done_on, task.note, task.version) == ("done", D(2010, 4, 19), "已召开", 2)
    assert [a.original_name for a in task.attachments.all()] == ["通知.pdf"]
    assert not task.is_overdue(D(2010, 10, 31))


def test_a_done_task_needs_its_date_and_a_stale_save_is_refused(campaign: Campaign, officer: Any) -> None:
    task = Task.objects.filter(campaign=campaign).first()
    assert task is not None
    with pytest.raises(ValidationError, match="完成日期"):
        services.task_update(user=officer, task=task, status="done", done_on=None)
    services.task_update(user=officer, task=task, status="doing", done_on=D(2010, 4, 1), version=1)
    task.refresh_from_db()
    assert task.done_on is None  # only a done task has a done date
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.task_update(user=officer, task=task, status="done", done_on=D(2010, 4, 19), version=1)


@pytest.mark.parametrize("persona", ["secretary_a", "inspector"])
def test_only_the_officer_changes_a_task(campaign: Campaign, persona: str, request: Any) -> None:
    task = Task.objects.filter(campaign=campaign).first()
    assert task is not None
    with pytest.raises(PermissionDenied):
        services.task_update(user=request.getfixturevalue(persona), task=task, status="done", done_on=D(2010, 4, 19))
    task.refresh_from_db()
    assert task.status == "todo"


def test_a_refused_upload_leaves_the_task_as_it_was(campaign: Campaign, officer: Any, media: Path) -> None:
    """One transaction: the task's new status is not kept when its attachment is refused."""
    task = Task.objects.filter(campaign=campaign).first()
    assert task is not None
    bad = SimpleUploadedFile("病毒.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        services.task_update(user=officer, task=task, status="done", done_on=D(2010, 4, 19), upload=bad)
    task.refresh_from_db()
    assert (task.status, task.done_on, task.version) == ("todo", None, 1)
    assert not task.attachments.exists()


# --- the phases gate what can be done -----------------------------------------------------------------------------


def test_the_baseline_waits_for_the_investigation_phase(campaign: Campaign, officer: Any) -> None:
    with pytest.raises(ValidationError, match="调查研究"):
        services.baseline_create(user=officer, campaign=campaign, as_of=D(2010, 4, 20), today=D(2010, 4, 20))
    assert not Assessment.objects.exists()


def test_a_final_assessment_is_computed_as_of_a_day_in_the_review_phase(campaign: Campaign, officer: Any) -> None:
    with pytest.raises(ValidationError, match="总结验收"):
        assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=D(2010, 6, 30))
    final = assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=D(2010, 7, 21))
    assert final.kind == "final"


def test_a_secretary_cannot_create_the_baseline(campaign: Campaign, secretary_a: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.baseline_create(user=secretary_a, campaign=campaign, as_of=D(2010, 5, 25), today=D(2010, 5, 25))


# --- construction plans ---------------------------------------------------------------------------------------------


def test_plans_are_drafted_from_the_baseline_gaps_easy_first(
    campaign: Campaign, officer: Any, township: Township
) -> None:
    baseline = published_baseline(campaign, officer)
    plans = services.plans_draft(user=officer, campaign=campaign, baseline=baseline, today=D(2010, 6, 1))
    by_org = {p.org_id: p for p in plans}
    assert set(by_org) == {township.village_a.pk, township.village_b.pk, township.organ_a.pk}
    lines = list(by_org[township.village_b.pk].lines.order_by("order"))
    assert [(line.indicator, line.effort) for line in lines] == [("RES", "easy"), ("SEC", "hard")]
    assert lines[0].planned_on < lines[1].planned_on
    assert lines[0].baseline_value == "0名" or lines[0].baseline_value.startswith("0")
    assert not by_org[township.village_a.pk].lines.exists()
    # Drafting again adds nothing.
    assert services.plans_draft(user=officer, campaign=campaign, baseline=baseline, today=D(2010, 6, 2)) == []
    assert ConstructionPlanLine.objects.count() == 2


def test_a_plan_line_is_met_live_when_the_records_fill_the_gap(
    campaign: Campaign, officer: Any, township: Township, secretary_b: Any
) -> None:
    baseline = published_baseline(campaign, officer)
    services.plans_draft(user=officer, campaign=campaign, baseline=baseline, today=D(2010, 6, 1))
    plan = selectors.plan_get_visible(user=secretary_b, campaign=campaign, org_pk=township.village_b.pk)
    before = selectors.plan_progress(user=secretary_b, plan=plan, today=D(2010, 7, 1))
    assert [(row.line.indicator, row.status) for row in before.lines] == [("RES", "late"), ("SEC", "open")]
    add_reserves(township.village_b, 3, entered_on=D(2010, 6, 20))
    after = selectors.plan_progress(user=secretary_b, plan=plan, today=D(2010, 7, 1))
    assert [(row.line.indicator, row.status) for row in after.lines] == [("RES", "met"), ("SEC", "open")]
    assert (after.met, after.total, after.percent) == (1, 2, 50)


def test_a_secretary_changes_the_planned_date_of_their_own_plan_only(
    campaign: Campaign, officer: Any, township: Township, secretary_a: Any, secretary_b: Any
) -> None:
    baseline = published_baseline(campaign, officer)
    services.plans_draft(user=officer, campaign=campaign, baseline=baseline, today=D(2010, 6, 1))
    line = ConstructionPlanLine.objects.get(plan__org=township.village_b, indicator="SEC")
    services.plan_line_update(user=secretary_b, line=line, planned_on=D(2010, 8, 15), version=line.version)
    line.refresh_from_db()
    assert line.planned_on == D(2010, 8, 15)
    with pytest.raises(PermissionDenied):
        services.plan_line_update(user=secretary_a, line=line, planned_on=D(2010, 9, 1))
    with pytest.raises(ValidationError, match="方案期间"):
        services.plan_line_update(user=secretary_b, line=line, planned_on=D(2011, 1, 1))
    line.refresh_from_db()
    assert line.planned_on == D(2010, 8, 15)


# --- 总结验收 ---------------------------------------------------------------------------------------------------


def test_rewards_are_recorded_in_the_review_phase_by_the_officer(
    campaign: Campaign, officer: Any, township: Township, secretary_a: Any
) -> None:
    args = {
        "campaign": campaign,
        "org": township.village_a,
        "kind": "reward",
        "title": "先进党支部",
        "reason": "考评第一名",
        "decided_on": D(2010, 8, 20),
    }
    with pytest.raises(ValidationError, match="总结验收"):
        services.reward_record(user=officer, today=D(2010, 7, 1), **{**args, "decided_on": D(2010, 7, 1)})
    with pytest.raises(PermissionDenied):
        services.reward_record(user=secretary_a, today=D(2010, 8, 20), **args)
    with pytest.raises(ValidationError):
        services.reward_record(user=officer, today=D(2010, 8, 20), **{**args, "org": township.township})
    reward = services.reward_record(user=officer, today=D(2010, 8, 20), **args)
    assert list(selectors.reward_list_visible(user=secretary_a, campaign=campaign)) == [reward]
    assert Reward.objects.count() == 1


def test_rectification_opens_for_the_orgs_below_the_pass_line_only(
    campaign: Campaign, officer: Any, township: Township
) -> None:
    final = published_final(campaign, officer)
    assert [r.org_id for r in services.below_pass(final)] == [township.village_b.pk]
    items = services.rectifications_open(user=officer, assessment=final, today=D(2010, 8, 10))
    assert sorted((i.org_id, i.indicator) for i in items) == [
        (township.village_b.pk, "RES"),
        (township.village_b.pk, "SEC"),
    ]
    due = {i.indicator: i.due_on for i in items}
    assert due["RES"] < due["SEC"]  # easy first
    assert services.rectifications_open(user=officer, assessment=final, today=D(2010, 8, 11)) == []
    assert Rectification.objects.count() == 2


def test_rectification_needs_a_published_final_assessment(campaign: Campaign, officer: Any) -> None:
    final = assessment_create(user=officer, campaign=campaign, kind=Assessment.Kind.FINAL, as_of=D(2010, 7, 31))
    with pytest.raises(ValidationError, match="发布"):
        services.rectifications_open(user=officer, assessment=final, today=D(2010, 8, 10))


# --- 备案 ---------------------------------------------------------------------------------------------------


def test_filing_keeps_the_generated_implementation_plan(campaign: Campaign, officer: Any, media: Path) -> None:
    filing = services.filing_record(
        user=officer, campaign=campaign, filed_on=D(2010, 4, 24), recipient="县委组织部", today=D(2010, 4, 24)
    )
    assert (filing.filed_on, filing.recipient, filing.filed_by) == (D(2010, 4, 24), "县委组织部", officer)
    if services.implementation_plan_bytes(campaign) is not None:
        assert filing.document is not None and filing.document.kind == "docx"
        assert filing.document.file.read()[:2] == b"PK"


def test_filing_refuses_a_future_date_and_a_secretary(campaign: Campaign, officer: Any, secretary_a: Any) -> None:
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.filing_record(
            user=officer, campaign=campaign, filed_on=D(2010, 5, 1), recipient="县委组织部", today=D(2010, 4, 24)
        )
    with pytest.raises(PermissionDenied):
        services.filing_record(
            user=secretary_a, campaign=campaign, filed_on=D(2010, 4, 24), recipient="县委组织部", today=D(2010, 4, 24)
        )
    assert not ConstructionPlan.objects.exists() and not campaign.filings.exists()


def test_plans_wait_for_the_baseline_to_be_published(campaign: Campaign, officer: Any) -> None:
    draft = services.baseline_create(user=officer, campaign=campaign, as_of=D(2010, 5, 25), today=D(2010, 5, 25))
    with pytest.raises(ValidationError, match="发布摸底考评"):
        services.plans_draft(user=officer, campaign=campaign, baseline=draft, today=D(2010, 6, 1))
    assert not ConstructionPlan.objects.exists()
