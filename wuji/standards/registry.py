"""The metric registry: domain apps register functions that measure a whole set of orgs at once.

A metric takes the orgs, the period and the parameters from the standard file,
and returns for each org a `Measured` value with the records behind it, in a
bounded number of queries whatever the number of orgs (never one per org).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.apps import apps
from django.db.models import QuerySet

T = TypeVar("T")

AGGREGATE = "aggregate"
PER_ORG = "org"


@dataclass(frozen=True)
class Period:
    """What an assessment looks at: facts dated within [start, end], states as of `end`."""

    start: dt.date
    end: dt.date


@dataclass
class Measured:
    value: Decimal | None
    records: list[tuple[str, int]] = field(default_factory=list)  # ("people.poolentry", pk)
    note: str = ""


MetricFn = Callable[[Sequence[Any], Period, dict[str, Any]], dict[int, Measured]]


@dataclass(frozen=True)
class Metric:
    name: str
    fn: MetricFn
    label: str
    unit: str
    params: tuple[str, ...] = ()
    level: str = PER_ORG  # or AGGREGATE: measured for a node over the orgs below it


REGISTRY: dict[str, Metric] = {}


def metric(
    name: str, *, label: str, unit: str, params: tuple[str, ...] = (), level: str = PER_ORG
) -> Callable[[MetricFn], MetricFn]:
    def register(fn: MetricFn) -> MetricFn:
        if name in REGISTRY and REGISTRY[name].fn is not fn:
            raise ValueError(f"metric {name!r} registered twice")
        REGISTRY[name] = Metric(name=name, fn=fn, label=label, unit=unit, params=params, level=level)
        return fn

    return register


def get(name: str) -> Metric:
    return REGISTRY[name]


def autodiscover() -> None:
    """Import `<app>.metrics` of every installed Wuji app so their metrics register."""
    for config in apps.get_app_configs():
        if config.name.startswith("wuji."):
            try:
                importlib.import_module(f"{config.name}.metrics")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.metrics":
                    raise


# --- the orgs in SQL ----------------------------------------------------------------------------------------------

# Beyond this many orgs a metric filters by a subquery instead of a list of ids: a county or province would
# otherwise send tens of thousands of parameters in one statement (SQLite refuses more than 32,766).
PARAMETER_LIMIT = 2000


class OrgSet(list[Any]):
    """The orgs a metric measures, with a queryset selecting the same orgs (the engine builds both)."""

    def __init__(self, orgs: Iterable[Any], query: QuerySet[Any] | None = None) -> None:
        super().__init__(orgs)
        self.query = query


def org_ids(orgs: Sequence[Any]) -> list[int] | QuerySet[Any]:
    """The orgs for an `__in` filter: their ids, or for a long `OrgSet` the subquery that selects them."""
    query = getattr(orgs, "query", None)
    if query is not None and len(orgs) > PARAMETER_LIMIT:
        return query.values("pk")
    return [o.pk for o in orgs]


# --- fetches shared within one engine run -------------------------------------------------------------------------

_RUN_CACHE: ContextVar[dict[Hashable, Any] | None] = ContextVar("wuji_metric_run_cache", default=None)


@contextmanager
def run_cache() -> Iterator[None]:
    """Within the block, `shared(...)` computes each key once (the engine opens one per run)."""
    token = _RUN_CACHE.set({})
    try:
        yield
    finally:
        _RUN_CACHE.reset(token)


def shared(key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()` once per key within a run (e.g. the members several metrics share); uncached outside one.

    The value is shared: callers must not change it."""
    cache = _RUN_CACHE.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[no-any-return]


def records_of(model_label: str, pks: Sequence[int]) -> list[tuple[str, int]]:
    return [(model_label, pk) for pk in pks]
