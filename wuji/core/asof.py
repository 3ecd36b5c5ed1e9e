"""The day a page's figures are computed for ("统计截止日期").

Every indicator is computed as of a day, so last year's picture can be
recomputed. A user picks the day with `?as_of=YYYY-MM-DD` (kept in their
session; `?as_of=today` forgets it); otherwise WUJI_DEFAULT_AS_OF, else today.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "wuji_as_of"


def default_as_of() -> dt.date:
    configured = getattr(settings, "WUJI_DEFAULT_AS_OF", None)
    return configured or timezone.localdate()


def as_of(request: HttpRequest) -> dt.date:
    raw = request.GET.get("as_of", "").strip()
    if raw == "today":
        request.session.pop(SESSION_KEY, None)
        return timezone.localdate()
    if raw:
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            day = None
        if day is not None and dt.date(1921, 7, 1) <= day <= timezone.localdate():
            request.session[SESSION_KEY] = day.isoformat()
            return day
    stored = request.session.get(SESSION_KEY)
    if stored:
        return dt.date.fromisoformat(stored)
    return default_as_of()
