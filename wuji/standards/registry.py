"""The metric registry: domain apps register functions that measure a whole set of orgs at once.

A metric takes the orgs, the period and the parameters from the standard file,
and returns for each org a `Measured` value with the records behind it, in a
bounded number of queries whatever the number of orgs (never one per org).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps

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


def records_of(model_label: str, pks: Sequence[int]) -> list[tuple[str, int]]:
    return [(model_label, pk) for pk in pks]
