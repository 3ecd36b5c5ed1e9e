"""The pages as a secretary and an officer use them: forms through the test client, lists in fixed queries."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.activities.conftest import YEAR, activity_type, days_ago, make_activity_records, make_png
from tests.factories import Township, make_full_member, writer_for
from wuji.activities import services
from wuji.activities.models import Activity, Attendance, DutyPost, Pairing, Pledge
from wuji.activities.services import Presence
from wuji.core.models import Attachment

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def members(township: Township) -> list[Any]:
    return [make_full_member(org=township.village_a, name=name) for name in ("张建国", "李秀英", "王志强")]


def attendance_post(members: list[Any], absent: dict[Any, str] | None = None) -> dict[str, Any]:
    """What the attendance list posts: every box ticked except the absent, who have a reason."""
    absent = absent or {}
    data: dict[str, Any] = {"listed": ",".join(str(m.pk) for m in members)}
    for m in members:
        if m in absent:
            data[f"reason_{m.pk}"] = absent[m]
        else:
            data[f"present_{m.pk}"] = "on"
    return data


def activity_post(org: Any, **kwargs: Any) -> dict[str, Any]:
    return {
        "org": org.pk,
        "type": activity_type("group_study").pk,
        "held_on": days_ago(1).isoformat(),
        "topic": "学习党章",
        "place": "村党员活动室",
        "minutes": "学习了党章第一章。",
        "backfill_reason": "",
        "paired_org": "",
    } | kwargs


# ---------------------------------------------------------------- recording an activity


def test_a_secretary_records_an_activity_with_attendance_and_a_photo(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any, media: Any
) -> None:
    client = client_for(secretary_a)
    form = client.get(reverse("activities:create")).content.decode()
    for m in members:  # the branch's members, each ticked as present by default
        assert (
            m.name in form and f'name="present_{m.pk}" id="id_present_{m.pk}" class="form-check-input" checked' in form
        )
    assert f'<option value="{township.village_a.pk}" selected>' in form  # the secretary's own branch
    photo = SimpleUploadedFile("会场.png", make_png(), content_type="image/png")
    data = activity_post(township.village_a) | attendance_post(members, {members[2]: "work_away"})
    response = client.post(reverse("activities:create"), data | {"attachments": [photo]})
    assert response.status_code == 302, response.content.decode()
    activity = Activity.objects.get()
    assert response["Location"] == reverse("activities:detail", args=[activity.pk])
    assert activity.attendance.count() == 3 and activity.attendance.filter(present=True).count() == 2
    attachment = activity.attachments.get()
    assert attachment.kind == "png" and attachment.original_name == "会场.png"

    detail = client.get(response["Location"]).content.decode()
    assert "学习党章" in detail and "村党员活动室" in detail
    assert ">3</div>" in detail and ">2</div>" in detail and ">1</div>" in detail  # 应到 3, 实到 2, 缺席 1
    assert "王志强" in detail and "外出务工经商" in detail
    assert f'<img src="{reverse("attachment", args=[attachment.pk])}"' in detail
    photo_response = client.get(reverse("attachment", args=[attachment.pk]))
    assert photo_response.status_code == 200 and photo_response["Content-Type"] == "image/png"


def test_an_absence_without_reason_is_refused_beside_the_name(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    data = activity_post(township.village_a) | attendance_post(members)
    del data[f"present_{members[1].pk}"]  # unticked, no reason
    response = client_for(secretary_a).post(reverse("activities:create"), data)
    assert response.status_code == 400
    assert "请选择李秀英的缺席原因" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_reason_for_someone_ticked_present_is_questioned(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    data = activity_post(township.village_a) | attendance_post(members) | {f"reason_{members[0].pk}": "illness"}
    response = client_for(secretary_a).post(reverse("activities:create"), data)
    assert response.status_code == 400 and "已勾选出席" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_changed_member_list_is_shown_before_saving(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    data = activity_post(township.village_a) | attendance_post(members[:2])  # drawn before 王志强 was listed
    response = client_for(secretary_a).post(reverse("activities:create"), data)
    page = response.content.decode()
    assert response.status_code == 400 and "名单已按所选党组织和日期更新" in page
    assert f'name="present_{members[2].pk}" id="id_present_{members[2].pk}" class="form-check-input" checked' in page
    assert not Activity.objects.exists()


def test_a_late_entry_through_the_form_needs_its_reason(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    data = activity_post(township.village_a, held_on=days_ago(8).isoformat()) | attendance_post(members)
    refused = client.post(reverse("activities:create"), data)
    assert refused.status_code == 400 and "补录须说明原因" in refused.content.decode()
    accepted = client.post(reverse("activities:create"), data | {"backfill_reason": "汛期线下召开，会后补录"})
    assert accepted.status_code == 302
    assert Activity.objects.get().backfilled


def test_another_branchs_org_cannot_be_posted(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    data = activity_post(township.village_b) | attendance_post(members)
    response = client_for(secretary_a).post(reverse("activities:create"), data)
    assert response.status_code == 400 and not Activity.objects.exists()


def test_the_attendance_fragment_follows_the_org_and_date(
    township: Township, members: list[Any], officer: Any, client_for: Any
) -> None:
    late = make_full_member(org=township.village_a, name="新党员", full_on=dt.date(2011, 7, 1))
    services.pairing_save(
        user=officer,
        pairing=Pairing(organ_org=township.organ_a, village_org=township.village_a, started_on=dt.date(2009, 1, 1)),
    )
    client = client_for(officer)
    url = reverse("activities:attendance_rows")
    fragment = client.get(url, {"org": township.village_a.pk, "held_on": "2010-03-01"}, HTTP_HX_REQUEST="true")
    html = fragment.content.decode()
    assert all(m.name in html for m in members) and "新党员" not in html  # probationary only from 2010-07
    assert "乡政府机关党支部" in html and 'hx-swap-oob="true"' in html  # the pairing choices follow
    assert "属于补录：必须填写补录原因" in html
    today = client.get(url, {"org": township.village_a.pk, "held_on": days_ago(0).isoformat()}).content.decode()
    assert "新党员" in today and "属于补录：必须" not in today
    assert late.pk


def test_editing_keeps_the_attendance_and_adds_a_photo(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any, media: Any
) -> None:
    activity = services.activity_record(
        user=writer_for(township.village_a),
        org=township.village_a,
        type=activity_type("group_study"),
        held_on=days_ago(3),
        topic="旧主题",
        presence=[Presence(members[0], True), Presence(members[1], False, "illness"), Presence(members[2], True)],
    )
    client = client_for(secretary_a)
    form = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert (
        "旧主题" in form
        and f'name="present_{members[1].pk}" id="id_present_{members[1].pk}" class="form-check-input">' in form
    )
    data = activity_post(township.village_a, topic="新主题", held_on=days_ago(3).isoformat(), version=activity.version)
    data |= attendance_post(members, {members[1]: "illness"})
    photo = SimpleUploadedFile("合影.png", make_png(), content_type="image/png")
    response = client.post(reverse("activities:edit", args=[activity.pk]), data | {"attachments": [photo]})
    assert response.status_code == 302, response.content.decode()
    activity.refresh_from_db()
    assert activity.topic == "新主题" and activity.attachments.count() == 1
    assert list(activity.attendance.filter(present=False).values_list("person__name", "absence_reason")) == [
        ("李秀英", "illness")
    ]
    stale = client.post(reverse("activities:edit", args=[activity.pk]), data | {"version": 1})
    assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()


def test_a_wrong_upload_is_deleted_from_the_activity_and_the_storage_and_the_audit_trail_names_it(
    township: Township,
    members: list[Any],
    secretary_a: Any,
    secretary_b: Any,
    client_for: Any,
    media: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from auditlog.models import LogEntry

    photos = [SimpleUploadedFile(name, make_png(), content_type="image/png") for name in ("会场.png", "身份证.png")]
    activity = services.activity_record(
        user=writer_for(township.village_a),
        org=township.village_a,
        type=activity_type("group_study"),
        held_on=days_ago(3),
        topic="学习党章",
        presence=[Presence(m, True) for m in members],
        uploads=photos,
    )
    keep, wrong = activity.attachments.order_by("id")
    other = services.activity_record(
        user=writer_for(township.village_b),
        org=township.village_b,
        type=activity_type("group_study"),
        held_on=days_ago(3),
        topic="乙村学习",
        presence=[Presence(make_full_member(org=township.village_b, name="赵六"), True)],
        uploads=[SimpleUploadedFile("乙村.png", make_png(), content_type="image/png")],
    )
    client = client_for(secretary_a)
    form = client.get(reverse("activities:edit", args=[activity.pk])).content.decode()
    assert "删除已上传的附件" in form and f'value="{wrong.pk}"' in form and "身份证.png" in form
    data = activity_post(township.village_a, held_on=days_ago(3).isoformat(), version=activity.version)
    data |= attendance_post(members)

    # An attachment of another branch's activity cannot be named: refused, nothing changes.
    foreign = other.attachments.get()
    refused = client.post(reverse("activities:edit", args=[activity.pk]), data | {"remove_attachments": [foreign.pk]})
    assert refused.status_code == 400
    assert other.attachments.count() == 1 and activity.attachments.count() == 2

    wrong_file = media / wrong.file.name
    assert wrong_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("activities:edit", args=[activity.pk]), data | {"remove_attachments": [wrong.pk]}
        )
    assert response.status_code == 302, response.content.decode()
    assert list(activity.attachments.all()) == [keep]
    detail = client.get(response["Location"]).content.decode()
    assert "会场.png" in detail or reverse("attachment", args=[keep.pk]) in detail
    assert reverse("attachment", args=[wrong.pk]) not in detail
    removals = [
        e.changes["attachments"]
        for e in LogEntry.objects.filter(object_pk=str(activity.pk)).order_by("id")
        if "attachments" in (e.changes or {}) and e.changes["attachments"].get("operation") == "delete"
    ]
    assert removals == [{"type": "m2m", "operation": "delete", "objects": ["身份证.png"]}]
    assert not Attachment.objects.filter(pk=wrong.pk).exists() and not wrong_file.exists()  # gone, file too
    assert client.get(reverse("attachment", args=[wrong.pk])).status_code == 404
    assert (media / keep.file.name).exists() and client.get(reverse("attachment", args=[keep.pk])).status_code == 200
    assert client_for(secretary_b).get(reverse("activities:edit", args=[activity.pk])).status_code == 404


def test_deleting_asks_first(township: Township, members: list[Any], secretary_a: Any, client_for: Any) -> None:
    activity = services.activity_record(
        user=writer_for(township.village_a),
        org=township.village_a,
        type=activity_type("group_study"),
        held_on=days_ago(3),
        topic="要删的活动",
        presence=[Presence(members[0], True)],
    )
    client = client_for(secretary_a)
    url = reverse("activities:delete", args=[activity.pk])
    assert "确认删除" in client.get(url).content.decode()
    assert Activity.objects.exists()
    assert client.post(url).status_code == 302
    assert not Activity.objects.exists() and not Attendance.objects.exists()


# ---------------------------------------------------------------- the simple records


def test_a_secretary_records_a_pledge_and_its_result(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    form = client.get(reverse("activities:pledge_create")).content.decode()
    assert all(m.name in form for m in members)
    response = client.post(
        reverse("activities:pledge_create"),
        {"person": members[0].pk, "year": 2021, "content": "帮扶两户困难群众", "result": "pending", "result_note": ""},
    )
    assert response.status_code == 302, response.content.decode()
    pledge = Pledge.objects.get()
    assert pledge.org == township.village_a
    response = client.post(
        reverse("activities:pledge_edit", args=[pledge.pk]),
        {
            "person": members[0].pk,
            "year": 2021,
            "content": "帮扶两户困难群众",
            "result": "kept",
            "result_note": "群众评议满意",
            "version": pledge.version,
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("activities:pledge_list"), {"result": "kept"}).content.decode()
    assert "张建国" in page and "已兑现" in page
    duplicate = client.post(
        reverse("activities:pledge_create"),
        {"person": members[0].pk, "year": 2021, "content": "又一个", "result": "pending"},
    )
    assert duplicate.status_code == 400


def test_the_prosperity_list_shows_the_models_first(
    township: Township, members: list[Any], officer: Any, client_for: Any
) -> None:
    from wuji.activities.models import ProsperityPlanEntry

    for person, model in ((members[0], False), (members[1], True)):
        services.member_year_record_save(
            user=officer,
            record=ProsperityPlanEntry(
                person=person, org=township.village_a, year=2010, project="养猪", is_model=model
            ),
        )
    page = client_for(officer).get(reverse("activities:prosperity_list"), {"is_model": "1"}).content.decode()
    assert "李秀英" in page and "张建国" not in page


def test_an_honor_and_a_pairing_through_their_forms(
    township: Township, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    response = client.post(
        reverse("activities:honor_create"),
        {
            "org": township.village_a.pk,
            "title": "五好基层党组织",
            "year": 2010,
            "level": "county",
            "awarded_by": "县委",
        },
    )
    assert response.status_code == 302
    assert "五好基层党组织" in client.get(reverse("activities:honor_list")).content.decode()
    assert client.get(reverse("activities:pairing_create")).status_code == 403
    officer_client = client_for(officer)
    response = officer_client.post(
        reverse("activities:pairing_create"),
        {"organ_org": township.organ_a.pk, "village_org": township.village_a.pk, "started_on": "2010-03-01"},
    )
    assert response.status_code == 302, response.content.decode()
    page = officer_client.get(reverse("activities:pairing_list"), {"as_of": "2010-12-31"}).content.decode()
    assert "乡政府机关党支部" in page and "甲村党支部" in page


def test_a_duty_post_can_be_deleted_after_confirming(
    township: Township, members: list[Any], secretary_a: Any, client_for: Any
) -> None:
    post = services.member_year_record_save(
        user=writer_for(township.village_a),
        record=DutyPost(person=members[0], org=township.village_a, year=2010, post="宣传岗", duty="宣传政策"),
    )
    client = client_for(secretary_a)
    url = reverse("activities:duty_post_delete", args=[post.pk])
    assert client.get(url).status_code == 200 and DutyPost.objects.exists()
    assert client.post(url).status_code == 302 and not DutyPost.objects.exists()


# ---------------------------------------------------------------- the ledger


def test_the_ledger_marks_the_months_an_organ_missed_its_study(
    township: Township, officer: Any, client_for: Any
) -> None:
    organ = township.organ_a
    cadre = make_full_member(org=organ, name="机关党员", full_on=dt.date(2001, 7, 1))
    for month in (1, 2, 4):
        services.activity_record(
            user=officer,
            org=organ,
            type=activity_type("group_study"),
            held_on=dt.date(2010, month, 10),
            topic=f"{month}月集中学习",
            presence=[Presence(cadre, True)],
            backfill_reason="依据会议记录补录",
        )
    client = client_for(officer)
    page = client.get(reverse("activities:ledger"), {"org": organ.pk, "year": 2010, "as_of": "2010-05-31"})
    html = page.content.decode()
    assert "3、5 月未组织集中学习" in html and "尚未召开" in html
    township_page = client.get(reverse("activities:ledger"), {"year": 2010}).content.decode()
    assert "机关党支部有月份未组织集中学习" in township_page and "乡政府机关党支部" in township_page


# ---------------------------------------------------------------- fixed query counts

PINNED = {"activities:list": 7, "activities:duty_post_list": 6}


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow(township: Township, n: int) -> None:
    """n more villages' worth of activities, attendance and duty posts (through the services)."""
    for _ in range(n):
        for org in (township.village_a, township.village_b):
            people = [make_full_member(org=org) for _ in range(2)]
            officer = writer_for(org)
            services.activity_record(
                user=officer,
                org=org,
                type=activity_type("remote_theory"),
                held_on=days_ago(1),
                topic="远程教育",
                presence=[Presence(people[0], True), Presence(people[1], False, "illness")],
            )
            services.member_year_record_save(
                user=officer, record=DutyPost(person=people[0], org=org, year=YEAR, post="岗", duty="责")
            )


@pytest.mark.parametrize("url_name", sorted(PINNED))
def test_lists_run_a_fixed_number_of_queries(url_name: str, township: Township, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    grow(township, 1)
    small = count_queries(client, reverse(url_name))
    grow(township, 3)
    large = count_queries(client, reverse(url_name))
    assert small == large == PINNED[url_name], (small, large)
    assert make_activity_records  # the same helpers build the scope tests' records
