"""Fixtures every test module may use: the test township and the personas of CONVENTIONS §12.

    township        Township(county, township, village_a, village_b, organ_a, county_officer)
    officer         乡党委组织委员, role officer, bound to 测试乡党委 (writes the whole township)
    secretary_a     支部书记 of 甲村党支部 (village_a)
    secretary_b     支部书记 of 乙村党支部 (village_b)
    inspector       考评员, bound to 测试乡党委 (reads, never writes)
    auditor         审计员, no org (reads the audit trail only)
    sysadmin        系统管理员, no org (accounts and settings, no member data)
    county_officer  组织部 officer bound to the county root (who built the tree)
    client_for      client_for(user) -> django.test.Client logged in as `user`

Every persona's password is tests.factories.PASSWORD ("Wuji-test-2010").
People: tests.factories.PersonFactory, make_full_member, develop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tests.factories import Township, UserFactory, build_township
from wuji.accounts.choices import Role

# WUJI_ENV=test must come from the environment (`make test` sets it): pytest-django
# imports the settings before any conftest runs, so setting it here would be too late.


@pytest.fixture
def township(db: None) -> Township:
    return build_township()


@pytest.fixture
def county_officer(township: Township) -> Any:
    return township.county_officer


@pytest.fixture
def officer(township: Township) -> Any:
    return UserFactory(username="officer", role=Role.OFFICER, org=township.township)


@pytest.fixture
def secretary_a(township: Township) -> Any:
    return UserFactory(username="secretary_a", role=Role.SECRETARY, org=township.village_a)


@pytest.fixture
def secretary_b(township: Township) -> Any:
    return UserFactory(username="secretary_b", role=Role.SECRETARY, org=township.village_b)


@pytest.fixture
def inspector(township: Township) -> Any:
    return UserFactory(username="inspector", role=Role.INSPECTOR, org=township.township)


@pytest.fixture
def auditor(db: None) -> Any:
    return UserFactory(username="auditor", role=Role.AUDITOR, org=None)


@pytest.fixture
def sysadmin(db: None) -> Any:
    return UserFactory(username="sysadmin", role=Role.SYSADMIN, org=None)


@pytest.fixture
def client_for(db: None) -> Callable[[Any], Client]:
    """client_for(user): a fresh test Client with `user` logged in (no password, no second factor)."""

    def make(user: Any) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
