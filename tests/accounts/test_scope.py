"""Who opens the login-security pages: every account its own password and second factor,
only the security administrator the lockouts. The table ROUTES lists every accounts URL
(tests/test_every_url_is_covered.py fails for one missing here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

EVERYONE = ("officer", "secretary_a", "inspector", "auditor", "sysadmin", "secadmin")


@dataclass(frozen=True)
class Route:
    name: str
    allowed: tuple[str, ...]  # personas who get the page (everyone else: 403)
    methods: tuple[str, ...] = ("GET",)


ROUTES = [
    Route("accounts:password_change", EVERYONE),
    # With the second factor off (WUJI_ENV=test) these pages send the user on: 302 for all.
    Route("accounts:otp_verify", ()),
    Route("accounts:otp_enrol", ()),
    Route("accounts:security", ("secadmin",)),
    Route("accounts:unlock", ("secadmin",), ("POST",)),
    Route("accounts:otp_reset", ("secadmin",), ("POST",)),
]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, client: Any) -> None:
    for method in route.methods:
        response = getattr(client, method.lower())(reverse(route.name))
        assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_each_persona_gets_only_its_pages(route: Route, persona: str, request: Any, client_for: Any) -> None:
    if persona == "secadmin":
        from tests.factories import UserFactory
        from wuji.accounts.choices import Role

        user = UserFactory(username="secadmin", role=Role.SECADMIN, org=None)
    else:
        user = request.getfixturevalue(persona)
    client = client_for(user)
    for method in route.methods:
        response = getattr(client, method.lower())(
            reverse(route.name), {"username": user.username} if method == "POST" else {}
        )
        if persona in route.allowed:
            assert response.status_code in {200, 302}, (route.name, persona, response.status_code)
        elif route.allowed:
            assert response.status_code == 403, (route.name, persona, response.status_code)
        else:
            assert response.status_code == 302, (route.name, persona, response.status_code)
