"""`gen_data` builds a synthetic county fit for benchmarks: a sound tree, valid people, an assessable year.

The data bypasses the services, so these tests check what the services would
have guaranteed: tree paths, ID numbers and their blind indexes, encryption at
rest, pinyin keys, stage histories that obey the development rules — and that
the engine assesses every branch.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wuji.assessment import engine
from wuji.core import crypto, idcard, pinyin
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization, Unit
from wuji.people.models import ID_PURPOSE, MembershipStage, Person, Position
from wuji.people.rules import StageFact, history_problems
from wuji.standards import loader
from wuji.synthetic import generate

pytestmark = pytest.mark.django_db

STANDARD = Path(__file__).resolve().parents[2] / "standards" / "five-basics.yaml"
YEAR = 2010


def gen(*args: str) -> str:
    out = StringIO()
    call_command("gen_data", *args, stdout=out)
    return out.getvalue()


def test_thirty_orgs_make_a_sound_county_that_the_engine_assesses() -> None:
    # given a synthetic county of 30 branches
    output = gen("--orgs", "30", "--county", "SYNT", "--seed", "7")
    county = Organization.objects.get(code="SYNT")

    # then the command said what it did and that the data is for benchmarks only
    assert "绕过业务服务" in output and "仅供性能测试" in output
    assert "30 个党支部" in output
    assert county.note == generate.marker(orgs=30, seed=7, year=YEAR)

    # and the tree: a county, two townships (23 + 7 branches), a valid materialized path
    tree = Organization.objects.filter(path__startswith=county.path)
    branches = tree.filter(kind=OrgKind.BRANCH)
    assert branches.count() == 30
    assert tree.filter(kind=OrgKind.COMMITTEE).count() == 3
    assert Organization.objects.find_problems() == ([], [], [], [], [])  # type: ignore[attr-defined]
    first = Organization.objects.get_children(county).first()  # type: ignore[attr-defined]
    assert Counter(Organization.objects.get_children(first).values_list("category", flat=True)) == {  # type: ignore[attr-defined]
        Category.VILLAGE: 9,
        Category.ORGAN: 6,
        Category.EDUCATION: 4,
        Category.SOE: 2,
        Category.HEALTH: 1,
        Category.COMMUNITY: 1,
    }
    assert Unit.objects.filter(covered_by__in=branches).count() == 30

    # and about 40 people a branch, each with a valid ID number that decrypts, and derived fields that agree
    people = list(Person.objects.filter(org__path__startswith=county.path))
    assert 30 * 30 <= len(people) <= 30 * 50
    for person in people:
        info = idcard.parse(person.id_number)
        assert (info.birth_date, info.gender) == (person.birth_date, person.gender)
        assert person.id_hash == crypto.blind_index(info.number, purpose=ID_PURPOSE)
        assert (person.name_pinyin, person.name_initials) == pinyin.name_keys(person.name)
    assert len({p.id_hash for p in people}) == len(people)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, id_number FROM {Person._meta.db_table}")  # noqa: S608
        stored = dict(cursor.fetchall())
    by_pk = {p.pk: p for p in people}
    for pk, token in stored.items():
        assert by_pk[pk].id_number not in token  # encrypted at rest
        assert crypto.decrypt(token) == by_pk[pk].id_number

    # and every stage history obeys the development rules (age, order, one year as activist, meetings)
    histories: dict[int, list[StageFact]] = defaultdict(list)
    for s in MembershipStage.objects.filter(person__in=people):
        histories[s.person_id].append(
            StageFact(s.stage, s.started_on, s.voters_eligible, s.voters_present, s.votes_for, 0, s.backfilled)
        )
    for person_id, history in histories.items():
        problems = history_problems(history, birth_date=by_pk[person_id].birth_date, today=dt.date(YEAR, 12, 31))
        assert problems == [], (by_pk[person_id].name, problems)
    assert Position.objects.filter(org__in=branches, title="secretary").count() >= 28

    # when the engine assesses the year
    document = loader.read(STANDARD)
    run = engine.run(document=document, scope=county, period_start=dt.date(YEAR, 1, 1), as_of=dt.date(YEAR, 12, 31))

    # then every branch has a card, scores differ, and the committees have their aggregate figures
    assert len(run.cards) == 30
    assert {c.org_id for c in run.cards} == set(branches.values_list("pk", flat=True))
    assert len({c.score for c in run.cards}) > 5
    assert all(c.indicators and c.grade for c in run.cards)
    assert {a.org_id for a in run.aggregates} == set(tree.filter(kind=OrgKind.COMMITTEE).values_list("pk", flat=True))


def test_the_same_seed_gives_the_same_people() -> None:
    # given two counties from the same seed (their ID numbers differ only in the region code)
    gen("--orgs", "3", "--county", "SAME1", "--seed", "3")
    gen("--orgs", "3", "--county", "SAME2", "--seed", "3")

    def people(code: str) -> list[tuple[str, dt.date, str, str]]:
        rows = Person.objects.filter(org__path__startswith=Organization.objects.get(code=code).path).order_by("pk")
        return [(p.name, p.birth_date, p.gender, p.id_number[6:17]) for p in rows]  # not region, not check digit

    # then the people are the same
    assert people("SAME1") == people("SAME2")
    assert people("SAME1")


def test_an_existing_county_code_is_refused() -> None:
    gen("--orgs", "1", "--county", "ONCE")
    with pytest.raises(CommandError, match="已存在"):
        gen("--orgs", "1", "--county", "ONCE")
