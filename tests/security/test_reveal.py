"""保密性: full ID numbers are masked for everyone; a permitted role reveals one with a reason, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories import Township, make_full_member
from wuji.audit.models import SecurityEvent

pytestmark = pytest.mark.django_db

PHONE = "13812345678"


@pytest.fixture
def person(township: Township) -> Any:
    return make_full_member(org=township.village_a, name="隐私", phone=PHONE)


def test_the_officer_sees_masked_numbers_by_default_and_on_the_list(person: Any, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert person.id_number not in page and PHONE not in page
    assert person.id_number_masked in page and "查看完整号码" in page
    listing = client.get(reverse("people:list")).content.decode()
    assert person.id_number not in listing and person.id_number_masked in listing
    assert not SecurityEvent.objects.filter(action="reveal").exists()


def test_a_reveal_with_a_reason_shows_the_number_once_and_is_audited(
    person: Any, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    url = reverse("people:detail", args=[person.pk])
    response = client.post(url, {"reveal_reason": "核对党费收缴名单"}, REMOTE_ADDR="10.9.8.7")
    assert response.status_code == 200
    page = response.content.decode()
    assert person.id_number in page and PHONE in page
    assert response["Cache-Control"] == "no-store, private"
    event = SecurityEvent.objects.get(action="reveal")
    assert (event.actor, event.remote_addr, event.outcome) == (officer, "10.9.8.7", "success")
    assert (event.object_type, event.object_pk) == ("people.person", str(person.pk))
    assert event.detail == {"reason": "核对党费收缴名单", "fields": ["id_number", "phone"]}
    assert person.id_number not in client.get(url).content.decode()  # once: the next view is masked again


def test_a_reveal_without_a_reason_is_refused_and_not_recorded(person: Any, officer: Any, client_for: Any) -> None:
    response = client_for(officer).post(reverse("people:detail", args=[person.pk]), {"reveal_reason": " "})
    assert response.status_code == 400
    page = response.content.decode()
    assert "请填写查看事由" in page and person.id_number not in page
    assert not SecurityEvent.objects.filter(action="reveal").exists()


def test_roles_without_the_permission_cannot_reveal(
    person: Any, secretary_a: Any, inspector: Any, client_for: Any
) -> None:
    url = reverse("people:detail", args=[person.pk])
    for user in (secretary_a, inspector):
        client = client_for(user)
        assert "查看完整号码" not in client.get(url).content.decode()
        response = client.post(url, {"reveal_reason": "想看看"})
        assert response.status_code == 403
        assert person.id_number not in response.content.decode()
    assert not SecurityEvent.objects.filter(action="reveal").exists()
    assert SecurityEvent.objects.filter(action="forbidden", path=url).count() == 2
