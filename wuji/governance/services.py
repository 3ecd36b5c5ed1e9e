"""Writes of 基本制度: rules with versions, 五议五公开 matters, disclosures, registers, 三资."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core.scoping import require_officer, require_write
from wuji.core.services import attachment_store, save_validated, scoped_delete, scoped_save, service
from wuji.core.uploads import DOCUMENTS, IMAGES
from wuji.governance import rules
from wuji.governance.choices import MATTER_DISCLOSURES, DisclosureKind, MatterStatus, RuleKind
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
        raise ValidationError({"org": _("%(what)s只适用于村（社区）党组织") % {"what": what}})


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
    """Adopt a rule; the org's current rule of the same kind is superseded from `effective_on`.

    Rules of the kind "其他制度" are different rules, not versions of one: a new one supersedes
    only a current one of the same title.
    """
    require_write(user, org)
    if not text.strip() and upload is None:
        raise ValidationError({"text": _("请填写制度内容或上传制度文件")})
    current_rules = RuleDocument.objects.filter(org=org, kind=kind, superseded_on__isnull=True)
    if kind == RuleKind.OTHER:
        current_rules = current_rules.filter(title=title.strip())
    current = current_rules.first()
    if current is not None and effective_on <= current.effective_on:
        raise ValidationError(
            {
                "effective_on": _("新版本的施行日期须晚于现行版本“%(title)s”（%(day)s）")
                % {"title": current.title, "day": f"{current.effective_on:%Y-%m-%d}"}
            }
        )
    document = RuleDocument(org=org, kind=kind, title=title.strip(), effective_on=effective_on, text=text)
    if upload is not None:
        document.attachment = _store(user=user, org=org, upload=upload, allowed=DOCUMENTS, field="upload")
    save_validated(document)
    if current is not None:
        current.superseded_on = effective_on
        current.superseded_by = document
        save_validated(current)
    return document


def _store(*, user: Any, org: Organization, upload: Any, allowed: tuple[str, ...], field: str) -> Any:
    """Keep an uploaded file; a refusal (too large, wrong real type) is shown beside the upload field."""
    try:
        return attachment_store(user=user, org=org, upload=upload, allowed=allowed)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc


def _facts(matter: Matter, *, fresh: bool = False) -> tuple[list[rules.StepFact], list[str]]:
    """The matter's steps and published disclosures.

    Pages pass a matter whose rows a selector prefetched; a write reads them `fresh` from the
    database, never from that cache, so it decides on what is there now.
    """
    step_rows = MatterStep.objects.filter(matter=matter) if fresh else matter.steps.all()
    disclosure_rows = Disclosure.objects.filter(matter=matter) if fresh else matter.disclosures.all()
    steps = sorted((rules.StepFact(s.step, s.held_on, s.passed) for s in step_rows), key=lambda s: s.step)
    published = [d.kind for d in disclosure_rows if d.published]
    return steps, published


def _last_published_on(matter: Matter) -> dt.date | None:
    dates = Disclosure.objects.filter(matter=matter, published=True).values_list("published_on", flat=True)
    return max((d for d in dates if d), default=None)


def _lock(matter: Matter) -> None:
    """Serialize writes on one matter (two secretaries recording the same step) and reread its status."""
    locked = Matter.objects.select_for_update().get(pk=matter.pk)
    for field in ("status", "closed_on", "close_reason", "version"):
        setattr(matter, field, getattr(locked, field))


def matter_next_action(matter: Matter) -> str:
    steps, published = _facts(matter)
    return rules.next_action(matter.status, steps, published)


def matter_next_move(matter: Matter) -> rules.NextMove:
    steps, published = _facts(matter)
    return rules.next_move(matter.status, steps, published)


@service
def matter_create(*, user: Any, org: Organization, title: str, description: str = "") -> Matter:
    _require_village(org, _("“五议五公开”"))
    matter = Matter(org=org, title=title.strip(), description=description)
    return scoped_save(matter, user=user, org=org)  # type: ignore[no-any-return]


def _refresh_status(matter: Matter) -> None:
    steps, published = _facts(matter, fresh=True)
    status = rules.status_after(steps, published, matter.status)
    if status != matter.status:
        matter.status = status
        if status == MatterStatus.STOPPED:
            matter.closed_on = max(s.held_on for s in steps)
        elif status == MatterStatus.COMPLETED:
            matter.closed_on = _last_published_on(matter)
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
    """Record the next deliberation; a vote that fails stops the matter.

    A villager's proposal (step 1) is not a meeting: numbers given for it are not kept.
    """
    require_write(user, matter.org)
    _lock(matter)
    steps, _published = _facts(matter, fresh=True)
    if not rules.needs_vote(step):
        expected = present = votes_for = votes_against = abstentions = None
    vote = rules.Vote(expected, present, votes_for, votes_against, abstentions)
    problems = rules.step_problems(steps, rules.StepFact(step, held_on), _today(today), matter.status)
    if rules.ALL not in problems and "step" not in problems:
        problems = rules.merge(problems, rules.vote_problems(step, vote))
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
def matter_abandon(
    *, user: Any, matter: Matter, reason: str, on: dt.date | None = None, today: dt.date | None = None
) -> Matter:
    """Stop a matter in progress, with the reason; nothing more can be recorded on it."""
    require_write(user, matter.org)
    _lock(matter)
    on = on or _today(today)
    steps, _published = _facts(matter, fresh=True)
    dates = [s.held_on for s in steps]
    last_published_on = _last_published_on(matter)
    if last_published_on is not None:
        dates.append(last_published_on)
    problems = rules.abandon_problems(matter.status, reason, on, _today(today), max(dates, default=None))
    if problems:
        raise ValidationError(problems)
    matter.status = MatterStatus.ABANDONED
    matter.closed_on = on
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
    _lock(matter)
    steps, published = _facts(matter, fresh=True)
    problems = rules.disclosure_problems(
        steps,
        published,
        kind,
        published_on,
        _today(today),
        status=matter.status,
        previous_on=_last_published_on(matter),
    )
    if problems:
        raise ValidationError(problems)
    disclosure = Disclosure(
        org=matter.org,
        matter=matter,
        kind=kind,
        title=title.strip() or f"{matter.title}·{rules.disclosure_label(kind)}"[:100],
        content=content,
        channel=channel,
        published_on=published_on,
        published=True,
    )
    if photo is not None:
        disclosure.photo = _store(user=user, org=matter.org, upload=photo, allowed=IMAGES, field="photo")
    save_validated(disclosure)
    _refresh_status(matter)
    return disclosure


@service
def disclosure_save(*, user: Any, disclosure: Disclosure, version: int | None = None, photo: Any = None) -> Disclosure:
    """A 党务/村务 disclosure of an org, saved as a draft until published."""
    if disclosure.kind in {k.value for k in MATTER_DISCLOSURES} or disclosure.matter_id is not None:
        raise ValidationError({"kind": _("事项的五项公开请在事项页面登记")})
    if disclosure.pk is not None and Disclosure.objects.filter(pk=disclosure.pk, published=True).exists():
        raise ValidationError(_("已公开的内容不能修改；如有错误请发布更正公开"))
    if disclosure.published:
        raise ValidationError(_("已公开的内容不能修改；如有错误请发布更正公开"))
    if disclosure.kind == DisclosureKind.VILLAGE_AFFAIRS:
        _require_village(disclosure.org, _("村务公开"))
    if photo is not None:
        disclosure.photo = _store(user=user, org=disclosure.org, upload=photo, allowed=IMAGES, field="photo")
    return scoped_save(disclosure, user=user, org=disclosure.org, version=version)  # type: ignore[no-any-return]


@service
def disclosure_publish(
    *, user: Any, disclosure: Disclosure, published_on: dt.date, today: dt.date | None = None
) -> Disclosure:
    """Publish a draft 党务/村务 disclosure: from now on it is on the public page and can no longer change."""
    require_write(user, disclosure.org)
    if disclosure.published:
        raise ValidationError(_("该内容已公开"))
    if published_on > _today(today):
        raise ValidationError({"published_on": _("公开日期不能晚于今天")})
    disclosure.published = True
    disclosure.published_on = published_on
    save_validated(disclosure)
    return disclosure


@service
def performance_record_save(*, user: Any, record: PerformanceRecord, version: int | None = None) -> PerformanceRecord:
    if record.org.category != Category.ORGAN:
        raise ValidationError({"org": _("业绩登记适用于机关党员干部")})
    if record.person.org_id != record.org.pk:
        raise ValidationError(
            {"person": _("%(name)s不是“%(org)s”的人员") % {"name": record.person.name, "org": record.org.name}}
        )
    if record.recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("日期不能晚于今天")})
    return scoped_save(record, user=user, org=record.org, version=version)  # type: ignore[no-any-return]


@service
def archive_record_save(*, user: Any, record: ArchiveRecord, version: int | None = None) -> ArchiveRecord:
    _require_village(record.org, _("村级档案"))
    return scoped_save(record, user=user, org=record.org, version=version)  # type: ignore[no-any-return]


@service
def collective_asset_save(*, user: Any, asset: CollectiveAsset, version: int | None = None) -> CollectiveAsset:
    _require_village(asset.org, _("“三资”登记"))
    return scoped_save(asset, user=user, org=asset.org, version=version)  # type: ignore[no-any-return]


@service
def finance_arrangement_save(
    *, user: Any, arrangement: FinanceArrangement, version: int | None = None
) -> FinanceArrangement:
    require_officer(user, arrangement.org)  # the township decides who manages a village's money
    _require_village(arrangement.org, _("村财乡管"))
    return scoped_save(arrangement, user=user, org=arrangement.org, version=version)  # type: ignore[no-any-return]


@service
def record_delete(*, user: Any, record: Any) -> None:
    """Remove a register row entered by mistake (the audit trail keeps it)."""
    if isinstance(record, Disclosure) and (record.published or record.matter_id is not None):
        raise ValidationError(_("已公开的内容不能删除"))
    if isinstance(record, Matter | MatterStep | RuleDocument):
        raise ValidationError(_("事项和制度不能删除：请终止事项，或以新版本替代制度"))
    if isinstance(record, FinanceArrangement):
        require_officer(user, record.org)  # as for its writes: the township's decision
    scoped_delete(record, user=user, org=record.org)
