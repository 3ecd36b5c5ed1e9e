"""The rubric pages: not member data, but only for the roles that work with it (login required)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from wuji.standards.loader import load
from wuji.standards.models import Standard

pytestmark = pytest.mark.django_db

FIVE_BASICS = Path(__file__).resolve().parents[2] / "standards" / "five-basics.yaml"


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[Standard], list[Any]]

    def url(self, standard: Standard) -> str:
        return reverse(self.name, args=self.args(standard))


ROUTES = [
    Route("standards:list", lambda s: []),
    Route("standards:detail", lambda s: [s.pk]),
]


@pytest.fixture
def standard(db: None) -> Standard:
    return load(FIVE_BASICS)[0]


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, standard: Standard, client: Any) -> None:
    response = client.get(route.url(standard))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_get_403(
    route: Route, persona: str, standard: Standard, request: Any, client_for: Any
) -> None:
    assert client_for(request.getfixturevalue(persona)).get(route.url(standard)).status_code == 403


@pytest.mark.parametrize("persona", ["officer", "inspector", "secretary_a"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_officers_inspectors_and_secretaries_read_it(
    route: Route, persona: str, standard: Standard, request: Any, client_for: Any
) -> None:
    response = client_for(request.getfixturevalue(persona)).get(route.url(standard))
    assert response.status_code == 200 and "基层党组织“五个基本”建设考评细则" in response.content.decode()


def test_an_unknown_standard_is_404(standard: Standard, officer: Any, client_for: Any) -> None:
    assert client_for(officer).get(reverse("standards:detail", args=[standard.pk + 1])).status_code == 404
