"""三权分立: system administrator, security administrator and auditor are three accounts with three powers."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse

from tests.accounts.conftest import login
from tests.factories import PASSWORD, Township, UserFactory, make_full_member
from wuji.accounts.choices import Role
from wuji.audit.models import SecurityEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def account_admin(sysadmin: Any) -> Any:
    sysadmin.is_staff = True
    sysadmin.save()
    sysadmin.user_permissions.set(Permission.objects.filter(content_type__app_label="accounts"))
    return sysadmin


@pytest.mark.parametrize("role", [Role.AUDITOR, Role.SECADMIN, Role.OFFICER])
def test_only_the_system_administrator_may_have_the_staff_flag(role: str, township: Township) -> None:
    org = township.township if role == Role.OFFICER else None
    user = UserFactory.build(username=f"x-{role}", role=role, org=org, is_staff=True)
    with pytest.raises(ValidationError) as caught:
        user.full_clean()
    assert "is_staff" in caught.value.error_dict


def test_the_staff_flag_alone_does_not_open_the_admin(auditor: Any, client_for: Any) -> None:
    type(auditor).objects.filter(pk=auditor.pk).update(is_staff=True, is_superuser=True)  # past the model's rule
    response = client_for(auditor).get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_admin_shows_accounts_and_nothing_else() -> None:
    shown = {model._meta.label_lower for model in admin.site._registry}
    assert shown == {"accounts.user"}  # no Person, no audit trail, no API tokens, no lockout records


def test_the_system_administrator_reads_no_member_data_and_no_audit_trail(
    account_admin: Any, township: Township, client_for: Any
) -> None:
    make_full_member(org=township.village_a, name="名单上的人")
    client = client_for(account_admin)
    assert "名单上的人" not in client.get(reverse("people:list")).content.decode()
    assert client.get(reverse("audit:list")).status_code in {302, 403}
    assert client.get(reverse("accounts:security")).status_code == 403
    assert client.get("/admin/auditlog/logentry/").status_code == 404
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404


def test_the_security_administrator_unlocks_but_reads_no_member_data(
    officer: Any, secadmin: Any, township: Township, client_for: Any
) -> None:
    make_full_member(org=township.village_a, name="名单上的人")
    office = Client(REMOTE_ADDR="10.20.30.40")
    for _ in range(5):
        login(office, "officer", "wrong-password")
    assert login(office, "officer", PASSWORD).status_code == 200
    client = client_for(secadmin)
    page = client.get(reverse("accounts:security")).content.decode()
    assert "officer" in page and "连续登录失败锁定次数" in page
    assert client.post(reverse("accounts:unlock"), {"username": "officer"}).status_code == 302
    assert login(office, "officer", PASSWORD).status_code == 302
    assert SecurityEvent.objects.filter(action="unlock", actor_username="secadmin").exists()
    assert "名单上的人" not in client.get(reverse("people:list")).content.decode()
    assert client.get(reverse("audit:list")).status_code in {302, 403}
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_secadmin_logs_in_to_the_security_page(secadmin: Any) -> None:
    client = Client()
    response = login(client, "secadmin", PASSWORD)
    assert response["Location"] == reverse("accounts:security")


@override_settings(WUJI_REFUSE_SUPERUSER=True)
def test_production_refuses_a_superuser_for_daily_use(db: None) -> None:
    type_ = UserFactory._meta.model
    type_.objects.create_superuser("root", password=PASSWORD, role=Role.SYSADMIN)
    assert login(Client(), "root", PASSWORD).status_code == 200  # refused like a wrong password


@override_settings(PRODUCTION=True)
def test_production_accounts_may_not_be_superusers(db: None) -> None:
    user = UserFactory.build(username="root", role=Role.SYSADMIN, is_superuser=True)
    with pytest.raises(ValidationError):
        user.full_clean()


def test_a_role_change_in_the_admin_is_audited(account_admin: Any, township: Township, client_for: Any) -> None:
    target = UserFactory(username="clerk", role=Role.INSPECTOR, org=township.township)
    response = client_for(account_admin).post(
        reverse("admin:accounts_user_change", args=[target.pk]),
        {
            "username": "clerk",
            "role": Role.AUDITOR,
            "org": "",
            "is_active": "on",
            "last_name": "",
            "first_name": "",
            "email": "",
            "date_joined_0": "2010-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = SecurityEvent.objects.get(action="role_change")
    assert event.actor_username == "sysadmin" and event.object_pk == str(target.pk)
    assert event.detail["before"]["role"] == "inspector" and event.detail["after"]["role"] == "auditor"


def test_the_system_administrator_cannot_change_their_own_powers(
    account_admin: Any, township: Township, client_for: Any
) -> None:
    """三权分立: the administrator cannot make themselves an officer (member data) or an auditor."""
    client = client_for(account_admin)
    url = reverse("admin:accounts_user_change", args=[account_admin.pk])
    form = client.get(url).content.decode()
    assert 'name="role"' not in form and 'name="org"' not in form and 'name="is_active"' not in form
    client.post(
        url,
        {
            "username": account_admin.username,
            "role": Role.OFFICER,
            "org": township.township.pk,
            "is_active": "on",
            "last_name": "",
            "first_name": "",
            "email": "",
            "date_joined_0": "2010-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    account_admin.refresh_from_db()
    assert (account_admin.role, account_admin.org_id) == (Role.SYSADMIN, None)


def test_the_system_administrator_cannot_change_the_auditors_account(
    account_admin: Any, auditor: Any, client_for: Any
) -> None:
    client = client_for(account_admin)
    page = client.get(reverse("admin:accounts_user_change", args=[auditor.pk])).content.decode()
    assert 'name="role"' not in page  # shown read-only
    changed = client.post(
        reverse("admin:accounts_user_change", args=[auditor.pk]), {"username": "x", "role": "officer"}
    )
    assert changed.status_code == 403
    response = client.post(
        reverse("admin:auth_user_password_change", args=[auditor.pk]),
        {"password1": "Another-pass-2010x", "password2": "Another-pass-2010x"},
    )
    assert response.status_code == 403
    auditor.refresh_from_db()
    assert not auditor.check_password("Another-pass-2010x")
