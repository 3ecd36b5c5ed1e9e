"""The rubric (考评细则) as people read it: tables per org category, each rule said in plain Chinese.

Pure: a loaded standard's document in, rows out. The 评分办法 sentence is generated
from the rule itself (or taken from `scoring.text` when the file words it), so the
printed table and the engine can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuji.standards import loader, registry
from wuji.standards.scoring import Rule, fmt, target_text

# Measure words that read naturally after 每 ("每项加1分", "每名扣2分").
_MEASURE_WORDS = {"项", "名", "次", "个", "件", "处", "卷", "人"}

EFFORT_LABELS = {"easy": gettext_lazy("易"), "medium": gettext_lazy("中"), "hard": gettext_lazy("难")}
FREQUENCY_LABELS = {
    "monthly": gettext_lazy("每月"),
    "quarterly": gettext_lazy("每季度"),
    "yearly": gettext_lazy("每年"),
}


def _per(unit: str) -> str:
    """“每项” for a measure word, “每1%” for anything else."""
    return f"每{unit}" if unit in _MEASURE_WORDS or unit.startswith("个") else f"每1{unit}"


def _zero_target(rule: Rule) -> bool:
    return rule.target is not None and rule.target.comparator == "<=" and rule.target.value == 0


def _goal(rule: Rule) -> str:
    """The target as a phrase: “不少于3名”, “不多于2个”."""
    return target_text(rule) if rule.target is not None else ""


def _when_met(rule: Rule) -> str:
    """Who earns the points, as a subject: “不少于1名的”, “书记在岗的”, “无软弱涣散未转化的”."""
    if rule.boolean:
        return _("%(label)s的") % {"label": rule.label}
    if _zero_target(rule):
        return _("无%(label)s的") % {"label": rule.label}
    return _("达到“%(goal)s”的") % {"goal": _goal(rule)}


def method_text(rule: Rule, *, text: str = "") -> str:
    """How points are earned, in one sentence a branch secretary understands."""
    if text:
        return text
    method = rule.method
    points = fmt(rule.points)
    if method == "all_or_nothing":
        if rule.target is None:
            return _("达到得满分，否则不得分")
        return _("%(who)s得满分，否则不得分") % {"who": _when_met(rule)}
    if method == "proportional":
        return _("%(goal)s；达到得满分，未达到的按完成比例计分") % {"goal": _goal(rule)}
    if method == "deduct":
        assert rule.target is not None
        per = fmt(rule.per_unit)
        floor = _("扣完为止") if not rule.floor else _("最低得%(floor)s分") % {"floor": fmt(rule.floor)}
        if _zero_target(rule):
            return _("%(label)s%(per)s扣%(points)s分，%(floor)s") % {
                "label": rule.label,
                "per": _per(rule.unit),
                "points": per,
                "floor": floor,
            }
        word = _("超出") if rule.target.comparator == "<=" else _("少")
        return _("%(goal)s；每%(word)s1%(unit)s扣%(points)s分，%(floor)s") % {
            "goal": _goal(rule),
            "word": word,
            "unit": rule.unit,
            "points": per,
            "floor": floor,
        }
    if method == "checklist":
        return _("清单每项按比例计分")
    if method == "manual":
        return _("考评组评定，0—%(points)s分") % {"points": points}
    if method == "bonus":
        start = (
            _("超过%(goal)s的，") % {"goal": _goal(rule)} if rule.target is not None and rule.target.value > 0 else ""
        )
        if rule.per_unit:
            sentence = _("%(per)s加%(points)s分") % {"per": _per(rule.unit), "points": fmt(rule.per_unit)}
        else:
            sentence = _("加%(points)s分") % {"points": points}
        cap = _("，最多加%(cap)s分") % {"cap": fmt(rule.cap)} if rule.cap is not None else ""
        return f"{start}{sentence}{cap}"
    if method == "veto":
        if _zero_target(rule):
            failing = _("有%(label)s的") % {"label": rule.label}
        elif rule.boolean:
            failing = _("未做到“%(label)s”的") % {"label": rule.label}
        else:
            failing = _("未达到“%(goal)s”的") % {"goal": _goal(rule)}
        return _("%(failing)s，等次最高为%(grade)s（一票否决）") % {"failing": failing, "grade": rule.veto_grade}
    return ""


def aggregate_text(rule: Rule) -> str:
    """A township figure is judged, not scored: it is met or not."""
    if rule.target is None:
        return _("不计分")
    if rule.boolean:
        return _("%(label)s到位为达标（乡镇汇总指标，不计入支部得分）") % {"label": rule.label}
    return _("%(goal)s为达标（乡镇汇总指标，不计入支部得分）") % {"goal": _goal(rule)}


def points_text(rule: Rule) -> str:
    if rule.method == "bonus":
        return _("加分项")
    if rule.method == "veto":
        return _("否决项")
    return fmt(rule.points)


@dataclass(frozen=True)
class RubricRow:
    spec: loader.IndicatorSpec
    method: str  # 评分办法
    points: str  # 分值 as printed
    guide: str = ""  # a manual indicator's guide
    note: str = ""  # why a default was chosen

    @property
    def frequency_label(self) -> str:
        return str(FREQUENCY_LABELS.get(self.spec.frequency or "", ""))


@dataclass
class RubricGroup:
    """The rows of one dimension (基本组织 …) within a rubric table."""

    dimension: str
    rows: list[RubricRow] = field(default_factory=list)

    @property
    def points(self) -> Decimal:
        return sum((r.spec.rule.points for r in self.rows if r.spec.rule.method not in {"bonus", "veto"}), Decimal(0))


@dataclass
class RubricTable:
    code: str
    name: str
    categories: list[str]
    groups: list[RubricGroup]
    total: Decimal

    @property
    def rows(self) -> list[RubricRow]:
        return [r for g in self.groups for r in g.rows]


@dataclass
class Rubric:
    tables: list[RubricTable]
    aggregates: list[RubricRow]
    grades: list[tuple[str, Decimal]]


def _raw_indicators(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [raw for d in document["dimensions"] for i in d["items"] for raw in i["indicators"]]


def rows(document: dict[str, Any]) -> list[RubricRow]:
    """Every indicator of the standard with its 评分办法, in file order."""
    out = []
    for spec, raw in zip(loader.indicators(document), _raw_indicators(document), strict=True):
        guide = (raw["measure"].get("manual") or {}).get("guide", "")
        aggregate = spec.level != registry.PER_ORG
        method = raw["scoring"].get("text", "") or (aggregate_text(spec.rule) if aggregate else "")
        out.append(
            RubricRow(
                spec=spec,
                method=method or method_text(spec.rule),
                points="—" if aggregate else points_text(spec.rule),
                guide=guide,
                note=raw.get("note", ""),
            )
        )
    return out


def build(document: dict[str, Any]) -> Rubric:
    """The printable rubric: one table per rubric (分类指导), and the township figures apart."""
    all_rows = rows(document)
    per_org = [r for r in all_rows if r.spec.level == registry.PER_ORG]
    rubrics = document.get("rubrics") or [
        {"code": "all", "name": document["name"], "categories": sorted({c for r in per_org for c in r.spec.categories})}
    ]
    tables = []
    for rubric in rubrics:
        categories = set(rubric["categories"])
        groups: list[RubricGroup] = []
        for row in per_org:
            if not row.spec.categories & categories:
                continue
            if not groups or groups[-1].dimension != row.spec.dimension:
                groups.append(RubricGroup(row.spec.dimension))
            groups[-1].rows.append(row)
        tables.append(
            RubricTable(
                code=rubric["code"],
                name=rubric["name"],
                categories=list(rubric["categories"]),
                groups=groups,
                total=sum((g.points for g in groups), Decimal(0)),
            )
        )
    grades = sorted(((g.name, g.min_score) for g in loader.grade_bands(document)), key=lambda g: g[1], reverse=True)
    return Rubric(tables=tables, aggregates=[r for r in all_rows if r.spec.level != registry.PER_ORG], grades=grades)
