"""Org scoping: the one mechanism that decides which rows a user may see or change.

Every scoped row belongs to an organization; an organization knows its
materialized path in the tree; a user sees the subtree of the organization
their role is bound to. Selectors call `scope()`; services call
`require_write()`. There is no second way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from wuji.orgs.models import Organization

M = TypeVar("M", bound=Model)

MEMBER_DATA_ROLES = frozenset({"officer", "secretary", "inspector"})
WRITE_ROLES = frozenset({"officer", "secretary"})


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return getattr(user, "role", None)


def scope_root(user: Any) -> Organization | None:
    """The org whose subtree the user sees, or None when they see no member data."""
    if _role(user) not in MEMBER_DATA_ROLES:
        return None
    return user.org  # type: ignore[no-any-return]


def can_read_member_data(user: Any) -> bool:
    return scope_root(user) is not None


def scope(queryset: QuerySet[M], user: Any, *, via: str | tuple[str, ...] = "org") -> QuerySet[M]:
    """Keep the rows whose org (reached through `via`) lies in the user's subtree.

    `via` is the lookup path to an Organization ("org", "person__org", "" for
    Organization itself); with several paths a row is visible if any is.
    """
    root = scope_root(user)
    if root is None:
        return queryset.none()
    paths = (via,) if isinstance(via, str) else via
    condition = Q()
    for path in paths:
        prefix = f"{path}__" if path else ""
        condition |= Q(**{f"{prefix}path__startswith": root.path})
    return queryset.filter(condition)


def org_in_scope(user: Any, org: Organization | None) -> bool:
    root = scope_root(user)
    return bool(root is not None and org is not None and org.path.startswith(root.path))


def can_write(user: Any, org: Organization | None) -> bool:
    """Officers change their subtree, secretaries their own branch; nobody else writes."""
    return _role(user) in WRITE_ROLES and org_in_scope(user, org)


def require_write(user: Any, org: Organization | None) -> None:
    if not can_write(user, org):
        raise PermissionDenied(_("您无权修改该组织的数据"))


def require_officer(user: Any, org: Organization | None) -> None:
    """Structural changes (create, move, dissolve orgs) are the officer's."""
    if _role(user) != "officer" or not org_in_scope(user, org):
        raise PermissionDenied(_("只有组织委员可以调整组织设置"))


def can_see_personal_data(user: Any) -> bool:
    from django.conf import settings

    return _role(user) in set(settings.WUJI_ROLES_SEE_PERSONAL_DATA)
