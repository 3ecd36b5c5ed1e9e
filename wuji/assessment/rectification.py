"""整改: every unmet indicator of a published assessment becomes an item that is closed only when someone checks it.

Reads (selectors, always scoped) and writes (services: permission, one
transaction, audited) of `Rectification`. The life of an item:

    open 整改中 --submit (owner: note + evidence)--> submitted 待验收
    submitted --verify (officer/inspector, not the owner; note or evidence)--> closed 已销号
    submitted --return (the same verifiers; a note)--> open / reopened
    closed --a later published assessment of the campaign still finds the gap--> reopened 重新整改

The history (who submitted, closed, reopened, when) is the audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.assessment.models import Assessment, OrgResult, Rectification, rectification_overdue
from wuji.core.models import Attachment
from wuji.core.scoping import can_write, org_in_scope, scope, scope_root
from wuji.core.services import attachment_store, check_version, save_validated, service
from wuji.core.uploads import DOCUMENTS, check_upload
from wuji.orgs.models import Organization

Status = Rectification.Status
UNCLOSED = (Status.OPEN, Status.SUBMITTED, Status.REOPENED)
# Default time allowed after publishing, by the indicator's effort hint: easy gaps first (先易后难).
DUE_DAYS = {"easy": 30, "medium": 60, "hard": 90}
VERIFIER_ROLES = frozenset({"officer", "inspector"})


def _role(user: Any) -> str | None:
    return getattr(user, "role", None) if getattr(user, "is_authenticated", False) else None


def _published_day(assessment: Assessment) -> dt.date:
    return timezone.localdate(assessment.published_at) if assessment.published_at else assessment.as_of


def is_overdue(item: Rectification, today: dt.date) -> bool:
    """Due date passed and not closed."""
    return rectification_overdue(status=item.status, due_on=item.due_on, today=today)


# --- who may do what (the services and the pages ask the same questions) ----------------------------------------


def can_draft(user: Any, assessment: Assessment) -> bool:
    return _role(user) == "officer" and org_in_scope(user, assessment.campaign.scope)


def acts_as_owner(user: Any, item: Rectification) -> bool:
    """The officer over the org, or the item's owner (the branch's secretary when the owner has no account)."""
    role = _role(user)
    if role not in {"officer", "secretary"} or not org_in_scope(user, item.org):
        return False
    if role == "officer" or item.owner_id is None:
        return True
    return bool(item.owner_id == user.pk)


def can_edit(user: Any, item: Rectification) -> bool:
    return item.status != Status.CLOSED and acts_as_owner(user, item)


def reports_for(user: Any, item: Rectification) -> bool:
    """Who reports the work done: the owner; when the owner has no account, the branch's secretary or the officer."""
    if item.owner_id is not None:
        return bool(item.owner_id == user.pk) and org_in_scope(user, item.org)
    return acts_as_owner(user, item)


def can_submit(user: Any, item: Rectification) -> bool:
    return item.status in (Status.OPEN, Status.REOPENED) and reports_for(user, item)


def is_own(user: Any, item: Rectification) -> bool:
    """The owner and whoever submitted the work may not also accept it."""
    return user.pk is not None and user.pk in (item.owner_id, item.submitted_by_id)


def can_verify(user: Any, item: Rectification) -> bool:
    """销号 and 退回: an officer or inspector over the org, other than the owner or the submitter."""
    return (
        item.status == Status.SUBMITTED
        and _role(user) in VERIFIER_ROLES
        and org_in_scope(user, item.org)
        and not is_own(user, item)
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


# --- reads ----------------------------------------------------------------------------------------------------------


def rectification_list_visible(*, user: Any) -> QuerySet[Rectification]:
    """Items of the orgs the user sees, with what a list row shows."""
    return scope(
        Rectification.objects.select_related("org", "owner", "assessment__campaign"),
        user,
    ).order_by("due_on", "org__path", "indicator", "pk")


def rectification_get_visible(*, user: Any, pk: int) -> Rectification:
    queryset = scope(
        Rectification.objects.select_related(
            "org",
            "owner",
            "assessment__campaign",
            "submitted_by",
            "submission_evidence",
            "closed_by",
            "close_evidence",
            "reopened_by__campaign",
        ),
        user,
    )
    return get_object_or_404(queryset, pk=pk)


@dataclass(frozen=True)
class Counts:
    total: int
    unclosed: int
    closed: int
    submitted: int
    overdue: int


def rectification_counts(queryset: QuerySet[Rectification], *, today: dt.date) -> Counts:
    """Open vs closed (and overdue) of a list, in one query."""
    closed = Q(status=Status.CLOSED)
    row = queryset.order_by().aggregate(
        total=Count("pk"),
        closed=Count("pk", filter=closed),
        submitted=Count("pk", filter=Q(status=Status.SUBMITTED)),
        overdue=Count("pk", filter=~closed & Q(due_on__lt=today)),
    )
    return Counts(row["total"], row["total"] - row["closed"], row["closed"], row["submitted"], row["overdue"])


def assessments_with_items(*, user: Any) -> QuerySet[Assessment]:
    """Published assessments that have items the user sees (the list's filter choices)."""
    visible = rectification_list_visible(user=user).values("assessment_id")
    return Assessment.objects.filter(pk__in=visible).select_related("campaign").order_by("-as_of", "-pk")


def assessments_to_draft(*, user: Any) -> QuerySet[Assessment]:
    """Published assessments an officer may draft items from (with how many items each has)."""
    if _role(user) != "officer":
        return Assessment.objects.none()
    root = scope_root(user)
    assert root is not None
    return (
        Assessment.objects.filter(status=Assessment.Status.PUBLISHED)
        .filter(Q(campaign__scope__path__startswith=root.path))
        .select_related("campaign")
        .annotate(items=Count("rectifications"))
        .order_by("-as_of", "-pk")
    )


def assessment_get_published(*, pk: int) -> Assessment:
    """A published assessment (what it contains is scoped by the caller)."""
    return get_object_or_404(
        Assessment.objects.select_related("campaign__scope"), pk=pk, status=Assessment.Status.PUBLISHED
    )


def assessment_for_officer(*, user: Any, pk: int) -> Assessment:
    """A published assessment of the officer's scope: 404 outside it, 403 for other roles."""
    assessment = assessment_get_published(pk=pk)
    if _role(user) == "officer" and not org_in_scope(user, assessment.campaign.scope):
        raise Http404
    _require(can_draft(user, assessment), _("只有组织委员可以起草或复查整改事项"))
    return assessment


def _earlier_q(assessment: Assessment, prefix: str = "assessment__") -> Q:
    """Published assessments of the same campaign that came before `assessment`."""
    published_at = assessment.published_at
    return Q(**{f"{prefix}campaign_id": assessment.campaign_id, f"{prefix}status": Assessment.Status.PUBLISHED}) & (
        Q(**{f"{prefix}as_of__lt": assessment.as_of})
        | Q(**{f"{prefix}as_of": assessment.as_of, f"{prefix}published_at__lt": published_at})
    )


@dataclass
class Plan:
    """An org's 整改方案 after one assessment."""

    org: Organization
    assessment: Assessment
    result: OrgResult | None
    items: list[Rectification]


def rectification_plan(*, user: Any, org_pk: int, assessment_pk: int) -> Plan:
    """The items that answer `assessment` for `org`: its own, those it reopened, and earlier ones still open."""
    org = get_object_or_404(scope(Organization.objects.all(), user, via=""), pk=org_pk)
    assessment = assessment_get_published(pk=assessment_pk)
    result = OrgResult.objects.filter(assessment=assessment, org=org).first()
    # Visible only if the assessment covered this org (a secretary's branch lies under the campaign scope).
    if not org.path.startswith(assessment.campaign.scope.path):
        raise Http404
    items = (
        rectification_list_visible(user=user)
        .filter(org=org)
        .filter(
            Q(assessment=assessment) | Q(reopened_by=assessment) | (_earlier_q(assessment) & Q(status__in=UNCLOSED))
        )
        .order_by("due_on", "indicator", "pk")
    )
    return Plan(org=org, assessment=assessment, result=result, items=list(items))


@dataclass(frozen=True)
class HistoryRow:
    """One step of an item's history, said as what happened (起草, 提交验收, 验收销号 …)."""

    when: dt.datetime
    actor: str
    event: str
    changes: list[Any]


def _event(action: int, changes: dict[str, Any]) -> str:
    if action == 0:
        return _("起草整改事项")
    status = changes.get("status")
    if isinstance(status, list | tuple) and len(status) == 2:
        old, new = status
        if new == Status.SUBMITTED:
            return _("提交验收")
        if new == Status.CLOSED:
            return _("验收销号")
        if new == Status.REOPENED and old == Status.CLOSED:
            return _("复查仍未达标，重新整改")
        return _("退回重新整改")
    return _("修改")


def rectification_history(item: Rectification) -> list[HistoryRow]:
    """The item's audit entries, newest first, as a person reads them (one query, plus one per related model)."""
    from auditlog.models import LogEntry

    from wuji.audit.presenters import entry_rows

    entries = list(
        LogEntry.objects.get_for_object(item).select_related("actor", "content_type").order_by("-timestamp", "-pk")
    )
    hidden = {str(Rectification._meta.get_field("status").verbose_name)}  # said by the event instead
    rows = []
    for row in entry_rows(entries):
        entry = row.entry
        actor = entry.actor
        rows.append(
            HistoryRow(
                when=entry.timestamp,
                actor=(actor.first_name or actor.username) if actor is not None else _("系统"),
                event=_event(entry.action, entry.changes_dict or {}),
                changes=[] if entry.action == 0 else [c for c in row.changes if c.label not in hidden],
            )
        )
    return rows


# --- writes ---------------------------------------------------------------------------------------------------------


def _unmet(result: OrgResult) -> list[dict[str, Any]]:
    """The gaps of a stored result; an inspector's item nobody scored is not a finding, so not a gap."""
    return [
        i
        for i in result.indicators
        if not i.get("met") and not (i.get("kind") in {"manual", "checklist"} and i.get("value") is None)
    ]


def _problem_text(indicator: dict[str, Any]) -> str:
    reason = str(indicator.get("reason") or "").strip()
    if reason:
        return reason
    return _("%(name)s未达到要求（目标：%(target)s）") % {
        "name": indicator.get("name", indicator["code"]),
        "target": indicator.get("target") or "—",
    }


def _owners(orgs: list[int], today: dt.date) -> tuple[dict[int, Any], dict[int, str]]:
    """Per org: its secretary account when exactly one exists, else the name of its secretary in post."""
    from wuji.people.choices import Title
    from wuji.people.models import Position

    accounts: dict[int, list[Any]] = defaultdict(list)
    for account in get_user_model().objects.filter(role="secretary", is_active=True, org_id__in=orgs):
        if account.org_id is not None:
            accounts[account.org_id].append(account)
    names: dict[int, str] = {}
    posts = (
        Position.objects.filter(org_id__in=orgs, title=Title.SECRETARY, started_on__lte=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("person")
        .order_by("org_id", "-started_on")
    )
    for post in posts:
        names.setdefault(post.org_id, post.person.name)
    return {org: found[0] for org, found in accounts.items() if len(found) == 1}, names


def _tracked_pairs(assessment: Assessment) -> dict[tuple[int, str], Rectification]:
    """The newest earlier item of each (org, indicator) in the campaign."""
    newest: dict[tuple[int, str], Rectification] = {}
    earlier = (
        Rectification.objects.filter(_earlier_q(assessment))
        .select_related("assessment")
        .order_by("-assessment__as_of", "-assessment__published_at", "-pk")
    )
    for item in earlier:
        newest.setdefault((item.org_id, item.indicator), item)
    return newest


def _require_published(assessment: Assessment, message: str) -> None:
    if assessment.status != Assessment.Status.PUBLISHED:
        raise ValidationError(message)


@service
def rectifications_draft(*, user: Any, assessment: Assessment, today: dt.date | None = None) -> list[Rectification]:
    """One item per unmet indicator of each org in a published assessment (running it again adds nothing).

    A gap already tracked by an earlier item of the same campaign that is still open is not drafted twice;
    a closed earlier item whose gap is found again is reopened (as `rectifications_recheck`).
    """
    _require(can_draft(user, assessment), _("只有组织委员可以起草整改事项"))
    _require_published(assessment, _("只能根据已发布的考评起草整改事项；请先发布考评"))
    day = today or timezone.localdate()
    results = list(OrgResult.objects.filter(assessment=assessment).select_related("org").order_by("rank", "org__code"))
    results = [r for r in results if org_in_scope(user, r.org)]
    return draft_items(assessment, results, start=_published_day(assessment), today=day)


def draft_items(
    assessment: Assessment, results: list[OrgResult], *, start: dt.date, today: dt.date
) -> list[Rectification]:
    """Save one item per unmet indicator of these results, due `start` + the indicator's effort (30/60/90 days).

    The caller has checked the permission and which orgs (`rectifications_draft`: every org of the user's scope;
    the campaign's `rectifications_open`: those below the pass line). A gap already drafted for this assessment,
    or still open from an earlier assessment of the campaign, is not drafted again; a closed earlier item whose
    gap this assessment finds again is reopened instead (`rectifications_recheck`). The owner is the org's
    secretary account when exactly one exists, else the name of its secretary in post.
    """
    _recheck(assessment, today)
    existing = set(Rectification.objects.filter(assessment=assessment).values_list("org_id", "indicator"))
    tracked = {pair for pair, item in _tracked_pairs(assessment).items() if item.status != Status.CLOSED}
    accounts, names = _owners([r.org_id for r in results], today)
    created = []
    for result in results:
        for indicator in _unmet(result):
            pair = (result.org_id, indicator["code"])
            if pair in existing or pair in tracked:
                continue
            owner = accounts.get(result.org_id)
            item = Rectification(
                assessment=assessment,
                org=result.org,
                indicator=indicator["code"],
                indicator_name=str(indicator.get("name") or indicator["code"])[:200],
                dimension=str(indicator.get("dimension") or "")[:100],
                problem=_problem_text(indicator),
                owner=owner,
                owner_name="" if owner is not None else names.get(result.org_id, "")[:50],
                due_on=start + dt.timedelta(days=DUE_DAYS.get(str(indicator.get("effort")), 60)),
            )
            save_validated(item)
            created.append(item)
    return created


@service
def rectification_update(
    *,
    user: Any,
    item: Rectification,
    measures: str,
    due_on: dt.date,
    version: int | None = None,
    problem: str | None = None,
    owner: Any = None,
    owner_name: str | None = None,
) -> Rectification:
    """The owner or the officer sets measures and the due date; only the officer changes the problem or the owner."""
    _require(acts_as_owner(user, item), _("只有整改责任人或组织委员可以修改整改事项"))
    if item.status == Status.CLOSED:
        raise ValidationError(_("该整改事项已销号，不能再修改"))
    check_version(item, version)
    officer_fields = problem is not None or owner is not None or owner_name is not None
    if officer_fields:
        _require(_role(user) == "officer", _("只有组织委员可以修改问题描述和责任人"))
        if problem is not None:
            if not problem.strip():
                raise ValidationError({"problem": _("请填写存在的问题")})
            item.problem = problem.strip()
        if owner is not None and not (_role(owner) in {"secretary", "officer"} and org_in_scope(owner, item.org)):
            raise ValidationError({"owner": _("责任人应是该支部的书记账号或组织委员")})
        item.owner = owner
        item.owner_name = "" if owner is not None else (owner_name or "").strip()
    item.measures = measures.strip()
    item.due_on = due_on
    save_validated(item)
    return item


def _evidence(*, user: Any, org: Organization, upload: Any) -> Attachment | None:
    """Keep an uploaded image, PDF or Word file for `org` (an inspector, who writes no records, may attach one)."""
    if not upload:
        return None
    if can_write(user, org):
        return attachment_store(user=user, org=org, upload=upload, allowed=DOCUMENTS)  # type: ignore[no-any-return]
    # The caller checked the verifier's right; this is attachment_store without its writer check.
    checked = check_upload(upload, allowed=DOCUMENTS)
    attachment = Attachment(
        org=org,
        original_name=str(getattr(upload, "name", "") or "file")[-200:],
        kind=checked.kind.code,
        extension=checked.kind.extension,
        size=checked.size,
        sha256=checked.sha256,
    )
    attachment.file.save(f"upload.{checked.kind.extension}", upload, save=False)
    attachment.save()
    return attachment


@service
def rectification_submit(
    *, user: Any, item: Rectification, note: str, evidence: Any, today: dt.date | None = None
) -> Rectification:
    """The owner reports the work done, with a note and evidence; the item waits for verification."""
    _require(reports_for(user, item), _("只有整改责任人可以提交验收"))
    if item.status not in (Status.OPEN, Status.REOPENED):
        raise ValidationError(_("该整改事项当前为“%(status)s”，不能提交验收") % {"status": item.get_status_display()})
    errors = {}
    if not note.strip():
        errors["note"] = _("请说明整改情况")
    if not evidence:
        errors["evidence"] = _("请上传整改佐证材料（图片、PDF 或 Word 文件）")
    if errors:
        raise ValidationError(errors)
    item.submission_evidence = _evidence(user=user, org=item.org, upload=evidence)
    item.submission_note = note.strip()
    item.submitted_on = today or timezone.localdate()
    item.submitted_by = user
    item.status = Status.SUBMITTED
    save_validated(item)
    return item


def _require_verifier(user: Any, item: Rectification) -> None:
    _require(
        _role(user) in VERIFIER_ROLES and org_in_scope(user, item.org),
        _("只有组织委员或考评员可以验收整改事项"),
    )
    _require(not is_own(user, item), _("整改责任人（或提交人）不能为自己的整改事项验收销号"))
    if item.status != Status.SUBMITTED:
        message = _("只有“待验收”的整改事项才能验收，当前为“%(status)s”")
        raise ValidationError(message % {"status": item.get_status_display()})


@service
def rectification_verify(
    *, user: Any, item: Rectification, note: str, evidence: Any = None, today: dt.date | None = None
) -> Rectification:
    """销号: someone other than the owner checks the work, with a note or evidence."""
    _require_verifier(user, item)
    if not note.strip() and not evidence:
        raise ValidationError({"note": _("请填写验收意见或上传验收佐证材料")})
    item.close_evidence = _evidence(user=user, org=item.org, upload=evidence)
    item.close_note = note.strip()
    item.closed_on = today or timezone.localdate()
    item.closed_by = user
    item.status = Status.CLOSED
    save_validated(item)
    return item


@service
def rectification_return(*, user: Any, item: Rectification, note: str) -> Rectification:
    """The verifier finds the work not done: back to the owner with the reason."""
    _require_verifier(user, item)
    if not note.strip():
        raise ValidationError({"note": _("请说明退回的原因")})
    item.returned_note = note.strip()
    item.status = Status.REOPENED if item.reopened_on else Status.OPEN
    save_validated(item)
    return item


@service
def rectification_reopen(
    *, item: Rectification, later: Assessment, reason: str = "", today: dt.date | None = None, user: Any = None
) -> Rectification:
    """A later assessment still finds the gap: the closed item is worked on again, with a new due date."""
    if item.status != Status.CLOSED:
        raise ValidationError(_("只有已销号的整改事项才会重新整改"))
    day = today or timezone.localdate()
    note = _("%(assessment)s复查仍未达标") % {"assessment": later}
    item.reopen_note = f"{note}：{reason}" if reason else note
    item.reopened_on = day
    item.reopened_by = later
    item.returned_note = ""
    item.due_on = max(item.due_on, _published_day(later) + dt.timedelta(days=DUE_DAYS["easy"]))
    item.status = Status.REOPENED
    save_validated(item)
    return item


def _recheck(assessment: Assessment, day: dt.date) -> list[Rectification]:
    unmet = {
        (result.org_id, indicator["code"]): indicator
        for result in OrgResult.objects.filter(assessment=assessment)
        for indicator in _unmet(result)
    }
    own = set(Rectification.objects.filter(assessment=assessment).values_list("org_id", "indicator"))
    published = _published_day(assessment)
    reopened = []
    for pair, item in _tracked_pairs(assessment).items():
        # Only an item closed before this assessment was published can be contradicted by it.
        if pair in own or pair not in unmet or item.status != Status.CLOSED or item.closed_on is None:
            continue
        if item.closed_on > published:
            continue
        rectification_reopen(item=item, later=assessment, reason=_problem_text(unmet[pair]), today=day)
        reopened.append(item)
    return reopened


@service
def rectifications_recheck(
    assessment: Assessment, *, user: Any = None, today: dt.date | None = None
) -> list[Rectification]:
    """After publishing: reopen each closed item of an earlier assessment of the campaign whose gap is still found.

    Called by publishing (no user: the system acts) and by the officer's button.
    """
    if user is not None:
        _require(can_draft(user, assessment), _("只有组织委员可以复查整改事项"))
    _require_published(assessment, _("只有已发布的考评才能用于复查整改事项"))
    return _recheck(assessment, today or timezone.localdate())
