"""入侵防范: every form of the project, fed arbitrary input by hypothesis, never answers 500.

The forms are found by walking every URL the project resolves (tests/security/urlmap.py) as the
officer — who reaches every form — with the ids of a real person and org where a URL has one,
and reading each page's POST form fields. A bounded number of examples per form keeps it quick.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import Township, make_full_member
from tests.security.urlmap import MISSING_ID, all_urls

pytestmark = pytest.mark.django_db

EXAMPLES_PER_FORM = 4
FIELD = re.compile(r"<(input|select|textarea)\b[^>]*\bname=\"([^\"]+)\"[^>]*>", re.I)
OPTION = re.compile(r"<option[^>]*value=\"([^\"]*)\"", re.I)
SKIP = {"csrfmiddlewaretoken"}

NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "99999999999999999999",
        "1e309",
        "NaN",
        "2010-02-30",
        "2010-13-01",
        "0000-00-00",
        "9999-12-31",
        "'; DROP TABLE people_person; --",
        "<script>alert(1)</script>",
        '=HYPERLINK("http://x")',
        "\x00",
        "１２３",
        "𠀀" * 3,
        "x" * 5000,
        "11010519491231002X",
    ]
)


def values(options: list[str]) -> st.SearchStrategy[str]:
    base = st.one_of(
        NASTY,
        st.text(max_size=50),
        st.integers(min_value=-(10**12), max_value=10**12).map(str),
        st.dates().map(lambda d: d.isoformat()),
        st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    )
    return st.one_of(st.sampled_from(options), base) if options else base


def forms(client: Client, urls: list[str]) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        for form in re.findall(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", html, re.I | re.S):
            fields: dict[str, list[str]] = {}
            for match in FIELD.finditer(form):
                name = match.group(2)
                if name in SKIP:
                    continue
                options: list[str] = []
                if match.group(1).lower() == "select":
                    tail = form[match.end() : form.find("</select>", match.end())]
                    options = OPTION.findall(tail)[:30]
                fields.setdefault(name, []).extend(options)
            if fields:
                found.setdefault(url, {}).update(fields)
    return found


def test_no_form_answers_500_to_arbitrary_input(township: Township, officer: Any) -> None:
    person = make_full_member(org=township.village_a, name="模糊")
    client = Client()
    client.force_login(officer)
    urls = []
    for url in all_urls():
        if url.namespace in {"admin", "api", "portal", "audit"} or url.key in {"logout", "login", "set_language"}:
            continue
        if MISSING_ID not in url.url:
            urls.append(url.url)
        elif url.url.count(MISSING_ID) == 1:
            target = person.pk if url.namespace == "people" else township.village_a.pk
            urls.append(url.url.replace(MISSING_ID, str(target)))
    found = forms(client, urls)
    assert len(found) >= 20, sorted(found)  # the walk did find the forms

    failures = []
    for url, fields in sorted(found.items()):
        try:
            fuzz(client, url, fields)()
        except Exception as exc:  # noqa: BLE001  (every form is tried; all failures are reported)
            failures.append(f"{url}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    assert not failures, "\n".join(failures)


def fuzz(client: Client, url: str, fields: dict[str, list[str]]) -> Any:
    strategy = st.fixed_dictionaries({name: values(options) for name, options in fields.items()})

    @settings(max_examples=EXAMPLES_PER_FORM, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=strategy)
    def post(data: dict[str, str]) -> None:
        response = client.post(url, data)
        assert response.status_code < 500, (url, data)

    return post
