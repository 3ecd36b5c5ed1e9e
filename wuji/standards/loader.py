"""Reading a standard file: parse, validate (every error with its path), store as a new version."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.db import transaction

from wuji.standards import registry, schema
from wuji.standards.models import Standard
from wuji.standards.scoring import GradeBand, Rule, Target


class StandardError(ValidationError):
    """A standard file that cannot be used; `messages` lists every problem with its path."""


def read(path: Path | str) -> dict[str, Any]:
    text = Path(path).read_text(encoding="utf-8")
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise StandardError([f"(文件): YAML 格式错误：{exc}"]) from exc
    if not isinstance(document, dict):
        raise StandardError(["(文件): 标准文件应是一个映射（code、name、version、grades、dimensions …）"])
    return document


def digest(document: dict[str, Any]) -> str:
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def load(path: Path | str, *, in_use: Any = None) -> tuple[Standard, bool]:
    """Validate and store the file as (code, version); returns (standard, created).

    The same content again changes nothing; different content under a version that
    exists is refused (versions are immutable: bump the version).
    """
    document = read(path)
    problems = schema.validate(document)
    if problems:
        raise StandardError(problems)
    sha = digest(document)
    with transaction.atomic():
        existing = (
            Standard.objects.select_for_update().filter(code=document["code"], version=str(document["version"])).first()
        )
        if existing is not None:
            if existing.sha256 == sha:
                return existing, False
            raise StandardError(
                [
                    f"version: 标准“{document['code']}”的版本 {document['version']} 已载入且内容不同；"
                    "版本一经载入不可更改，请提高版本号"
                ]
            )
        standard = Standard.objects.create(
            code=document["code"],
            version=str(document["version"]),
            name=document["name"],
            document=document,
            sha256=sha,
        )
    return standard, True


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator of a loaded standard, ready for the engine."""

    code: str
    name: str
    content: str
    dimension: str
    item: str
    categories: frozenset[str]
    level: str
    kind: str  # metric, checklist, manual
    metric: str | None
    params: dict[str, Any]
    checklist: tuple[str, ...]
    rule: Rule
    effort: str
    frequency: str | None
    seed: str
    is_default: bool
    order: int


def _target(raw: dict[str, Any] | None) -> Target | None:
    if not raw:
        return None
    ((comparator, value),) = raw.items()
    if comparator == "between":
        return Target("between", Decimal(str(value[0])), Decimal(str(value[1])))
    return Target(comparator, Decimal(str(value)))


def indicators(document: dict[str, Any]) -> list[IndicatorSpec]:
    specs = []
    order = 0
    for dimension in document["dimensions"]:
        for item in dimension["items"]:
            for raw in item["indicators"]:
                measure = raw["measure"]
                scoring = raw["scoring"]
                metric_name = measure.get("metric")
                found = registry.REGISTRY.get(metric_name) if metric_name else None
                kind = "metric" if metric_name else ("checklist" if "checklist" in measure else "manual")
                rule = Rule(
                    method=scoring["method"],
                    points=Decimal(str(raw["points"])),
                    target=_target(raw.get("target")),
                    label=(found.label if found else "") or raw["name"],
                    unit=found.unit if found else "",
                    per_unit=Decimal(str(scoring.get("per_unit", 0))),
                    floor=Decimal(str(scoring.get("floor", 0))),
                    cap=Decimal(str(scoring["cap"])) if "cap" in scoring else None,
                    veto_grade=scoring.get("grade"),
                    boolean=bool(found and found.unit == "" and scoring["method"] != "checklist"),
                )
                specs.append(
                    IndicatorSpec(
                        code=raw["code"],
                        name=raw["name"],
                        content=raw.get("content", ""),
                        dimension=dimension["name"],
                        item=item["name"],
                        categories=frozenset(raw["categories"]),
                        level=raw.get("level", registry.PER_ORG),
                        kind=kind,
                        metric=metric_name,
                        params=dict(measure.get("params", {})),
                        checklist=tuple(measure.get("checklist", ())),
                        rule=rule,
                        effort=raw.get("effort", "medium"),
                        frequency=raw.get("frequency"),
                        seed=raw["seed"],
                        is_default=bool(raw.get("default", False)),
                        order=order,
                    )
                )
                order += 1
    return specs


def grade_bands(document: dict[str, Any]) -> list[GradeBand]:
    return [GradeBand(g["name"], Decimal(str(g["min"]))) for g in document["grades"]]
