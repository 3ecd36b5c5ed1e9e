"""整改 pages as people use them: draft, submit, verify, the overdue list, the printable plan; pinned queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import Township, writer_for
from tests.rectification.conftest import RectRecords, png_upload
from wuji.assessment import rectification as rect
from wuji.assessment.models import Assessment, Rectification
from wuji.orgs import services as org_services

pytestmark = pytest.mark.django_db
Status = Rectification.Status
LIST_QUERIES = 9  # pinned: a change that adds a query per row (or any query) fails here first


def test_the_officer_drafts_from_the_list_page(baseline: Assessment, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    page = client.get(reverse("rectification:list")).content.decode()
    assert reverse("rectification:draft", args=[baseline.pk]) in page
    response = client.post(reverse("rectification:draft", args=[baseline.pk]), follow=True)
    assert "起草 3 个整改事项" in response.content.decode()
    assert Rectification.objects.filter(assessment=baseline).count() == 3
    again = client.post(reverse("rectification:draft", args=[baseline.pk]), follow=True).content.decode()
    assert "没有新增" in again and Rectification.objects.count() == 3


def test_drafting_a_draft_assessment_is_a_404(draft_assessment: Assessment, officer: Any, client_for: Any) -> None:
    assert client_for(officer).post(reverse("rectification:draft", args=[draft_assessment.pk])).status_code == 404


def test_submit_then_verify_through_the_pages(
    both: tuple[RectRecords, RectRecords], secretary_a: Any, inspector: Any, client_for: Any
) -> None:
    item = both[0].item
    owner = client_for(secretary_a)
    detail = owner.get(reverse("rectification:detail", args=[item.pk])).content.decode()
    assert reverse("rectification:submit", args=[item.pk]) in detail
    assert reverse("rectification:verify", args=[item.pk]) not in detail

    missing = owner.post(reverse("rectification:submit", args=[item.pk]), {"note": "已整改"})
    assert missing.status_code == 400 and "整改佐证材料" in missing.content.decode()
    done = owner.post(
        reverse("rectification:submit", args=[item.pk]), {"note": "已确定3名后备干部", "evidence": png_upload()}
    )
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.SUBMITTED

    assert owner.get(reverse("rectification:verify", args=[item.pk])).status_code == 403
    checker = client_for(inspector)
    page = checker.get(reverse("rectification:detail", args=[item.pk])).content.decode()
    assert reverse("rectification:verify", args=[item.pk]) in page and "已确定3名后备干部" in page
    refused = checker.post(reverse("rectification:verify", args=[item.pk]), {"note": ""})
    assert refused.status_code == 400 and "验收意见" in refused.content.decode()
    assert checker.post(reverse("rectification:verify", args=[item.pk]), {"note": "现场核实"}).status_code == 302
    item.refresh_from_db()
    assert item.status == Status.CLOSED and item.closed_by == inspector
    history = checker.get(reverse("rectification:detail", args=[item.pk])).content.decode()
    assert "办理记录" in history and "验收销号" in history and "提交验收" in history and "起草整改事项" in history


def test_a_verify_page_for_an_open_item_says_why(both: Any, inspector: Any, client_for: Any) -> None:
    item = both[0].item
    response = client_for(inspector).get(reverse("rectification:verify", args=[item.pk]), follow=True)
    assert "只有“待验收”的整改事项才能验收" in response.content.decode()


def test_the_owner_edits_measures_and_the_officer_the_owner(
    both: Any, secretary_a: Any, officer: Any, client_for: Any
) -> None:
    item = both[0].item
    form = client_for(secretary_a).get(reverse("rectification:edit", args=[item.pk])).content.decode()
    assert 'name="measures"' in form and 'name="owner"' not in form
    response = client_for(secretary_a).post(
        reverse("rectification:edit", args=[item.pk]),
        {"measures": "6月底前确定3名后备干部人选", "due_on": "2030-06-30", "version": item.version},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.measures, item.due_on) == ("6月底前确定3名后备干部人选", dt.date(2030, 6, 30))
    officer_form = client_for(officer).get(reverse("rectification:edit", args=[item.pk])).content.decode()
    assert 'name="owner"' in officer_form and "secretary_a" in officer_form and "secretary_b" not in officer_form


def test_overdue_rows_stand_out_and_are_counted(both: Any, officer: Any, client_for: Any) -> None:
    item = both[0].item
    rect.rectification_update(user=officer, item=item, measures="", due_on=dt.date(2021, 8, 31))
    client = client_for(officer)
    page = client.get(reverse("rectification:list")).content.decode()
    assert page.count("rect-row--overdue") == 1
    only = client.get(reverse("rectification:list"), {"overdue": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert only.count(reverse("rectification:detail", args=[item.pk])) == 1
    assert "<tbody>" in only and only.count("<tr class") == 1
    detail = client.get(reverse("rectification:detail", args=[item.pk])).content.decode()
    assert "已超过整改时限" in detail


def test_the_plan_prints_the_branchs_problems(both: Any, secretary_a: Any, client_for: Any) -> None:
    records = both[0]
    page = client_for(secretary_a).get(reverse("rectification:plan", args=[records.org.pk, records.assessment.pk]))
    text = page.content.decode()
    assert "甲村党支部“五个基本”建设整改方案" in text
    assert "后备干部2名，少1名，扣2分" in text  # the problem
    assert records.item.due_on.strftime("%Y-%m-%d") in text and "整改中" in text
    assert "rectification/rectification.css" in text and "onclick" not in text and "<style" not in text


def test_the_plan_of_an_org_outside_the_campaign_is_a_404(
    both: Any, officer: Any, township: Township, client_for: Any
) -> None:
    records = both[0]
    assert (
        client_for(officer).get(reverse("rectification:plan", args=[township.county.pk, records.assessment.pk]))
    ).status_code in {404}


def grow(township: Township, campaign: Any, officer: Any, n: int) -> Assessment:
    """n more villages (each missing its reserve cadres and its secretary), assessed and drafted."""
    from wuji.assessment.services import assessment_create, assessment_publish

    builder = writer_for(township.township)
    for i in range(n):
        org_services.org_create(
            user=builder, parent=township.township, name=f"新村{i}", code=f"T01N{i}", kind="branch", category="village"
        )
    final = assessment_create(user=officer, campaign=campaign, kind="final", as_of=dt.date(2021, 10, 31))
    final = assessment_publish(user=officer, assessment=final)
    rect.rectifications_draft(user=officer, assessment=final)
    return final


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("persona", ["officer", "inspector"])
def test_the_list_runs_a_fixed_number_of_queries(
    persona: str,
    baseline: Assessment,
    rect_campaign: Any,
    township: Township,
    officer: Any,
    request: Any,
    client_for: Any,
) -> None:
    rect.rectifications_draft(user=officer, assessment=baseline)
    client = client_for(request.getfixturevalue(persona))
    small = count_queries(client, reverse("rectification:list"))
    grow(township, rect_campaign, officer, 3)
    assert Rectification.objects.count() == 9
    large = count_queries(client, reverse("rectification:list"))
    assert small == large, (small, large)
    if persona == "officer":
        assert large == LIST_QUERIES, large


def test_recheck_button_reopens(
    both: tuple[RectRecords, RectRecords],
    secretary_a: Any,
    inspector: Any,
    officer: Any,
    client_for: Any,
    publish_final: Callable[[], Assessment],
) -> None:
    records = both[0]
    pending = records.pending
    rect.rectification_verify(user=inspector, item=pending, note="已补齐")
    # 甲村's 档案 is closed; the final (the same assessment) cannot reopen its own item, the button says so
    response = client_for(officer).post(reverse("rectification:recheck", args=[records.final.pk]), follow=True)
    assert "复查完毕" in response.content.decode()
    assert Rectification.objects.get(pk=pending.pk).status == Status.CLOSED
