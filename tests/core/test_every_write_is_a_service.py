"""Every write goes through a service: a public function of a services module that takes the acting `user`
is wrapped in `@service` (one transaction, audit rows attributed to that user) unless it is known not to write.

A decorator lost when code is inserted above a function (it then wraps the new function instead) leaves the
write without its transaction and its actor — an API delete audited with no actor. This test finds that.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "wuji"
MODULES = sorted(ROOT.glob("*/services.py")) + [ROOT / "assessment" / "rectification.py"]

# Public functions with a `user` parameter that are not writes (checks, lookups) or that manage their own
# transaction on purpose; a new name here needs its reason.
NOT_SERVICES = {
    "accounts/services.py": {
        "otp_enrol_confirm",  # the device's drift is saved outside the confirm transaction (django-otp)
        "verify_second_factor",  # a check; the view records the failure
    },
    "campaigns/services.py": {"require_campaign_officer"},
    "core/services.py": {
        "attachment_store",  # runs inside the calling service's transaction
        "attachments_discard",  # runs inside the calling service's transaction
        "scoped_save",  # the building blocks services call
        "scoped_delete",
    },
    "people/services.py": {"require_person_readable"},
    "support/services.py": {"can_edit_checklist"},
    "assessment/rectification.py": {
        "can_draft",
        "acts_as_owner",
        "can_edit",
        "reports_for",
        "can_submit",
        "is_own",
        "can_verify",
        "rectification_list_visible",
        "rectification_get_visible",
        "assessments_with_items",
        "assessments_to_draft",
        "assessment_for_officer",
        "rectification_plan",
    },
}


def functions_with_user(path: Path) -> dict[str, list[str]]:
    found = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            params = [a.arg for a in (*node.args.args, *node.args.kwonlyargs)]
            if "user" in params:
                found[node.name] = [ast.unparse(d) for d in node.decorator_list]
    return found


def test_every_write_taking_the_acting_user_is_a_service() -> None:
    missing = []
    for path in MODULES:
        key = str(path.relative_to(ROOT))
        allowed = NOT_SERVICES.get(key, set())
        for name, decorators in functions_with_user(path).items():
            if name not in allowed and "service" not in decorators:
                missing.append(f"{key}: {name}")
    assert not missing, f"writes without @service: {missing}"


def test_the_exceptions_still_exist_and_are_not_services() -> None:
    for key, names in NOT_SERVICES.items():
        found = functions_with_user(ROOT / key)
        for name in names:
            assert name in found, f"{key}: {name} is gone; drop it from NOT_SERVICES"
            assert "service" not in found[name], f"{key}: {name} is a service now; drop it from NOT_SERVICES"
