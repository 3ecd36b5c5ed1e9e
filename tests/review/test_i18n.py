"""Review: messages a user reads from the reviewed apps' services and views go through Django i18n (gettext),
never as bare Chinese literals."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = [
    "wuji/campaigns/services.py",
    "wuji/campaigns/views.py",
    "wuji/ledgers/jobs.py",
    "wuji/ledgers/views.py",
    "wuji/reports/document_views.py",
    "wuji/reports/dashboard_views.py",
    "wuji/accounts/services.py",
    "wuji/accounts/views.py",
]
HAN = re.compile(r"[\u4e00-\u9fff]")
RAISED = {"ValidationError", "PermissionDenied", "Http404"}


def _bare_literals(node: ast.AST) -> list[int]:
    """Line numbers of Chinese string literals in `node` that are not inside a call (a gettext call wraps them)."""
    found: list[int] = []
    if isinstance(node, ast.Call):
        return found
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and HAN.search(node.value):
        found.append(node.lineno)
    elif isinstance(node, ast.JoinedStr):
        if any(isinstance(v, ast.Constant) and HAN.search(str(v.value)) for v in node.values):
            found.append(node.lineno)
    else:
        for child in ast.iter_child_nodes(node):
            found.extend(_bare_literals(child))
    return found


@pytest.mark.parametrize("path", FILES)
def test_raised_messages_are_translatable(path: str) -> None:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    bare = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in RAISED:
            for arg in node.args:
                bare.extend(_bare_literals(arg))
    assert bare == [], f"{path}: untranslated message on line(s) {bare}"
