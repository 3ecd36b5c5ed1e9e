"""整改 from a published assessment to closure: drafting, the closure rules, reopening, overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import Township, UserFactory
from tests.rectification.conftest import BASELINE_AS_OF, FINAL_AS_OF, png_upload
from wuji.accounts.choices import Role
from wuji.assessment import rectification as rect
from wuji.assessment.models import Assessment, Rectification, rectification_overdue
from wuji.assessment.rectification_forms import RectificationFilterSet
from wuji.assessment.services import assessment_create, assessment_publish, manual_score_enter
from wuji.orgs.selectors import org_list_visible

pytestmark = pytest.mark.django_db
Status = Rectification.Status


def pairs(assessment: Assessment) -> set[tuple[str, str]]:
    return {
        (i.org.code, i.indicator) for i in Rectification.objects.filter(assessment=assessment).select_related("org")
    }


def item_of(assessment: Assessment, org: Any, indicator: str = "RES") -> Rectification:
    return Rectification.objects.get(assessment=assessment, org=org, indicator=indicator)


def submitted(item: Rectification, user: Any) -> Rectification:
    return rect.rectification_submit(user=user, item=item, note="已确定3名后备干部并公示", evidence=png_upload())


# --- drafting -----------------------------------------------------------------------------------------------------


def test_drafting_makes_one_item_per_unmet_indicator_and_none_for_met_ones(
    baseline: Assessment, township: Township, officer: Any, secretary_a: Any, secretary_b: Any
) -> None:
    created = rect.rectifications_draft(user=officer, assessment=baseline)
    assert len(created) == 3
    a, b, organ = township.village_a.code, township.village_b.code, township.organ_a.code
    assert pairs(baseline) == {(a, "RES"), (b, "RES"), (organ, "SEC")}  # 甲村/乙村 SEC are met: no item

    item = item_of(baseline, township.village_b)
    assert item.problem == "后备干部1名，少2名，扣4分"  # the gap's reason
    assert (item.indicator_name, item.dimension, item.status) == ("后备干部", "基本队伍", Status.OPEN)
    assert item.owner == secretary_b  # the one secretary account bound to the branch
    published = timezone.localdate(baseline.published_at)
    assert item.due_on == published + dt.timedelta(days=30)  # an easy indicator: 30 days
    organ_item = item_of(baseline, township.organ_a, "SEC")
    assert organ_item.owner is None and organ_item.due_on == published + dt.timedelta(days=90)  # hard: 90 days
    assert LogEntry.objects.get_for_object(item).filter(action=LogEntry.Action.CREATE).exists()


def test_an_unscored_manual_indicator_is_no_gap_but_a_low_score_is(
    draft_assessment: Assessment, township: Township, officer: Any, inspector: Any
) -> None:
    manual_score_enter(
        user=inspector,
        assessment=draft_assessment,
        org=township.village_b,
        indicator="MAN",
        value=Decimal(2),
        reason="档案缺2019年会议记录",
    )
    published = assessment_publish(user=officer, assessment=draft_assessment)
    rect.rectifications_draft(user=officer, assessment=published)
    assert {(org, code) for org, code in pairs(published) if code == "MAN"} == {(township.village_b.code, "MAN")}
    assert "档案缺2019年会议记录" in item_of(published, township.village_b, "MAN").problem


def test_drafting_again_creates_nothing_new(baseline: Assessment, officer: Any) -> None:
    rect.rectifications_draft(user=officer, assessment=baseline)
    again = rect.rectifications_draft(user=officer, assessment=baseline)
    assert again == [] and Rectification.objects.count() == 3


def test_drafting_is_refused_for_a_draft_assessment(draft_assessment: Assessment, officer: Any) -> None:
    with pytest.raises(ValidationError, match="已发布"):
        rect.rectifications_draft(user=officer, assessment=draft_assessment)
    assert not Rectification.objects.exists()


@pytest.mark.parametrize("persona", ["secretary_a", "inspector", "auditor"])
def test_only_the_officer_drafts(baseline: Assessment, persona: str, request: Any) -> None:
    with pytest.raises(PermissionDenied):
        rect.rectifications_draft(user=request.getfixturevalue(persona), assessment=baseline)
    assert not Rectification.objects.exists()


def test_two_secretary_accounts_leave_the_owner_to_the_officer(
    baseline: Assessment, township: Township, officer: Any
) -> None:
    UserFactory(username="secretary_b2", role=Role.SECRETARY, org=township.village_b)
    rect.rectifications_draft(user=officer, assessment=baseline)
    assert item_of(baseline, township.village_b).owner is None


# --- closure rules ------------------------------------------------------------------------------------------------


@pytest.fixture
def item(baseline: Assessment, officer: Any, township: Township) -> Rectification:
    rect.rectifications_draft(user=officer, assessment=baseline)
    return item_of(baseline, township.village_a)  # owner: secretary_a


def test_the_owner_submits_with_a_note_and_evidence(item: Rectification, secretary_a: Any) -> None:
    with pytest.raises(ValidationError) as refused:
        rect.rectification_submit(user=secretary_a, item=item, note="  ", evidence=None)
    assert set(refused.value.message_dict) == {"note", "evidence"}
    with pytest.raises(ValidationError, match="佐证"):
        rect.rectification_submit(user=secretary_a, item=item, note="已整改", evidence=None)
    with pytest.raises(ValidationError, match="说明"):
        rect.rectification_submit(user=secretary_a, item=item, note="", evidence=png_upload())
    assert Rectification.objects.get(pk=item.pk).status == Status.OPEN

    done = submitted(item, secretary_a)
    done.refresh_from_db()
    assert done.status == Status.SUBMITTED and done.submitted_by == secretary_a
    assert done.submission_evidence is not None and done.submission_evidence.org == item.org


def test_another_branchs_secretary_cannot_submit(item: Rectification, secretary_b: Any) -> None:
    with pytest.raises(PermissionDenied):
        submitted(item, secretary_b)


def test_verify_only_after_submit(item: Rectification, inspector: Any) -> None:
    with pytest.raises(ValidationError, match="待验收"):
        rect.rectification_verify(user=inspector, item=item, note="已核实")
    assert Rectification.objects.get(pk=item.pk).status == Status.OPEN


def test_the_owner_cannot_verify_their_own_item(item: Rectification, officer: Any, inspector: Any) -> None:
    # The officer owns it and submits it: the inspector, not the officer, closes it.
    rect.rectification_update(user=officer, item=item, measures="补选后备干部", due_on=item.due_on, owner=officer)
    submitted(item, officer)
    with pytest.raises(PermissionDenied, match="不能为自己"):
        rect.rectification_verify(user=officer, item=item, note="自己验收")
    rect.rectification_verify(user=inspector, item=item, note="现场核实，已公示入库")
    assert Rectification.objects.get(pk=item.pk).status == Status.CLOSED


def test_whoever_submitted_cannot_verify_either(baseline: Assessment, township: Township, officer: Any) -> None:
    rect.rectifications_draft(user=officer, assessment=baseline)
    organ_item = item_of(baseline, township.organ_a, "SEC")  # no account: the officer submits on its behalf
    submitted(organ_item, officer)
    with pytest.raises(PermissionDenied):
        rect.rectification_verify(user=officer, item=organ_item, note="已配备书记")


def test_a_secretary_never_verifies(item: Rectification, secretary_a: Any, secretary_b: Any) -> None:
    submitted(item, secretary_a)
    for user in (secretary_a, secretary_b):
        with pytest.raises(PermissionDenied):
            rect.rectification_verify(user=user, item=item, note="通过")


def test_verify_needs_evidence_or_a_note(item: Rectification, secretary_a: Any, inspector: Any) -> None:
    submitted(item, secretary_a)
    with pytest.raises(ValidationError, match="验收意见"):
        rect.rectification_verify(user=inspector, item=item, note=" ", evidence=None)
    closed = rect.rectification_verify(user=inspector, item=item, note="", evidence=png_upload("check.png"))
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED and closed.closed_by == inspector and closed.close_evidence is not None
    assert closed.closed_on == timezone.localdate()


def test_the_officer_verifies_a_secretarys_item_with_a_note(item: Rectification, secretary_a: Any, officer: Any):
    submitted(item, secretary_a)
    rect.rectification_verify(user=officer, item=item, note="已核实")
    item.refresh_from_db()
    assert (item.status, item.closed_by, item.close_note) == (Status.CLOSED, officer, "已核实")
    statuses = [e.changes_dict.get("status") for e in LogEntry.objects.get_for_object(item).order_by("pk")]
    assert [s for s in statuses if s][-2:] == [["open", "submitted"], ["submitted", "closed"]]  # the history


def test_a_closed_item_cannot_be_edited_or_submitted(item: Rectification, secretary_a: Any, officer: Any) -> None:
    submitted(item, secretary_a)
    rect.rectification_verify(user=officer, item=item, note="已核实")
    with pytest.raises(ValidationError, match="已销号"):
        rect.rectification_update(user=secretary_a, item=item, measures="再改", due_on=item.due_on)
    with pytest.raises(ValidationError, match="不能提交"):
        submitted(item, secretary_a)


def test_the_officer_does_not_report_for_an_owner_with_an_account(item: Rectification, officer: Any) -> None:
    with pytest.raises(PermissionDenied, match="责任人"):
        submitted(item, officer)


def test_a_return_sends_the_item_back_with_the_reason(item: Rectification, secretary_a: Any, inspector: Any) -> None:
    submitted(item, secretary_a)
    with pytest.raises(ValidationError, match="原因"):
        rect.rectification_return(user=inspector, item=item, note="")
    rect.rectification_return(user=inspector, item=item, note="公示材料缺少日期")
    item.refresh_from_db()
    assert item.status == Status.OPEN and item.returned_note == "公示材料缺少日期"
    submitted(item, secretary_a)  # and it can be submitted again


def test_the_owner_edits_measures_but_not_the_owner(item: Rectification, secretary_a: Any, secretary_b: Any) -> None:
    day = dt.date(2030, 1, 31)
    rect.rectification_update(user=secretary_a, item=item, measures="物色3名后备干部人选", due_on=day)
    item.refresh_from_db()
    assert (item.measures, item.due_on) == ("物色3名后备干部人选", day)
    with pytest.raises(PermissionDenied):
        rect.rectification_update(user=secretary_a, item=item, measures="x", due_on=day, owner=secretary_b)
    with pytest.raises(PermissionDenied):
        rect.rectification_update(user=secretary_b, item=item, measures="x", due_on=day)


def test_a_stale_edit_is_refused(item: Rectification, secretary_a: Any, officer: Any) -> None:
    version = item.version
    rect.rectification_update(user=officer, item=item, measures="甲", due_on=item.due_on, version=version)
    stale = Rectification.objects.get(pk=item.pk)
    stale.version = version
    with pytest.raises(ValidationError, match="已被他人修改"):
        rect.rectification_update(user=secretary_a, item=stale, measures="乙", due_on=item.due_on, version=version)


def test_the_owner_must_work_for_the_branch(item: Rectification, officer: Any, secretary_b: Any) -> None:
    with pytest.raises(ValidationError, match="责任人"):
        rect.rectification_update(user=officer, item=item, measures="", due_on=item.due_on, owner=secretary_b)


# --- reopening ----------------------------------------------------------------------------------------------------


def close(item: Rectification, owner: Any, verifier: Any) -> Rectification:
    submitted(item, owner)
    return rect.rectification_verify(user=verifier, item=item, note="已核实")


def test_a_later_assessment_that_still_finds_the_gap_reopens_the_item(
    item: Rectification, secretary_a: Any, inspector: Any, publish_final: Callable[[], Assessment]
) -> None:
    close(item, secretary_a, inspector)
    final = publish_final()  # 甲村 still has 2 reserve cadres; publishing rechecks by itself
    item.refresh_from_db()
    assert item.status == Status.REOPENED and item.reopened_by == final
    assert str(final) in item.reopen_note and "后备干部2名" in item.reopen_note
    assert rect.rectifications_recheck(final) == []  # running it again changes nothing


def test_no_reopening_when_the_gap_is_gone(
    item: Rectification,
    township: Township,
    secretary_a: Any,
    inspector: Any,
    publish_final: Callable[[], Assessment],
    add_reserves: Callable[..., None],
) -> None:
    close(item, secretary_a, inspector)
    add_reserves(township.village_a, 1)  # now 3
    final = publish_final()
    assert rect.rectifications_recheck(final) == []
    item.refresh_from_db()
    assert item.status == Status.CLOSED


def test_drafting_from_the_later_assessment_reopens_and_adds_no_duplicate(
    baseline: Assessment,
    township: Township,
    officer: Any,
    secretary_a: Any,
    secretary_b: Any,
    inspector: Any,
    publish_final: Callable[[], Assessment],
    add_reserves: Callable[..., None],
) -> None:
    rect.rectifications_draft(user=officer, assessment=baseline)
    close(item_of(baseline, township.village_a), secretary_a, inspector)  # closed, gap still there
    close(item_of(baseline, township.village_b), secretary_b, inspector)  # closed, and fixed:
    add_reserves(township.village_b, 2)
    final = publish_final()
    created = rect.rectifications_draft(user=officer, assessment=final)
    assert created == []  # 甲村 RES reopened, organ SEC still open, 乙村 fixed
    assert item_of(baseline, township.village_a).status == Status.REOPENED
    assert item_of(baseline, township.village_b).status == Status.CLOSED
    assert item_of(baseline, township.organ_a, "SEC").status == Status.OPEN


def test_recheck_is_the_officers_button(
    item: Rectification, secretary_a: Any, inspector: Any, publish_final: Callable[[], Assessment]
) -> None:
    final = publish_final()
    with pytest.raises(PermissionDenied):
        rect.rectifications_recheck(final, user=secretary_a)
    with pytest.raises(PermissionDenied):
        rect.rectifications_recheck(final, user=inspector)


def test_an_earlier_assessment_never_reopens_a_later_items(
    rect_campaign: Any, officer: Any, township: Township, secretary_a: Any, inspector: Any
) -> None:
    final = assessment_publish(
        user=officer,
        assessment=assessment_create(user=officer, campaign=rect_campaign, kind="final", as_of=FINAL_AS_OF),
    )
    rect.rectifications_draft(user=officer, assessment=final)
    close(item_of(final, township.village_a), secretary_a, inspector)
    earlier = assessment_publish(
        user=officer,
        assessment=assessment_create(user=officer, campaign=rect_campaign, kind="baseline", as_of=BASELINE_AS_OF),
    )
    assert rect.rectifications_recheck(earlier) == []


# --- overdue ------------------------------------------------------------------------------------------------------


def test_overdue_is_a_past_due_date_on_an_item_not_closed() -> None:
    due = dt.date(2021, 8, 31)
    assert not rectification_overdue(status=Status.OPEN, due_on=due, today=dt.date(2021, 8, 31))
    assert rectification_overdue(status=Status.OPEN, due_on=due, today=dt.date(2021, 9, 1))
    assert rectification_overdue(status=Status.SUBMITTED, due_on=due, today=dt.date(2021, 9, 1))
    assert rectification_overdue(status=Status.REOPENED, due_on=due, today=dt.date(2021, 9, 1))
    assert not rectification_overdue(status=Status.CLOSED, due_on=due, today=dt.date(2022, 1, 1))


def test_counts_and_the_overdue_filter_with_a_fixed_today(item: Rectification, officer: Any, secretary_a: Any) -> None:
    rect.rectification_update(user=officer, item=item, measures="", due_on=dt.date(2021, 8, 31))
    today = dt.date(2021, 9, 1)
    items = rect.rectification_list_visible(user=officer)
    counts = rect.rectification_counts(items, today=today)
    assert (counts.total, counts.unclosed, counts.closed) == (3, 3, 0)
    assert counts.overdue == 1 and rect.is_overdue(Rectification.objects.get(pk=item.pk), today)
    filterset = RectificationFilterSet(
        {"overdue": "1"},
        queryset=items,
        orgs=org_list_visible(user=officer),
        assessments=rect.assessments_with_items(user=officer),
        today=today,
    )
    assert [i.pk for i in filterset.qs] == [item.pk]
    assert rect.rectification_counts(rect.rectification_list_visible(user=secretary_a), today=today).total == 1
