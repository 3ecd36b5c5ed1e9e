"""Writes about people: the person, stages, positions, pools, trainings.

Every rule of DESIGN §2 for 基本队伍 is checked here (through `rules`), so the
pages, the imports, the API and the demo loader all obey it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wuji.core import crypto, idcard
from wuji.core.scoping import org_in_scope, require_write
from wuji.core.services import check_version, save_validated, service
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization
from wuji.people import rules
from wuji.people.choices import COMMITTEE_TITLES, SINGLE_SEAT_TITLES, Stage, Title
from wuji.people.models import (
    ID_PURPOSE,
    MembershipStage,
    Person,
    PoolEntry,
    Position,
    SourceTag,
    Training,
)

PERSON_FIELDS = ("name", "id_number", "phone", "ethnicity", "education", "org", "note")


def _today() -> dt.date:
    return timezone.localdate()


def _check_org_usable(org: Organization, *, field: str = "org") -> None:
    if org.is_dissolved:
        raise ValidationError({field: _("“%(org)s”已撤销，不能再登记") % {"org": org.name}})


def _check_typed_matches(info: idcard.IdInfo, gender: str | None, birth_date: dt.date | None) -> None:
    errors: dict[str, str] = {}
    if gender and gender != info.gender:
        shown = _("男") if info.gender == "M" else _("女")
        errors["gender"] = _("性别与公民身份号码不符（号码显示为%(gender)s）") % {"gender": shown}
    if birth_date and birth_date != info.birth_date:
        errors["birth_date"] = _("出生日期与公民身份号码不符（号码显示为%(day)s）") % {
            "day": f"{info.birth_date:%Y-%m-%d}"
        }
    if errors:
        raise ValidationError(errors)


def _check_id_free(user: Any, number: str, *, exclude_pk: int | None = None) -> None:
    digest = crypto.blind_index(number, purpose=ID_PURPOSE)
    others = Person.objects.filter(id_hash=digest).select_related("org")
    other = (others.exclude(pk=exclude_pk) if exclude_pk is not None else others).first()
    if other is None:
        return
    if org_in_scope(user, other.org):
        raise ValidationError(
            {"id_number": _("该公民身份号码已登记：%(name)s（%(org)s）") % {"name": other.name, "org": other.org.name}}
        )
    raise ValidationError({"id_number": _("该公民身份号码已在其他组织登记，请联系乡党委组织委员办理组织关系转接")})


def person_find(*, id_number: str) -> Person | None:
    """Exact lookup through the blind index (for imports and de-duplication)."""
    number = idcard.normalize(id_number)
    return Person.objects.filter(id_hash=crypto.blind_index(number, purpose=ID_PURPOSE)).first()


def _parse_id(number: str) -> idcard.IdInfo:
    try:
        return idcard.parse(number)
    except idcard.IdNumberError as exc:
        raise ValidationError({"id_number": str(exc)}) from exc


@service
def person_create(
    *,
    user: Any,
    org: Organization,
    name: str,
    id_number: str,
    phone: str = "",
    ethnicity: str = "汉族",
    education: str = "",
    sources: Iterable[SourceTag] = (),
    note: str = "",
    gender: str | None = None,
    birth_date: dt.date | None = None,
) -> Person:
    """Register a person. `gender`/`birth_date`, if typed, must agree with the ID number."""
    require_write(user, org)
    info = person_check_new(org=org, id_number=id_number, gender=gender, birth_date=birth_date)
    _check_id_free(user, info.number)
    person = person_build(
        org=org, name=name, info=info, phone=phone, ethnicity=ethnicity, education=education, note=note
    )
    save_validated(person)
    person.sources.set(list(sources))
    return person


def person_check_new(
    *, org: Organization, id_number: str, gender: str | None, birth_date: dt.date | None
) -> idcard.IdInfo:
    """The checks of `person_create` that need no query (after `require_write`); the bulk import calls it too."""
    _check_org_usable(org)
    info = _parse_id(id_number)
    _check_typed_matches(info, gender, birth_date)
    return info


def person_build(
    *,
    org: Organization,
    name: str,
    info: idcard.IdInfo,
    phone: str = "",
    ethnicity: str = "汉族",
    education: str = "",
    note: str = "",
) -> Person:
    """The unsaved person `person_create` saves, derived fields set (raises on a bad phone)."""
    person = Person(
        org=org,
        name=name,
        id_number=info.number,
        phone=phone,
        ethnicity=ethnicity or "汉族",
        education=education,
        note=note,
    )
    person.set_derived()
    return person


@service
def person_update(
    *,
    user: Any,
    person: Person,
    version: int | None = None,
    sources: Iterable[SourceTag] | None = None,
    gender: str | None = None,
    birth_date: dt.date | None = None,
    **fields: Any,
) -> Person:
    """Change a person's data; moving them to another org needs write access to both."""
    require_write(user, person.org)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    check_version(person, version)
    new_org = fields.get("org")
    if new_org is not None and new_org.pk != person.org_id:
        require_write(user, new_org)
        _check_org_usable(new_org)
    if "id_number" in fields:
        info = _parse_id(fields["id_number"])
        fields["id_number"] = info.number
        _check_id_free(user, info.number, exclude_pk=person.pk)
    else:
        info = _parse_id(person.id_number)
    _check_typed_matches(info, gender, birth_date)
    for key, value in fields.items():
        setattr(person, key, value)
    person.set_derived()
    if "id_number" in fields:
        _check_stage_history(person, list(person.stages.all()), today=_today())
    save_validated(person)
    if sources is not None:
        person.sources.set(list(sources))
    return person


def _fact(stage: MembershipStage) -> rules.StageFact:
    return rules.StageFact(
        stage=stage.stage,
        started_on=stage.started_on,
        voters_eligible=stage.voters_eligible,
        voters_present=stage.voters_present,
        votes_for=stage.votes_for,
        extension_months=stage.extension_months,
        backfilled=stage.backfilled,
    )


def _check_stage_history(person: Person, stages: list[MembershipStage], *, today: dt.date) -> None:
    problems = rules.history_problems([_fact(s) for s in stages], birth_date=person.birth_date, today=today)
    if problems:
        raise ValidationError(problems)


def full_members_on(org: Organization, day: dt.date) -> int:
    """Full members of `org` on `day` (the default for a meeting's eligible voters)."""
    return (
        MembershipStage.objects.filter(person__org=org, stage=Stage.FULL, started_on__lte=day)
        .values("person")
        .distinct()
        .count()
    )


@service
def stage_record(
    *,
    user: Any,
    person: Person,
    stage: str,
    started_on: dt.date,
    org: Organization | None = None,
    voters_eligible: int | None = None,
    voters_present: int | None = None,
    votes_for: int | None = None,
    backfilled: bool = False,
    note: str = "",
    today: dt.date | None = None,
) -> MembershipStage:
    """Record that `person` reached `stage` on `started_on`.

    The whole resulting history must satisfy the development rules; an entry
    from old records (`backfilled`) needs a reason and skips the meeting
    numbers, which old paper files seldom keep.
    """
    require_write(user, person.org)
    org = org or person.org
    require_write(user, org)
    new = stage_check_new(
        person=person,
        existing=None,
        stage=stage,
        started_on=started_on,
        org=org,
        voters_eligible=voters_eligible,
        voters_present=voters_present,
        votes_for=votes_for,
        backfilled=backfilled,
        note=note,
        today=today or _today(),
    )
    save_validated(new)
    return new


def stage_check_new(
    *,
    person: Person,
    existing: list[MembershipStage] | None,
    stage: str,
    started_on: dt.date,
    org: Organization,
    voters_eligible: int | None = None,
    voters_present: int | None = None,
    votes_for: int | None = None,
    backfilled: bool = False,
    note: str = "",
    today: dt.date,
) -> MembershipStage:
    """The checks of `stage_record` (after `require_write`) and the unsaved stage.

    `existing`: the person's stages (None: read them); the bulk import passes what it holds.
    """
    if backfilled and not note.strip():
        raise ValidationError({"note": _("补录历史发展阶段须说明原因（如“依据档案补录”）")})
    if stage not in {s.value for s in Stage}:
        raise ValidationError({"stage": _("发展阶段无效")})
    if existing is None:
        existing = list(person.stages.all())
    if not existing and stage != Stage.APPLICANT and not backfilled:
        raise ValidationError({"stage": _("首次登记应从入党申请人开始；已入党多年的党员请勾选“补录”并说明依据")})
    new = MembershipStage(
        person=person,
        stage=stage,
        started_on=started_on,
        org=org,
        voters_eligible=voters_eligible,
        voters_present=voters_present,
        votes_for=votes_for,
        backfilled=backfilled,
        note=note.strip(),
    )
    _check_stage_history(person, [*existing, new], today=today)
    return new


@service
def stage_extend_probation(
    *, user: Any, person: Person, months: int, note: str, today: dt.date | None = None
) -> MembershipStage:
    """Extend a probationary member's probation once, by at most twelve months."""
    require_write(user, person.org)
    stages = list(person.stages.all())
    probationary = next((s for s in stages if s.stage == Stage.PROBATIONARY), None)
    if probationary is None or any(s.stage == Stage.FULL for s in stages):
        raise ValidationError(_("只有尚未转正的预备党员可以延长预备期"))
    if probationary.extension_months:
        raise ValidationError(_("预备期只能延长一次"))
    if not 1 <= months <= rules.MAX_EXTENSION_MONTHS:
        raise ValidationError({"months": _("延长预备期应为1至12个月")})
    if not note.strip():
        raise ValidationError({"note": _("请填写支部大会延长预备期的决定和理由")})
    probationary.extension_months = months
    probationary.note = note.strip()
    _check_stage_history(person, stages, today=today or _today())
    save_validated(probationary)
    return probationary


@service
def stage_delete_latest(*, user: Any, person: Person) -> None:
    """Undo the latest stage entered by mistake (the audit trail keeps it)."""
    require_write(user, person.org)
    latest = person.stages.order_by("-started_on", "-id").first()
    if latest is None:
        raise ValidationError(_("没有可撤销的发展阶段"))
    if latest.stage == Stage.FULL:
        party_posts = person.positions.exclude(title__in=COMMITTEE_TITLES).filter(started_on__gte=latest.started_on)
        if party_posts.exists():
            raise ValidationError(_("该党员以正式党员身份担任党组织职务，不能撤销其转正记录；请先更正职务"))
    latest.delete()


def _title_problem(org: Organization, title: str) -> str | None:
    if title in {Title.VILLAGE_CHAIR, Title.VILLAGE_DEPUTY_CHAIR, Title.VILLAGE_MEMBER}:
        if org.category != Category.VILLAGE:
            return _("村委会职务只能登记在村党组织")
    if title in {Title.RESIDENTS_CHAIR, Title.RESIDENTS_DEPUTY_CHAIR, Title.RESIDENTS_MEMBER}:
        if org.category != Category.COMMUNITY:
            return _("居委会职务只能登记在社区（居委会）党组织")
    if title not in {t.value for t in Title}:
        return _("职务无效")
    return None


def _is_full_member_on(person: Person, day: dt.date) -> bool:
    return person.stages.filter(stage=Stage.FULL, started_on__lte=day).exists()


def _check_position(position: Position) -> None:
    problem = _title_problem(position.org, position.title)
    if problem:
        raise ValidationError({"title": problem})
    if position.org.founded_on and position.started_on < position.org.founded_on:
        raise ValidationError({"started_on": _("任职日期早于“%(org)s”的成立日期") % {"org": position.org.name}})
    if position.org.dissolved_on and position.started_on >= position.org.dissolved_on:
        raise ValidationError(
            {"started_on": _("“%(org)s”已于%(day)s撤销") % {"org": position.org.name, "day": position.org.dissolved_on}}
        )
    if position.title not in COMMITTEE_TITLES and not _is_full_member_on(position.person, position.started_on):
        raise ValidationError(
            {"person": _("%(name)s在任职日期时不是正式党员，不能担任党组织职务") % {"name": position.person.name}}
        )
    new = rules.Term(position.started_on, position.ended_on)
    others = Position.objects.filter(org=position.org, title=position.title).exclude(pk=position.pk)
    if position.title in SINGLE_SEAT_TITLES:
        clash = next(
            (
                p
                for p in others.select_related("person")
                if rules.terms_overlap(new, rules.Term(p.started_on, p.ended_on))
            ),
            None,
        )
        if clash is not None:
            until = _("至%(day)s") % {"day": f"{clash.ended_on:%Y-%m-%d}"} if clash.ended_on else _("至今")
            raise ValidationError(
                {
                    "started_on": _(
                        "%(org)s的%(title)s在此期间由%(name)s担任（%(start)s%(until)s），同一时间只能有一人"
                    )
                    % {
                        "org": position.org.name,
                        "title": clash.title_label,
                        "name": clash.person.name,
                        "start": f"{clash.started_on:%Y-%m-%d}",
                        "until": until,
                    }
                }
            )
    same_person = [
        p
        for p in others.filter(person=position.person)
        if rules.terms_overlap(new, rules.Term(p.started_on, p.ended_on))
    ]
    if same_person:
        raise ValidationError({"started_on": _("%(name)s在此期间已担任该职务") % {"name": position.person.name}})


@service
def position_assign(
    *,
    user: Any,
    person: Person,
    org: Organization,
    title: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    selection_method: str = "other",
) -> Position:
    """Put `person` in a post of `org` from `started_on`."""
    require_write(user, org)
    require_write(user, person.org)
    position = Position(
        person=person,
        org=org,
        title=title,
        started_on=started_on,
        ended_on=ended_on,
        selection_method=selection_method,
    )
    position.full_clean()
    _check_position(position)
    save_validated(position)
    return position


@service
def position_end(
    *, user: Any, position: Position, ended_on: dt.date, reason: str = "", version: int | None = None
) -> Position:
    require_write(user, position.org)
    check_version(position, version)
    if position.ended_on is not None:
        raise ValidationError(_("该职务已免职"))
    position.ended_on = ended_on
    position.end_reason = reason.strip()
    position.full_clean()
    save_validated(position)
    return position


@service
def position_update(*, user: Any, position: Position, version: int | None = None, **fields: Any) -> Position:
    """Correct a term (dates, how elected); the same rules as assigning it."""
    require_write(user, position.org)
    check_version(position, version)
    allowed = {"title", "started_on", "ended_on", "selection_method", "end_reason"}
    if set(fields) - allowed:
        raise ValueError(f"not editable here: {sorted(set(fields) - allowed)}")
    for key, value in fields.items():
        setattr(position, key, value)
    position.full_clean()
    _check_position(position)
    save_validated(position)
    return position


def _check_pool(entry: PoolEntry) -> None:
    if entry.org.kind == OrgKind.COMMITTEE and entry.pool:
        raise ValidationError({"org": _("人才库按村（社区）或支部登记，请选择党支部")})
    new = rules.Term(entry.entered_on, entry.exited_on)
    others = PoolEntry.objects.filter(person=entry.person, pool=entry.pool, org=entry.org).exclude(pk=entry.pk)
    if rules.first_overlap(new, [rules.Term(o.entered_on, o.exited_on) for o in others]):
        raise ValidationError(
            {
                "entered_on": _("%(name)s在此期间已在%(pool)s中")
                % {"name": entry.person.name, "pool": entry.get_pool_display()}
            }
        )


@service
def pool_enter(
    *,
    user: Any,
    person: Person,
    org: Organization,
    pool: str,
    entered_on: dt.date,
    exited_on: dt.date | None = None,
    specialty: str = "",
) -> PoolEntry:
    require_write(user, org)
    require_write(user, person.org)
    _check_org_usable(org)
    entry = PoolEntry(
        person=person, org=org, pool=pool, entered_on=entered_on, exited_on=exited_on, specialty=specialty
    )
    entry.full_clean()
    _check_pool(entry)
    save_validated(entry)
    return entry


@service
def pool_exit(
    *, user: Any, entry: PoolEntry, exited_on: dt.date, reason: str = "", version: int | None = None
) -> PoolEntry:
    require_write(user, entry.org)
    check_version(entry, version)
    if entry.exited_on is not None:
        raise ValidationError(_("已出库"))
    entry.exited_on = exited_on
    entry.exit_reason = reason.strip()
    save_validated(entry)
    return entry


@service
def training_record(
    *,
    user: Any,
    person: Person,
    name: str,
    category: str,
    started_on: dt.date,
    kind: str = "training",
    ended_on: dt.date | None = None,
    organizer: str = "",
    place: str = "",
) -> Training:
    require_write(user, person.org)
    if started_on > _today():
        raise ValidationError({"started_on": _("培训开始日期不能晚于今天")})
    if Training.objects.filter(person=person, name=name.strip(), started_on=started_on).exists():
        raise ValidationError({"name": _("%(name)s的该次培训已登记") % {"name": person.name}})
    training = Training(
        person=person,
        name=name.strip(),
        kind=kind,
        category=category,
        started_on=started_on,
        ended_on=ended_on,
        organizer=organizer.strip(),
        place=place.strip(),
    )
    save_validated(training)
    return training


@service
def training_delete(*, user: Any, training: Training) -> None:
    require_write(user, training.person.org)
    training.delete()


def require_person_readable(user: Any, person: Person) -> None:
    if not org_in_scope(user, person.org):
        raise PermissionDenied(_("无权查看该人员"))
