"""API tokens end after WUJI_API_TOKEN_HOURS, and an expired password closes the API as it closes the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def token_for(username: str) -> str:
    response = APIClient().post(reverse("api:token"), {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    return str(response.json()["token"])


def people(key: str) -> Any:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get(reverse("api:person-list"))


def test_a_token_ends_after_its_lifetime_and_a_new_login_gets_a_new_one(secretary_a: Any, settings: Any) -> None:
    settings.WUJI_API_TOKEN_HOURS = 8
    key = token_for("secretary_a")
    assert people(key).status_code == 200
    Token.objects.filter(key=key).update(created=timezone.now() - dt.timedelta(hours=9))
    expired = people(key)
    assert expired.status_code == 401 and "令牌已过期" in expired.json()["detail"]
    assert not Token.objects.filter(key=key).exists()
    fresh = token_for("secretary_a")
    assert fresh != key and people(fresh).status_code == 200


def test_a_password_the_administrator_set_closes_the_api_until_changed(secretary_a: Any) -> None:
    key = token_for("secretary_a")
    secretary_a.password_must_change = True
    secretary_a.save(update_fields=["password_must_change"])
    refused = people(key)
    assert refused.status_code == 401 and "修改密码" in refused.json()["detail"]
