"""基本制度 services: rule versions, the 五议五公开 state machine on the database, disclosures, registers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PersonFactory, Township
from tests.governance.conftest import DAY, pdf_upload, png_upload, record_steps, vote
from wuji.governance import selectors, services
from wuji.governance.choices import (
    ArchiveCategory,
    AssetKind,
    DisclosureKind,
    MatterStatus,
    RuleKind,
    StepKind,
    required_rules,
)
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    MatterStep,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs.choices import Category

pytestmark = pytest.mark.django_db


def adopt(org: Any, user: Any, *, kind: str = RuleKind.DELIBERATION_RULES, title: str = "议事规则", on: dt.date) -> Any:
    return services.rule_document_adopt(user=user, org=org, kind=kind, title=title, effective_on=on, text="全文")


def errors(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict if hasattr(exc.value, "error_dict") else {"__all__": exc.value.messages}


# ---- rules and their versions --------------------------------------------------------------


def test_a_new_version_supersedes_the_current_one(township: Township, secretary_a: Any) -> None:
    org = township.village_a
    first = adopt(org, secretary_a, title="议事规则（2009）", on=dt.date(2009, 1, 1))
    second = adopt(org, secretary_a, title="议事规则（2010）", on=dt.date(2010, 5, 1))
    first.refresh_from_db()
    assert first.superseded_on == dt.date(2010, 5, 1) and first.superseded_by == second
    assert not first.is_current and second.is_current
    assert [r.title for r in selectors.rule_history(second)] == ["议事规则（2010）", "议事规则（2009）"]


def test_an_older_effective_date_is_refused(township: Township, secretary_a: Any) -> None:
    adopt(township.village_a, secretary_a, on=dt.date(2010, 5, 1))
    for day in (dt.date(2010, 5, 1), dt.date(2009, 1, 1)):
        with pytest.raises(ValidationError) as exc:
            adopt(township.village_a, secretary_a, title="旧规则", on=day)
        assert "须晚于现行版本" in errors(exc)["effective_on"][0]
    assert RuleDocument.objects.filter(org=township.village_a).count() == 1


def test_versions_are_per_org_and_kind(township: Township, officer: Any) -> None:
    adopt(township.village_a, officer, on=dt.date(2010, 5, 1))
    adopt(township.village_b, officer, on=dt.date(2009, 1, 1))  # another org: not a version of the first
    adopt(township.village_a, officer, kind=RuleKind.DECISION_PROCEDURE, title="决策程序", on=dt.date(2009, 1, 1))
    assert RuleDocument.objects.filter(superseded_on__isnull=True).count() == 3


def test_other_rules_of_different_titles_stand_side_by_side(township: Township, officer: Any) -> None:
    adopt(township.village_a, officer, kind=RuleKind.OTHER, title="卫生保洁制度", on=dt.date(2010, 1, 1))
    adopt(township.village_a, officer, kind=RuleKind.OTHER, title="值班制度", on=dt.date(2009, 1, 1))
    assert RuleDocument.objects.filter(superseded_on__isnull=True).count() == 2
    adopt(township.village_a, officer, kind=RuleKind.OTHER, title="值班制度", on=dt.date(2010, 3, 1))
    assert RuleDocument.objects.filter(superseded_on__isnull=True).count() == 2


def test_a_rule_needs_text_or_a_file(township: Township, secretary_a: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.rule_document_adopt(
            user=secretary_a, org=township.village_a, kind=RuleKind.DELIBERATION_RULES, title="空", effective_on=DAY
        )
    assert errors(exc) == {"text": ["请填写制度内容或上传制度文件"]}
    rule = services.rule_document_adopt(
        user=secretary_a,
        org=township.village_a,
        kind=RuleKind.DELIBERATION_RULES,
        title="议事规则",
        effective_on=DAY,
        upload=pdf_upload(),
    )
    assert rule.attachment is not None and rule.attachment.kind == "pdf"


def test_a_rule_file_of_the_wrong_type_is_refused_beside_the_upload(township: Township, secretary_a: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.rule_document_adopt(
            user=secretary_a,
            org=township.village_a,
            kind=RuleKind.DELIBERATION_RULES,
            title="议事规则",
            effective_on=DAY,
            upload=SimpleUploadedFile("rule.pdf", b"MZ\x90\x00 not a pdf"),
        )
    assert "文件类型不符" in errors(exc)["upload"][0]
    assert not RuleDocument.objects.exists()


def test_a_secretary_adopts_rules_only_for_their_own_branch(township: Township, secretary_a: Any) -> None:
    with pytest.raises(PermissionDenied):
        adopt(township.village_b, secretary_a, on=DAY)


def test_required_rules_by_category() -> None:
    assert len(required_rules(Category.VILLAGE)) == 10 and required_rules(Category.COMMUNITY) == required_rules(
        Category.VILLAGE
    )
    assert RuleKind.PERFORMANCE_REGISTRATION in required_rules(Category.ORGAN)
    assert RuleKind.THREE_ASSETS_MANAGEMENT not in required_rules(Category.ORGAN)
    assert set(required_rules(Category.EDUCATION)) == {
        RuleKind.DELIBERATION_RULES,
        RuleKind.PARTY_AFFAIRS_DISCLOSURE,
        RuleKind.INTEGRITY_RESPONSIBILITY,
    }
    assert required_rules("") == required_rules(Category.SOE)  # a 党委 without a category


def test_coverage_is_computed_as_of_a_day(township: Township, officer: Any) -> None:
    org = township.organ_a
    for kind in required_rules(Category.ORGAN):
        adopt(org, officer, kind=kind, title=str(kind.label), on=dt.date(2010, 3, 1))
    coverage = selectors.rule_coverage(user=officer, day=dt.date(2010, 6, 30), org=org)
    assert [r.org for r in coverage.rows] == [org] and coverage.rows[0].complete
    before = selectors.rule_coverage(user=officer, day=dt.date(2010, 2, 28), org=org)
    assert len(before.rows[0].missing) == len(required_rules(Category.ORGAN))
    # A new version keeps the kind covered; the old one still counts on the days before it.
    adopt(org, officer, title="议事规则（修订）", on=dt.date(2010, 9, 1))
    for day in (dt.date(2010, 8, 31), dt.date(2010, 9, 1)):
        assert selectors.rule_coverage(user=officer, day=day, org=org).rows[0].complete


def test_coverage_of_the_township_lists_every_org_in_scope(township: Township, officer: Any) -> None:
    adopt(township.village_a, officer, on=dt.date(2010, 1, 1))
    coverage = selectors.rule_coverage(user=officer, day=dt.date(2010, 6, 30))
    names = [r.org.name for r in coverage.rows]
    assert names[0] == "测试乡党委" and set(names[1:]) == {"甲村党支部", "乙村党支部", "乡政府机关党支部"}
    village_a = next(r for r in coverage.rows if r.org == township.village_a)
    assert village_a.cell(RuleKind.DELIBERATION_RULES) == "ok"
    assert village_a.cell(RuleKind.THREE_ASSETS_MANAGEMENT) == "missing"
    assert village_a.cell(RuleKind.PERFORMANCE_REGISTRATION) == ""
    assert RuleKind.OTHER not in coverage.kinds


# ---- 五议五公开 on the database -------------------------------------------------------------


def test_a_matter_only_for_villages(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        services.matter_create(user=officer, org=township.organ_a, title="机关事项")
    assert "只适用于村（社区）党组织" in errors(exc)["org"][0]


def test_a_matter_walks_through_all_ten_actions(township: Township, secretary_a: Any) -> None:
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    day = DAY
    for step in StepKind:
        numbers = vote() if step != StepKind.VILLAGER_PROPOSAL else {}
        services.matter_step_record(user=secretary_a, matter=matter, step=step, held_on=day, **numbers)
        while (move := services.matter_next_move(matter)).kind == "disclosure":
            services.matter_disclose(
                user=secretary_a, matter=matter, kind=str(move.value), content=f"{move.value}内容", published_on=day
            )
        day += dt.timedelta(days=3)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.COMPLETED and matter.closed_on == day - dt.timedelta(days=3)
    assert matter.disclosures.filter(published=True).count() == 5
    assert services.matter_next_action(matter) == "五议五公开已全部完成"


def test_a_villagers_proposal_keeps_no_numbers(township: Township, secretary_a: Any) -> None:
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    step = services.matter_step_record(user=secretary_a, matter=matter, step=1, held_on=DAY, **vote())
    assert step.expected is None and step.votes_for is None and step.passed


def test_bad_numbers_are_refused_field_by_field(township: Township, secretary_a: Any) -> None:
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    record_steps(matter, secretary_a, 1)
    with pytest.raises(ValidationError) as exc:
        services.matter_step_record(
            user=secretary_a, matter=matter, step=2, held_on=DAY, **vote(expected=5, present=6, votes_for=7)
        )
    assert set(errors(exc)) == {"present", "votes_for"}
    assert MatterStep.objects.filter(matter=matter).count() == 1


def test_a_failed_vote_stops_the_matter_and_refuses_everything_after(township: Township, secretary_a: Any) -> None:
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    record_steps(matter, secretary_a, 3)  # 两委 passed: 提议事项公开 would be due
    services.matter_step_record(
        user=secretary_a, matter=matter, step=4, held_on=DAY + dt.timedelta(days=30), **vote(votes_for=3)
    )
    matter.refresh_from_db()
    assert matter.status == MatterStatus.STOPPED and matter.closed_on == DAY + dt.timedelta(days=30)
    with pytest.raises(ValidationError):
        services.matter_step_record(user=secretary_a, matter=matter, step=5, held_on=DAY + dt.timedelta(days=31))
    # Before the fix, the proposal disclosure (its step had passed) could still be published on a stopped matter.
    with pytest.raises(ValidationError):
        services.matter_disclose(
            user=secretary_a, matter=matter, kind=DisclosureKind.PROPOSAL, content="x", published_on=DAY
        )
    with pytest.raises(ValidationError):
        services.matter_abandon(user=secretary_a, matter=matter, reason="不办了")
    assert not matter.disclosures.exists()


def test_an_abandoned_matter_is_frozen(township: Township, secretary_a: Any) -> None:
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    record_steps(matter, secretary_a, 3)
    with pytest.raises(ValidationError) as exc:
        services.matter_abandon(user=secretary_a, matter=matter, reason=" ")
    assert errors(exc) == {"reason": ["请填写终止原因"]}
    services.matter_abandon(user=secretary_a, matter=matter, reason="资金无法落实", on=DAY + dt.timedelta(days=20))
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ABANDONED and matter.close_reason == "资金无法落实"
    with pytest.raises(ValidationError):
        services.matter_step_record(user=secretary_a, matter=matter, step=4, held_on=DAY + dt.timedelta(days=21))
    with pytest.raises(ValidationError):
        services.matter_disclose(
            user=secretary_a, matter=matter, kind=DisclosureKind.PROPOSAL, content="x", published_on=DAY
        )


def test_a_stale_matter_object_cannot_sneak_a_step_past_a_stop(township: Township, secretary_a: Any) -> None:
    """Two pages open on one matter: the second save reads the matter's state from the database."""
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    stale = type(matter).objects.get(pk=matter.pk)
    record_steps(matter, secretary_a, 1)
    services.matter_abandon(user=secretary_a, matter=matter, reason="重复立项", on=DAY)
    with pytest.raises(ValidationError):
        services.matter_step_record(user=secretary_a, matter=stale, step=2, held_on=DAY, **vote())


def test_a_matter_photo_must_be_an_image(township: Township, secretary_a: Any) -> None:
    matter = services.matter_create(user=secretary_a, org=township.village_a, title="修路")
    record_steps(matter, secretary_a, 3)
    with pytest.raises(ValidationError) as exc:
        services.matter_disclose(
            user=secretary_a,
            matter=matter,
            kind=DisclosureKind.PROPOSAL,
            content="x",
            published_on=DAY + dt.timedelta(days=14),
            photo=pdf_upload("board.jpg"),
        )
    assert "只接受" in errors(exc)["photo"][0]
    disclosure = services.matter_disclose(
        user=secretary_a,
        matter=matter,
        kind=DisclosureKind.PROPOSAL,
        content="x",
        published_on=DAY + dt.timedelta(days=14),
        photo=png_upload(),
    )
    assert disclosure.photo is not None and disclosure.photo.is_image


# ---- 党务/村务 disclosures ------------------------------------------------------------------


def test_a_published_disclosure_can_no_longer_change(township: Township, secretary_a: Any) -> None:
    draft = services.disclosure_save(
        user=secretary_a,
        disclosure=Disclosure(org=township.village_a, kind=DisclosureKind.PARTY_AFFAIRS, title="党费", content="x"),
    )
    draft.content = "改过"
    services.disclosure_save(user=secretary_a, disclosure=draft, version=draft.version)
    services.disclosure_publish(user=secretary_a, disclosure=draft, published_on=DAY)
    stale = Disclosure.objects.get(pk=draft.pk)
    stale.published = False  # a form built before it was published
    with pytest.raises(ValidationError):
        services.disclosure_save(user=secretary_a, disclosure=stale)
    with pytest.raises(ValidationError):
        services.record_delete(user=secretary_a, record=draft)
    with pytest.raises(ValidationError):
        services.disclosure_publish(user=secretary_a, disclosure=draft, published_on=DAY)


def test_village_affairs_are_only_for_villages(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError):
        services.disclosure_save(
            user=officer,
            disclosure=Disclosure(org=township.organ_a, kind=DisclosureKind.VILLAGE_AFFAIRS, title="t", content="c"),
        )


def test_a_matter_disclosure_is_not_an_org_disclosure(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError):
        services.disclosure_save(
            user=officer,
            disclosure=Disclosure(org=township.village_a, kind=DisclosureKind.PROPOSAL, title="t", content="c"),
        )


# ---- registers ----------------------------------------------------------------------------


def test_performance_records_are_for_organ_cadres_of_that_organ(township: Township, officer: Any) -> None:
    cadre = PersonFactory(org=township.organ_a)
    villager = PersonFactory(org=township.village_a)
    services.performance_record_save(
        user=officer, record=PerformanceRecord(person=cadre, org=township.organ_a, recorded_on=DAY, content="招商")
    )
    with pytest.raises(ValidationError):
        services.performance_record_save(
            user=officer,
            record=PerformanceRecord(person=villager, org=township.village_a, recorded_on=DAY, content="x"),
        )


def test_archives_and_assets_are_for_villages(township: Township, officer: Any) -> None:
    with pytest.raises(ValidationError):
        services.archive_record_save(
            user=officer,
            record=ArchiveRecord(org=township.organ_a, category=ArchiveCategory.OTHER, year=2010, title="x"),
        )
    with pytest.raises(ValidationError) as exc:
        services.collective_asset_save(
            user=officer,
            asset=CollectiveAsset(
                org=township.village_a, kind=AssetKind.FUND, description="x", value=-1, recorded_on=DAY
            ),
        )
    assert "value" in errors(exc)


def test_finance_arrangements_are_the_officers_to_write_and_to_delete(
    township: Township, officer: Any, secretary_a: Any
) -> None:
    arrangement = FinanceArrangement(org=township.village_a, township_managed=True, started_on=DAY)
    with pytest.raises(PermissionDenied):
        services.finance_arrangement_save(user=secretary_a, arrangement=arrangement)
    services.finance_arrangement_save(user=officer, arrangement=arrangement)
    # Before the fix a secretary could delete their village's arrangement through record_delete.
    with pytest.raises(PermissionDenied):
        services.record_delete(user=secretary_a, record=arrangement)
    services.record_delete(user=officer, record=arrangement)
    assert not FinanceArrangement.objects.exists()


def test_the_finance_list_shows_the_arrangement_in_force_on_the_day(township: Township, officer: Any) -> None:
    for managed, since in [(False, dt.date(2008, 1, 1)), (True, dt.date(2010, 4, 1))]:
        services.finance_arrangement_save(
            user=officer,
            arrangement=FinanceArrangement(org=township.village_a, township_managed=managed, started_on=since),
        )
    rows = {o.pk: o for o in selectors.finance_villages(user=officer, day=dt.date(2010, 3, 31))}
    assert rows[township.village_a.pk].township_managed is False
    assert rows[township.village_b.pk].arrangement_id is None
    assert township.organ_a.pk not in rows
    later = {o.pk: o for o in selectors.finance_villages(user=officer, day=dt.date(2010, 12, 31))}
    assert later[township.village_a.pk].township_managed is True


def test_asset_totals_are_per_kind_over_the_filtered_rows(township: Township, officer: Any) -> None:
    for kind, value in [(AssetKind.FUND, 1000), (AssetKind.FUND, 250.5), (AssetKind.RESOURCE, 3)]:
        services.collective_asset_save(
            user=officer,
            asset=CollectiveAsset(org=township.village_a, kind=kind, description="x", value=value, recorded_on=DAY),
        )
    totals = {t.kind: (t.count, t.value) for t in selectors.asset_totals(selectors.asset_list_visible(user=officer))}
    assert totals[AssetKind.FUND] == (2, pytest.approx(1250.5))
    assert totals[AssetKind.ASSET] == (0, 0)
    assert totals[AssetKind.RESOURCE] == (1, 3)
