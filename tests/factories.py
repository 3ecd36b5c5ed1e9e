"""Test data made through the same services the pages use, so every row obeys the rules.

- `build_township()` makes the small org tree every test starts from.
- `UserFactory` makes accounts (personas in conftest use it).
- `PersonFactory` registers a person through `people.services.person_create` with
  a valid, unique ID number and phone.
- `make_full_member()` / `develop()` give a person a membership history, so that
  position and development tests start from a correct state.

Sequences only keep values unique; no test should depend on the exact values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import factory
from django.contrib.auth import get_user_model

from wuji.accounts.choices import Role
from wuji.core import idcard
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization
from wuji.people import rules
from wuji.people import services as people_services
from wuji.people.choices import STAGE_ORDER, Stage
from wuji.people.models import MembershipStage, Person

PASSWORD = "Wuji-test-2010"
REGION = "110105"  # any six digits: parse() does not check the region

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = ["建国", "秀英", "志强", "桂兰", "海涛", "丽华", "德明", "春梅", "永福", "玉珍", "卫东", "小红"]


@dataclass(frozen=True)
class Township:
    """The tree of the `township` fixture.

    测试县委 (T) → 测试乡党委 (T01) → 甲村党支部 (T01V1, village),
    乙村党支部 (T01V2, village), 乡政府机关党支部 (T01G1, organ).
    """

    county: Organization
    township: Organization
    village_a: Organization
    village_b: Organization
    organ_a: Organization
    county_officer: Any  # the officer over the county who built the tree

    @property
    def branches(self) -> tuple[Organization, ...]:
        return (self.village_a, self.village_b, self.organ_a)


class UserFactory(factory.django.DjangoModelFactory):
    """An account with a role; org-bound roles need `org=`. Password: PASSWORD.

    An existing username is returned as it is (personas are made once per test).
    """

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.OFFICER
    org = None
    password = factory.django.Password(PASSWORD)

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        existing = model_class.objects.filter(username=kwargs["username"]).first()
        if existing is not None:
            return existing
        user = model_class(*args, **kwargs)
        user.full_clean()  # a persona that breaks the role/org rule would make tests lie
        user.save()
        return user


def build_township() -> Township:
    """Build the test tree through org services.

    The county root is made with user=None (system set-up); an officer bound to
    the county (`writer_for(county)`) adds the rest.
    """
    county = org_services.org_create(user=None, parent=None, name="测试县委", code="T", kind=OrgKind.COMMITTEE)
    builder = writer_for(county)
    township = org_services.org_create(
        user=builder, parent=county, name="测试乡党委", code="T01", kind=OrgKind.COMMITTEE
    )
    village_a = org_services.org_create(
        user=builder,
        parent=township,
        name="甲村党支部",
        code="T01V1",
        kind=OrgKind.BRANCH,
        category=Category.VILLAGE,
        founded_on=dt.date(1990, 1, 1),
    )
    village_b = org_services.org_create(
        user=builder,
        parent=township,
        name="乙村党支部",
        code="T01V2",
        kind=OrgKind.BRANCH,
        category=Category.VILLAGE,
        founded_on=dt.date(1990, 1, 1),
    )
    organ_a = org_services.org_create(
        user=builder,
        parent=township,
        name="乡政府机关党支部",
        code="T01G1",
        kind=OrgKind.BRANCH,
        category=Category.ORGAN,
        founded_on=dt.date(1990, 1, 1),
    )
    return Township(
        county=Organization.objects.get(pk=county.pk),
        township=Organization.objects.get(pk=township.pk),
        village_a=Organization.objects.get(pk=village_a.pk),
        village_b=Organization.objects.get(pk=village_b.pk),
        organ_a=Organization.objects.get(pk=organ_a.pk),
        county_officer=builder,
    )


def writer_for(org: Organization) -> Any:
    """The officer over the whole tree of `org` (username `root-officer-<root code>`).

    The default acting user of the factories; made once, then reused.
    """
    root = Organization.objects.get(path=org.path[: Organization.steplen])
    return UserFactory(username=f"root-officer-{root.code}", role=Role.OFFICER, org=root)


def _birth_date(n: int) -> dt.date:
    # Adults born 1960–1984, a different day for each of 9000 consecutive numbers.
    return dt.date(1960, 1, 1) + dt.timedelta(days=n % 9000)


def _id_number(n: int, birth_date: dt.date, gender: str) -> str:
    # An even sequence per n (make() adds 1 for a man): 500 consecutive people share no
    # number even when a test gives them all the same birth date; with the default
    # birth dates, 9000 consecutive people never do.
    return idcard.make(REGION, birth_date, n % 500 * 2, gender)


class PersonFactory(factory.Factory):
    """A person registered through `person_create`.

    `PersonFactory(org=township.village_a)`; pass `user=` to act as a given
    user (default: an officer over the tree), `gender=`/`birth_date=` to pick
    what the generated ID number encodes.
    """

    class Meta:
        model = Person

    org: Any = None
    user: Any = None
    seq = factory.Sequence(lambda n: n)
    name = factory.LazyAttribute(lambda o: _SURNAMES[o.seq % len(_SURNAMES)] + _GIVEN[o.seq % len(_GIVEN)])
    gender = factory.LazyAttribute(lambda o: "M" if o.seq % 2 == 0 else "F")
    birth_date = factory.LazyAttribute(lambda o: _birth_date(o.seq))
    id_number = factory.LazyAttribute(lambda o: _id_number(o.seq, o.birth_date, o.gender))
    phone = factory.LazyAttribute(lambda o: f"139{o.seq % 100_000_000:08d}")
    ethnicity = "汉族"
    education = ""
    note = ""

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Person:
        org = kwargs.pop("org")
        if org is None:
            raise TypeError("PersonFactory needs org=")
        user = kwargs.pop("user") or writer_for(org)
        kwargs.pop("seq")
        return people_services.person_create(user=user, org=org, **kwargs)

    @classmethod
    def _build(cls, model_class: Any, *args: Any, **kwargs: Any) -> Person:
        raise NotImplementedError("people exist only through person_create; use PersonFactory(...)")


def make_full_member(
    *,
    org: Organization,
    user: Any = None,
    full_on: dt.date = dt.date(2005, 7, 1),
    **person_kwargs: Any,
) -> Person:
    """A full member since `full_on` (probationary a year before), entered from old records.

    Both stages are `backfilled` with a note, as a secretary enters members who
    joined long before the system.
    """
    person = PersonFactory(org=org, user=user, **person_kwargs)
    acting = user or writer_for(org)
    probationary_on = rules.add_months(full_on, -12)
    people_services.stage_record(
        user=acting,
        person=person,
        stage=Stage.PROBATIONARY,
        started_on=probationary_on,
        backfilled=True,
        note="依据档案补录",
    )
    people_services.stage_record(
        user=acting, person=person, stage=Stage.FULL, started_on=full_on, backfilled=True, note="依据档案补录"
    )
    return person


def develop(
    person: Person,
    *,
    until: str,
    applied_on: dt.date,
    user: Any = None,
    voters_eligible: int = 10,
    voters_present: int = 8,
    votes_for: int = 7,
) -> list[MembershipStage]:
    """Take `person` from applicant up to `until` along the shortest lawful path.

    Activist three months after applying, candidate one year later, probationary
    three months after that, full one year later; meetings pass with the given
    numbers. Dates must not be in the future.
    """
    acting = user or writer_for(person.org)
    activist_on = rules.add_months(applied_on, 3)
    candidate_on = rules.add_months(activist_on, 12)
    probationary_on = rules.add_months(candidate_on, 3)
    dates = {
        Stage.APPLICANT: applied_on,
        Stage.ACTIVIST: activist_on,
        Stage.CANDIDATE: candidate_on,
        Stage.PROBATIONARY: probationary_on,
        Stage.FULL: rules.add_months(probationary_on, 12),
    }
    recorded = []
    for stage in STAGE_ORDER[: STAGE_ORDER.index(until) + 1]:
        meeting: dict[str, int] = {}
        if stage in {Stage.PROBATIONARY, Stage.FULL}:
            meeting = {"voters_eligible": voters_eligible, "voters_present": voters_present, "votes_for": votes_for}
        recorded.append(
            people_services.stage_record(user=acting, person=person, stage=stage, started_on=dates[stage], **meeting)
        )
    return recorded
