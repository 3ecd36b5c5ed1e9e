"""Personas of login security: the security administrator (安全管理员) joins the others."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories import UserFactory
from wuji.accounts.choices import Role


@pytest.fixture
def secadmin(db: None) -> Any:
    return UserFactory(username="secadmin", role=Role.SECADMIN, org=None)


def login(client: Client, username: str, password: str, url: str = "/accounts/login/") -> Any:
    """Post the login form the way a browser does."""
    return client.post(url, {"username": username, "password": password})
