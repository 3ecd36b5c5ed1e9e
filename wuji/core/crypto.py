"""Encryption at rest for ID numbers and phones, and the blind index to find them."""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode()) for k in keys])


def encrypt(plaintext: str) -> str:
    return _fernet(tuple(settings.WUJI_FIELD_KEYS)).encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet(tuple(settings.WUJI_FIELD_KEYS)).decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a wrong key must not look like empty data
        raise ValueError("encrypted value cannot be read with the configured WUJI_FIELD_KEYS") from exc


def blind_index(value: str, *, purpose: str) -> str:
    """HMAC of the normalized value: equal inputs give equal digests, nothing more."""
    key = settings.WUJI_INDEX_KEY.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()
