"""安全审计: security events are recorded, scrubbed, immutable and hash-chained; verify_audit finds raw edits."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import RequestFactory, override_settings

from tests.factories import PersonFactory, Township
from wuji.audit.events import record_event
from wuji.audit.models import AuditImmutableError, SecurityEvent
from wuji.people import services as people_services

pytestmark = pytest.mark.django_db

EVENTS = "wuji_audit_securityevent"
NUMBER = "11010519491231002X"
PHONE = "13812341234"


def verify() -> str:
    out = StringIO()
    call_command("verify_audit", stdout=out)
    return out.getvalue()


def test_an_event_keeps_time_actor_address_action_object_and_outcome(township: Township, officer: Any) -> None:
    request = RequestFactory().get("/people/1/", REMOTE_ADDR="10.1.2.3")
    request.user = officer
    record_event(action="reveal", request=request, obj=township.village_a, detail={"reason": "核对"})

    event = SecurityEvent.objects.get()
    assert event.actor == officer and event.actor_username == officer.username
    assert event.remote_addr == "10.1.2.3"
    assert (event.action, event.outcome, event.path) == ("reveal", "success", "/people/1/")
    assert event.object_type == "orgs.organization" and event.object_pk == str(township.village_a.pk)
    assert event.detail == {"reason": "核对"}


@pytest.mark.parametrize("trusted, expected", [(False, "10.0.0.1"), (True, "203.0.113.9")])
def test_the_address_honours_the_forwarded_for_setting(trusted: bool, expected: str) -> None:
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    with override_settings(WUJI_TRUST_X_FORWARDED_FOR=trusted):
        record_event(action="login_failed", request=request, outcome="failure", detail={"username": "nobody"})
    event = SecurityEvent.objects.get()
    assert event.remote_addr == expected
    assert event.actor is None and event.actor_username == "nobody"


def test_a_forged_address_is_not_kept_as_one() -> None:
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    with override_settings(WUJI_TRUST_X_FORWARDED_FOR=True):
        record_event(action="forbidden", request=request, outcome="failure")
    assert SecurityEvent.objects.get().remote_addr is None


def test_detail_never_keeps_a_password_a_token_or_a_full_number() -> None:
    record_event(
        action="login_failed",
        outcome="failure",
        object_repr=f"张三 {NUMBER}",
        detail={
            "username": "zhang",
            "password": "Secret-123456",
            "otp_token": "123456",
            "note": f"证件 {NUMBER}，电话 {PHONE}",
            "nested": {"values": [NUMBER, int(PHONE)], "api_key": "abc"},
        },
    )
    event = SecurityEvent.objects.get()
    stored = str(event.detail) + event.object_repr
    for secret in ("Secret-123456", '123456"', NUMBER, PHONE, "abc"):
        assert secret not in stored
    assert event.detail["note"] == "证件 110105********002X，电话 138****1234"
    assert event.object_repr == "张三 110105********002X"
    with connection.cursor() as cursor:
        cursor.execute("SELECT detail, object_repr FROM wuji_audit_securityevent")
        raw = " ".join(str(v) for v in cursor.fetchone())
    assert NUMBER not in raw and PHONE not in raw and "Secret-123456" not in raw


def test_events_cannot_be_changed_or_deleted_through_the_application() -> None:
    record_event(action="export", detail={"rows": 3})
    event = SecurityEvent.objects.get()
    event.outcome = "failure"
    with pytest.raises(AuditImmutableError):
        event.save()
    with pytest.raises(AuditImmutableError):
        event.delete()
    with pytest.raises(AuditImmutableError):
        SecurityEvent.objects.update(outcome="failure")
    with pytest.raises(AuditImmutableError):
        SecurityEvent.objects.all().delete()
    assert SecurityEvent.objects.get().outcome == "success"


def test_data_change_entries_cannot_be_changed_or_deleted_through_the_application(
    township: Township, officer: Any
) -> None:
    people_services.person_create(user=officer, org=township.village_a, name="张三", id_number=NUMBER, phone=PHONE)
    entry = LogEntry.objects.order_by("-id").first()
    assert entry is not None
    entry.object_repr = "李四"
    with pytest.raises(AuditImmutableError):
        entry.save()
    with pytest.raises(AuditImmutableError):
        entry.delete()


def _some_history(township: Township, officer: Any) -> None:
    for name in ("张三", "李四", "王五"):
        PersonFactory(org=township.village_a, user=officer, name=name)
        record_event(action="export", actor=officer, detail={"what": name})


def test_an_untouched_trail_verifies(township: Township, officer: Any) -> None:
    _some_history(township, officer)
    assert LogEntry.objects.count() >= 3
    assert "完整" in verify()


@pytest.mark.parametrize(
    "sql",
    [
        f"UPDATE {EVENTS} SET outcome = 'failure' WHERE id = (SELECT MIN(id) FROM {EVENTS})",
        f"UPDATE {EVENTS} SET actor_username = 'x' WHERE id = (SELECT MAX(id) FROM {EVENTS})",
        f"DELETE FROM {EVENTS} WHERE id = (SELECT MIN(id) FROM {EVENTS})",
        "UPDATE auditlog_logentry SET object_repr = 'x' WHERE id = (SELECT MIN(id) FROM auditlog_logentry)",
        "UPDATE auditlog_logentry SET actor_id = NULL WHERE id = (SELECT MAX(id) FROM auditlog_logentry)",
        "DELETE FROM auditlog_logentry WHERE id = (SELECT MIN(id) + 1 FROM auditlog_logentry)",
    ],
)
def test_a_row_changed_or_deleted_with_raw_sql_is_found(township: Township, officer: Any, sql: str) -> None:
    _some_history(township, officer)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        assert cursor.rowcount == 1
    with pytest.raises(CommandError, match="#"):
        verify()


def test_a_row_inserted_behind_the_apps_back_is_found(township: Township, officer: Any) -> None:
    _some_history(township, officer)
    LogEntry.objects.bulk_create([LogEntry(content_type_id=1, object_pk="1", object_repr="x", action=1)])
    with pytest.raises(CommandError, match="没有链接值"):
        verify()


def test_rows_written_in_bulk_carry_the_actor_and_continue_the_chain(township: Township, officer: Any) -> None:
    """`wuji.audit.bulk` (the import's path): the context's actor and address, the row's values as given,
    linked between the rows written one at a time before and after it; a raw edit of one of them is found."""
    from auditlog.context import set_actor
    from django.contrib.contenttypes.models import ContentType

    from wuji.audit import bulk as audit_bulk

    _some_history(township, officer)
    village = township.village_a
    ct = ContentType.objects.get_for_model(village).pk
    with set_actor(officer, remote_addr="10.9.8.7"):
        written = audit_bulk.write(
            audit_bulk.new_row(village, LogEntry.Action.UPDATE, {"note": ["", f"第{n}次"]}, content_type_id=ct)
            for n in range(3)
        )
    assert written == 3
    PersonFactory(org=village, user=officer, name="赵六")  # a row written one at a time after the bulk rows
    bulk_rows = list(LogEntry.objects.filter(object_repr=str(village), action=LogEntry.Action.UPDATE).order_by("id"))
    assert [e.changes for e in bulk_rows] == [{"note": ["", f"第{n}次"]} for n in range(3)]
    assert {(e.actor_id, e.actor_email, e.remote_addr, e.object_pk) for e in bulk_rows} == {
        (officer.pk, officer.email, "10.9.8.7", str(village.pk))
    }
    assert "完整" in verify()

    with connection.cursor() as cursor:
        cursor.execute("UPDATE auditlog_logentry SET changes_text = 'x' WHERE id = %s", [bulk_rows[1].pk])
    with pytest.raises(CommandError, match=f"#{bulk_rows[1].pk}"):
        verify()


@pytest.mark.parametrize("address", ["", "unix:/run/wuji.sock", " 10.0.0.7 "])
def test_a_change_made_from_an_odd_address_still_verifies(
    township: Township, officer: Any, client_for: Any, address: str
) -> None:
    """Behind a unix socket REMOTE_ADDR is empty: it must be kept as no address, not sealed as "" and read back
    as NULL (which broke the link of every row written so)."""
    from django.urls import reverse

    client = client_for(officer)
    response = client.post(
        reverse("people:create"),
        {
            "org": township.village_a.pk,
            "name": "赵六",
            "id_number": NUMBER,
            "ethnicity": "汉族",
            "phone": "",
            "education": "",
            "note": "",
        },
        REMOTE_ADDR=address,
    )
    assert response.status_code == 302, response.content.decode()[:500]
    entry = LogEntry.objects.order_by("-id").first()
    assert entry is not None and entry.actor == officer
    assert entry.remote_addr == ("10.0.0.7" if address.strip() == "10.0.0.7" else None)
    assert "完整" in verify()


def test_an_anchor_kept_outside_the_database_shows_the_newest_rows_were_deleted(
    township: Township, officer: Any, tmp_path: Any
) -> None:
    """The chain alone cannot show the loss of its last rows; a recorded head can."""
    anchors = tmp_path / "audit-anchors.jsonl"
    _some_history(township, officer)
    out = StringIO()
    call_command("verify_audit", anchor=str(anchors), stdout=out)
    assert "已把两条链的末行记入" in out.getvalue()
    recorded = json.loads(anchors.read_text(encoding="utf-8").splitlines()[-1])
    last_entry = LogEntry.objects.order_by("-id").first()
    assert last_entry is not None and recorded["logentry"][0] == last_entry.pk
    assert recorded["event"][0] == SecurityEvent.objects.order_by("-id").values_list("id", flat=True)[0]

    PersonFactory(org=township.village_a, user=officer, name="赵六")  # the trail grows after the anchor
    checked = StringIO()
    call_command("verify_audit", check_anchor=str(anchors), stdout=checked)
    assert "均完好" in checked.getvalue()

    with connection.cursor() as cursor:  # the newest rows, the anchored one among them, deleted with raw SQL
        cursor.execute("DELETE FROM auditlog_logentry WHERE id >= %s", [last_entry.pk])
        cursor.execute(f"DELETE FROM {EVENTS} WHERE id = (SELECT MAX(id) FROM {EVENTS})")
    assert "完整" in verify()  # what remains is still a valid chain …
    with pytest.raises(CommandError) as found:  # … but not the one that was anchored
        call_command("verify_audit", check_anchor=str(anchors), stdout=StringIO())
    assert f"数据变更 #{last_entry.pk}: 锚定的行已不存在" in str(found.value)
    assert f"安全事件 #{recorded['event'][0]}: 锚定的行已不存在" in str(found.value)


def test_a_damaged_or_empty_anchor_file_is_an_error_never_a_pass(tmp_path: Any) -> None:
    anchors = tmp_path / "anchors.jsonl"
    good = '{"at": "x", "logentry": [1, "%s"], "event": null}' % ("a" * 64)
    for content, message in [
        (good + "\nnot json\n", "第 2 行格式不对"),
        ('{"at": "x", "logentry": [1, "链接"]}\n', "第 1 行格式不对"),  # not a link
        ('{"at": "x", "logentry": [true, "%s"]}\n' % ("a" * 64), "第 1 行格式不对"),
        ('{"at": "x", "logentry": "ab"}\n', "第 1 行格式不对"),
        ("[1, 2]\n", "第 1 行格式不对"),
        ("", "没有任何记录"),
        ('{"at": "x"}\n', "没有任何记录"),
    ]:
        anchors.write_text(content, encoding="utf-8")
        with pytest.raises(CommandError, match=message):
            call_command("verify_audit", check_anchor=str(anchors), stdout=StringIO())
    with pytest.raises(CommandError, match="无法读取锚定文件"):
        call_command("verify_audit", check_anchor=str(tmp_path / "missing.jsonl"), stdout=StringIO())


def test_an_anchor_after_an_interrupted_write_starts_a_line_of_its_own(
    township: Township, officer: Any, tmp_path: Any
) -> None:
    _some_history(township, officer)
    anchors = tmp_path / "anchors.jsonl"
    anchors.write_text('{"at": "2026-01-01", "logentry": [1, "ab', encoding="utf-8")  # cut off mid-line
    call_command("verify_audit", anchor=str(anchors), stdout=StringIO())
    lines = anchors.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[1])["logentry"][0] == LogEntry.objects.order_by("-id").first().pk
    with pytest.raises(CommandError, match="第 1 行格式不对"):  # the damaged line is named, not skipped
        call_command("verify_audit", check_anchor=str(anchors), stdout=StringIO())


def test_the_migration_seals_rows_written_before_the_chain(township: Township, officer: Any) -> None:
    import importlib

    from django.apps import apps

    _some_history(township, officer)
    LogEntry.objects.bulk_create([LogEntry(content_type_id=1, object_pk="1", object_repr="旧", action=1)])
    with pytest.raises(CommandError):
        verify()
    migration = importlib.import_module("wuji.audit.migrations.0002_seal_existing_logentries")
    migration.seal_existing(apps, None)
    assert "完整" in verify()
