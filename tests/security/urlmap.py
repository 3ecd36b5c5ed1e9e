"""Every URL the project resolves, as (key, namespace, url) with sample arguments.

Key: the qualified name ("people:detail") or, for an unnamed pattern, its route. Arguments are
ids and names that match no record (a missing record must not answer differently from a
forbidden one); object scope is checked by each app's tests/*/test_scope.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

MISSING_ID = "999999"
CANDIDATES = [MISSING_ID, "x", "accounts", "auth", "x/x", "00000000-0000-0000-0000-000000000000", "2010"]


@dataclass(frozen=True)
class Url:
    key: str
    namespace: str
    url: str


def _param_names(pattern: URLPattern | URLResolver) -> list[str]:
    regex = pattern.pattern.regex.pattern
    return re.findall(r"\(\?P<(\w+)>", regex)


def _build(name: str, params: list[str]) -> str | None:
    if not params:
        try:
            return reverse(name)
        except NoReverseMatch:
            return None
    for candidate in CANDIDATES:
        try:
            return reverse(name, kwargs={p: candidate for p in params})
        except NoReverseMatch:
            continue
    for candidate in CANDIDATES:  # mixed converters: an int and a name
        kwargs = {p: (MISSING_ID if i == 0 else candidate) for i, p in enumerate(params)}
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def _fill(route: str) -> str | None:
    """An unnamed route with its <converter:name> parts and regex groups filled in."""
    route = re.sub(r"\(\?P<\w+>[^)]*\)", "x", route).replace("^", "").replace("$", "")
    if re.search(r"[()\\*+?\[]", route):
        return None
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: MISSING_ID if m.group(1) == "int" else "x", route)


def all_urls() -> list[Url]:
    found: dict[str, Url] = {}

    def walk(resolver: URLResolver, namespace: str, params: list[str], prefix: str) -> None:
        for pattern in resolver.url_patterns:
            names = params + _param_names(pattern)
            if isinstance(pattern, URLResolver):
                ns = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
                walk(pattern, ns, names, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if pattern.name:
                    key = f"{namespace}:{pattern.name}" if namespace else pattern.name
                    url = _build(key, names)
                else:
                    key = route
                    url = _fill(route)
                if url is None:
                    raise AssertionError(f"cannot build a URL for {key} ({route})")
                found.setdefault(key, Url(key, namespace.split(":")[0], url))

    walk(get_resolver(), "", [], "")
    return sorted(found.values(), key=lambda u: u.key)
