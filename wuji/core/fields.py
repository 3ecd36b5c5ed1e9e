"""Model fields that keep their plaintext out of the database."""

from __future__ import annotations

from typing import Any

from django.db import models

from wuji.core import crypto


class EncryptedTextField(models.TextField):
    """Stored as a Fernet token; Python code sees the plaintext.

    Not searchable: pair it with a blind-index column for exact lookups.
    """

    description = "Encrypted text"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(str(value))
