"""What the import, export and template commands share: finding the ledger and the acting user."""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from wuji.ledgers import registry

USAGE_ERROR = 2  # exit status for a wrong command line (unknown ledger, user, file)
USER_HELP = (
    "以哪个账号的身份操作，如 --user officer（不指定时：唯一的最上级组织委员）；"
    "只处理该账号有权限的组织，审计记录也记在该账号名下"
)


def ledger_or_fail(name: str) -> registry.Ledger:
    try:
        return registry.get(name)
    except KeyError as exc:
        raise CommandError(str(exc.args[0]), returncode=USAGE_ERROR) from None


def ledger_names() -> str:
    return "、".join(ledger.name for ledger in registry.all_ledgers())


def top_officer() -> Any | None:
    """The one active officer bound highest in the tree (a township's 组织委员), or None if none or several."""
    rows = get_user_model().objects.select_related("org").filter(role="officer", is_active=True)
    officers = [(u.org.depth, u) for u in rows if u.org is not None]
    if not officers:
        return None
    top = min(depth for depth, _ in officers)
    at_top = [u for depth, u in officers if depth == top]
    return at_top[0] if len(at_top) == 1 else None


def user_or_fail(username: str | None, *, required: bool = True) -> Any:
    if not username:
        if not required:
            return None
        # DESIGN §6 documents `import <ledger> <file.xlsx>` without a user: on an instance with one officer
        # at the top (a township), the command acts as that officer — scoped and audited like any import.
        officer = top_officer()
        if officer is not None:
            sys.stderr.write(f"未指定 --user：以组织委员 {officer.username}（{officer.org}）的身份操作\n")
            return officer
        raise CommandError(
            "请用 --user 指定以哪个账号的身份操作（如 --user officer）：导入导出按该账号的权限和管辖范围进行并记入审计",
            returncode=USAGE_ERROR,
        )
    user = get_user_model().objects.select_related("org").filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(f"找不到可用的账号“{username}”", returncode=USAGE_ERROR)
    return user
