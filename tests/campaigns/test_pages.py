"""The campaign pages as each persona uses them (officer writes, inspector reads, a secretary sees the
timeline and edits only their own branch's plan)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import Township
from wuji.assessment.models import Rectification
from wuji.campaigns.models import Campaign, ConstructionPlanLine, Reward, Task
from wuji.campaigns.services import campaign_create

pytestmark = pytest.mark.django_db
D = dt.date


def url(name: str, campaign: Campaign, *args: Any) -> str:
    return reverse(f"campaigns:{name}", args=[campaign.code, *args])


def test_the_list_shows_the_campaign_and_its_current_phase_in_a_fixed_number_of_queries(
    walked: Campaign, officer: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    # A second campaign costs no extra query.
    campaign_create(user=officer, code="test-2011", scope=walked.scope, standard=walked.standard, year=2011)
    client = client_for(officer)
    client.get(reverse("campaigns:list"))  # warm the session
    with django_assert_num_queries(5):
        page = client.get(reverse("campaigns:list"))
    html = page.content.decode()
    assert walked.name in html and "总结验收" in html and "任务完成 0/13" in html


def test_the_detail_marks_today_the_current_phase_and_the_overdue_tasks(
    walked: Campaign, officer: Any, client_for: Any
) -> None:
    html = client_for(officer).get(url("detail", walked)).content.decode()
    assert "今天 2010-10-31" in html and "当前阶段" in html
    # Every task but the summary (due 10-31) is overdue on 2010-10-31.
    assert html.count("已逾期") == 12
    assert reverse("campaigns:task_edit", args=[walked.code, Task.objects.first().pk]) in html  # type: ignore[union-attr]


def test_the_officer_records_a_task_done_on_its_page(walked: Campaign, officer: Any, client_for: Any) -> None:
    task = Task.objects.get(campaign=walked, title="形成书面总结")
    response = client_for(officer).post(
        url("task_edit", walked, task.pk),
        {"status": "done", "done_on": "2010-10-30", "deadline": "2010-10-31", "owner_name": "王建华", "version": 1},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.done_on, task.owner_name) == ("done", D(2010, 10, 30), "王建华")


def test_a_wrong_attachment_is_deleted_from_a_task(
    walked: Campaign,
    officer: Any,
    client_for: Any,
    settings: Any,
    tmp_path: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from auditlog.models import LogEntry
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.activities.conftest import make_png
    from wuji.campaigns.services import task_update

    settings.MEDIA_ROOT = tmp_path
    task = Task.objects.get(campaign=walked, title="形成书面总结")
    for name in ("简报.png", "错传.png"):
        task = task_update(
            user=officer,
            task=task,
            status="todo",
            done_on=None,
            upload=SimpleUploadedFile(name, make_png(), content_type="image/png"),
            version=task.version,
        )
    keep, wrong = task.attachments.order_by("id")
    client = client_for(officer)
    form = client.get(url("task_edit", walked, task.pk)).content.decode()
    assert "删除已上传的附件" in form and "错传.png" in form
    post = {"status": "todo", "deadline": "2010-10-31", "version": task.version}

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("task_edit", walked, task.pk), post | {"remove_attachments": [wrong.pk]})

    assert response.status_code == 302, response.content.decode()
    assert list(task.attachments.all()) == [keep]
    assert not (tmp_path / wrong.file.name).exists() and (tmp_path / keep.file.name).exists()
    assert any(
        (e.changes or {}).get("attachments", {}).get("objects") == ["错传.png"]
        and e.changes["attachments"]["operation"] == "delete"
        for e in LogEntry.objects.filter(object_pk=str(task.pk))
    )
    unknown = client.post(
        url("task_edit", walked, task.pk), post | {"version": task.version + 1, "remove_attachments": [wrong.pk]}
    )
    assert unknown.status_code == 400 and list(task.attachments.all()) == [keep]


def test_a_done_task_without_its_date_is_refused_beside_the_field(
    walked: Campaign, officer: Any, client_for: Any
) -> None:
    task = Task.objects.get(campaign=walked, title="形成书面总结")
    response = client_for(officer).post(
        url("task_edit", walked, task.pk), {"status": "done", "done_on": "", "deadline": "2010-10-31", "version": 1}
    )
    assert response.status_code == 400 and "已完成的任务请填写完成日期" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "todo"


def test_the_inspector_reads_but_cannot_change_a_task(walked: Campaign, inspector: Any, client_for: Any) -> None:
    client = client_for(inspector)
    task = Task.objects.filter(campaign=walked).first()
    assert task is not None
    assert client.get(url("detail", walked)).status_code == 200
    assert client.post(url("task_edit", walked, task.pk), {"status": "done"}).status_code == 403
    assert client.get(url("plans", walked)).status_code == 200


def test_the_plans_page_shows_live_progress_in_a_fixed_number_of_queries(
    walked: Campaign, officer: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(officer)
    client.get(url("plans", walked))
    with django_assert_num_queries(10):
        html = client.get(url("plans", walked)).content.decode()
    assert "乙村党支部" in html and "0%" in html


def test_a_secretary_sees_the_timeline_and_only_their_own_plan(
    walked: Campaign, township: Township, secretary_b: Any, client_for: Any
) -> None:
    client = client_for(secretary_b)
    detail = client.get(url("detail", walked)).content.decode()
    assert "总结验收" in detail and "本支部建设进度计划表" in detail and "办理" not in detail
    assert client.get(url("plans", walked)).url == url("plan", walked, township.village_b.pk)
    html = client.get(url("plan", walked, township.village_b.pk)).content.decode()
    assert "后备干部" in html and "书记在岗" in html and "改期" in html
    assert html.index("后备干部") < html.index("书记在岗")  # easy first


def test_secretary_b_can_neither_see_nor_change_secretary_as_plan(
    walked: Campaign, township: Township, secretary_a: Any, secretary_b: Any, client_for: Any
) -> None:
    line = ConstructionPlanLine.objects.get(plan__org=township.village_b, indicator="SEC")
    before = line.planned_on
    client = client_for(secretary_a)
    assert client.get(url("plan", walked, township.village_b.pk)).status_code == 404
    response = client.post(
        url("line_edit", walked, township.village_b.pk, line.pk),
        {f"l{line.pk}-planned_on": "2010-09-09", f"l{line.pk}-version": line.version},
    )
    assert response.status_code == 404
    line.refresh_from_db()
    assert line.planned_on == before


def test_a_secretary_moves_a_planned_date_of_their_own_plan(
    walked: Campaign, township: Township, secretary_b: Any, client_for: Any
) -> None:
    line = ConstructionPlanLine.objects.get(plan__org=township.village_b, indicator="SEC")
    response = client_for(secretary_b).post(
        url("line_edit", walked, township.village_b.pk, line.pk),
        {f"l{line.pk}-planned_on": "2010-09-09", f"l{line.pk}-version": line.version},
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.planned_on == D(2010, 9, 9)


@pytest.mark.parametrize("name", ["baseline", "rectification"])
def test_the_township_pages_are_not_a_secretarys(
    name: str, walked: Campaign, secretary_a: Any, client_for: Any
) -> None:
    assert client_for(secretary_a).get(url(name, walked)).status_code == 403


def test_the_officer_records_a_reward_from_the_page(
    walked: Campaign, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    assert "先进党支部" in client.get(url("rewards", walked)).content.decode()
    response = client.post(
        url("rewards", walked),
        {
            "org": township.village_b.pk,
            "kind": "penalty",
            "title": "通报批评",
            "reason": "不合格",
            "decided_on": "2010-08-20",
        },
    )
    assert response.status_code == 302
    assert Reward.objects.filter(org=township.village_b, kind="penalty").exists()


def test_the_officer_opens_rectification_for_the_orgs_below_the_pass_line(
    walked: Campaign, township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    html = client.get(url("rectification", walked)).content.decode()
    assert "乙村党支部" in html and "甲村党支部" not in html and "为以上党组织开启整改" in html
    assert client.post(url("rectification", walked)).status_code == 302
    assert set(Rectification.objects.values_list("org_id", flat=True)) == {township.village_b.pk}
    assert "均已开启整改" in client.get(url("rectification", walked)).content.decode()


def test_the_baseline_page_shows_the_steps_done(walked: Campaign, officer: Any, client_for: Any) -> None:
    html = client_for(officer).get(url("baseline", walked)).content.decode()
    assert "已发布" in html and "3 份" in html


def test_the_officer_files_the_implementation_plan(
    walked: Campaign, officer: Any, client_for: Any, settings: Any, tmp_path: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for(officer)
    response = client.post(url("filing", walked), {"filed_on": "2010-04-24", "recipient": "县委组织部", "note": ""})
    assert response.status_code == 302
    assert "报县委组织部备案" in client.get(url("filing", walked)).content.decode()


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
def test_the_auditor_and_sysadmin_see_no_campaign_page(
    persona: str, walked: Campaign, client_for: Any, request: Any
) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("campaigns:list")).status_code == 403
    assert client.get(url("detail", walked)).status_code == 403
