"""Writes of 基本制度: rules with versions, 五议五公开 matters, disclosures, registers, 三资."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from wuji.core.scoping import require_write
from wuji.core.services import attachment_store, save_validated, scoped_delete, scoped_save, service
from wuji.core.uploads import DOCUMENTS, IMAGES
from wuji.governance import rules
from wuji.governance.choices import MATTER_DISCLOSURES, MatterStatus
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    Matter,
    MatterStep,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs.choices import Category
from wuji.orgs.models import Organization

VILLAGE_LEVEL = {Category.VILLAGE, Category.COMMUNITY}


def _today(today: dt.date | None) -> dt.date:
    return today or timezone.localdate()


def _require_village(org: Organization, what: str) -> None:
    if org.category not in VILLAGE_LEVEL:
        raise ValidationError({"org": f"{what}只适用于村（社区）党组织"})


@service
def rule_document_adopt(
    *,
    user: Any,
    org: Organization,
    kind: str,
    title: str,
    effective_on: dt.date,
    text: str = "",
    upload: Any = None,
) -> RuleDocument:
    """Adopt a rule; the org's current rule of the same kind is superseded from `effective_on`."""
    require_write(user, org)
    if not text.strip() and upload is None:
        raise ValidationError({"text": "请填写制度内容或上传制度文件"})
    current = RuleDocument.objects.filter(org=org, kind=kind, superseded_on__isnull=True).first()
    if current is not None and effective_on <= current.effective_on:
        raise ValidationError(
            {"effective_on": f"新版本的施行日期须晚于现行版本“{current.title}”（{current.effective_on:%Y-%m-%d}）"}
        )
    document = RuleDocument(org=org, kind=kind, title=title.strip(), effective_on=effective_on, text=text)
    if upload is not None:
        document.attachment = attachment_store(user=user, org=org, upload=upload, allowed=DOCUMENTS)
    save_validated(document)
    if current is not None:
        current.superseded_on = effective_on
        current.superseded_by = document
        save_validated(current)
    return document


def _facts(matter: Matter) -> tuple[list[rules.StepFact], list[str]]:
    steps = [rules.StepFact(s.step, s.held_on, s.passed) for s in matter.steps.all()]
    published = [d.kind for d in matter.disclosures.all() if d.published]
    return steps, published


def matter_next_action(matter: Matter) -> str:
    steps, published = _facts(matter)
    return rules.next_action(matter.status, steps, published)


@service
def matter_create(*, user: Any, org: Organization, title: str, description: str = "") -> Matter:
    _require_village(org, "“五议五公开”")
    matter = Matter(org=org, title=title.strip(), description=description)
    return scoped_save(matter, user=user, org=org)  # type: ignore[no-any-return]


def _refresh_status(matter: Matter) -> None:
    steps, published = _facts(matter)
    status = rules.status_after(steps, published, matter.status)
    if status != matter.status:
        matter.status = status
        if status == MatterStatus.STOPPED:
            matter.closed_on = max(s.held_on for s in steps)
        elif status == MatterStatus.COMPLETED:
            matter.closed_on = max(d.published_on for d in matter.disclosures.all() if d.published_on)
        save_validated(matter)


@service
def matter_step_record(
    *,
    user: Any,
    matter: Matter,
    step: int,
    held_on: dt.date,
    expected: int | None = None,
    present: int | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> MatterStep:
    """Record the next deliberation; a vote that fails stops the matter."""
    require_write(user, matter.org)
    if matter.status != MatterStatus.IN_PROGRESS:
        raise ValidationError(f"该事项{matter.get_status_display()}，不能再登记议事环节")
    steps, _ = _facts(matter)
    problems = rules.step_problems(steps, rules.StepFact(step, held_on), _today(today))
    vote = rules.Vote(expected, present, votes_for, votes_against, abstentions)
    problems += rules.vote_problems(step, vote)
    if problems:
        raise ValidationError(problems)
    record = MatterStep(
        matter=matter,
        step=step,
        held_on=held_on,
        expected=expected,
        present=present,
        votes_for=votes_for,
        votes_against=votes_against,
        abstentions=abstentions,
        note=note,
        passed=rules.vote_passed(step, vote),
    )
    save_validated(record)
    _refresh_status(matter)
    return record


@service
def matter_abandon(*, user: Any, matter: Matter, reason: str, on: dt.date | None = None) -> Matter:
    require_write(user, matter.org)
    if matter.status != MatterStatus.IN_PROGRESS:
        raise ValidationError(f"该事项{matter.get_status_display()}，不能终止")
    if not reason.strip():
        raise ValidationError({"reason": "请填写终止原因"})
    matter.status = MatterStatus.ABANDONED
    matter.closed_on = on or timezone.localdate()
    matter.close_reason = reason.strip()
    save_validated(matter)
    return matter


@service
def matter_disclose(
    *,
    user: Any,
    matter: Matter,
    kind: str,
    content: str,
    published_on: dt.date,
    channel: str = "board",
    title: str = "",
    photo: Any = None,
    today: dt.date | None = None,
) -> Disclosure:
    """Publish the next of a matter's five disclosures, in order, each after its deliberation."""
    require_write(user, matter.org)
    if matter.status == MatterStatus.ABANDONED:
        raise ValidationError("该事项已终止，不能再公开")
    steps, published = _facts(matter)
    problems = rules.disclosure_problems(steps, published, kind, published_on, _today(today))
    if problems:
        raise ValidationError(problems)
    disclosure = Disclosure(
        org=matter.org,
        matter=matter,
        kind=kind,
        title=title.strip() or f"{matter.title}·{rules.DISCLOSURE_LABEL[kind]}",
        content=content,
        channel=channel,
        published_on=published_on,
        published=True,
    )
    if photo is not None:
        disclosure.photo = attachment_store(user=user, org=matter.org, upload=photo, allowed=IMAGES)
    save_validated(disclosure)
    _refresh_status(matter)
    return disclosure


@service
def disclosure_save(*, user: Any, disclosure: Disclosure, version: int | None = None, photo: Any = None) -> Disclosure:
    """A 党务/村务 disclosure of an org, saved as a draft until published."""
    if disclosure.kind in {k.value for k in MATTER_DISCLOSURES}:
        raise ValidationError({"kind": "事项的五项公开请在事项页面登记"})
    if disclosure.published:
        raise ValidationError("已公开的内容不能修改；如有错误请发布更正公开")
    if photo is not None:
        disclosure.photo = attachment_store(user=user, org=disclosure.org, upload=photo, allowed=IMAGES)
    return scoped_save(disclosure, user=user, org=disclosure.org, version=version)  # type: ignore[no-any-return]


@service
def disclosure_publish(
    *, user: Any, disclosure: Disclosure, published_on: dt.date, today: dt.date | None = None
) -> Disclosure:
    require_write(user, disclosure.org)
    if disclosure.published:
        raise ValidationError("已公开")
    if published_on > _today(today):
        raise ValidationError({"published_on": "公开日期不能晚于今天"})
    disclosure.published = True
    disclosure.published_on = published_on
    save_validated(disclosure)
    return disclosure


@service
def performance_record_save(*, user: Any, record: PerformanceRecord, version: int | None = None) -> PerformanceRecord:
    if record.org.category != Category.ORGAN:
        raise ValidationError({"org": "业绩登记适用于机关党员干部"})
    if record.person.org_id != record.org.pk:
        raise ValidationError({"person": f"{record.person.name}不是“{record.org.name}”的人员"})
    if record.recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": "日期不能晚于今天"})
    return scoped_save(record, user=user, org=record.org, version=version)  # type: ignore[no-any-return]


@service
def archive_record_save(*, user: Any, record: ArchiveRecord, version: int | None = None) -> ArchiveRecord:
    _require_village(record.org, "村级档案")
    return scoped_save(record, user=user, org=record.org, version=version)  # type: ignore[no-any-return]


@service
def collective_asset_save(*, user: Any, asset: CollectiveAsset, version: int | None = None) -> CollectiveAsset:
    _require_village(asset.org, "“三资”登记")
    return scoped_save(asset, user=user, org=asset.org, version=version)  # type: ignore[no-any-return]


@service
def finance_arrangement_save(
    *, user: Any, arrangement: FinanceArrangement, version: int | None = None
) -> FinanceArrangement:
    _require_village(arrangement.org, "村财乡管")
    from wuji.core.scoping import require_officer

    require_officer(user, arrangement.org)  # the township decides who manages a village's money
    return scoped_save(arrangement, user=user, org=arrangement.org, version=version)  # type: ignore[no-any-return]


@service
def record_delete(*, user: Any, record: Any) -> None:
    """Remove a register row entered by mistake (the audit trail keeps it)."""
    if isinstance(record, Disclosure) and record.published:
        raise ValidationError("已公开的内容不能删除")
    if isinstance(record, Matter | MatterStep | RuleDocument):
        raise ValidationError("事项和制度不能删除：请终止事项，或以新版本替代制度")
    scoped_delete(record, user=user, org=record.org)
