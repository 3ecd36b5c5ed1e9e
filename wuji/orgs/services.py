"""Writes to the org tree, units, mass organizations and weak-org flags.

Every function: keyword-only, takes the acting `user`, checks permission,
validates, runs in one transaction and leaves an audit row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from wuji.core.scoping import require_officer, require_write
from wuji.core.services import check_version, save_validated, service
from wuji.orgs.choices import OrgKind, WeakStatus
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag

ORG_FIELDS = ("name", "code", "kind", "category", "founded_on", "note")


def _check_code_free(code: str, *, exclude_pk: int | None = None) -> None:
    same_code = Organization.objects.filter(code=code)
    clash = (same_code.exclude(pk=exclude_pk) if exclude_pk is not None else same_code).first()
    if clash is not None:
        raise ValidationError({"code": _("组织代码“%(code)s”已被“%(org)s”使用") % {"code": code, "org": clash.name}})


@service
def org_create(
    *,
    user: Any,
    parent: Organization | None,
    name: str,
    code: str,
    kind: str,
    category: str = "",
    founded_on: dt.date | None = None,
    note: str = "",
) -> Organization:
    """Add an org under `parent` (a root, e.g. a county committee, needs no parent)."""
    if parent is None:
        if not (getattr(user, "is_superuser", False) or user is None):
            raise PermissionDenied(_("只有系统初始化时可以建立顶级党组织"))
    else:
        require_officer(user, parent)
        if parent.is_dissolved:
            raise ValidationError({"parent": _("上级组织“%(org)s”已撤销") % {"org": parent.name}})
        if parent.kind == OrgKind.BRANCH:
            raise ValidationError({"parent": _("党支部下不能再设下级党组织")})
    code = code.strip()
    _check_code_free(code)
    org = Organization(
        name=name.strip(), code=code.strip(), kind=kind, category=category, founded_on=founded_on, note=note
    )
    org.full_clean(exclude=["path", "depth", "numchild"])
    if parent is None:
        return Organization.objects.add_root(instance=org)  # type: ignore[attr-defined,no-any-return]
    parent.refresh_from_db()
    return Organization.objects.add_child(parent, instance=org)  # type: ignore[attr-defined,no-any-return]


@service
def org_update(*, user: Any, org: Organization, version: int | None = None, **fields: Any) -> Organization:
    require_write(user, org)
    if set(fields) - set(ORG_FIELDS):
        raise ValueError(f"not editable here: {sorted(set(fields) - set(ORG_FIELDS))}")
    if getattr(user, "role", None) != "officer" and {"code", "kind", "category"} & {
        k for k, v in fields.items() if getattr(org, k) != v
    }:
        raise PermissionDenied(_("组织代码、类型和类别只有组织委员可以修改"))
    check_version(org, version)
    if "code" in fields:
        _check_code_free(fields["code"], exclude_pk=org.pk)
    for key, value in fields.items():
        setattr(org, key, value.strip() if isinstance(value, str) else value)
    save_validated(org, exclude=["path", "depth", "numchild"])
    return org


@service
def org_move(*, user: Any, org: Organization, new_parent: Organization) -> Organization:
    """Put `org` (with its subtree) under `new_parent`."""
    require_officer(user, org)
    require_officer(user, new_parent)
    org.refresh_from_db()
    new_parent.refresh_from_db()
    if new_parent.pk == org.pk or new_parent.path.startswith(org.path):
        raise ValidationError({"new_parent": _("不能把组织移到它自己或它的下级组织之下")})
    if new_parent.kind == OrgKind.BRANCH:
        raise ValidationError({"new_parent": _("党支部下不能再设下级党组织")})
    if new_parent.is_dissolved:
        raise ValidationError({"new_parent": _("“%(org)s”已撤销") % {"org": new_parent.name}})
    old_parent = Organization.objects.get_parent(org)
    if old_parent == new_parent:
        return org
    old_path = org.path
    Organization.objects.move(org, new_parent, pos="sorted-child")  # type: ignore[attr-defined]
    org.refresh_from_db()
    org.version += 1
    org.save(update_fields=["version", "updated_at"])
    # treebeard moves with bulk UPDATEs that send no signals, so auditlog saw nothing: record the move here.
    LogEntry.objects.log_create(
        org,
        action=LogEntry.Action.UPDATE,
        changes={"path": [old_path, org.path], "parent": [str(old_parent), str(new_parent)]},
    )
    return org


@service
def org_dissolve(*, user: Any, org: Organization, dissolved_on: dt.date, reason: str) -> Organization:
    """Dissolve an org; it stays in the tree (greyed) for history."""
    require_officer(user, org)
    org.refresh_from_db()  # a page read before someone else dissolved it must not overwrite that
    if org.is_dissolved:
        raise ValidationError(_("该组织已撤销"))
    active_children = [c.name for c in Organization.objects.get_children(org) if not c.is_dissolved]
    if active_children:
        raise ValidationError(_("请先撤销或调出下级组织：%(orgs)s") % {"orgs": "、".join(active_children)})
    from wuji.people.models import Person, Position

    people = Person.objects.filter(org=org).count()
    if people:
        raise ValidationError(_("该组织还有%(count)s名人员，请先转接组织关系") % {"count": people})
    open_posts = Position.objects.filter(org=org, ended_on__isnull=True).count()
    if open_posts:
        raise ValidationError(_("该组织还有%(count)s个未免职的职务，请先办理免职") % {"count": open_posts})
    org.dissolved_on = dissolved_on
    org.dissolved_reason = reason.strip()
    save_validated(org, exclude=["path", "depth", "numchild"])
    return org


def _unit_writer(user: Any, unit: Unit) -> None:
    if unit.covered_by_id is not None and unit.covered_by is not None:
        try:
            require_write(user, unit.covered_by)
            return
        except PermissionDenied:
            pass
    require_officer(user, unit.area)


@service
def unit_save(*, user: Any, unit: Unit, version: int | None = None) -> Unit:
    """Create or update a unit; only an officer decides which org covers it."""
    require_officer(user, unit.area)
    if unit.covered_by is not None:
        require_officer(user, unit.covered_by)
    if unit.pk:
        check_version(unit, version)
    save_validated(unit)
    return unit


@service
def mass_org_save(*, user: Any, mass_org: MassOrganization, version: int | None = None) -> MassOrganization:
    _unit_writer(user, mass_org.unit)
    if mass_org.pk:
        check_version(mass_org, version)
    save_validated(mass_org)
    return mass_org


@service
def mass_org_delete(*, user: Any, mass_org: MassOrganization) -> None:
    _unit_writer(user, mass_org.unit)
    mass_org.delete()


@service
def weak_flag_save(*, user: Any, flag: WeakFlag, version: int | None = None) -> WeakFlag:
    """Raise or update a weak-and-lax finding; the township officer decides."""
    require_officer(user, flag.org)
    if flag.pk:
        check_version(flag, version)
    elif flag.status in {WeakStatus.RECTIFIED, WeakStatus.DISMISSED}:
        raise ValidationError({"status": _("新认定的软弱涣散组织状态应为待整顿或整顿中")})
    save_validated(flag)
    return flag
