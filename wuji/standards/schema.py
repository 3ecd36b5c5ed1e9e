"""The standard file's shape (JSON Schema) and the checks a schema cannot express.

Every error names its path in the file, e.g.
`dimensions[2].items[1].indicators[0].measure.metric: 未知的指标计算 "x"`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import jsonschema

from wuji.standards import registry
from wuji.standards.scoring import METHODS

CATEGORIES = ["organ", "education", "health", "soe", "village", "community", "new_sector"]
LEVELS = [registry.PER_ORG, registry.AGGREGATE]

TARGET = {
    "type": "object",
    "minProperties": 1,
    "maxProperties": 1,
    "properties": {
        ">=": {"type": "number"},
        "<=": {"type": "number"},
        "==": {"type": "number"},
        "between": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
    },
    "additionalProperties": False,
}
INDICATOR = {
    "type": "object",
    "required": ["code", "name", "categories", "measure", "points", "scoring", "seed"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$"},
        "name": {"type": "string", "minLength": 1},
        "content": {"type": "string"},
        "categories": {"type": "array", "items": {"enum": CATEGORIES}, "minItems": 1},
        "level": {"enum": LEVELS},
        "measure": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "metric": {"type": "string"},
                "params": {"type": "object"},
                "checklist": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                "manual": {"type": "object", "properties": {"guide": {"type": "string"}}},
            },
            "minProperties": 1,
        },
        "target": TARGET,
        "points": {"type": "number", "minimum": 0},
        "scoring": {
            "type": "object",
            "required": ["method"],
            "additionalProperties": False,
            "properties": {
                "method": {"enum": list(METHODS)},
                "per_unit": {"type": "number", "minimum": 0},
                "floor": {"type": "number", "minimum": 0},
                "cap": {"type": "number", "minimum": 0},
                "grade": {"type": "string"},
                "text": {"type": "string"},
            },
        },
        "effort": {"enum": ["easy", "medium", "hard"]},
        "frequency": {"enum": ["monthly", "quarterly", "yearly"]},
        "seed": {"type": "string"},
        "default": {"type": "boolean"},
        "note": {"type": "string"},
    },
}
SCHEMA = {
    "type": "object",
    "required": ["code", "name", "version", "grades", "dimensions"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "name": {"type": "string"},
        "version": {"type": "string"},
        "source": {"type": "string"},
        "period": {"type": "string"},
        "pass_grade": {"type": "string"},
        "grades": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["name", "min"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string"}, "min": {"type": "number"}},
            },
        },
        "rubrics": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "name", "categories"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "categories": {"type": "array", "items": {"enum": CATEGORIES}},
                    "total": {"type": "number"},
                },
            },
        },
        "dimensions": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["code", "name", "items"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string"},
                    "name": {"type": "string"},
                    "items": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["code", "name", "indicators"],
                            "additionalProperties": False,
                            "properties": {
                                "code": {"type": "string"},
                                "name": {"type": "string"},
                                "indicators": {"type": "array", "minItems": 1, "items": INDICATOR},
                            },
                        },
                    },
                },
            },
        },
    },
}


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(文件)"


def validate(document: Any) -> list[str]:
    """Every problem of a standard document, each prefixed with where it is."""
    validator = jsonschema.Draft202012Validator(SCHEMA)
    errors = [f"{_path(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    if errors:
        return sorted(errors)
    return _semantic_errors(document)


def _semantic_errors(document: dict[str, Any]) -> list[str]:
    errors: list[str] = []
    codes: set[str] = set()
    grade_names = [g["name"] for g in document["grades"]]
    if document.get("pass_grade") and document["pass_grade"] not in grade_names:
        errors.append(f"pass_grade: 等次“{document['pass_grade']}”不在 grades 中")
    for d, dimension in enumerate(document["dimensions"]):
        for i, item in enumerate(dimension["items"]):
            for n, indicator in enumerate(item["indicators"]):
                where = f"dimensions[{d}].items[{i}].indicators[{n}]"
                code = indicator["code"]
                if code in codes:
                    errors.append(f"{where}.code: 指标编码“{code}”重复")
                codes.add(code)
                errors.extend(_indicator_errors(where, indicator, grade_names))
    errors.extend(_total_errors(document))
    return errors


def _indicator_errors(where: str, indicator: dict[str, Any], grade_names: list[str]) -> list[str]:
    errors = []
    measure = indicator["measure"]
    method = indicator["scoring"]["method"]
    kinds = [k for k in ("metric", "checklist", "manual") if k in measure]
    if len(kinds) != 1:
        errors.append(f"{where}.measure: 须且只能是 metric、checklist、manual 之一")
    if "metric" in measure:
        name = measure["metric"]
        if name not in registry.REGISTRY:
            errors.append(f'{where}.measure.metric: 未知的指标计算 "{name}"')
        else:
            found = registry.REGISTRY[name]
            unknown = set(measure.get("params", {})) - set(found.params)
            if unknown:
                errors.append(f"{where}.measure.params: 指标计算“{name}”不接受参数 {sorted(unknown)}")
            level = indicator.get("level", registry.PER_ORG)
            if found.level != level:
                errors.append(f"{where}.level: 指标计算“{name}”的层级是 {found.level}，与 {level} 不符")
    if "checklist" in measure and method != "checklist":
        errors.append(f"{where}.scoring.method: 清单类指标须用 checklist 计分")
    if "manual" in measure and method != "manual":
        errors.append(f"{where}.scoring.method: 人工评分指标须用 manual 计分")
    needs_target = method in {"all_or_nothing", "proportional", "deduct", "veto"}
    if needs_target and "target" not in indicator:
        errors.append(f"{where}.target: 计分方法 {method} 需要 target")
    if method == "deduct" and "per_unit" not in indicator["scoring"]:
        errors.append(f"{where}.scoring.per_unit: 扣分法须写明每缺一个单位扣几分")
    if method == "proportional" and "target" in indicator:
        target = indicator["target"]
        if not ({">="} & set(target)) or not Decimal(str(target.get(">=", 0))):
            errors.append(f"{where}.target: 按比例计分须用大于零的 >= 目标")
    if method == "veto":
        grade = indicator["scoring"].get("grade")
        if grade not in grade_names:
            errors.append(f"{where}.scoring.grade: 一票否决须指明封顶等次（{'、'.join(grade_names)}之一）")
        if indicator["points"]:
            errors.append(f"{where}.points: 一票否决项不计分，points 应为 0")
    if "between" in indicator.get("target", {}):
        low, high = indicator["target"]["between"]
        if low > high:
            errors.append(f"{where}.target.between: 下限大于上限")
    return errors


def _total_errors(document: dict[str, Any]) -> list[str]:
    """Each rubric's org-level indicators must add up to its total (100 by default)."""
    errors = []
    for r, rubric in enumerate(document.get("rubrics", [])):
        total = Decimal(0)
        for dimension in document["dimensions"]:
            for item in dimension["items"]:
                for indicator in item["indicators"]:
                    counts = indicator["scoring"]["method"] not in {"bonus", "veto"}
                    applies = set(indicator["categories"]) & set(rubric["categories"])
                    if counts and applies and indicator.get("level", registry.PER_ORG) == registry.PER_ORG:
                        total += Decimal(str(indicator["points"]))
        expected = Decimal(str(rubric.get("total", 100)))
        if total != expected:
            errors.append(f"rubrics[{r}]: “{rubric['name']}”各指标分值合计 {total}，应为 {expected}")
    return errors
