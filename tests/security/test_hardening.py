"""入侵防范: CSRF on every POST, a script policy without inline script, no caching of signed-in
pages, every refusal audited, HTML in names escaped, the deploy checks and the retention check."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PersonFactory, Township
from tests.security.urlmap import all_urls
from wuji.audit.models import SecurityEvent
from wuji.core.middleware import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "templates", *sorted((ROOT / "wuji").glob("*/templates"))]
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
COMMENT = re.compile(r"{#.*?#}|{% comment %}.*?{% endcomment %}", re.S)
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I | re.S)
# POSTs that need no CSRF token: the API's token endpoint (no session, password in the body).
CSRF_EXEMPT = {"api:token"}


def test_the_policy_allows_scripts_only_from_our_own_files() -> None:
    directives = dict(d.strip().split(" ", 1) for d in CONTENT_SECURITY_POLICY.split(";"))
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in CONTENT_SECURITY_POLICY
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"


@pytest.mark.parametrize("directory", TEMPLATE_DIRS, ids=lambda d: str(d.relative_to(ROOT)))
def test_no_template_has_an_inline_script_or_event_handler(directory: Path) -> None:
    offending = []
    for path in directory.rglob("*.html"):
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        for pattern in (INLINE_SCRIPT, HANDLER):
            for match in pattern.finditer(text):
                offending.append(f"{path.relative_to(ROOT)}: {match.group(0)[:80]}")
    assert not offending, "\n".join(offending)


def test_pages_carry_the_policy_and_signed_in_pages_are_not_cached(
    township: Township, officer: Any, client_for: Any
) -> None:
    anonymous = Client().get(reverse("portal:index"))
    assert anonymous["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "no-store" not in anonymous.get("Cache-Control", "")
    client = client_for(officer)
    for name in ("home", "people:list", "orgs:tree"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response["Cache-Control"] == "no-store, private"
        assert not INLINE_SCRIPT.search(response.content.decode()), name


def test_every_refusal_is_audited(township: Township, auditor: Any, client_for: Any) -> None:
    response = client_for(auditor).get(reverse("people:list"), REMOTE_ADDR="10.2.3.4")
    assert response.status_code == 403
    event = SecurityEvent.objects.get(action="forbidden")
    assert (event.actor, event.remote_addr, event.path, event.outcome) == (auditor, "10.2.3.4", "/people/", "failure")


def test_every_post_route_refuses_a_request_without_the_csrf_token(township: Township, officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    accepted = []
    for url in all_urls():
        if url.key in CSRF_EXEMPT or url.namespace == "portal":
            continue
        response = client.post(url.url, {"name": "x"})
        if response.status_code != 403:
            accepted.append(f"{url.key} {url.url}: {response.status_code}")
    assert not accepted, "\n".join(accepted)


def test_the_login_form_needs_the_csrf_token(township: Township, officer: Any) -> None:
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "officer", "password": "x"})
    assert response.status_code == 403


PAYLOAD = '<img src=x onerror="alert(1)">'


def test_html_in_names_is_escaped_on_every_page(
    township: Township, officer: Any, sysadmin: Any, client_for: Any
) -> None:
    village = township.village_a
    type(village).objects.filter(pk=village.pk).update(name=f"甲村{PAYLOAD}")
    person = PersonFactory(org=village, name=f"张{PAYLOAD}"[:40], user=officer)
    sysadmin.first_name = PAYLOAD
    sysadmin.is_staff = True
    sysadmin.save()
    from django.contrib.auth.models import Permission

    sysadmin.user_permissions.set(Permission.objects.filter(codename__in=["view_user", "change_user"]))
    pages = [u.url for u in all_urls() if "999999" not in u.url and "/x" not in u.url]
    pages += [reverse("people:detail", args=[person.pk]), reverse("orgs:detail", args=[village.pk])]
    officer_client, admin_client, public = client_for(officer), client_for(sysadmin), Client()
    admin_pages = [reverse("admin:accounts_user_changelist"), reverse("admin:accounts_user_change", args=[sysadmin.pk])]
    unescaped = []
    for client, urls in ((officer_client, pages), (admin_client, admin_pages), (public, [reverse("portal:index")])):
        for url in urls:
            response = client.get(url)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue  # JSON, spreadsheets: not parsed as HTML by a browser
            content = response.content.decode(errors="replace")
            if "<img src=x" in content:
                unescaped.append(url)
    assert not unescaped, unescaped
    assert "&lt;img src=x" in officer_client.get(reverse("people:detail", args=[person.pk])).content.decode()


def test_the_retention_check_refuses_less_than_180_days() -> None:
    assert settings.WUJI_AUDIT_RETENTION_DAYS >= 180
    assert not [e for e in run_checks() if e.id == "wuji_audit.E001"]
    with override_settings(WUJI_AUDIT_RETENTION_DAYS=90):
        assert [e.id for e in run_checks() if e.id.startswith("wuji_audit")] == ["wuji_audit.E001"]


def test_the_deploy_checks_pass_under_production_settings(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "WUJI_ENV": "production",
        "SECRET_KEY": "k" * 20 + "-production-secret-key-for-the-deploy-check-0123456789",
        "WUJI_FIELD_KEYS": Fernet.generate_key().decode(),
        "WUJI_INDEX_KEY": "i" * 40,
        "ALLOWED_HOSTS": "wuji.example.cn",
        "DATABASE_URL": f"sqlite:///{tmp_path}/prod.db",
        "WUJI_VAR_DIR": str(tmp_path / "var"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "wuji", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
