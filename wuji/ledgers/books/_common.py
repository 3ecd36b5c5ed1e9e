"""Helpers the person-based ledgers share: finding people by 公民身份号码 in bulk."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from wuji.core import crypto
from wuji.core.scoping import org_in_scope
from wuji.ledgers.registry import Column, ImportContext, Row, RowError
from wuji.people.models import ID_PURPOSE, Person

NAME = Column("姓名", "name", required=True, max_length=50, width=10)
ID_NUMBER = Column(
    "公民身份号码",
    "id_number",
    required=True,
    kind="id",
    aliases=("身份证号", "身份证号码", "公民身份证号码", "身份证"),
    help="18位；末位X大小写均可；请把该列设为文本格式",
    width=22,
)
ORG = Column("所在党组织", "org", required=True, kind="org", help="填写组织代码或组织全称", width=24)


def id_hash(number: str) -> str:
    return crypto.blind_index(number, purpose=ID_PURPOSE)


def load_people(ctx: ImportContext, rows: Iterable[Row], *, related: tuple[str, ...] = ()) -> None:
    """Put the people of a chunk, by blind index, into ctx.cache["people"] (one query).

    The cache holds one chunk at a time, so memory stays flat however long the file is.
    """
    cache: dict[str, Person] = {}
    ctx.cache["people"] = cache
    wanted = {id_hash(r["id_number"]) for r in rows}
    if not wanted:
        return
    queryset = Person.objects.filter(id_hash__in=wanted).select_related("org")
    if related:
        queryset = queryset.prefetch_related(*related)
    for person in queryset:
        cache[person.id_hash] = person


def existing_person(ctx: ImportContext, row: Row) -> Person | None:
    person: Person | None = ctx.cache.get("people", {}).get(id_hash(row["id_number"]))
    return person


def person_of_row(ctx: ImportContext, row: Row) -> Person:
    """The registered person a position/pool/training row is about (same name, in scope)."""
    person = existing_person(ctx, row)
    if person is None or not org_in_scope(ctx.user, person.org):
        raise RowError("未找到该公民身份号码登记的人员，请先在人员台账中登记", "id_number")
    if person.name != row["name"]:
        raise RowError(f"姓名与该公民身份号码登记的姓名（{person.name}）不一致", "name")
    return person


def same(current: Any, new: Any) -> bool:
    return (current or None) == (new or None)
