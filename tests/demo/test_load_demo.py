"""`load_demo` builds 傅家堰乡 as seed §二 lists it, with the shortfalls the screens rely on.

The township is loaded once for the module inside a transaction that is rolled
back at the end; each test runs in its own savepoint on top of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.test import Client
from django.urls import reverse

from tests.demo.wipe import wipe
from wuji.demo import data
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people.choices import CHAIR_TITLES, Pool, Stage, Title
from wuji.people.models import MembershipStage, Person, PoolEntry, Position, Training

AS_OF = dt.date(2010, 4, 15)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: object) -> Iterator[dict[str, object]]:
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        out = StringIO()
        started = time.monotonic()
        call_command("load_demo", stdout=out)
        loaded = {"seconds": time.monotonic() - started, "output": out.getvalue(), "digest": _digest()}
        yield loaded
        transaction.set_rollback(True)


def _digest() -> str:
    rows = sorted((p.org.code, p.name, p.id_number) for p in Person.objects.select_related("org"))
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _held(queryset: QuerySet[Position]) -> QuerySet[Position]:
    """The posts held on AS_OF."""
    return queryset.filter(started_on__lte=AS_OF).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=AS_OF))


def _village_codes() -> list[str]:
    return [spec.code for spec in data.VILLAGES]


def _by_village(counts: dict[str, int]) -> dict[str, int]:
    return {code: counts.get(code, 0) for code in _village_codes()}


# ---------------------------------------------------------------- the tree


def test_tree_is_the_seed_township(demo: dict[str, object]) -> None:
    county = Organization.objects.get(code="WF")
    township = Organization.objects.get(code="FJY")
    assert (county.name, county.kind, county.category, county.depth) == ("五峰土家族自治县委员会", "committee", "", 1)
    assert (township.name, township.kind, township.category) == ("中共傅家堰乡委员会", "committee", "")
    assert Organization.objects.get_parent(township) == county

    branches = list(Organization.objects.get_children(township))
    assert [b.code for b in branches] == [f"FJY-{n:02d}" for n in range(1, 24)]
    assert all(b.kind == "branch" for b in branches)
    assert [b.category for b in branches] == (
        ["organ"] * 6 + ["education"] * 4 + ["health"] + ["soe"] * 2 + ["village"] * 9 + ["community"]
    )
    names = [b.name for b in branches]
    assert names[:6] == [
        "傅家堰乡政府机关党支部",
        "傅家堰乡财政所党支部",
        "傅家堰乡派出所党支部",
        "傅家堰乡老干部党支部",
        "傅家堰乡文化广播站党支部",
        "傅家堰乡邮电党支部",
    ]
    assert names[11:13] == ["傅家堰烟草站党支部", "傅家堰供电所党支部"]
    assert names[13] == "傅家堰村党支部" and names[-1] == "堰窝子居委会党支部"
    assert Organization.objects.count() == 25
    assert "党支部 23 个" in demo["output"]


def test_every_branch_covers_its_unit_and_one_unit_is_uncovered(demo: dict[str, object]) -> None:
    for branch in Organization.objects.filter(kind="branch"):
        assert branch.covered_units.count() == 1, branch.name
    assert list(Unit.objects.filter(covered_by__isnull=True).values_list("name", "kind")) == [
        ("傅家堰茶叶专业合作社", "cooperative")
    ]
    assert set(Unit.objects.values_list("area__code", flat=True)) == {"FJY"}


def test_mass_organizations_with_the_documented_gaps(demo: dict[str, object]) -> None:
    kinds = {
        code: set(MassOrganization.objects.filter(unit__covered_by__code=code).values_list("kind", flat=True))
        for code in [*_village_codes(), "FJY-23", *[f"FJY-{n:02d}" for n in range(1, 7)]]
    }
    full_village = {"youth_league", "women_congress", "militia"}
    missing = {code: full_village - present for code, present in kinds.items() if code >= "FJY-14"}
    assert {code: gap for code, gap in missing.items() if gap} == {
        "FJY-17": {"militia"},
        "FJY-19": {"women_congress"},
        "FJY-20": {"militia"},
    }
    for n in range(1, 7):
        assert kinds[f"FJY-{n:02d}"] == {"trade_union", "youth_league", "women_federation"}


def test_weak_flags(demo: dict[str, object]) -> None:
    flags = {f.org.code: f for f in WeakFlag.objects.select_related("org")}
    assert set(flags) == {"FJY-19", "FJY-21"}
    assert flags["FJY-21"].status == "rectifying" and flags["FJY-21"].measures and flags["FJY-21"].reason
    assert flags["FJY-19"].status == "rectified" and flags["FJY-19"].closed_on == dt.date(2009, 6, 30)


# ---------------------------------------------------------------- people and the shortfalls


def test_people_are_valid_and_plausible(demo: dict[str, object]) -> None:
    from wuji.core import idcard

    people = list(Person.objects.all())
    assert 350 <= len(people) <= 600
    assert len({p.id_number for p in people}) == len(people)
    for person in people:
        info = idcard.parse(person.id_number)
        assert info.region == "420529"
        assert (info.birth_date, info.gender) == (person.birth_date, person.gender)
        assert person.phone == "" or (len(person.phone) == 11 and person.phone[:2] in {"13", "15", "18"})
    assert {p.ethnicity for p in people} <= {"土家族", "汉族", "苗族"}
    genders = {g: sum(1 for p in people if p.gender == g) for g in "MF"}
    assert genders["F"] > 60 and genders["M"] > 200
    assert MembershipStage.objects.filter(backfilled=True).exclude(note="依据党员档案补录").count() == 0
    assert MembershipStage.objects.filter(started_on__gt=AS_OF).count() == 0
    # Admissions and confirmations that were not backfilled carry passing meeting numbers.
    for stage in MembershipStage.objects.filter(stage__in=[Stage.PROBATIONARY, Stage.FULL], backfilled=False):
        assert stage.voters_present * 2 > stage.voters_eligible and stage.votes_for * 2 > stage.voters_eligible
    assert Person.objects.filter(sources__code="college_village_official").count() == 2


def test_full_members_per_branch(demo: dict[str, object]) -> None:
    for spec in data.BRANCHES:
        full = MembershipStage.objects.filter(person__org__code=spec.code, stage=Stage.FULL).count()
        assert full == spec.members, spec.name
        if spec.category == "village":
            assert 15 <= full <= 30
        else:
            assert 5 <= full <= 16


def test_every_branch_has_a_secretary_but_the_vacant_one(demo: dict[str, object]) -> None:
    secretaries = _held(Position.objects.filter(title=Title.SECRETARY, org__kind="branch"))
    assert sorted(secretaries.values_list("org__code", flat=True)) == sorted(
        s.code for s in data.BRANCHES if s.code != "FJY-05"
    )
    ended = Position.objects.get(org__code="FJY-05", title=Title.SECRETARY)
    assert ended.ended_on == dt.date(2010, 1, 8)
    # 枫香坪村: a predecessor whose term ended when the successor took over.
    terms = list(Position.objects.filter(org__code="FJY-16", title=Title.SECRETARY).order_by("started_on"))
    assert len(terms) == 2 and terms[0].ended_on == terms[1].started_on == dt.date(2008, 3, 20)


def test_dual_role_and_female_cadres(demo: dict[str, object]) -> None:
    not_dual, no_women = [], []
    for code in _village_codes():
        held = _held(Position.objects.filter(org__code=code))
        secretary = held.get(title=Title.SECRETARY)
        chair = held.get(title__in=CHAIR_TITLES)
        if secretary.person_id != chair.person_id:
            not_dual.append(code)
        if not held.filter(person__gender="F").exists():
            no_women.append(code)
        assert held.filter(title=Title.VILLAGE_MEMBER).count() in {2, 3}
        assert held.filter(title=Title.MEMBER).count() in {2, 3, 4}
        assert secretary.selection_method in {"two_recommend_one_election", "members_direct_election"}
    assert not_dual == ["FJY-17", "FJY-21"]  # 大龙坪村, 白鹤洞村
    assert no_women == ["FJY-18"]  # 清水湾村
    community = _held(Position.objects.filter(org__code="FJY-23"))
    assert community.get(title=Title.SECRETARY).person_id == community.get(title=Title.RESIDENTS_CHAIR).person_id


def test_pools_and_activists(demo: dict[str, object]) -> None:
    def pool_counts(pool: str) -> dict[str, int]:
        rows = PoolEntry.objects.filter(pool=pool, exited_on__isnull=True).values_list("org__code", flat=True)
        counts: dict[str, int] = {}
        for code in rows:
            counts[code] = counts.get(code, 0) + 1
        return _by_village(counts)

    reserve = pool_counts(Pool.RESERVE_CADRE)
    talents = pool_counts(Pool.PRACTICAL_TALENT)
    assert sorted(code for code, n in reserve.items() if n < 3) == ["FJY-19", "FJY-21"]  # 岩门子村 2, 白鹤洞村 1
    assert all(3 <= n <= 5 for code, n in reserve.items() if code not in {"FJY-19", "FJY-21"})
    assert sorted(code for code, n in talents.items() if n < 10) == ["FJY-18", "FJY-21", "FJY-22"]

    activists: dict[str, int] = {}
    for person in Person.objects.filter(org__code__in=_village_codes()).prefetch_related("stages"):
        stages = [s.stage for s in person.stages.all()]
        if stages and stages[-1] == Stage.ACTIVIST:
            activists[person.org.code] = activists.get(person.org.code, 0) + 1
            assert 20 <= person.age_on(AS_OF) <= 40
    assert sorted(code for code, n in _by_village(activists).items() if n < 3) == ["FJY-17", "FJY-19", "FJY-21"]

    # Non-members (群众) hold village committee seats and sit among the practical talents.
    masses = Person.objects.filter(stages__isnull=True)
    assert _held(Position.objects.filter(person__in=masses, title=Title.VILLAGE_MEMBER)).exists()
    assert PoolEntry.objects.filter(person__in=masses, pool=Pool.PRACTICAL_TALENT).count() >= 50


def test_new_members_and_trainings(demo: dict[str, object]) -> None:
    admitted_2010 = set(
        MembershipStage.objects.filter(stage=Stage.PROBATIONARY, started_on__year=2010).values_list(
            "org__code", flat=True
        )
    )
    assert {"FJY-14", "FJY-15", "FJY-17", "FJY-18", "FJY-20", "FJY-22"} <= admitted_2010
    assert not admitted_2010 & {"FJY-16", "FJY-19", "FJY-21"}

    cadre_training = Training.objects.filter(name="2010年全乡村（居）干部培训班", category="cadre")
    untrained_by_village = {}
    for code in _village_codes():
        holders = set(_held(Position.objects.filter(org__code=code)).values_list("person_id", flat=True))
        done = set(cadre_training.filter(person_id__in=holders).values_list("person_id", flat=True))
        untrained_by_village[code] = len(holders - done)
    assert {code: n for code, n in untrained_by_village.items() if n} == {"FJY-16": 1, "FJY-21": 5}

    trips = set(
        Training.objects.filter(kind="study_trip", started_on__year=2010).values_list("person__org__code", flat=True)
    )
    assert trips == {"FJY-01", "FJY-02", "FJY-03", "FJY-04", "FJY-05"}

    # The year's facts count both for the campaign year (2010, assessed from 1 January) and for the
    # rolling year up to AS_OF that the home pages use.
    this_year = (dt.date(2010, 1, 1), AS_OF)
    rolling_year = (dt.date(2009, 4, 16), AS_OF)
    assert not Training.objects.exclude(started_on__range=rolling_year).exists()
    assert cadre_training.exists() and not cadre_training.exclude(started_on__range=this_year).exists()
    assert not Training.objects.filter(kind="study_trip").exclude(started_on__range=this_year).exists()
    admitted = MembershipStage.objects.filter(stage=Stage.PROBATIONARY, backfilled=False)
    assert set(admitted.filter(started_on__range=this_year).values_list("person", flat=True)) == set(
        admitted.filter(started_on__range=rolling_year).values_list("person", flat=True)
    )


# ---------------------------------------------------------------- accounts


def test_every_demo_account_logs_in_with_the_documented_password(demo: dict[str, object]) -> None:
    usernames = ["officer", "county", "inspector", "auditor", "sysadmin", "secadmin"]
    usernames += [f"village{n}" for n in range(1, 10)] + ["community1"]
    usernames += [f"organ{n}" for n in range(1, 7)] + [f"school{n}" for n in range(1, 5)]
    usernames += ["health1", "soe1", "soe2"]
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == sorted(usernames)
    for username in usernames:
        # Through the login form, as a person logs in (every login path goes through the lockout backend).
        client = Client()
        response = client.post(reverse("login"), {"username": username, "password": "Wuji-demo-2010"})
        assert response.status_code == 302 and "_auth_user_id" in client.session, username


def test_roles_and_bindings(demo: dict[str, object]) -> None:
    users = {u.username: u for u in get_user_model().objects.select_related("org")}
    assert (users["officer"].role, users["officer"].org.code, users["officer"].get_full_name()) == (
        "officer",
        "FJY",
        "王建华",
    )
    assert (users["inspector"].role, users["inspector"].org.code) == ("inspector", "FJY")
    assert (users["county"].role, users["county"].org.code, users["county"].org.depth) == ("officer", "WF", 1)
    assert (users["auditor"].role, users["auditor"].org) == ("auditor", None)
    sysadmin = users["sysadmin"]
    assert (sysadmin.role, sysadmin.org, sysadmin.is_staff, sysadmin.is_superuser) == ("sysadmin", None, True, False)
    assert sysadmin.get_all_permissions() == {"accounts.view_user", "accounts.add_user", "accounts.change_user"}

    expected = {f"organ{n}": f"FJY-{n:02d}" for n in range(1, 7)}
    expected |= {f"school{n}": f"FJY-{n + 6:02d}" for n in range(1, 5)}
    expected |= {"health1": "FJY-11", "soe1": "FJY-12", "soe2": "FJY-13", "community1": "FJY-23"}
    expected |= {f"village{n}": f"FJY-{n + 13:02d}" for n in range(1, 10)}
    for username, code in expected.items():
        user = users[username]
        assert (user.role, user.org.code) == ("secretary", code), username
        secretary = _held(Position.objects.filter(org=user.org, title=Title.SECRETARY)).select_related("person")
        assert user.get_full_name() == (secretary[0].person.name if secretary else ""), username
    assert users["soe1"].org.name == "傅家堰烟草站党支部" and users["soe2"].org.name == "傅家堰供电所党支部"
    assert users["village1"].org.name == "傅家堰村党支部" and users["village9"].org.name == "堰塘坪村党支部"


# ---------------------------------------------------------------- the command


def test_audit_rows_name_the_officer(demo: dict[str, object]) -> None:
    officer = get_user_model().objects.get(username="officer")
    entries = LogEntry.objects.all()
    assert entries.filter(actor=officer).count() > 1000
    assert not entries.exclude(actor=officer).exists()
    for model in ("organization", "person", "membershipstage", "position", "poolentry", "training"):
        assert entries.filter(content_type__model=model).exists(), model


def test_a_second_load_is_refused_and_if_empty_does_nothing(demo: dict[str, object]) -> None:
    before = (Person.objects.count(), LogEntry.objects.count())
    with pytest.raises(CommandError, match="已有党组织数据"):
        call_command("load_demo")
    out = StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    assert "未加载演示数据" in out.getvalue()
    assert (Person.objects.count(), LogEntry.objects.count()) == before


def test_it_is_deterministic(demo: dict[str, object]) -> None:
    # Empty the database (inside this test's savepoint, unaudited) and load again.
    wipe()
    assert not LogEntry.objects.exists()
    call_command("load_demo", stdout=StringIO())
    assert _digest() == demo["digest"]
