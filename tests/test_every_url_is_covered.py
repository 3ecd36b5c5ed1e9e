"""Every URL the project resolves has an entry in a scope test: a new page without one fails here.

Each app's scope test module keeps a table `ROUTES` of `Route`s (tests/pages/test_scope.py
shows the shape); the names listed here are the pages that are deliberately not member data.
"""

from __future__ import annotations

import importlib

from django.urls import URLPattern, URLResolver, get_resolver

SCOPE_TEST_MODULES = [
    "tests.standards_pages.test_scope",
    "tests.assessment_pages.test_scope",
    "tests.pages.test_scope",
    "tests.activities.test_scope",
    "tests.activities.test_types",
    "tests.governance.test_scope",
    "tests.support.test_scope",
    "tests.support.test_checklist_items",
    "tests.rectification.test_scope",
    "tests.reports_documents.test_scope",
    "tests.ledgers_web.test_scope",
    "tests.accounts.test_scope",
    "tests.reports_dashboards.test_scope",
    "tests.api.test_scope",
    "tests.campaigns.test_scope",
]
NOT_MEMBER_PAGES = {
    "login",  # anyone may log in
    "logout",
    "set_language",  # Django's language switch
    "audit:list",  # the auditor's page: tests/pages/test_scope.py::test_only_the_auditor_reads_the_audit_trail
    "audit:events",  # the auditor's security events: tests/security/test_access_matrix.py
    "attachment",  # scoped like its org: tests/test_attachments.py
}
PUBLIC_NAMESPACES = {"portal"}  # no login: tested by tests/portal


def route_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"admin"} | PUBLIC_NAMESPACES:
                continue
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= route_names(pattern, namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_route_is_in_a_scope_table() -> None:
    listed = set(NOT_MEMBER_PAGES)
    for module in SCOPE_TEST_MODULES:
        listed |= {route.name for route in importlib.import_module(module).ROUTES}
    unlisted = route_names(get_resolver()) - listed
    assert not unlisted, f"pages without an entry in a scope test's ROUTES: {sorted(unlisted)}"
