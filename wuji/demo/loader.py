"""Build the demo township through the public services, so every rule holds and every row is audited.

`load_demo()` is the whole job in one transaction. The people are invented by
`random.Random(SEED)` in a fixed order, so two loads give the same names and
ID numbers; the facts that screens and tests rely on (shortfalls, vacancies,
flags) come from `data`, not from chance.
"""

from __future__ import annotations

import contextvars
import copy
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction

from wuji.accounts.choices import Role
from wuji.core import idcard
from wuji.demo import data
from wuji.demo.data import AS_OF, BACKFILL_NOTE, ORGANIZER, BranchSpec
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, MassOrgKind, OrgKind, WeakSource, WeakStatus
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people import rules
from wuji.people import services as people_services
from wuji.people.choices import Education, Pool, SelectionMethod, Stage, Title, TrainingCategory, TrainingKind
from wuji.people.models import MembershipStage, Person, PoolEntry, Position, SourceTag, Training

D = dt.date
DAY = dt.timedelta(days=1)
# Backfilled members joined before mid-2007, so nobody "developed" in 2008–2009 but the ones `data` names.
BACKFILL_LATEST = D(2007, 6, 30)

EDUCATION_BY_PROFILE: dict[str, list[tuple[str, int]]] = {
    "village_old": [(Education.PRIMARY, 6), (Education.JUNIOR_HIGH, 4)],
    "village_mid": [
        (Education.PRIMARY, 2),
        (Education.JUNIOR_HIGH, 11),
        (Education.HIGH_SCHOOL, 5),
        (Education.SECONDARY_VOCATIONAL, 2),
    ],
    "village_young": [
        (Education.JUNIOR_HIGH, 9),
        (Education.HIGH_SCHOOL, 6),
        (Education.SECONDARY_VOCATIONAL, 3),
        (Education.COLLEGE, 2),
    ],
    "community": [
        (Education.JUNIOR_HIGH, 6),
        (Education.HIGH_SCHOOL, 7),
        (Education.SECONDARY_VOCATIONAL, 3),
        (Education.COLLEGE, 4),
    ],
    "organ": [
        (Education.BACHELOR, 9),
        (Education.COLLEGE, 8),
        (Education.SECONDARY_VOCATIONAL, 2),
        (Education.HIGH_SCHOOL, 1),
    ],
    "retired": [(Education.HIGH_SCHOOL, 3), (Education.SECONDARY_VOCATIONAL, 4), (Education.COLLEGE, 3)],
    "education": [(Education.BACHELOR, 10), (Education.COLLEGE, 9), (Education.SECONDARY_VOCATIONAL, 1)],
    "health": [(Education.BACHELOR, 3), (Education.COLLEGE, 10), (Education.SECONDARY_VOCATIONAL, 7)],
    "soe": [
        (Education.BACHELOR, 2),
        (Education.COLLEGE, 8),
        (Education.SECONDARY_VOCATIONAL, 6),
        (Education.HIGH_SCHOOL, 4),
    ],
}


@dataclass
class DemoSummary:
    """What was built, for the command's closing lines and for tests."""

    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"已建立演示乡镇“傅家堰乡”（截至{AS_OF:%Y年%m月%d日}的数据）：",
            f"  党组织 {c['orgs']} 个（县委、乡党委各 1 个，党支部 {c['branches']} 个）",
            f"  单位 {c['units']} 个（其中未建立党组织 {c['uncovered']} 个），群团组织 {c['mass_orgs']} 个，"
            f"软弱涣散整顿 {c['weak_flags']} 条",
            f"  人员 {c['people']} 人：正式党员 {c['full']}、预备党员 {c['probationary']}、发展对象 {c['candidate']}、"
            f"入党积极分子 {c['activist']}、入党申请人 {c['applicant']}、群众 {c['masses']}",
            f"  职务 {c['positions']} 条，后备干部 {c['reserve_cadres']} 人，农村实用人才 {c['practical_talents']} 人，"
            f"培训 {c['trainings']} 人次",
            f"  账户 {c['accounts']} 个，密码均为 {data.PASSWORD}",
        ]


@dataclass
class _Branch:
    """The people of one branch as the loader makes them."""

    spec: BranchSpec
    org: Organization
    secretary: Person | None = None
    post_holders: list[Person] = field(default_factory=list)  # current, distinct
    members: list[Person] = field(default_factory=list)  # full and probationary
    non_cadres: list[Person] = field(default_factory=list)  # members without a post
    young: list[Person] = field(default_factory=list)  # reserve-cadre material
    college_official: Person | None = None
    pooled: set[int] = field(default_factory=set)
    untrained: set[int] = field(default_factory=set)


def has_data() -> bool:
    return Organization.objects.exists()


def existing_demo_usernames() -> list[str]:
    return sorted(get_user_model().objects.filter(username__in=demo_usernames()).values_list("username", flat=True))


def demo_usernames() -> list[str]:
    return [a.username for a in data.STAFF_ACCOUNTS] + [spec.account for spec in data.BRANCHES]


def load_demo() -> DemoSummary:
    """Build the whole township in one transaction, the `officer` account acting."""
    # auditlog's set_actor leaves its context variable set after the block ends; a
    # copied context keeps that from leaking into whatever runs after the load.
    return contextvars.copy_context().run(_load)


def _load() -> DemoSummary:
    with transaction.atomic():
        # One hash for the one shared demo password: argon2 is slow on purpose, 27 times over it is seconds.
        password_hash = make_password(data.PASSWORD)
        spec = data.STAFF_ACCOUNTS[0]
        # Bound to the township as soon as it exists (see _Builder._tree).
        officer = _create_user(
            password_hash=password_hash,
            validate=False,
            username=spec.username,
            role=spec.role,
            first_name=spec.display_name,
        )
        with set_actor(officer):
            builder = _Builder(officer, password_hash)
            builder.build()
        from wuji.demo import basics  # the 2010 records; basics imports this module

        summary = basics.load(builder)
        with set_actor(officer):
            _campaign(officer, builder.orgs[data.TOWNSHIP.code])
        return summary


def _campaign(officer: Any, township: Organization) -> None:
    """The township's 2010 campaign `demo-2010`, judged by the shipped standard."""
    from django.conf import settings

    from wuji.campaigns.services import campaign_create
    from wuji.standards.loader import load

    standard, _ = load(settings.BASE_DIR / "standards" / "five-basics.yaml")
    campaign = campaign_create(user=officer, code="demo-2010", scope=township, standard=standard, year=2010)
    from wuji.campaigns import demo as campaign_demo  # phases, tasks, baseline, plans, rewards (as of 2010-10-31)

    campaign_demo.load(officer, campaign)


class _Builder:
    """One load: the random source, the acting officer, and what has been made so far."""

    def __init__(self, officer: Any, password_hash: str) -> None:
        self.password_hash = password_hash
        self.rng = random.Random(data.SEED)
        self.officer = officer
        self.used_names: set[str] = set(data.RESERVED_NAMES)
        self.used_phones: set[str] = set()
        self.used_numbers: set[str] = set()
        self.tags = {tag.code: tag for tag in SourceTag.objects.all()}
        self.orgs: dict[str, Organization] = {}
        self.branches: dict[str, _Branch] = {}

    # ---------------------------------------------------------------- the whole
    def build(self) -> None:
        self._tree()
        self._township_leaders()
        for spec in data.BRANCHES:
            self._branch(spec)
        self._units()
        self._weak_flags()
        self._accounts()

    def _tree(self) -> None:
        county = org_services.org_create(
            user=None,
            parent=None,
            name=data.COUNTY.name,
            code=data.COUNTY.code,
            kind=OrgKind.COMMITTEE,
            founded_on=data.COUNTY.founded_on,
        )
        # org_create refuses a parent outside the acting user's scope, and the
        # officer works in the township that does not exist yet: the county-level
        # step is taken by the same account bound (in memory only) to the county.
        county_officer = copy.copy(self.officer)
        county_officer.org = county
        township = org_services.org_create(
            user=county_officer,
            parent=county,
            name=data.TOWNSHIP.name,
            code=data.TOWNSHIP.code,
            kind=OrgKind.COMMITTEE,
            founded_on=data.TOWNSHIP.founded_on,
        )
        self.officer.org = township
        self.officer.full_clean()
        self.officer.save(update_fields=["org"])
        self.orgs[county.code] = county
        self.orgs[township.code] = township
        for spec in data.BRANCHES:
            org = org_services.org_create(
                user=self.officer,
                parent=self.township,
                name=spec.name,
                code=spec.code,
                kind=OrgKind.BRANCH,
                category=spec.category,
                founded_on=spec.founded_on,
            )
            self.orgs[spec.code] = org
            self.branches[spec.code] = _Branch(spec=spec, org=org)

    @property
    def township(self) -> Organization:
        return self.orgs[data.TOWNSHIP.code]

    # ---------------------------------------------------------------- identities
    def _birth_for_age(self, age: int) -> dt.date:
        """A birthday that makes the person exactly `age` on AS_OF."""
        first = AS_OF.replace(year=AS_OF.year - age - 1) + DAY
        return first + dt.timedelta(days=self.rng.randrange(365))

    def _name(self, gender: str) -> str:
        chars = data.MALE_CHARS if gender == "M" else data.FEMALE_CHARS
        while True:
            surname = self.rng.choice(data.SURNAMES)
            if self.rng.random() < 0.22:
                given = self.rng.choice(chars)
            else:
                given = "".join(self.rng.sample(chars, 2))
            name = surname + given
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def _id_number(self, birth: dt.date, gender: str) -> str:
        while True:
            number = idcard.make(data.REGION, birth, self.rng.randrange(10, 990), gender)
            if number not in self.used_numbers:
                self.used_numbers.add(number)
                return number

    def _phone(self) -> str:
        while True:
            phone = self.rng.choice(data.PHONE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if phone not in self.used_phones:
                self.used_phones.add(phone)
                return phone

    def _ethnicity(self) -> str:
        return self.rng.choices(["土家族", "汉族", "苗族"], weights=[70, 28, 2])[0]

    def _education(self, spec: BranchSpec, age: int) -> str:
        if spec.category == Category.VILLAGE:
            profile = "village_old" if age >= 60 else "village_mid" if age >= 40 else "village_young"
        elif spec.category == Category.COMMUNITY:
            profile = "community"
        elif spec.category == Category.ORGAN:
            profile = "retired" if spec.age_range[0] >= 60 else "organ"
        else:
            profile = str(spec.category)
        choices, weights = zip(*EDUCATION_BY_PROFILE[profile], strict=True)
        return str(self.rng.choices(choices, weights=weights)[0])

    def _person(
        self,
        branch: _Branch,
        *,
        age: tuple[int, int],
        gender: str | None = None,
        sources: Iterable[str] = (),
        phone: bool | None = None,
        education: str | None = None,
        note: str = "",
    ) -> Person:
        spec = branch.spec
        gender = gender or ("F" if self.rng.random() < spec.female_share else "M")
        years = self.rng.randint(*age)
        birth = self._birth_for_age(years)
        name = self._name(gender)
        number = self._id_number(birth, gender)
        if phone is None:
            phone = self.rng.random() < (0.3 if years >= 65 else 0.6)
        tags = set(sources)
        if spec.category == Category.VILLAGE and gender == "M" and 28 <= years <= 55 and self.rng.random() < 0.08:
            tags.add("veteran")
        if spec.is_village_level and 25 <= years <= 50 and self.rng.random() < 0.12:
            tags.add("migrant_worker")
        return people_services.person_create(
            user=self.officer,
            org=branch.org,
            name=name,
            id_number=number,
            phone=self._phone() if phone else "",
            ethnicity=self._ethnicity(),
            education=education or self._education(spec, years),
            sources=[self.tags[code] for code in sorted(tags) if code in self.tags],
            note=note,
            gender=gender,
            birth_date=birth,
        )

    # ---------------------------------------------------------------- membership
    def _random_day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange((end - start).days + 1))

    def _backfill(self, person: Person, org: Organization, *, full_before: dt.date) -> None:
        """Probationary and full from the paper files, full membership before `full_before`."""
        earliest = _add_years(person.birth_date, 20)
        latest = min(BACKFILL_LATEST, full_before - dt.timedelta(days=365 + 61 + 1))
        latest = min(latest, max(earliest, _add_years(person.birth_date, 42)))
        if earliest > latest:
            raise AssertionError(f"demo data: {person.name} is too young to be a member before {full_before}")
        probationary = self._random_day(earliest, latest)
        full = rules.add_months(probationary, 12) + dt.timedelta(days=self.rng.randrange(60))
        for stage, day in ((Stage.PROBATIONARY, probationary), (Stage.FULL, full)):
            people_services.stage_record(
                user=self.officer,
                person=person,
                stage=stage,
                started_on=day,
                org=org,
                backfilled=True,
                note=BACKFILL_NOTE,
                today=AS_OF,
            )

    def _meeting(self, org: Organization, day: dt.date) -> tuple[int, int, int]:
        """Plausible branch-meeting numbers that pass: (eligible, present, for), a majority of all."""
        eligible = people_services.full_members_on(org, day)
        need = eligible // 2 + 1
        present = max(need, eligible - self.rng.randint(0, 3))
        votes = max(need, present - self.rng.randint(0, 1))
        return eligible, present, votes

    def _develop(self, person: Person, org: Organization, dates: dict[str, dt.date]) -> None:
        """Record the stages in `dates` in order (the meetings for admission and confirmation)."""
        for stage in (Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY, Stage.FULL):
            if stage not in dates:
                break
            eligible = present = votes = None
            if stage in {Stage.PROBATIONARY, Stage.FULL}:
                eligible, present, votes = self._meeting(org, dates[stage])
            people_services.stage_record(
                user=self.officer,
                person=person,
                stage=stage,
                started_on=dates[stage],
                org=org,
                voters_eligible=eligible,
                voters_present=present,
                votes_for=votes,
                today=AS_OF,
            )

    def _chain_to_probationary(self, probationary: dt.date) -> dict[str, dt.date]:
        candidate = probationary - dt.timedelta(days=self.rng.randint(60, 110))
        activist = rules.add_months(candidate, -12) - dt.timedelta(days=self.rng.randint(5, 60))
        applicant = activist - dt.timedelta(days=self.rng.randint(90, 200))
        return {
            Stage.APPLICANT: applicant,
            Stage.ACTIVIST: activist,
            Stage.CANDIDATE: candidate,
            Stage.PROBATIONARY: probationary,
        }

    def _member(self, branch: _Branch, *, age: tuple[int, int], full_before: dt.date = AS_OF, **kw: Any) -> Person:
        person = self._person(branch, age=age, **kw)
        self._backfill(person, branch.org, full_before=full_before)
        branch.members.append(person)
        return person

    # ---------------------------------------------------------------- the township committee
    def _township_leaders(self) -> None:
        org = self.township
        for name, gender, birth, title, since, education in data.TOWNSHIP_LEADERS:
            person = people_services.person_create(
                user=self.officer,
                org=org,
                name=name,
                id_number=self._id_number(birth, gender),
                phone=self._phone(),
                ethnicity="土家族",
                education=education,
                gender=gender,
                birth_date=birth,
            )
            self._backfill(person, org, full_before=D(1998, 1, 1))
            people_services.position_assign(
                user=self.officer,
                person=person,
                org=org,
                title=title,
                started_on=since,
                selection_method=SelectionMethod.OTHER,
            )

    # ---------------------------------------------------------------- a branch
    def _branch(self, spec: BranchSpec) -> None:
        branch = self.branches[spec.code]
        if spec.is_village_level:
            self._village_team(branch)
        else:
            self._unit_team(branch)
        self._filler_members(branch)
        self._developing(branch)
        if spec.is_village_level:
            self._pools(branch)
            self._cadre_training(branch)
        if spec.study_trip:
            self._study_trip(branch)

    def _unit_team(self, branch: _Branch) -> None:
        """机关, schools, the hospital, the two enterprises: a secretary and 2–4 committee members."""
        spec, org = branch.spec, branch.org
        low, high = spec.age_range
        retired = low >= 60  # the 老干部 branch: everyone is retired, the secretary too
        secretary = self._member(
            branch,
            age=(low, high) if retired else (max(low, 36), min(high, 56)),
            full_before=spec.secretary_since,
            phone=True,
        )
        committee = [
            self._member(branch, age=(max(low, 28), high), full_before=spec.secretary_since, phone=True)
            for _ in range(spec.committee)
        ]
        position = people_services.position_assign(
            user=self.officer,
            person=secretary,
            org=org,
            title=Title.SECRETARY,
            started_on=spec.secretary_since,
            selection_method=spec.selection_method,
        )
        for person in committee:
            people_services.position_assign(
                user=self.officer,
                person=person,
                org=org,
                title=Title.MEMBER,
                started_on=spec.secretary_since,
                selection_method=spec.selection_method,
            )
        if spec.secretary_left_on:
            people_services.person_update(
                user=self.officer,
                person=secretary,
                version=secretary.version,
                note=f"{spec.secretary_left_on:%Y年%m月}调县直单位任职，组织关系待转出",
            )
            people_services.position_end(
                user=self.officer, position=position, ended_on=spec.secretary_left_on, reason="调县直单位任职"
            )
            branch.post_holders = committee
        else:
            branch.secretary = secretary
            branch.post_holders = [secretary, *committee]

    def _village_team(self, branch: _Branch) -> None:
        """Branch committee and village (residents') committee, with the women `data` asks for."""
        spec, org = branch.spec, branch.org
        village = spec.category == Category.VILLAGE
        chair_title = Title.VILLAGE_CHAIR if village else Title.RESIDENTS_CHAIR
        member_title = Title.VILLAGE_MEMBER if village else Title.RESIDENTS_MEMBER
        # Village committees were elected in October 2008, one village after another.
        chair_since: dt.date = spec.chair_since or D(2008, 10, 10 + int(spec.code[-2:]) % 20)
        # Who holds which post; the first `female_cadres` of these (never secretary or chair) are women.
        cross = 1 if spec.village_members and spec.committee else 0
        slots = ["committee"] * min(cross, spec.committee)
        slots += ["village"] * (spec.village_members - cross) + ["committee"] * (spec.committee - cross)
        genders = ["F" if i < spec.female_cadres else "M" for i in range(len(slots))]

        sources = spec.secretary_sources
        secretary = self._member(
            branch,
            age=(38, 55) if spec.predecessor_since else (40, 58),
            gender="M",
            full_before=spec.secretary_since,
            sources=sources,
            phone=True,
        )
        branch.secretary = secretary
        predecessor = None
        if spec.predecessor_since:
            predecessor = self._member(branch, age=(64, 70), gender="M", full_before=spec.predecessor_since, phone=True)
        committee: list[Person] = []
        village_only: list[Person] = []
        for slot, gender in zip(slots, genders, strict=True):
            if slot == "committee":
                committee.append(
                    self._member(branch, age=(30, 56), gender=gender, full_before=spec.secretary_since, phone=True)
                )
            else:
                village_only.append(self._person(branch, age=(30, 55), gender=gender, phone=True))
        if spec.dual_role:
            chair = secretary
        elif spec.chair_is_member:
            chair = self._member(
                branch,
                age=(38, 52),
                gender="M",
                full_before=chair_since,
                phone=True,
                sources=("private_enterprise_manager",),
            )
        else:
            chair = self._person(branch, age=(40, 55), gender="M", phone=True, sources=("returnee_entrepreneur",))

        if predecessor is not None and spec.predecessor_since is not None:
            old = people_services.position_assign(
                user=self.officer,
                person=predecessor,
                org=org,
                title=Title.SECRETARY,
                started_on=spec.predecessor_since,
                selection_method=SelectionMethod.TWO_RECOMMEND_ONE_ELECTION,
            )
            people_services.position_end(
                user=self.officer, position=old, ended_on=spec.secretary_since, reason="年龄原因，换届时不再提名"
            )
        people_services.position_assign(
            user=self.officer,
            person=secretary,
            org=org,
            title=Title.SECRETARY,
            started_on=spec.secretary_since,
            selection_method=spec.selection_method,
        )
        for person in committee:
            people_services.position_assign(
                user=self.officer,
                person=person,
                org=org,
                title=Title.MEMBER,
                started_on=spec.secretary_since,
                selection_method=spec.selection_method,
            )
        people_services.position_assign(
            user=self.officer,
            person=chair,
            org=org,
            title=chair_title,
            started_on=chair_since,
            selection_method=SelectionMethod.DIRECT_ELECTION,
        )
        village_members = committee[:cross] + village_only
        for person in village_members:
            people_services.position_assign(
                user=self.officer,
                person=person,
                org=org,
                title=member_title,
                started_on=chair_since,
                selection_method=SelectionMethod.DIRECT_ELECTION,
            )
        holders = [secretary, *committee, *village_only]
        if chair.pk != secretary.pk:
            holders.append(chair)
        branch.post_holders = holders
        if spec.cadre_training == "none":
            branch.untrained = {p.pk for p in holders}
        elif spec.cadre_training == "all_but_one":
            branch.untrained = {(village_only or committee)[-1].pk}

    def _filler_members(self, branch: _Branch) -> None:
        """The rest of the full members, entered from the files."""
        spec = branch.spec
        # `members` counts the full members: the cadres made already and those developed in 2008 are among them.
        made = len(branch.members) + spec.developed_2008 + (1 if spec.college_official else 0)
        if spec.college_official:
            branch.college_official = self._member(
                branch,
                age=(24, 26),
                education=Education.BACHELOR,
                sources=("college_village_official",),
                phone=True,
                note="2008年选聘到村任职的大学生村官（村主任助理）",
            )
        for _ in range(spec.members - made):
            person = self._member(branch, age=spec.age_range)
            if person.age_on(AS_OF) <= 40:
                branch.young.append(person)
        cadres = {p.pk for p in branch.post_holders}
        branch.non_cadres = [p for p in branch.members if p.pk not in cadres]

    def _developing(self, branch: _Branch) -> None:
        """Members developed lately, and the people on the way in, with their meetings."""
        spec, org = branch.spec, branch.org
        young_sources = ("rural_youth_entrepreneur", "migrant_worker") if spec.is_village_level else ()

        def newcomer(age: tuple[int, int]) -> Person:
            sources = [s for s in young_sources if self.rng.random() < 0.3]
            return self._person(branch, age=age, sources=sources)

        for _ in range(spec.developed_2008):
            person = newcomer((24, 34))
            dates = self._chain_to_probationary(self._random_day(D(2008, 4, 1), D(2008, 9, 30)))
            dates[Stage.FULL] = rules.add_months(dates[Stage.PROBATIONARY], 12) + dt.timedelta(
                days=self.rng.randint(0, 20)
            )
            self._develop(person, org, dates)
            branch.members.append(person)
            branch.young.append(person)
        for _ in range(spec.new_members + (1 if spec.new_member_organ else 0)):
            person = newcomer((22, 33))
            # Admitted this year, before AS_OF: they count as the year's new members.
            self._develop(person, org, self._chain_to_probationary(self._random_day(D(2010, 1, 8), D(2010, 4, 8))))
            branch.members.append(person)
            branch.young.append(person)
        for _ in range(spec.candidates):
            person = newcomer((22, 35))
            activist = self._random_day(D(2008, 3, 1), D(2008, 8, 31))
            self._develop(
                person,
                org,
                {
                    Stage.APPLICANT: activist - dt.timedelta(days=self.rng.randint(90, 200)),
                    Stage.ACTIVIST: activist,
                    Stage.CANDIDATE: rules.add_months(activist, 12) + dt.timedelta(days=self.rng.randint(10, 60)),
                },
            )
            branch.young.append(person)
        for _ in range(spec.activists):
            person = newcomer((20, 38))
            activist = self._random_day(D(2009, 5, 1), D(2009, 12, 20))
            applicant = activist - dt.timedelta(days=self.rng.randint(90, 240))
            self._develop(person, org, {Stage.APPLICANT: applicant, Stage.ACTIVIST: activist})
            branch.young.append(person)
        for _ in range(spec.applicants):
            person = newcomer((19, 30))
            self._develop(person, org, {Stage.APPLICANT: self._random_day(D(2010, 1, 5), D(2010, 3, 31))})

    def _pools(self, branch: _Branch) -> None:
        spec, org = branch.spec, branch.org
        cadres = {p.pk for p in branch.post_holders}
        # 后备干部: chosen in one open selection in spring 2009, young people first.
        selected_on = D(2009, 5, 6) + dt.timedelta(days=int(spec.code[-2:]) % 20)
        rest = [p for p in branch.young if p.pk not in cadres]
        self.rng.shuffle(rest)
        college = [branch.college_official] if branch.college_official else []
        chosen = (college + rest)[: spec.reserve_cadres]
        while len(chosen) < spec.reserve_cadres:
            chosen.append(self._person(branch, age=(24, 38), phone=True, sources=("returnee_entrepreneur",)))
        for person in chosen:
            people_services.pool_enter(
                user=self.officer, person=person, org=org, pool=Pool.RESERVE_CADRE, entered_on=selected_on
            )
            branch.pooled.add(person.pk)
        # 农村实用人才: about a third are members, the others 群众.
        from_members = [p for p in branch.non_cadres if p.pk not in branch.pooled and 30 <= p.age_on(AS_OF) <= 62]
        self.rng.shuffle(from_members)
        talents = from_members[: spec.practical_talents // 3]
        while len(talents) < spec.practical_talents:
            sources = ["returnee_entrepreneur"] if self.rng.random() < 0.2 else []
            talents.append(self._person(branch, age=(28, 62), sources=sources))
        specialties = list(data.TALENT_SPECIALTIES)
        for person in talents:
            people_services.pool_enter(
                user=self.officer,
                person=person,
                org=org,
                pool=Pool.PRACTICAL_TALENT,
                entered_on=self._random_day(D(2008, 3, 1), D(2009, 10, 31)),
                specialty=self.rng.choice(specialties),
            )
            branch.pooled.add(person.pk)

    def _cadre_training(self, branch: _Branch) -> None:
        t = data.VILLAGE_CADRE_TRAINING
        for person in branch.post_holders:
            if person.pk in branch.untrained:
                continue
            people_services.training_record(
                user=self.officer,
                person=person,
                name=t.name,
                category=TrainingCategory.CADRE,
                started_on=t.started_on,
                ended_on=t.ended_on,
                organizer=ORGANIZER,
                place=t.place,
            )

    def _study_trip(self, branch: _Branch) -> None:
        t = data.STUDY_TRIP
        joined = set(
            MembershipStage.objects.filter(
                person__in=branch.members, stage__in=[Stage.PROBATIONARY, Stage.FULL], started_on__lte=t.started_on
            ).values_list("person_id", flat=True)
        )
        for person in branch.members:
            if person.pk not in joined:
                continue
            people_services.training_record(
                user=self.officer,
                person=person,
                name=t.name,
                kind=TrainingKind.STUDY_TRIP,
                category=TrainingCategory.OTHER,
                started_on=t.started_on,
                ended_on=t.ended_on,
                organizer=ORGANIZER,
                place=t.place,
            )

    # ---------------------------------------------------------------- units and mass organizations
    def _units(self) -> None:
        for spec in data.BRANCHES:
            branch = self.branches[spec.code]
            unit = org_services.unit_save(
                user=self.officer,
                unit=Unit(
                    name=spec.unit.name,
                    kind=spec.unit.kind,
                    area=self.township,
                    covered_by=branch.org,
                    established_on=spec.unit.established_on,
                ),
            )
            for kind in spec.unit.mass_orgs:
                founded = self._random_day(D(2002, 3, 1), D(2008, 12, 31))
                org_services.mass_org_save(
                    user=self.officer,
                    mass_org=MassOrganization(
                        unit=unit,
                        kind=kind,
                        name=_mass_org_name(unit, kind),
                        leader_name=self._leader(branch, kind),
                        founded_on=max(founded, spec.unit.established_on or founded),
                    ),
                )
        gap = data.UNCOVERED_UNIT
        org_services.unit_save(
            user=self.officer,
            unit=Unit(
                name=gap.name,
                kind=gap.kind,
                area=self.township,
                established_on=gap.established_on,
                note=data.UNCOVERED_NOTE,
            ),
        )

    def _leader(self, branch: _Branch, kind: str) -> str:
        people = [*branch.post_holders, *branch.non_cadres]
        if kind in {MassOrgKind.WOMEN_CONGRESS, MassOrgKind.WOMEN_FEDERATION}:
            fits = [p for p in people if p.gender == "F"]
        elif kind == MassOrgKind.MILITIA:
            fits = [p for p in people if p.gender == "M" and p.age_on(AS_OF) <= 45]
        elif kind == MassOrgKind.YOUTH_LEAGUE:
            fits = [p for p in [*branch.young, *people] if p.age_on(AS_OF) <= 35]
        else:
            fits = branch.post_holders[1:] or people
        return fits[0].name if fits else ""

    # ---------------------------------------------------------------- weak-and-lax flags
    def _weak_flags(self) -> None:
        for spec in data.BRANCHES:
            if not spec.weak:
                continue
            facts = data.WEAK_FLAGS[spec.weak]
            flag = org_services.weak_flag_save(
                user=self.officer,
                flag=WeakFlag(
                    org=self.orgs[spec.code],
                    source=WeakSource.REVIEW,
                    reason=facts.reason,
                    flagged_on=facts.flagged_on,
                    status=WeakStatus.RECTIFYING,
                    measures=facts.measures,
                ),
            )
            if spec.weak == "rectified":
                # A new flag cannot be born rectified: it is raised, then closed out.
                flag.status = WeakStatus.RECTIFIED
                flag.closed_on = facts.closed_on
                flag.close_note = facts.close_note
                org_services.weak_flag_save(user=self.officer, flag=flag, version=flag.version)

    # ---------------------------------------------------------------- accounts
    def _accounts(self) -> None:
        for account in data.STAFF_ACCOUNTS[1:]:  # the officer exists already
            user = _create_user(
                password_hash=self.password_hash,
                username=account.username,
                role=account.role,
                first_name=account.display_name,
                org=self.orgs[account.org_code] if account.org_code else None,
                is_staff=account.role == Role.SYSADMIN,
            )
            if account.role == Role.SYSADMIN:
                # Accounts only: the system administrator sees no member data (三权分立).
                user.user_permissions.set(
                    Permission.objects.filter(
                        content_type__app_label="accounts", codename__in=["view_user", "add_user", "change_user"]
                    )
                )
        for spec in data.BRANCHES:
            branch = self.branches[spec.code]
            _create_user(
                password_hash=self.password_hash,
                username=spec.account,
                role=Role.SECRETARY,
                org=branch.org,
                first_name=branch.secretary.name if branch.secretary else "",
            )

    # ---------------------------------------------------------------- summary
    def summary(self) -> DemoSummary:
        people = Person.objects.filter(org__path__startswith=self.township.path)
        latest: dict[int, str] = {}
        for person_id, stage in MembershipStage.objects.filter(person__in=people).values_list("person_id", "stage"):
            if person_id not in latest or _STAGE_RANK[stage] > _STAGE_RANK[latest[person_id]]:
                latest[person_id] = stage
        by_stage: dict[str, int] = defaultdict(int)
        for stage in latest.values():
            by_stage[stage] += 1
        total = people.count()
        units = Unit.objects.filter(area=self.township)
        pools = PoolEntry.objects.filter(org__path__startswith=self.township.path)
        counts = {
            "orgs": Organization.objects.count(),
            "branches": Organization.objects.filter(kind=OrgKind.BRANCH).count(),
            "units": units.count(),
            "uncovered": units.filter(covered_by__isnull=True).count(),
            "mass_orgs": MassOrganization.objects.filter(unit__area=self.township).count(),
            "weak_flags": WeakFlag.objects.count(),
            "people": total,
            **{stage.value: by_stage[stage.value] for stage in Stage},
            "masses": total - len(latest),
            "positions": Position.objects.filter(org__path__startswith=self.township.path).count(),
            "reserve_cadres": pools.filter(pool=Pool.RESERVE_CADRE).count(),
            "practical_talents": pools.filter(pool=Pool.PRACTICAL_TALENT).count(),
            "trainings": Training.objects.count(),
            "accounts": get_user_model().objects.filter(username__in=demo_usernames()).count(),
        }
        return DemoSummary(counts=counts)


_STAGE_RANK = {stage.value: index for index, stage in enumerate(Stage)}


def _create_user(*, password_hash: str, validate: bool = True, **fields: Any) -> Any:
    user = get_user_model().objects.create_user(password=None, **fields)
    user.password = password_hash
    if validate:
        user.full_clean()
    user.save(update_fields=["password"])
    return user


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _mass_org_name(unit: Unit, kind: str) -> str:
    suffix = {
        MassOrgKind.TRADE_UNION: "工会",
        MassOrgKind.YOUTH_LEAGUE: "团委" if unit.kind == "school" and "中学" in unit.name else "团支部",
        MassOrgKind.WOMEN_FEDERATION: "妇委会",
        MassOrgKind.WOMEN_CONGRESS: "妇代会",
        MassOrgKind.MILITIA: "民兵连",
    }[MassOrgKind(kind)]
    return f"{unit.name}{suffix}"
