"""Helpers every service uses: validation and optimistic concurrency."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ParamSpec, TypeVar

from auditlog.context import auditlog_value, set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from wuji.core.models import VersionedModel

P = ParamSpec("P")
R = TypeVar("R")


def check_version(obj: VersionedModel, expected: int | None) -> None:
    """Refuse a save based on an older read of the row (nothing is overwritten)."""
    if expected is None:
        return
    rows = type(obj).objects.filter(pk=obj.pk)  # type: ignore[attr-defined]
    if transaction.get_connection().in_atomic_block:
        # Lock the row until the save commits, so two concurrent saves of the same version cannot both
        # pass this check (PostgreSQL; SQLite's IMMEDIATE transactions already serialize writers).
        rows = rows.select_for_update()
    current = rows.values_list("version", flat=True).first()
    if current is not None and current != expected:
        raise ValidationError(_("该记录已被他人修改，请刷新页面后重新填写。"))


def save_validated(obj: Model, *, exclude: list[str] | None = None, **save_kwargs: Any) -> Model:
    """full_clean() then save(); bumps the version of a versioned row."""
    obj.full_clean(exclude=exclude)
    if isinstance(obj, VersionedModel) and obj.pk is not None:
        obj.version += 1
    obj.save(**save_kwargs)
    return obj


@contextlib.contextmanager
def _actor_context(user: Any) -> Iterator[None]:
    """Attribute audit rows to the acting `user` (keeping the request's address).

    auditlog's set_actor() never resets its context variable, so a value found
    there may be left over from an earlier call whose receiver is gone; trusting
    it left later rows without an actor. The acting user decides, and the
    previous value is put back so an enclosing request context still works.
    Without an acting user, whatever context is active (request, command) applies.
    """
    if not getattr(user, "is_authenticated", False):
        yield
        return
    try:
        current = auditlog_value.get()
    except LookupError:
        current = None
    remote = current.get("remote_addr") if current else None
    token = auditlog_value.set(current)
    try:
        with set_actor(user, remote_addr=remote):
            yield
    finally:
        auditlog_value.reset(token)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """A write: one transaction, audit rows attributed to the acting `user=`."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with _actor_context(kwargs.get("user")), transaction.atomic():
            return func(*args, **kwargs)

    return wrapper


def attachment_store(*, user: Any, org: Any, upload: Any, allowed: tuple[str, ...]) -> Any:
    """Check and keep an uploaded file for `org` (inside the caller's transaction)."""
    from wuji.core.models import Attachment
    from wuji.core.scoping import require_write
    from wuji.core.uploads import check_upload

    require_write(user, org)
    checked = check_upload(upload, allowed=allowed)
    name = str(getattr(upload, "name", "") or "file")[-200:]
    attachment = Attachment(
        org=org,
        original_name=name,
        kind=checked.kind.code,
        extension=checked.kind.extension,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(f"upload.{checked.kind.extension}", upload, save=False)
    attachment.save()
    return attachment


def attachments_chosen(attached: Any, ids: Iterable[int]) -> list[Any]:
    """The attachments among `ids` that the record holds (`attached`: its many-to-many manager); an id it
    does not hold is refused before anything changes."""
    wanted = {int(pk) for pk in ids}
    if not wanted:
        return []
    found = list(attached.filter(pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError({"remove_attachments": _("要删除的附件不属于该记录，请刷新页面后重试")})
    return found


def attachments_discard(attached: Any, attachments: list[Any], *, user: Any) -> None:
    """Take uploaded files off their record and delete them (inside the caller's transaction).

    The record's audit row (its many-to-many change) names what was removed. An upload belongs to the one
    record it was attached to; one still referenced elsewhere (a protected foreign key) is kept. The file
    leaves the storage only once the transaction commits, so a rollback loses nothing.
    """
    from django.db.models import ProtectedError, RestrictedError

    from wuji.core.scoping import require_write

    if not attachments:
        return
    attached.remove(*attachments)
    for attachment in attachments:
        require_write(user, attachment.org)
        name, storage = attachment.file.name, attachment.file.storage
        try:
            with transaction.atomic():
                attachment.delete()
        except (ProtectedError, RestrictedError):
            continue
        if name:
            transaction.on_commit(functools.partial(storage.delete, name))


def scoped_save(obj: Any, *, user: Any, org: Any, version: int | None = None) -> Any:
    """The common tail of a record's save: permission on `org`, stale check, validation, save."""
    from wuji.core.scoping import require_write

    require_write(user, org)
    if getattr(obj, "pk", None) is not None and isinstance(obj, VersionedModel):
        check_version(obj, version)
    save_validated(obj)
    return obj


def scoped_delete(obj: Any, *, user: Any, org: Any) -> None:
    from wuji.core.scoping import require_write

    require_write(user, org)
    obj.delete()
