"""访问控制: every URL the project resolves, for every kind of user, gives the expected answer.

`EXPECTED` names every URL (tests/security/urlmap.py enumerates them from the resolver; a URL
missing here fails `test_every_url_has_an_entry`). An entry is either `D` — the default of its
namespace in `NAMESPACE_DEFAULTS` — or seven answers, one per role in `ROLES` order:

    L    a redirect to a login page (/accounts/login/ or /admin/login/)
    R    another redirect (e.g. home sends the auditor to the audit trail)
    200 / 403 / 404 / 405   the status

Ids in the URLs match no record (a missing record must answer as a forbidden one does); which
record a user reaches is each app's scope test. Regardless of the table, anonymous users are sent
to log in everywhere but the public pages, and the auditor and the system administrator never
read member data.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from tests.factories import Township
from tests.security.urlmap import Url, all_urls

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "village1", "village2", "officer", "inspector", "auditor", "sysadmin")
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")

# Answers, in ROLES order (anonymous, village1, village2, officer, inspector, auditor, sysadmin).
READ = "L 200 200 200 200 403 403"  # a member-data page every member-data role reads
BRANCH_WRITE = "L 200 200 200 403 403 403"  # a form for the branch secretaries and the officer
OFFICER_WRITE = "L 403 403 200 403 403 403"  # a township form: the officer's alone
RECORD = "L 404 404 404 404 403 403"  # a record page (the id matches nothing): 404 inside member data
TOWNSHIP_RECORD = "L 403 403 404 404 403 403"  # a township-level record: secretaries refused first
POST_ONLY = "L 405 405 405 405 403 403"  # an action: GET is not allowed
POST_ONLY_ANYONE = "405 405 405 405 405 405 405"  # an action refusing GET before asking who it is
ADMIN = "L L L L L L 200"  # /admin/: the system administrator's alone
ADMIN_RECORD = "L L L L L L 404"
API_READ = "401 200 200 200 200 403 403"
API_RECORD = "401 404 404 404 404 403 403"
PUBLIC = "200 200 200 200 200 200 200"
PUBLIC_RECORD = "404 404 404 404 404 404 404"

D = "namespace default"
NAMESPACE_DEFAULTS: dict[str, str] = {
    "activities": RECORD,
    "assessment": RECORD,
    "campaigns": RECORD,
    "governance": RECORD,
    "ledgers": RECORD,
    "orgs": RECORD,
    "people": RECORD,
    "rectification": RECORD,
    "reports": RECORD,
    "standards": RECORD,
    "support": RECORD,
    "admin": ADMIN,
    "api": API_RECORD,
    "portal": PUBLIC_RECORD,
}
EXPECTED: dict[str, str] = {
    "accounts:otp_enrol": "L R R R R R R",
    "accounts:otp_reset": POST_ONLY_ANYONE,
    "accounts:otp_verify": "L R R R R R R",
    "accounts:password_change": "L 200 200 200 200 200 200",
    "accounts:security": "L 403 403 403 403 403 403",
    "accounts:unlock": POST_ONLY_ANYONE,
    "activities:attendance_rows": BRANCH_WRITE,
    "activities:create": BRANCH_WRITE,
    "activities:delete": D,
    "activities:detail": D,
    "activities:duty_post_create": BRANCH_WRITE,
    "activities:duty_post_delete": D,
    "activities:duty_post_edit": D,
    "activities:duty_post_list": READ,
    "activities:edit": D,
    "activities:honor_create": BRANCH_WRITE,
    "activities:honor_delete": D,
    "activities:honor_edit": D,
    "activities:honor_list": READ,
    "activities:ledger": READ,
    "activities:list": READ,
    "activities:pairing_create": OFFICER_WRITE,
    "activities:pairing_edit": D,
    "activities:pairing_list": READ,
    "activities:pledge_create": BRANCH_WRITE,
    "activities:pledge_delete": D,
    "activities:pledge_edit": D,
    "activities:pledge_list": READ,
    "activities:prosperity_create": BRANCH_WRITE,
    "activities:prosperity_delete": D,
    "activities:prosperity_edit": D,
    "activities:prosperity_list": READ,
    "activities:review_create": BRANCH_WRITE,
    "activities:review_delete": D,
    "activities:review_edit": D,
    "activities:review_list": READ,
    "activities:type_create": OFFICER_WRITE,
    "activities:type_edit": D,
    "activities:type_list": READ,
    "admin/(?P<url>.*)$": ADMIN_RECORD,
    "admin/accounts/user/<path:object_id>/": "L L L L L L R",
    "admin:accounts_user_add": D,
    "admin:accounts_user_change": "L L L L L L R",  # no such account: back to the list
    "admin:accounts_user_changelist": D,
    "admin:accounts_user_delete": "L L L L L L 403",  # accounts are deactivated, never deleted
    "admin:accounts_user_history": "L L L L L L R",
    "admin:app_list": D,
    "admin:auth_user_password_change": ADMIN_RECORD,
    "admin:autocomplete": "L L L L L L 403",
    "admin:index": D,
    "admin:jsi18n": D,
    "admin:login": "200 200 200 200 200 200 R",
    "admin:logout": "R R R R R R 405",
    "admin:password_change": D,
    "admin:password_change_done": D,
    "admin:view_on_site": ADMIN_RECORD,
    "api:activity-detail": D,
    "api:activity-list": API_READ,
    "api:api-root": API_READ,
    "api:assessment-detail": D,
    "api:assessment-list": API_READ,
    "api:docs": API_READ,
    "api:facility-detail": D,
    "api:facility-list": API_READ,
    "api:income-detail": D,
    "api:income-list": API_READ,
    "api:matter-detail": D,
    "api:matter-list": API_READ,
    "api:matter-steps": "401 405 405 405 405 403 403",  # added late; an action (POST)
    "api:org-detail": D,
    "api:org-list": API_READ,
    "api:person-detail": D,
    "api:person-list": API_READ,
    "api:pool-detail": D,
    "api:pool-list": API_READ,
    "api:position-detail": D,
    "api:position-list": API_READ,
    "api:rectification-detail": D,
    "api:rectification-list": API_READ,
    "api:redoc": API_READ,
    "api:schema": API_READ,
    "api:token": POST_ONLY_ANYONE,
    "api:training-detail": D,
    "api:training-list": API_READ,
    "assessment:create": D,
    "assessment:detail": D,
    "assessment:index": READ,
    "assessment:manual": TOWNSHIP_RECORD,
    "assessment:publish": D,
    "assessment:ranking": TOWNSHIP_RECORD,
    "assessment:scorecard": D,
    "assessment:self": "L R R R R 403 403",
    "attachment": RECORD,
    "audit:events": "L 403 403 403 403 200 403",
    "audit:list": "L 403 403 403 403 200 403",
    "campaigns:baseline": D,
    "campaigns:detail": D,
    "campaigns:filing": D,
    "campaigns:line_edit": POST_ONLY,
    "campaigns:list": READ,
    "campaigns:plan": D,
    "campaigns:plans": D,
    "campaigns:plans_draft": POST_ONLY,
    "campaigns:rectification": D,
    "campaigns:reward_delete": POST_ONLY,
    "campaigns:rewards": D,
    "campaigns:task_edit": D,
    "governance/": "R R R R R R R",
    "governance:archive_create": BRANCH_WRITE,
    "governance:archive_delete": D,
    "governance:archive_edit": D,
    "governance:archive_list": READ,
    "governance:asset_create": BRANCH_WRITE,
    "governance:asset_delete": D,
    "governance:asset_edit": D,
    "governance:asset_list": READ,
    "governance:disclosure_create": BRANCH_WRITE,
    "governance:disclosure_delete": D,
    "governance:disclosure_detail": D,
    "governance:disclosure_edit": D,
    "governance:disclosure_list": READ,
    "governance:disclosure_publish": D,
    "governance:finance_create": OFFICER_WRITE,
    "governance:finance_delete": D,
    "governance:finance_edit": D,
    "governance:finance_list": READ,
    "governance:matter_abandon": D,
    "governance:matter_create": BRANCH_WRITE,
    "governance:matter_detail": D,
    "governance:matter_disclose": D,
    "governance:matter_list": READ,
    "governance:matter_step": D,
    "governance:performance_create": "L 403 403 403 403 403 403",
    "governance:performance_delete": D,
    "governance:performance_edit": D,
    "governance:performance_list": READ,
    "governance:rule_adopt": BRANCH_WRITE,
    "governance:rule_detail": D,
    "governance:rule_list": READ,
    "home": "L 200 200 200 200 R R",
    "ledgers:export": D,
    "ledgers:index": READ,
    "ledgers:job": D,
    "ledgers:job_confirm": POST_ONLY,
    "ledgers:job_errors": D,
    "ledgers:job_file": D,
    "ledgers:job_progress": D,
    "ledgers:template": D,
    "ledgers:upload": POST_ONLY,
    "ledgers:workbook": READ,
    "login": "200 200 200 200 200 200 200",
    "logout": POST_ONLY_ANYONE,
    "orgs:create": D,
    "orgs:detail": D,
    "orgs:dissolve": D,
    "orgs:edit": D,
    "orgs:mass_org_create": D,
    "orgs:mass_org_edit": D,
    "orgs:move": D,
    "orgs:tree": READ,
    "orgs:unit_create": D,
    "orgs:unit_edit": D,
    "orgs:weak_flag_create": D,
    "orgs:weak_flag_edit": D,
    "orgs:weak_warnings": POST_ONLY_ANYONE,
    "people:create": BRANCH_WRITE,
    "people:detail": D,
    "people:edit": D,
    "people:list": READ,
    "people:pool_create": D,
    "people:pool_exit": D,
    "people:position_create": D,
    "people:position_end": D,
    "people:stage_create": D,
    "people:stage_extend": D,
    "people:stage_undo": POST_ONLY_ANYONE,
    "people:training_create": D,
    "people:training_delete": POST_ONLY_ANYONE,
    "portal:index": "200 200 200 200 200 200 200",
    "portal:org": "404 404 404 404 404 404 404",
    "portal:photo": "404 404 404 404 404 404 404",
    "rectification:detail": D,
    "rectification:draft": POST_ONLY,
    "rectification:edit": D,
    "rectification:list": READ,
    "rectification:plan": D,
    "rectification:recheck": POST_ONLY,
    "rectification:return": D,
    "rectification:submit": D,
    "rectification:verify": D,
    "reports:branch": D,
    "reports:county": TOWNSHIP_RECORD,
    "reports:documents": READ,
    "reports:implementation_plan_docx": TOWNSHIP_RECORD,
    "reports:index": READ,
    "reports:ranking_docx": TOWNSHIP_RECORD,
    "reports:rectification_notice_docx": D,
    "reports:summary_docx": TOWNSHIP_RECORD,
    "reports:township": TOWNSHIP_RECORD,
    "set_language": "R R R R R R R",
    "standards:detail": D,
    "standards:list": READ,
    "support:checklist_item_create": "L 403 403 403 403 403 403",  # the county's officer alone (above the township)
    "support:checklist_item_edit": "L 403 403 403 403 403 403",
    "support:checklist_items": READ,
    "support:facility_check": D,
    "support:facility_create": BRANCH_WRITE,
    "support:facility_detail": D,
    "support:facility_edit": D,
    "support:facility_list": READ,
    "support:facility_overview": READ,
    "support:funding_create": OFFICER_WRITE,
    "support:funding_delete": D,
    "support:funding_edit": D,
    "support:funding_list": READ,
    "support:group_create": OFFICER_WRITE,
    "support:group_detail": D,
    "support:group_edit": D,
    "support:group_list": READ,
    "support:income_create": BRANCH_WRITE,
    "support:income_edit": D,
    "support:income_list": READ,
    "support:income_trend": READ,
    "support:index": READ,
    "support:member_create": D,
    "support:member_edit": D,
    "support:member_end": D,
    "support:pension_create": BRANCH_WRITE,
    "support:pension_edit": D,
    "support:pension_end": D,
    "support:pension_list": READ,
    "support:site_create": BRANCH_WRITE,
    "support:site_detail": D,
    "support:site_edit": D,
    "support:site_inspect": D,
    "support:site_list": READ,
    "support:subsidy_create": BRANCH_WRITE,
    "support:subsidy_edit": D,
    "support:subsidy_end": D,
    "support:subsidy_list": READ,
}


def observe(client: Client, url: str) -> str:
    response = client.get(url)
    if response.status_code in (301, 302, 303, 307, 308):
        return "L" if response["Location"].split("?")[0].endswith(LOGIN_PATHS) else "R"
    return str(response.status_code)


ANONYMOUS_MAY_SEE = {"login", "admin:login", "portal:index", "set_language", "governance/", "admin:logout"}


@pytest.fixture
def clients(
    township: Township,
    secretary_a: Any,
    secretary_b: Any,
    officer: Any,
    inspector: Any,
    auditor: Any,
    sysadmin: Any,
) -> dict[str, Client]:
    # As the demo makes it: staff, and the accounts permissions only.
    sysadmin.is_staff = True
    sysadmin.save(update_fields=["is_staff"])
    sysadmin.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts", codename__in=["view_user", "add_user", "change_user"]
        )
    )
    users = [None, secretary_a, secretary_b, officer, inspector, auditor, sysadmin]
    made = {}
    for role, user in zip(ROLES, users, strict=True):
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        made[role] = client
    return made


def expected(url: Url) -> list[str]:
    entry = EXPECTED[url.key]
    return (NAMESPACE_DEFAULTS[url.namespace] if entry == D else entry).split()


def test_every_url_has_an_entry() -> None:
    keys = {url.key for url in all_urls()}
    missing = sorted(keys - set(EXPECTED))
    assert not missing, f"URLs without an entry in tests/security/test_access_matrix.py EXPECTED: {missing}"
    stale = sorted(set(EXPECTED) - keys)
    assert not stale, f"entries for URLs that no longer exist: {stale}"
    for key, entry in EXPECTED.items():
        assert entry == D or len(entry.split()) == len(ROLES), key


@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_each_role_as_expected(role: str, clients: dict[str, Client]) -> None:
    index = ROLES.index(role)
    wrong = []
    for url in all_urls():
        if url.key not in EXPECTED:
            continue  # reported by test_every_url_has_an_entry
        got = observe(clients[role], url.url)
        want = expected(url)[index]
        if got != want:
            wrong.append(f"{url.key} {url.url}: {got} (expected {want})")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)


def test_the_table_keeps_the_rules_of_separated_duties() -> None:
    """Whatever the table says: no member data for anonymous users, the auditor or the sysadmin."""
    for url in all_urls():
        if url.key not in EXPECTED:
            continue
        answers = dict(zip(ROLES, expected(url), strict=True))
        if url.namespace not in {"portal"} and url.key not in ANONYMOUS_MAY_SEE:
            assert answers["anonymous"] in {"L", "401", "404", "405"}, url.key
        if url.namespace not in {"audit", "accounts", "portal", "admin"} and url.key not in ANONYMOUS_MAY_SEE:
            assert answers["auditor"] in {"403", "405", "R"}, url.key
            assert answers["sysadmin"] in {"403", "405", "R"}, url.key
        if url.namespace == "audit":
            assert [r for r, a in answers.items() if a == "200"] == ["auditor"], url.key
