"""The OpenAPI schema: valid without warnings, browsable offline, and fuzzed by schemathesis without a 5xx."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token

from tests.api.conftest import World
from wuji.wsgi import application

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 4


def test_schema_validates_without_warnings(tmp_path: Path) -> None:
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    text = target.read_text(encoding="utf-8")
    for path in ["/api/people/", "/api/positions/{id}/", "/api/activities/{id}/", "/api/income/", "/api/token/"]:
        assert f"{path}:" in text
    assert "If-Match" in text
    assert "reveal" in text


@pytest.mark.parametrize("name", ["api:docs", "api:redoc"])
def test_docs_work_offline(world: World, client: Any, name: str) -> None:
    client.force_login(world.officer)
    response = client.get(reverse(name))
    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar" in page  # scripts from the sidecar app's static files
    external = [url for url in re.findall(r"(?:src|href)=\"(https?://[^\"]+)\"", page)]
    assert external == []
    local = re.findall(r"(?:src|href)=\"/static/([^\"?]+)", page)
    assert local
    assert all(finders.find(path) for path in local), local
    if name == "api:docs":  # Swagger UI's set-up script names the schema
        script = client.get(reverse(name) + "?script=").content.decode()
        assert reverse("api:schema") in script
    else:
        assert reverse("api:schema") in page


def test_schema_is_served_to_member_roles(world: World, api_for: Any) -> None:
    response = api_for(world.inspector).get(reverse("api:schema") + "?format=json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "五基 Wuji API"


@pytest.fixture
def keep_connection() -> Any:
    """Calls straight into the WSGI app must not close the test's database connection at the end of each
    request (Django's test client does the same); on PostgreSQL that would end the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_error(world: World, keep_connection: None) -> None:
    """Every operation, a bounded number of generated requests as the officer: never a 5xx."""
    token, _ = Token.objects.get_or_create(user=world.officer)
    auth = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, headers=auth)
    errors: list[str] = []
    statuses: list[int] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            response = case.call(headers=auth)
            statuses.append(response.status_code)
            if response.status_code >= 500:
                errors.append(
                    f"{case.method} {case.formatted_path} {case.query} {case.body!r} → {response.status_code}"
                )

        check()
    assert operations >= 30
    assert errors == []
    assert len(statuses) >= operations * 2
    assert statuses.count(200) >= 10  # some requests got through to the data, not only refusals


@pytest.mark.parametrize("name", ["api:api-root", "api:person-list", "api:activity-list"])
def test_browsable_api_works_with_the_session(world: World, client: Any, name: str) -> None:
    client.force_login(world.secretary_a)
    response = client.get(reverse(name), HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    page = response.content.decode()
    assert "csrfmiddlewaretoken" in page or "csrfToken" in page
    assert not re.findall(r"<(?:script|link)[^>]+(?:src|href)=\"https?://", page)  # assets are local
    if name == "api:person-list":
        assert world.b.person.name not in page
