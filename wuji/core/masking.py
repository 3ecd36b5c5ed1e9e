"""How personal data looks on screen and in exports for those who may not see it."""

from __future__ import annotations


def mask_id_number(number: str | None) -> str:
    """110105********002X: the region and the last four stay."""
    if not number:
        return ""
    if len(number) < 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """138****1234."""
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
