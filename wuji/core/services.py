"""Helpers every service uses: validation and optimistic concurrency."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from auditlog.context import auditlog_value, set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from wuji.core.models import VersionedModel

P = ParamSpec("P")
R = TypeVar("R")


def check_version(obj: VersionedModel, expected: int | None) -> None:
    """Refuse a save based on an older read of the row (nothing is overwritten)."""
    if expected is None:
        return
    current = type(obj).objects.filter(pk=obj.pk).values_list("version", flat=True).first()  # type: ignore[attr-defined]
    if current is not None and current != expected:
        raise ValidationError("该记录已被他人修改，请刷新页面后重新填写。")


def save_validated(obj: Model, *, exclude: list[str] | None = None, **save_kwargs: Any) -> Model:
    """full_clean() then save(); bumps the version of a versioned row."""
    obj.full_clean(exclude=exclude)
    if isinstance(obj, VersionedModel) and obj.pk is not None:
        obj.version += 1
    obj.save(**save_kwargs)
    return obj


def _actor_context(user: Any) -> contextlib.AbstractContextManager[Any]:
    """Attribute audit rows to `user` unless a request or command already did."""
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    if current and current.get("actor") is not None:
        return contextlib.nullcontext()
    actor = user if getattr(user, "is_authenticated", False) else None
    remote = current.get("remote_addr") if current else None
    return set_actor(actor, remote_addr=remote)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """A write: one transaction, audit rows attributed to the acting `user=`."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _actor_context(kwargs.get("user")), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper
