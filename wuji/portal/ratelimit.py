"""Per-address rate limit of the public pages, kept in Django's cache.

Fixed one-minute windows: the first request of an address in a window adds a
counter that expires with the window, every request increments it, and past
`WUJI_PUBLIC_RATE_PER_MINUTE` the page answers 429 with `Retry-After` (the
seconds left in the window). The address is REMOTE_ADDR only: a header such as
X-Forwarded-For is the client's to forge; behind a proxy, the proxy (or a
trusted middleware) must put the real address there.

With the default local-memory cache each server process counts on its own;
a shared cache (Redis) makes the limit hold across processes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string

V = TypeVar("V", bound=Callable[..., HttpResponseBase])

WINDOW_SECONDS = 60
DEFAULT_RATE = 120


def _now() -> float:
    """The clock (tests replace it to stay inside one window)."""
    return time.time()


def rate_per_minute() -> int:
    return int(getattr(settings, "WUJI_PUBLIC_RATE_PER_MINUTE", DEFAULT_RATE))


def _key(address: str, window: int) -> str:
    # Hashed: an IPv6 address or odd bytes never make an invalid cache key.
    digest = hashlib.sha256(address.encode("utf-8", "replace")).hexdigest()[:24]
    return f"wuji:portal:rate:{digest}:{window}"


def hit(address: str) -> int | None:
    """Count one request of `address`; the seconds to wait when it is over the limit, else None."""
    now = _now()
    window = int(now // WINDOW_SECONDS)
    key = _key(address, window)
    # add() is a no-op when the counter exists; incr() is atomic in Redis and memcached.
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    if count <= rate_per_minute():
        return None
    return max(1, int((window + 1) * WINDOW_SECONDS - now + 0.999))


def rate_limited(view: V) -> V:
    """Answer 429 (in Chinese, with Retry-After) once an address passes the per-minute limit."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        retry_after = hit(request.META.get("REMOTE_ADDR") or "unknown")
        if retry_after is not None:
            body = render_to_string("portal/429.html", {"retry_after": retry_after}, request=request)
            response = HttpResponse(body, status=429)
            response["Retry-After"] = str(retry_after)
            response["Cache-Control"] = "no-store"
            return response
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]
