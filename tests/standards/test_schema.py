"""The standard file: the shipped one is valid; a bad one is refused with the path of each error."""

from __future__ import annotations

import copy
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import CommandError, call_command

from wuji.standards import loader, schema
from wuji.standards.models import Standard

SHIPPED = Path(__file__).resolve().parents[2] / "standards" / "five-basics.yaml"


def shipped() -> dict[str, Any]:
    return loader.read(SHIPPED)


def test_the_shipped_standard_is_valid_and_each_rubric_adds_up_to_100() -> None:
    document = shipped()
    assert schema.validate(document) == []
    specs = loader.indicators(document)
    for rubric in document["rubrics"]:
        total = sum(
            s.rule.points
            for s in specs
            if s.level == "org"
            and set(s.categories) & set(rubric["categories"])
            and s.rule.method not in {"bonus", "veto"}
        )
        assert total == 100, rubric["code"]


def test_every_quantitative_target_of_the_seed_is_an_indicator() -> None:
    metrics = {s.metric for s in loader.indicators(shipped())}
    for name in [
        "orgs.coverage_share",
        "orgs.mass_orgs_missing",
        "orgs.weak_open",
        "people.secretary_in_post",
        "people.dual_role_share",
        "people.dual_role",
        "people.female_cadres",
        "people.reserve_cadres",
        "people.practical_talents",
        "people.activists",
        "people.new_members",
        "people.cadres_trained_share",
        "people.study_trips",
        "activities.months_missed",
        "activities.count",
        "activities.paired",
        "activities.duty_post_share",
        "activities.pledge_share",
        "governance.rules_missing",
        "governance.matters_completed",
        "governance.archive_files",
        "governance.assets_registered",
        "governance.township_managed",
        "support.leading_group",
        "support.ten_haves",
        "support.facilities_missing",
        "support.remote_site_working",
        "support.collective_income",
        "support.main_cadres_insured",
    ]:
        assert name in metrics, name


def test_errors_name_their_place_in_the_file() -> None:
    document = copy.deepcopy(shipped())
    indicator = document["dimensions"][2]["items"][1]["indicators"][0]
    indicator["measure"] = {"metric": "x"}
    document["dimensions"][0]["items"][0]["indicators"][1]["scoring"] = {"method": "deduct"}
    problems = schema.validate(document)
    assert 'dimensions[2].items[1].indicators[0].measure.metric: 未知的指标计算 "x"' in problems
    assert any(p.startswith("dimensions[0].items[0].indicators[1].scoring.per_unit") for p in problems)


def test_structural_errors_name_their_place_too() -> None:
    document = copy.deepcopy(shipped())
    del document["dimensions"][1]["items"][0]["indicators"][0]["points"]
    problems = schema.validate(document)
    assert any(p.startswith("dimensions[1].items[0].indicators[0]") and "points" in p for p in problems)


def test_a_rubric_that_does_not_add_up_is_refused() -> None:
    document = copy.deepcopy(shipped())
    document["dimensions"][1]["items"][1]["indicators"][0]["points"] = 7  # V-RESERVE 6 → 7
    assert any(p.startswith("rubrics[0]") and "101" in p for p in schema.validate(document))


@pytest.mark.django_db
def test_load_standard_refuses_a_changed_version_and_accepts_the_same_twice(tmp_path: Path) -> None:
    out = StringIO()
    call_command("load_standard", str(SHIPPED), stdout=out)
    call_command("load_standard", str(SHIPPED), stdout=out)
    assert Standard.objects.count() == 1 and "内容未变" in out.getvalue()
    changed = shipped()
    changed["name"] = "改过的名称"
    path = tmp_path / "changed.yaml"
    path.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match="不可更改"):
        call_command("load_standard", str(path))
    changed["version"] = "2010.2"
    path.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")
    call_command("load_standard", str(path), stdout=out)
    assert Standard.objects.count() == 2


@pytest.mark.django_db
def test_load_standard_lists_every_error(tmp_path: Path) -> None:
    document = shipped()
    document["dimensions"][0]["items"][0]["indicators"][1]["measure"] = {"metric": "nope"}
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CommandError, match="dimensions\\[0\\].items\\[0\\].indicators\\[1\\].measure.metric"):
        call_command("load_standard", str(path))
    assert not Standard.objects.exists()
