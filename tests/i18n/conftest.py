"""Each test here may switch the language; the next test (here or elsewhere) starts in zh-hans again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True)
def _default_language_afterwards() -> Iterator[None]:
    yield
    translation.activate(settings.LANGUAGE_CODE)
