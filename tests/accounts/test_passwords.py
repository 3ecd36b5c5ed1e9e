"""身份鉴别: password rules, history and expiry, each set from a WUJI_* setting."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation

from tests.accounts.conftest import login
from tests.factories import PASSWORD
from wuji.accounts.models import PasswordHistory, User

pytestmark = pytest.mark.django_db


def refused(password: str, user: Any = None) -> str:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_password(password, user)
    return " ".join(caught.value.messages)


def test_a_strong_password_passes(officer: Any) -> None:
    validate_password("Qingshan-lu-47", officer)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("Ab1-xyz", "10"),  # too short: at least WUJI_PASSWORD_MIN_LENGTH
        ("qingshanlushiwu", "至少 3 种"),  # one class only
        ("Officer-2010-abc", "用户名"),
        ("Xy-110105198001010034", "身份证号码或手机号码"),
        ("Xy-13812345678", "身份证号码或手机号码"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(officer: Any, password: str, reason: str) -> None:
    assert reason in refused(password, officer)


@override_settings(
    WUJI_PASSWORD_CHAR_CLASSES=1,
    AUTH_PASSWORD_VALIDATORS=[
        {"NAME": "wuji.accounts.validators.CharacterClassValidator"},
    ],
)
def test_a_township_at_level_2_may_relax_the_character_classes(officer: Any) -> None:
    validate_password("qingshanlushiwu", officer)


def test_password_change_refuses_the_last_n_passwords(officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    url = reverse("accounts:password_change")
    chain = [PASSWORD, "Qingshan-lu-41", "Qingshan-lu-42", "Qingshan-lu-43"]
    for old, new in zip(chain, chain[1:], strict=False):
        response = client.post(url, {"old_password": old, "new_password1": new, "new_password2": new})
        assert response.status_code == 302, response.content.decode()
    again = client.post(url, {"old_password": chain[-1], "new_password1": chain[1], "new_password2": chain[1]})
    assert again.status_code == 400 and "最近" in again.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(chain[-1])
    with override_settings(WUJI_PASSWORD_HISTORY=1):
        ok = client.post(url, {"old_password": chain[-1], "new_password1": chain[1], "new_password2": chain[1]})
    assert ok.status_code == 302


def test_password_change_keeps_the_user_logged_in_and_stamps_the_date(officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    new = "Qingshan-lu-41"
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    officer.refresh_from_db()
    assert officer.password_changed_at is not None
    assert PasswordHistory.objects.filter(user=officer).count() == 1
    assert client.get(reverse("home")).status_code == 200


def test_wrong_old_password_changes_nothing(officer: Any, client_for: Any) -> None:
    response = client_for(officer).post(
        reverse("accounts:password_change"),
        {"old_password": "not-it", "new_password1": "Qingshan-lu-41", "new_password2": "Qingshan-lu-41"},
    )
    assert response.status_code == 400 and "原密码不正确" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)


@override_settings(WUJI_PASSWORD_MAX_AGE_DAYS=90)
def test_an_expired_password_must_be_changed_at_the_next_login(officer: Any) -> None:
    User.objects.filter(pk=officer.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=91))
    client = Client()
    assert login(client, "officer", PASSWORD).status_code == 302
    response = client.get(reverse("people:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:password_change"))
    page = client.get(response["Location"])
    assert "已到期" in page.content.decode()
    new = "Qingshan-lu-41"
    done = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new, "next": "/people/"},
    )
    assert done["Location"] == "/people/"
    assert client.get(reverse("people:list")).status_code == 200


@override_settings(WUJI_PASSWORD_MAX_AGE_DAYS=0)
def test_expiry_can_be_switched_off(officer: Any, client_for: Any) -> None:
    User.objects.filter(pk=officer.pk).update(password_changed_at=timezone.now() - dt.timedelta(days=3650))
    assert client_for(officer).get(reverse("people:list")).status_code == 200


def test_a_password_set_by_the_administrator_must_be_replaced(officer: Any, sysadmin: Any, client_for: Any) -> None:
    sysadmin.is_staff = True
    sysadmin.save()
    from django.contrib.auth.models import Permission

    sysadmin.user_permissions.set(Permission.objects.filter(codename="change_user"))
    admin = client_for(sysadmin)
    new = "Chushi-mima-77"
    response = admin.post(
        reverse("admin:auth_user_password_change", args=[officer.pk]),
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    officer.refresh_from_db()
    assert officer.password_must_change
    client = Client()
    login(client, "officer", new)
    assert client.get(reverse("people:list"))["Location"].startswith(reverse("accounts:password_change"))
