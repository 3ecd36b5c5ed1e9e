"""What the import, export and template commands share: finding the ledger and the acting user."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from wuji.ledgers import registry

USAGE_ERROR = 2  # exit status for a wrong command line (unknown ledger, user, file)
USER_HELP = "以哪个账号的身份操作（必填），如 --user officer；只处理该账号有权限的组织，审计记录也记在该账号名下"


def ledger_or_fail(name: str) -> registry.Ledger:
    try:
        return registry.get(name)
    except KeyError as exc:
        raise CommandError(str(exc.args[0]), returncode=USAGE_ERROR) from None


def ledger_names() -> str:
    return "、".join(ledger.name for ledger in registry.all_ledgers())


def user_or_fail(username: str | None, *, required: bool = True) -> Any:
    if not username:
        if not required:
            return None
        raise CommandError(
            "请用 --user 指定以哪个账号的身份操作（如 --user officer）：导入导出按该账号的权限和管辖范围进行并记入审计",
            returncode=USAGE_ERROR,
        )
    user = get_user_model().objects.select_related("org").filter(username=username).first()
    if user is None or not user.is_active:
        raise CommandError(f"找不到可用的账号“{username}”", returncode=USAGE_ERROR)
    return user
