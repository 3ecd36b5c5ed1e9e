"""The activity-type list is data: the officer extends it, everyone else reads it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from wuji.activities.models import ActivityType

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str


# Not org-scoped (one list for the whole township): the role matrix below covers them.
ROUTES = [Route("activities:type_list"), Route("activities:type_create"), Route("activities:type_edit")]


def test_the_officer_adds_a_type_that_the_activity_form_then_offers(officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    response = client.post(
        reverse("activities:type_create"),
        {"name": "三会一课", "code": "three_meetings", "order": 5, "active": "on"},
    )
    assert response.status_code == 302
    created = ActivityType.objects.get(code="three_meetings")
    assert "三会一课" in client.get(reverse("activities:type_list")).content.decode()
    assert "三会一课" in client.get(reverse("activities:create")).content.decode()
    client.post(
        reverse("activities:type_edit", args=[created.pk]), {"name": "三会一课", "code": "three_meetings", "order": 5}
    )
    created.refresh_from_db()
    assert not created.active
    assert "三会一课" not in client.get(reverse("activities:create")).content.decode()


def test_a_subtype_sits_under_a_top_level_type_and_codes_are_unique(officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    subtype = ActivityType.objects.get(code="remote_theory")
    response = client.post(
        reverse("activities:type_create"),
        {"name": "子子类", "code": "deep", "order": 1, "parent": subtype.pk, "active": "on"},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("activities:type_create"), {"name": "重复", "code": "group_study", "order": 1, "active": "on"}
    )
    assert response.status_code == 400 and "已被“集中学习”使用" in response.content.decode()
    assert not ActivityType.objects.filter(name__in=["子子类", "重复"]).exists()


@pytest.mark.parametrize("persona", ["secretary_a", "inspector"])
def test_others_read_the_list_but_cannot_change_it(persona: str, request: Any, client_for: Any) -> None:
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("activities:type_list")).status_code == 200
    first = ActivityType.objects.first()
    assert first is not None
    for url in (reverse("activities:type_create"), reverse("activities:type_edit", args=[first.pk])):
        assert client.get(url).status_code == 403
        assert client.post(url, {"name": "x", "code": "x", "order": 1}).status_code == 403
    assert not ActivityType.objects.filter(code="x").exists()


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
def test_auditor_and_sysadmin_see_nothing(persona: str, request: Any, client_for: Any) -> None:
    assert client_for(request.getfixturevalue(persona)).get(reverse("activities:type_list")).status_code == 403


def test_anonymous_is_sent_to_login(client: Any) -> None:
    response = client.get(reverse("activities:type_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
