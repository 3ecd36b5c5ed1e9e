"""The second factor by profile: on in production, off in the demo `make run` serves and in tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

PROBE = (
    "import django, json; from django.conf import settings; django.setup(); "
    "print(json.dumps([settings.WUJI_2FA, settings.WUJI_REFUSE_SUPERUSER, settings.AXES_LOCKOUT_PARAMETERS, "
    "settings.WUJI_PASSWORD_MAX_AGE_DAYS]))"
)


def settings_under(env_name: str, tmp_path: Path, **extra: str) -> list[object]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("WUJI_")},
        "DJANGO_SETTINGS_MODULE": "wuji.settings",
        "WUJI_ENV": env_name,
        "WUJI_VAR_DIR": str(tmp_path),
        "SECRET_KEY": "x" * 50,
        "WUJI_FIELD_KEYS": Fernet.generate_key().decode(),
        "WUJI_INDEX_KEY": "y" * 32,
        "ALLOWED_HOSTS": "wuji.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    ("profile", "two_factor", "refuse_superuser", "max_age"),
    [("production", True, True, 90), ("demo", False, False, 0), ("test", False, False, 0)],
)
def test_profiles(profile: str, two_factor: bool, refuse_superuser: bool, max_age: int, tmp_path: Path) -> None:
    found = settings_under(profile, tmp_path)
    assert (found[0], found[1], found[3]) == (two_factor, refuse_superuser, max_age)


def test_lockout_is_never_by_address_alone(tmp_path: Path) -> None:
    assert settings_under("production", tmp_path)[2] == [["username"]]
    assert settings_under("production", tmp_path, WUJI_LOCKOUT_BY="username_ip")[2] == [["username", "ip_address"]]
    with pytest.raises(subprocess.CalledProcessError):
        settings_under("production", tmp_path, WUJI_LOCKOUT_BY="ip")
