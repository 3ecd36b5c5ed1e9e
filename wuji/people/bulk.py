"""Registering many new people at once (the ledger import): the rules of the services, batched writes.

`person_plan` and `stage_plan` apply exactly what `services.person_create` and
`services.stage_record` apply — the same permission checks and the same pure
validation functions (`person_check_new`, `person_build`, `stage_check_new`,
`full_clean`) — to unsaved objects, without a query. `write_new_people` then saves
a batch of them with `bulk_create` inside the caller's transaction and writes the
audit trail the per-row services would have written (one LogEntry per person,
one for its sources, one per stage: same content, same actor), built as column
values and sealed into the audit hash chain in id order by `wuji.audit.bulk`.

What the services check with a query is checked per batch by the caller instead:
that the ID number is free (`Person.id_hash`, looked up for the whole chunk; the
unique index still backs it) and that the foreign keys exist (the org objects
come from the database in the same transaction; the person is the one being
created).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from auditlog.diff import get_field_value, get_fields_in_model, get_mask_function, is_primitive
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.encoding import smart_str

from wuji.audit import bulk as audit_bulk
from wuji.core.scoping import require_write
from wuji.core.services import _actor_context
from wuji.orgs.models import Organization
from wuji.people.models import MembershipStage, Person, SourceTag
from wuji.people.services import person_build, person_check_new, stage_check_new

# Person.full_clean without the queries: `org` is an Organization read in this transaction,
# `id_hash` uniqueness is checked for the whole chunk by the caller (and by the unique index).
_PERSON_CLEAN_EXCLUDE = ["org"]
_STAGE_CLEAN_EXCLUDE = ["person", "org"]


@dataclass
class NewPerson:
    """A validated, unsaved person with the sources and stages to save with them."""

    person: Person
    sources: list[SourceTag] = field(default_factory=list)
    stages: list[MembershipStage] = field(default_factory=list)


def person_plan(
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
) -> NewPerson:
    """`person_create`'s checks on an unsaved person (the caller has made sure the ID number is free)."""
    require_write(user, org)
    info = person_check_new(org=org, id_number=id_number, gender=gender, birth_date=birth_date)
    person = person_build(
        org=org, name=name, info=info, phone=phone, ethnicity=ethnicity, education=education, note=note
    )
    person.full_clean(exclude=_PERSON_CLEAN_EXCLUDE, validate_unique=False, validate_constraints=False)
    return NewPerson(person=person, sources=list(sources))


def stage_plan(
    *,
    user: Any,
    new: NewPerson,
    stage: str,
    started_on: dt.date,
    org: Organization | None = None,
    backfilled: bool = False,
    note: str = "",
    today: dt.date | None = None,
) -> MembershipStage:
    """`stage_record`'s checks for a stage of a planned person; the stage is added to `new.stages`."""
    person = new.person
    require_write(user, person.org)
    org = org or person.org
    require_write(user, org)
    entry = stage_check_new(
        person=person,
        existing=list(new.stages),
        stage=stage,
        started_on=started_on,
        org=org,
        backfilled=backfilled,
        note=note,
        today=today or timezone.localdate(),
    )
    entry.full_clean(exclude=_STAGE_CLEAN_EXCLUDE, validate_unique=False, validate_constraints=False)
    new.stages.append(entry)
    return entry


def _text(value: Any) -> str:
    return value if type(value) is str else smart_str(value)


class _CreateDiff:
    """auditlog's `model_instance_diff(None, instance)` for many instances of one model.

    The same steps in the same order (tracked fields, the registry's include/exclude, masks,
    string or JSON values); what does not depend on the instance — the field list and the
    "before" value of each field — is worked out once instead of once per row.
    """

    def __init__(self, sample: models.Model, use_json: bool) -> None:
        from auditlog.registry import auditlog

        self.use_json = use_json
        self.model_fields = auditlog.get_model_fields(type(sample))
        fields: Any = set(get_fields_in_model(sample))
        spec = self.model_fields
        if spec and (spec["include_fields"] or spec["exclude_fields"]) and fields:
            chosen = [f for f in fields if f.name in spec["include_fields"]] if spec["include_fields"] else fields
            if spec["exclude_fields"]:
                chosen = [f for f in chosen if f.name not in spec["exclude_fields"]]
            fields = chosen
        self.fields = list(fields)
        self.before = [get_field_value(None, f, use_json) for f in self.fields]
        # A reverse relation (stages, positions …) of a row just inserted reads the same for every
        # row (an empty manager's name, or the default for a missing one-to-one): read it once.
        self.after = {
            i: get_field_value(sample, f, use_json)
            for i, f in enumerate(self.fields)
            if not getattr(f, "concrete", True)
        }
        self.readers = [self._reader(f) for f in self.fields]
        self.masked = [bool(spec) and f.name in spec["mask_fields"] for f in self.fields]

    def _reader(self, field: Any) -> Any:
        """`get_field_value` for one field, with its type tests done once: a plain field or a foreign key
        is read directly; date-times, JSON and anything unusual go through auditlog's function."""
        if not getattr(field, "concrete", True) or isinstance(field, models.DateTimeField | models.JSONField):
            return None
        if field.one_to_one or field.many_to_one:
            if getattr(settings, "AUDITLOG_USE_FK_STRING_REPRESENTATION", False) or not hasattr(field, "rel_class"):
                return None
            attname = field.get_attname()
            return lambda obj: smart_str(getattr(obj, attname), strings_only=True)
        if self.use_json:
            return None
        name = field.name

        def read(obj: models.Model) -> Any:
            value = getattr(obj, name)
            if type(value) is str:
                return value
            value = smart_str(value)
            return str(value) if type(value).__name__ == "__proxy__" else value

        return read

    def __call__(self, instance: models.Model) -> dict[str, Any] | None:
        diff: dict[str, Any] = {}
        spec = self.model_fields
        after = self.after
        for i, (tracked, old_value, read, masked) in enumerate(
            zip(self.fields, self.before, self.readers, self.masked, strict=True)
        ):
            if i in after:
                new_value = after[i]
            elif read is not None:
                new_value = read(instance)
            else:
                new_value = get_field_value(instance, tracked, self.use_json)
            if old_value == new_value:
                continue
            if masked:
                mask = get_mask_function(spec.get("mask_callable"))
                diff[tracked.name] = (mask(smart_str(old_value)), mask(smart_str(new_value)))
            elif not self.use_json:
                diff[tracked.name] = (_text(old_value), _text(new_value))
            else:
                old = old_value if is_primitive(old_value) else smart_str(old_value)
                new = new_value if is_primitive(new_value) else smart_str(new_value)
                diff[tracked.name] = (old, new)
        return diff or None


def audit_rows(planned: list[NewPerson]) -> list[dict[str, Any]]:
    """The audit rows the services write for these (saved) people, in the same order, as column values."""
    use_json = bool(getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False))
    rows: list[dict[str, Any]] = []
    diffs: dict[type, _CreateDiff] = {}
    content_types: dict[type, int] = {}

    def content_type(instance: models.Model) -> int:
        model = type(instance)
        if model not in content_types:
            if LogEntry.objects._get_serialized_data_or_none(instance) is not None:
                raise ValueError(f"{model.__name__} keeps serialized data in its audit rows: not supported in bulk")
            content_types[model] = ContentType.objects.get_for_model(instance).pk
        return content_types[model]

    def created(instance: models.Model) -> None:
        model = type(instance)
        if model not in diffs:
            diffs[model] = _CreateDiff(instance, use_json)
        changes = diffs[model](instance)
        if changes:  # as auditlog's receiver: no entry without a change
            ct = content_type(instance)
            rows.append(audit_bulk.new_row(instance, LogEntry.Action.CREATE, changes, content_type_id=ct))

    for new in planned:
        created(new.person)
        if new.sources:
            tags = sorted({t.pk: t for t in new.sources}.values(), key=lambda t: (t.order, t.pk))
            m2m = {"sources": {"type": "m2m", "operation": "add", "objects": [smart_str(t) for t in tags]}}
            ct = content_type(new.person)
            rows.append(audit_bulk.new_row(new.person, LogEntry.Action.UPDATE, m2m, content_type_id=ct))
        for stage in new.stages:
            created(stage)
    return rows


def write_new_people(*, user: Any, planned: list[NewPerson], batch_size: int = 1000) -> None:
    """Save planned people, their sources and stages, and their sealed audit rows (caller's transaction)."""
    if not planned:
        return
    with _actor_context(user):
        people = [n.person for n in planned]
        Person.objects.bulk_create(people, batch_size=batch_size)
        through = Person.sources.through
        links = [
            through(person_id=n.person.pk, sourcetag_id=pk) for n in planned for pk in {t.pk: t for t in n.sources}
        ]
        if links:
            through.objects.bulk_create(links, batch_size=batch_size)
        stages = [s for n in planned for s in n.stages]
        if stages:
            MembershipStage.objects.bulk_create(stages, batch_size=batch_size)
        audit_bulk.write(audit_rows(planned))
