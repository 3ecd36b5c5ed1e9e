"""What every 基本活动 page shares: the tabs between the lists, and reading ids from a query string."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wuji.core.records import Tab

TABS = [
    ("list", _("活动记录")),
    ("ledger", _("活动台账")),
    ("pairing_list", _("结对帮扶")),
    ("duty_post_list", _("设岗定责")),
    ("pledge_list", _("服务承诺")),
    ("prosperity_list", _("创业致富")),
    ("review_list", _("党性分析")),
    ("honor_list", _("创先争优")),
    ("type_list", _("活动类型")),
]


def tabs(active: str) -> list[Tab]:
    return [Tab(str(label), reverse(f"activities:{name}"), name == active) for name, label in TABS]


def int_param(request: HttpRequest, name: str) -> int | None:
    """An id from the query string; a malformed one is a 404, as an id outside the scope is."""
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError as exc:
        raise Http404 from exc
