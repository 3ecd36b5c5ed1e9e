"""TOTP second factor for officer, inspector, auditor, sysadmin (and secadmin): enrol once, then every login.

WUJI_ENV=test runs with the second factor off; these tests switch it on.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tests.accounts.conftest import login
from tests.factories import PASSWORD
from wuji.audit.models import SecurityEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("second_factor_on")]


@pytest.fixture
def second_factor_on() -> Any:
    with override_settings(WUJI_2FA=True):
        yield


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """What the phone shows now (or `steps_ahead` 30-second steps later, so a code is never replayed)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def enrol(client: Client) -> TOTPDevice:
    page = client.get(reverse("accounts:otp_enrol"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(reverse("accounts:otp_enrol"), {"code": code(device), "next": "/people/"})
    assert response.status_code == 302 and response["Location"] == "/people/"
    device.refresh_from_db()
    return device


# django-otp slows the next try after a wrong code (1 s, doubling); these tests try again at once.
no_throttle = override_settings(OTP_TOTP_THROTTLE_FACTOR=0)


@no_throttle
def test_an_officer_enrols_at_the_first_login_then_gives_a_code_every_time(officer: Any) -> None:
    client = Client()
    assert login(client, "officer", PASSWORD).status_code == 302
    first = client.get(reverse("people:list"))
    assert first.status_code == 302 and first["Location"].startswith(reverse("accounts:otp_enrol"))
    page = client.get(first["Location"]).content.decode()
    assert "<svg" in page and "http" not in re.sub(
        r'xmlns(:\w+)?="[^"]*"', "", page.split("<svg")[1].split("</svg>")[0]
    )
    device = enrol(client)
    assert device.confirmed
    assert client.get(reverse("people:list")).status_code == 200

    again = Client()
    login(again, "officer", PASSWORD)
    blocked = again.get(reverse("people:list"))
    assert blocked["Location"].startswith(reverse("accounts:otp_verify"))
    wrong = again.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert wrong.status_code == 400
    before = again.session.session_key
    ok = again.post(reverse("accounts:otp_verify"), {"code": code(device, 1), "next": "/people/"})
    assert ok["Location"] == "/people/"
    assert again.session.session_key != before  # rotated again once the login is complete
    assert again.get(reverse("people:list")).status_code == 200


def test_a_wrong_enrolment_code_confirms_nothing(officer: Any) -> None:
    client = Client()
    login(client, "officer", PASSWORD)
    client.get(reverse("accounts:otp_enrol"))
    response = client.post(reverse("accounts:otp_enrol"), {"code": "123456"})
    assert response.status_code == 400 and "验证码不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


def test_no_page_opens_before_the_second_factor(officer: Any, sysadmin: Any) -> None:
    sysadmin.is_staff = True
    sysadmin.save()
    for user, url in [(officer, "/people/"), (officer, reverse("accounts:password_change")), (sysadmin, "/admin/")]:
        client = Client()
        login(client, user.username, PASSWORD)
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/otp/" in response["Location"], url


def test_a_password_reset_does_not_skip_the_second_factor(officer: Any) -> None:
    client = Client()
    login(client, "officer", PASSWORD)
    device = enrol(client)
    officer.refresh_from_db()
    officer.set_password("Chushi-mima-77")
    officer.password_must_change = True
    officer.save()
    fresh = Client()
    login(fresh, "officer", "Chushi-mima-77")
    response = fresh.get(reverse("people:list"))
    assert response["Location"].startswith(reverse("accounts:otp_verify"))  # the code first, then the password
    fresh.post(reverse("accounts:otp_verify"), {"code": code(device, 1)})
    assert fresh.get(reverse("people:list"))["Location"].startswith(reverse("accounts:password_change"))


def test_a_secretary_is_not_asked_unless_configured(secretary_a: Any) -> None:
    client = Client()
    login(client, "secretary_a", PASSWORD)
    assert client.get(reverse("people:list")).status_code == 200
    with override_settings(WUJI_2FA_ROLES=["secretary"]):
        assert client.get(reverse("people:list")).status_code == 302


@no_throttle
def test_the_api_token_needs_the_code_too(officer: Any) -> None:
    client = Client()
    login(client, "officer", PASSWORD)
    device = enrol(client)
    url = reverse("api:token")
    api = Client()
    assert api.post(url, {"username": "officer", "password": PASSWORD}).status_code == 400
    assert api.post(url, {"username": "officer", "password": PASSWORD, "otp_token": "000000"}).status_code == 400
    assert not Token.objects.filter(user=officer).exists()
    ok = api.post(url, {"username": "officer", "password": PASSWORD, "otp_token": code(device, 1)})
    assert ok.status_code == 200 and Token.objects.filter(user=officer).exists()


def test_wrong_codes_count_towards_the_lockout(officer: Any, settings: Any) -> None:
    client = Client()
    login(client, "officer", PASSWORD)
    enrol(client)
    again = Client()
    login(again, "officer", PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = again.post(reverse("accounts:otp_verify"), {"code": "000000"})
    assert response["Location"] == reverse("login") and "_auth_user_id" not in again.session
    assert login(Client(), "officer", PASSWORD).status_code == 200  # locked
    assert SecurityEvent.objects.filter(action="lockout").exists()


def test_the_security_admin_clears_a_lost_phone(officer: Any, client_for: Any) -> None:
    from tests.factories import UserFactory
    from wuji.accounts.choices import Role

    client = Client()
    login(client, "officer", PASSWORD)
    enrol(client)
    secadmin = UserFactory(username="secadmin", role=Role.SECADMIN, org=None)
    with override_settings(WUJI_2FA=False):
        response = client_for(secadmin).post(reverse("accounts:otp_reset"), {"username": "officer"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert client.get(reverse("people:list")).status_code == 302  # the old session ended


@override_settings(WUJI_2FA=False, WUJI_ENV="demo")
def test_the_demo_login_page_says_the_second_factor_is_off() -> None:
    assert "已关闭双因素认证" in Client().get(reverse("login")).content.decode()


def test_production_login_page_does_not_offer_the_notice() -> None:
    assert "已关闭双因素认证" not in Client().get(reverse("login")).content.decode()
