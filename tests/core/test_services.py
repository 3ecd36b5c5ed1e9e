"""The helpers every service uses: stale-save refusal and version bumps."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from tests.factories import Township
from wuji.core.services import check_version, save_validated
from wuji.orgs.models import Organization

pytestmark = pytest.mark.django_db


def test_a_save_bumps_the_version(township: Township) -> None:
    org = Organization.objects.get(pk=township.village_a.pk)
    before = org.version
    org.note = "changed"

    save_validated(org, exclude=["path", "depth", "numchild"])

    assert Organization.objects.get(pk=org.pk).version == before + 1


def test_a_save_based_on_an_older_read_is_refused(township: Township) -> None:
    first_read = Organization.objects.get(pk=township.village_a.pk)
    second_read = Organization.objects.get(pk=township.village_a.pk)
    second_read.note = "saved first"
    save_validated(second_read, exclude=["path", "depth", "numchild"])

    with pytest.raises(ValidationError, match="已被他人修改"):
        check_version(first_read, first_read.version)


def test_the_current_version_passes(township: Township) -> None:
    org = Organization.objects.get(pk=township.village_a.pk)

    check_version(org, org.version)
    check_version(org, None)  # a caller without a version (command, import) is not checked


def test_an_invalid_row_is_not_saved(township: Township, officer: Any) -> None:
    org = Organization.objects.get(pk=township.village_a.pk)
    org.category = ""  # a branch must have a category

    with pytest.raises(ValidationError):
        save_validated(org, exclude=["path", "depth", "numchild"])

    assert Organization.objects.get(pk=org.pk).category == "village"
