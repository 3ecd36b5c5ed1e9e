"""身份鉴别 at the door: lockout on every login path, session rotation and timeouts, audited logins."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.accounts.conftest import login
from tests.factories import PASSWORD
from wuji.accounts import security
from wuji.audit.models import SecurityEvent

pytestmark = pytest.mark.django_db
LIMIT = settings.AXES_FAILURE_LIMIT
OFFICE = "10.20.30.40"  # the whole township office behind one address


def office_client() -> Client:
    return Client(REMOTE_ADDR=OFFICE)


def fail_until_locked(client: Client, username: str, url: str = "/accounts/login/") -> None:
    for _ in range(LIMIT):
        login(client, username, "wrong-password", url)


def test_login_rotates_the_session_id(officer: Any) -> None:
    client = office_client()
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    assert before
    assert login(client, "officer", PASSWORD).status_code == 302
    assert client.session.session_key != before


def test_a_locked_account_gets_the_same_answer_as_a_wrong_password(officer: Any) -> None:
    client = office_client()
    wrong = login(client, "officer", "wrong-password")
    fail_until_locked(client, "officer")
    locked = login(client, "officer", PASSWORD)  # the right password, but locked
    assert locked.status_code == wrong.status_code == 200
    assert locked.content.decode().count("alert") == wrong.content.decode().count("alert")
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(action="lockout", actor_username="officer").exists()


def test_lockout_is_by_account_never_by_address_alone(officer: Any, inspector: Any) -> None:
    clerk, colleague = office_client(), office_client()
    fail_until_locked(clerk, "officer")
    assert login(colleague, "inspector", PASSWORD).status_code == 302  # same office address, other account
    assert login(Client(REMOTE_ADDR="10.9.9.9"), "officer", PASSWORD).status_code == 200  # locked from anywhere


def test_success_before_the_limit_resets_the_count(officer: Any) -> None:
    client = office_client()
    for _ in range(LIMIT - 1):
        login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        login(client, "officer", "wrong-password")
    assert login(client, "officer", PASSWORD).status_code == 302


def test_the_lock_lifts_after_the_cool_off(officer: Any) -> None:
    client = office_client()
    fail_until_locked(client, "officer")
    assert login(client, "officer", PASSWORD).status_code == 200
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1))
    assert login(client, "officer", PASSWORD).status_code == 302


def test_the_admin_login_locks_too(sysadmin: Any) -> None:
    sysadmin.is_staff = True
    sysadmin.save()
    client = office_client()
    fail_until_locked(client, "sysadmin", "/admin/login/")
    response = login(client, "sysadmin", PASSWORD, "/admin/login/")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert login(office_client(), "sysadmin", PASSWORD).status_code == 200  # and on the web login


def test_the_api_token_endpoint_locks_too(officer: Any) -> None:
    client = office_client()
    url = reverse("api:token")
    wrong = client.post(url, {"username": "officer", "password": "wrong-password"})
    for _ in range(LIMIT):
        client.post(url, {"username": "officer", "password": "wrong-password"})
    locked = client.post(url, {"username": "officer", "password": PASSWORD})
    assert locked.status_code == wrong.status_code == 400
    assert locked.json() == wrong.json()
    assert not Token.objects.filter(user=officer).exists()
    assert login(office_client(), "officer", PASSWORD).status_code == 200  # one count for every path


def test_every_login_and_failure_is_audited(officer: Any) -> None:
    client = office_client()
    login(client, "officer", "wrong-password")
    login(client, "officer", PASSWORD)
    client.post(reverse("logout"))
    events = list(SecurityEvent.objects.order_by("pk").values_list("action", "actor_username", "outcome"))
    assert events[-3:] == [
        ("login_failed", "officer", "failure"),
        ("login", "officer", "success"),
        ("logout", "officer", "success"),
    ]
    assert SecurityEvent.objects.filter(action="login_failed", remote_addr=OFFICE).exists()
    assert not SecurityEvent.objects.filter(detail__icontains="wrong-password").exists()


def test_a_deactivated_user_loses_every_session_and_token_at_once(officer: Any) -> None:
    browser, phone = office_client(), office_client()
    login(browser, "officer", PASSWORD)
    login(phone, "officer", PASSWORD)
    token = Token.objects.create(user=officer)
    assert browser.get(reverse("people:list")).status_code == 200
    officer.is_active = False
    officer.save()
    assert not Token.objects.filter(pk=token.pk).exists()
    for client in (browser, phone):
        assert client.get(reverse("people:list")).status_code == 302
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/").status_code in {401, 403, 404}


@override_settings(WUJI_SESSION_IDLE_MINUTES=30)
def test_an_idle_session_ends(officer: Any) -> None:
    client = office_client()
    login(client, "officer", PASSWORD)
    session = client.session
    session[security.SESSION_SEEN_AT] = timezone.now().timestamp() - 31 * 60
    session.save()
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


@override_settings(WUJI_SESSION_IDLE_MINUTES=30, SESSION_COOKIE_AGE=8 * 3600)
def test_a_busy_session_still_ends_at_its_absolute_lifetime(officer: Any) -> None:
    client = office_client()
    login(client, "officer", PASSWORD)
    assert client.get(reverse("people:list")).status_code == 200
    session = client.session
    session[security.SESSION_LOGIN_AT] = timezone.now().timestamp() - 8 * 3600 - 1
    session.save()
    assert client.get(reverse("people:list")).status_code == 302


def test_session_rules_are_pure_functions_of_the_clock() -> None:
    now = dt.datetime(2010, 10, 31, 9, 0, tzinfo=dt.UTC)
    stamp = now.timestamp()
    with override_settings(WUJI_SESSION_IDLE_MINUTES=30, SESSION_COOKIE_AGE=3600):
        assert not security.session_expired(login_at=stamp - 3500, seen_at=stamp - 1700, now=now)
        assert security.session_expired(login_at=stamp - 100, seen_at=stamp - 1801, now=now)
        assert security.session_expired(login_at=stamp - 3601, seen_at=stamp, now=now)


@override_settings(AXES_LOCKOUT_PARAMETERS=[["username", "ip_address"]])
def test_a_county_may_lock_by_account_and_address(officer: Any) -> None:
    fail_until_locked(office_client(), "officer")
    assert login(office_client(), "officer", PASSWORD).status_code == 200
    assert login(Client(REMOTE_ADDR="10.9.9.9"), "officer", PASSWORD).status_code == 302
