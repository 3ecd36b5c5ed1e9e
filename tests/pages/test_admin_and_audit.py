"""The sysadmin manages accounts and sees no member data; the auditor filters the trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import Township, make_full_member
from wuji.people import services as people_services
from wuji.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def account_admin(sysadmin: Any) -> Any:
    sysadmin.is_staff = True
    sysadmin.save()
    sysadmin.user_permissions.set(
        Permission.objects.filter(content_type__app_label="accounts", codename__endswith="_user")
    )
    return sysadmin


def test_sysadmin_manages_accounts_but_no_member_data(account_admin: Any, township: Township, client_for: Any) -> None:
    make_full_member(org=township.village_a, name="名单上的人")
    client = client_for(account_admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert "用户" in index and "人员" not in index and "党组织" not in index
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 200
    assert "名单上的人" not in client.get(reverse("people:list")).content.decode()


@pytest.mark.parametrize("persona", ["officer", "secretary_a", "inspector", "auditor"])
def test_other_roles_cannot_open_the_admin(persona: str, request: Any, client_for: Any) -> None:
    response = client_for(request.getfixturevalue(persona)).get(reverse("admin:index"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_auditor_filters_by_person_record_date_and_action(
    township: Township, officer: Any, secretary_a: Any, auditor: Any, client_for: Any
) -> None:
    by_officer = make_full_member(org=township.village_a, name="组织委员登记", user=officer)
    by_secretary = make_full_member(org=township.village_a, name="书记登记", user=secretary_a)
    people_services.person_update(user=secretary_a, person=by_secretary, name="书记改名", version=by_secretary.version)
    client = client_for(auditor)
    url = reverse("audit:list")

    def rows(**params: Any) -> str:
        return client.get(url, params).content.decode()

    mine = rows(actor=secretary_a.pk)
    assert "书记改名" in mine and "组织委员登记" not in mine
    updates = rows(action=1, content_type=LogEntry.objects.get_for_object(by_secretary).first().content_type_id)
    assert "书记登记" in updates and "书记改名" in updates and "组织委员登记" not in updates
    record = rows(
        record=str(by_officer.pk), content_type=LogEntry.objects.get_for_object(by_officer)[0].content_type_id
    )
    assert "组织委员登记" in record and "书记改名" not in record
    today = dt.date.today().isoformat()
    assert "组织委员登记" in rows(date_from=today, date_to=today)
    assert "组织委员登记" not in rows(date_to="2000-01-01")
    assert Person.objects.count() == 2
