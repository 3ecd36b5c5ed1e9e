"""The rubric table: every indicator of the shipped standard, each rule said in plain Chinese."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from wuji.standards import loader, rubric
from wuji.standards.loader import load
from wuji.standards.scoring import Rule, Target

FIVE_BASICS = Path(__file__).resolve().parents[2] / "standards" / "five-basics.yaml"


def rule(method: str, **kwargs: Any) -> Rule:
    return Rule(method=method, points=Decimal(kwargs.pop("points", 6)), **kwargs)


@pytest.mark.parametrize(
    ("given", "sentence"),
    [
        (
            rule("deduct", target=Target(">=", Decimal(3)), label="后备干部", unit="名", per_unit=Decimal(2)),
            "不少于3名；每少1名扣2分，扣完为止",
        ),
        (
            rule("deduct", target=Target("<=", Decimal(0)), label="缺少的制度", unit="项", per_unit=Decimal(1)),
            "缺少的制度每项扣1分，扣完为止",
        ),
        (
            rule(
                "deduct",
                target=Target(">=", Decimal(10)),
                label="人才",
                unit="名",
                per_unit=Decimal(1),
                floor=Decimal(2),
            ),
            "不少于10名；每少1名扣1分，最低得2分",
        ),
        (
            rule("all_or_nothing", target=Target(">=", Decimal(1)), label="女干部", unit="名"),
            "达到“不少于1名”的得满分，否则不得分",
        ),
        (
            rule("all_or_nothing", target=Target(">=", Decimal(1)), label="书记在岗", boolean=True),
            "书记在岗的得满分，否则不得分",
        ),
        (
            rule("proportional", target=Target(">=", Decimal(100)), label="参训率", unit="%"),
            "不少于100%；达到得满分，未达到的按完成比例计分",
        ),
        (rule("checklist", label="“十有”"), "清单每项按比例计分"),
        (rule("manual", points=4), "考评组评定，0—4分"),
        (
            rule("bonus", points=0, target=Target(">=", Decimal(0)), unit="项", per_unit=Decimal(1), cap=Decimal(2)),
            "每项加1分，最多加2分",
        ),
        (
            rule("veto", points=0, target=Target("<=", Decimal(0)), label="软弱涣散未转化", veto_grade="合格"),
            "有软弱涣散未转化的，等次最高为合格（一票否决）",
        ),
        (
            rule("veto", points=0, target=Target(">=", Decimal(1)), label="书记在岗", boolean=True, veto_grade="合格"),
            "未做到“书记在岗”的，等次最高为合格（一票否决）",
        ),
    ],
)
def test_each_method_is_said_in_one_sentence(given: Rule, sentence: str) -> None:
    assert rubric.method_text(given) == sentence


def test_the_file_may_word_a_rule_itself() -> None:
    assert rubric.method_text(rule("manual"), text="按现场查看情况评定") == "按现场查看情况评定"


def test_the_three_rubrics_add_up_to_100() -> None:
    document = loader.read(FIVE_BASICS)
    built = rubric.build(document)
    assert [t.total for t in built.tables] == [100, 100, 100]
    assert [r.spec.code for r in built.aggregates] == ["T-COVERAGE", "T-DUAL", "T-LEADING"]


@pytest.mark.django_db
def test_the_rubric_page_renders_every_indicator_with_its_rule(officer: Any, client_for: Any) -> None:
    standard, _ = load(FIVE_BASICS)
    response = client_for(officer).get(reverse("standards:detail", args=[standard.pk]))
    page = html.unescape(response.content.decode())
    document = standard.document
    specs = loader.indicators(document)
    assert len(specs) >= 57
    rows = {r.spec.code: r for r in rubric.rows(document)}
    for spec in specs:
        row = rows[spec.code]
        assert row.method, spec.code  # a 评分办法 sentence for every indicator
        assert row.method in page, spec.code
        assert (spec.content or spec.name) in page, spec.code
        assert f"依据：实施方案 {spec.seed}" in page, spec.code
    for header in ("项目", "考评内容", "分值", "评分办法"):
        assert f">{header}</th>" in page
    defaults = sum(1 for s in specs if s.is_default)
    assert page.count("常用做法默认值") >= defaults
    assert "乡镇汇总指标" in page and "不少于90%为达标" in page
    # three tables, one per rubric, each with its total
    assert len(re.findall(r'class="table table-bordered align-top mb-0 wuji-rubric"', page)) == 4
