"""A synthetic county for benchmarks: N branch orgs with a year of everything the standard measures.

This is **not** how Wuji writes data. For volume (10,000 orgs are some 400,000
people and millions of activity rows) it bypasses the services: no permission
checks, no `full_clean`, no audit trail. Rows go in with `bulk_create` in
batches, one transaction per township, and the derived fields are computed with
the functions the models use (`pinyin.name_keys`, `crypto.blind_index`, the
`EncryptedTextField` on insert, `idcard.make` for valid numbers, treebeard's
`_get_path` for the tree). Use it for benchmarks and scale tests, never for a
real or demo database.

The county: one county committee, townships of 23 branches each in the demo's
category mix (6 机关, 4 schools, 1 卫生院, 2 国企, 9 villages, 1 community),
until N branches exist. Each branch gets about 40 people (members with their
stage history, a few activists, applicants and candidates; non-members in the
villages), posts (secretary, committee; village committees with 一肩挑 in about
80 % of villages), pools, trainings, about 200 activities in the year with
attendance, units and mass organizations, rule documents, 五议五公开 matters,
disclosures, facilities with "十有" checks, collective income and the rest —
with shortfalls sprinkled at realistic rates so that scores differ.

Deterministic for a seed: every township draws from its own `random.Random`,
so the same arguments give the same names, numbers, dates and counts (the
ciphertexts differ: Fernet uses a fresh IV each time).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone

from wuji.activities.choices import AbsenceReason, HonorLevel, PledgeResult, ReviewOutcome
from wuji.activities.models import (
    Activity,
    ActivityType,
    Attendance,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.core import crypto, idcard, pinyin
from wuji.core.fields import EncryptedTextField
from wuji.governance.choices import (
    ArchiveCategory,
    AssetKind,
    Channel,
    DisclosureKind,
    MatterStatus,
    RuleKind,
    StepKind,
    required_rules,
)
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
from wuji.orgs.choices import Category, MassOrgKind, OrgKind, UnitKind, WeakSource, WeakStatus
from wuji.orgs.models import MassOrganization, Organization, Unit, WeakFlag
from wuji.people.choices import Education, Pool, SelectionMethod, Stage, Title, TrainingCategory, TrainingKind
from wuji.people.models import ID_PURPOSE, PHONE_PURPOSE, MembershipStage, Person, PoolEntry, Position, SourceTag
from wuji.people.models import Training as TrainingRow
from wuji.people.rules import add_months
from wuji.support.choices import FacilityKind, FundingKind, GroupKind, GroupRole, PensionScheme
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    FacilityCheck,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
    SiteInspection,
)

D = dt.date
M = TypeVar("M", bound=models.Model)

# The county's note carries this once generation has finished: `bench/` reuses a database by it.
MARKER = "gen_data synthetic county"
IN_PROGRESS = "gen_data synthetic county: 生成中（未完成）"
BYPASS_NOTICE = "合成数据绕过业务服务（services）直接批量写入：不做权限检查和逐条校验，不留审计记录，仅供性能测试使用。"

# One township's 23 branches, interleaved so that a partial last township still has a mix.
_V, _C, _O = Category.VILLAGE, Category.COMMUNITY, Category.ORGAN
_E, _H, _S = Category.EDUCATION, Category.HEALTH, Category.SOE
TOWNSHIP_MIX: tuple[str, ...] = (
    _V, _O, _V, _E, _V, _O, _S, _V, _O, _E, _V, _H, _O, _V, _E, _C, _V, _O, _S, _V, _E, _O, _V
)  # fmt: skip
VILLAGE_LEVEL = frozenset({_V, _C})
MEETING_TYPES = frozenset({"group_study", "democratic_life", "org_life", "party_spirit_review", "remote_theory"})

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
MALE_CHARS = "国建华明军平林勇强伟斌波涛成德光富贵福兴祥忠厚清松海洪文武振春永宏志家世学远超鹏飞俊杰磊刚辉洋峰宇浩"
FEMALE_CHARS = "秀英兰芳梅翠琴霞红丽萍玲燕娟凤珍云桂菊莲敏静艳慧春玉娥香琼婷雪丹洁佳颖"
PLACE_CHARS = "东西南北中上下前后新老大小高长青白红黄金石龙凤马牛花竹松柏桥河湖山坪坝沟湾溪岭岗口田庄塘林峪"
ORGAN_UNITS = ("政府机关", "财政所", "派出所", "老干部", "文化广播站", "邮电", "农技站", "国土所")
SCHOOLS = ("中心学校", "中学", "第一小学", "第二小学", "幼儿园")
SOES = (("烟草站", UnitKind.TOBACCO_STATION), ("供电所", UnitKind.POWER_COMPANY))
SPECIALTIES = ("茶叶种植", "魔芋种植", "高山蔬菜", "生猪养殖", "中药材", "农机维修", "电商销售", "乡村旅游", "家禽养殖")
DUTY_POSTS = ("政策宣传岗", "矛盾调解岗", "环境卫生监督岗", "产业发展岗", "帮扶联络岗", "治安巡逻岗", "文明创建岗")
HONOR_TITLES = ("五好基层党组织", "“三级联创”活动先进村", "先进基层党组织", "红旗党支部")
STUDY_TOPICS = ("学习党章", "学习上级会议精神", "党的基本知识", "廉政教育", "政策法规", "先进典型事迹")
EDUCATION_MIX: dict[str, tuple[tuple[str, int], ...]] = {
    "village": (
        (Education.PRIMARY, 4),
        (Education.JUNIOR_HIGH, 9),
        (Education.HIGH_SCHOOL, 5),
        (Education.SECONDARY_VOCATIONAL, 2),
        (Education.COLLEGE, 1),
    ),
    "office": (
        (Education.BACHELOR, 9),
        (Education.COLLEGE, 8),
        (Education.SECONDARY_VOCATIONAL, 2),
        (Education.HIGH_SCHOOL, 1),
        (Education.POSTGRADUATE, 1),
    ),
}


@dataclass(frozen=True)
class Shape:
    """People and posts of a branch of one category."""

    members: tuple[int, int]  # full members (cadres included)
    committee: tuple[int, int]  # 支部委员 besides the secretary
    female_share: float
    age: tuple[int, int]


SHAPES: dict[str, Shape] = {
    Category.ORGAN: Shape((24, 40), (2, 4), 0.35, (24, 60)),
    Category.EDUCATION: Shape((24, 40), (2, 4), 0.55, (24, 60)),
    Category.HEALTH: Shape((20, 34), (2, 3), 0.6, (24, 60)),
    Category.SOE: Shape((20, 34), (2, 4), 0.25, (24, 60)),
    Category.VILLAGE: Shape((18, 30), (2, 4), 0.22, (26, 80)),
    Category.COMMUNITY: Shape((20, 30), (2, 4), 0.45, (26, 78)),
    Category.NEW_SECTOR: Shape((12, 22), (2, 3), 0.35, (24, 55)),
}


@dataclass
class Summary:
    """What was written, for the command's closing lines and for tests."""

    county: str
    orgs: int
    townships: int
    seconds: float = 0.0
    counts: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        c = self.counts
        names = [
            ("orgs.organization", "党组织"),
            ("orgs.unit", "单位"),
            ("orgs.massorganization", "群团组织"),
            ("people.person", "人员"),
            ("people.membershipstage", "发展阶段"),
            ("people.position", "职务"),
            ("people.poolentry", "人才库"),
            ("people.training", "培训"),
            ("activities.activity", "活动"),
            ("activities.attendance", "出席"),
            ("governance.ruledocument", "制度"),
            ("governance.matter", "五议五公开事项"),
            ("governance.disclosure", "公开"),
            ("support.facility", "阵地设施"),
            ("support.facilitycheck", "十有检查"),
            ("support.collectiveincome", "集体经济收入"),
        ]
        total = sum(c.values())
        return [
            f"已生成合成县“{self.county}”：{self.townships} 个乡镇、{self.orgs} 个党支部，"
            f"共 {total:,} 行，用时 {self.seconds:.1f} 秒（{total / max(self.seconds, 1e-9):,.0f} 行/秒）。",
            "  " + "，".join(f"{label} {c[key]:,}" for key, label in names),
            "  " + BYPASS_NOTICE,
        ]


_AS_IS, _CONVERT, _CONSTANT = "as_is", "convert", "constant"


class _Writer:
    """Batched INSERTs of model instances, counted by model.

    Not `bulk_create`: its SQL compilation was most of the generator's time. The
    values still go through each field's `get_db_prep_save` (the encrypted
    fields encrypt, dates adapt) where the field converts anything; the primary
    keys are handed out here (from the table's largest id), so that rows can
    point at rows of the same township before anything is read back.
    """

    def __init__(self, batch_size: int) -> None:
        self.batch_size = batch_size
        self.counts: Counter[str] = Counter()
        self.next_ids: dict[type[models.Model], int] = {}
        self._plans: dict[type[models.Model], tuple[str, list[tuple[str, Any]], list[Any]]] = {}
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        self._now = now

    def _plan(self, model: type[models.Model]) -> tuple[str, list[tuple[str, Any]], list[Any]]:
        """The INSERT statement, how to get each column's value, and the foreign keys to resolve."""
        plan = self._plans.get(model)
        if plan is not None:
            return plan
        meta = model._meta
        fields = [f for f in meta.concrete_fields if not f.primary_key]
        getters: list[tuple[str, Any]] = []
        for f in fields:
            if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add):
                getters.append((_CONSTANT, self._now))  # the same moment for the whole run
            elif isinstance(f, models.DateField | models.DecimalField | EncryptedTextField | models.JSONField):
                getters.append((_CONVERT, f))  # needs the field's conversion
            else:
                getters.append((_AS_IS, f.attname))  # text, numbers, flags and foreign keys go in as they are
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(c)) for c in [meta.pk.column, *(f.column for f in fields)])
        marks = ", ".join(["%s"] * (len(fields) + 1))
        sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({marks})"
        foreign = [f for f in fields if f.is_relation and f.many_to_one]
        plan = self._plans[model] = (sql, getters, foreign)
        return plan

    def _ids(self, model: type[models.Model], n: int) -> int:
        if model not in self.next_ids:
            self.next_ids[model] = (model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        first = self.next_ids[model]
        self.next_ids[model] += n
        return first

    def save(self, objs: Sequence[M]) -> Sequence[M]:
        if not objs:
            return objs
        model = type(objs[0])
        sql, getters, foreign = self._plan(model)
        first = self._ids(model, len(objs))
        rows = []
        for offset, obj in enumerate(objs):
            obj.pk = first + offset
            for f in foreign:  # made before its target had a key: take the key now
                if getattr(obj, f.attname) is None and f.is_cached(obj):
                    target = f.get_cached_value(obj)
                    if target is not None:
                        setattr(obj, f.attname, target.pk)
            values: list[Any] = [obj.pk]
            for how, what in getters:
                if how is _AS_IS:
                    values.append(getattr(obj, what))
                elif how is _CONVERT:
                    values.append(what.get_db_prep_save(getattr(obj, what.attname), connection))
                else:
                    values.append(what)
            rows.append(tuple(values))
        self._execute(model, sql, rows)
        return objs

    def rows(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        """Plain rows without model instances (attendance: millions of bare keys and flags); keys from the table."""
        quote = connection.ops.quote_name
        names = ", ".join(quote(c) for c in columns)
        marks = ", ".join(["%s"] * len(columns))
        self._execute(model, f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})", rows)

    def _execute(self, model: type[models.Model], sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        label = model._meta.label_lower
        if connection.vendor == "postgresql":
            # executemany through Django's client-side-binding cursor is a round trip a row: COPY instead.
            copy_sql = sql.split(" VALUES ", 1)[0].replace("INSERT INTO", "COPY", 1) + " FROM STDIN"
            count = 0
            with connection.cursor() as cursor, cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            self.counts[label] += count
            return
        batch: list[tuple[Any, ...]] = []
        with connection.cursor() as cursor:
            for row in rows:
                batch.append(row)
                if len(batch) >= self.batch_size:
                    cursor.executemany(sql, batch)
                    self.counts[label] += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                self.counts[label] += len(batch)

    def reset_sequences(self) -> None:
        """PostgreSQL's sequences must move past the keys handed out here (SQLite follows by itself)."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next_ids))
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


_NAME_KEYS: dict[str, tuple[str, str]] = {}


def _name_keys(name: str) -> tuple[str, str]:
    """pinyin.name_keys, remembered: the names repeat a lot across a county."""
    keys = _NAME_KEYS.get(name)
    if keys is None:
        keys = _NAME_KEYS[name] = pinyin.name_keys(name)
    return keys


def _place_name(index: int) -> str:
    """A two-character place name; distinct for distinct indexes (37 is prime to the 46 characters)."""
    n = len(PLACE_CHARS)
    a, b = divmod((index * 37 + 11) % (n * n), n)
    name = PLACE_CHARS[a] + PLACE_CHARS[b]
    return name if index < n * n else f"{name}{index // (n * n) + 1}"


@dataclass
class _Branch:
    """One branch while its township is being built."""

    org: Organization
    category: str
    index: int
    people: list[Person] = field(default_factory=list)
    members: list[Person] = field(default_factory=list)  # probationary or full by the year's end
    joined: dict[int, dt.date] = field(default_factory=dict)  # id(person) → day admitted
    cadres: list[Person] = field(default_factory=list)  # current post holders, distinct
    secretary: Person | None = None
    chair: Person | None = None
    young: list[Person] = field(default_factory=list)
    predecessors: list[Person] = field(default_factory=list)  # former secretaries
    unit_name: str = ""
    unit_kind: str = ""

    @property
    def village_level(self) -> bool:
        return self.category in VILLAGE_LEVEL


class _Township:
    """Everything of one township, drawn from its own random source and written in one transaction."""

    def __init__(self, gen: Generator, t: int, categories: Sequence[str]) -> None:
        self.gen = gen
        self.t = t
        self.year = gen.year
        self.rng = random.Random(gen.seed * 1_000_003 + t)
        self.categories = categories
        self.region = f"{gen.region_prefix}{t % 10_000:04d}"
        self.used_ids: set[tuple[dt.date, int]] = set()
        self.name = f"{_place_name(t)}乡"
        self.code = f"{gen.county_code}-{t + 1:04d}"
        self.branches: list[_Branch] = []
        self.township: Organization | None = None
        self.stages: list[MembershipStage] = []
        self.positions: list[Position] = []
        self.tags: list[tuple[Person, str]] = []
        self.leaders: list[Person] = []

    # ------------------------------------------------------------------ helpers
    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randrange(max((end - start).days, 0) + 1))

    def in_year(self, first_month: int = 1, last_month: int = 12) -> dt.date:
        return self.day(D(self.year, first_month, 1), _month_end(self.year, last_month))

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def person(
        self,
        branch_org: Organization,
        *,
        age: tuple[int, int],
        gender: str | None = None,
        female_share: float = 0.3,
        education: str | None = None,
        sources: Iterable[str] = (),
        bucket: list[Person] | None = None,
    ) -> Person:
        rng = self.rng
        gender = gender or ("F" if rng.random() < female_share else "M")
        years = rng.randint(*age)
        birth = D(self.year - years, 1, 1) + dt.timedelta(days=rng.randrange(365))
        chars = MALE_CHARS if gender == "M" else FEMALE_CHARS
        given = rng.choice(chars) if rng.random() < 0.25 else rng.choice(chars) + rng.choice(chars)
        name = rng.choice(SURNAMES) + given
        while True:
            seq = rng.randrange(1, 999)
            seq = seq if (seq % 2 == 1) == (gender == "M") else (seq + 1) % 1000
            if (birth, seq) not in self.used_ids:
                self.used_ids.add((birth, seq))
                break
        number = idcard.make(self.region, birth, seq, gender)
        phone = ""
        if rng.random() < (0.35 if years >= 65 else 0.75):
            phone = rng.choice(("13", "15", "18", "17")) + f"{rng.randrange(10**9):09d}"
        name_pinyin, initials = _name_keys(name)
        profile = "village" if branch_org.category in VILLAGE_LEVEL else "office"
        if education is None:
            choices, weights = zip(*EDUCATION_MIX[profile], strict=True)
            education = str(rng.choices(choices, weights=weights)[0])
        ethnicity = rng.choices(("汉族", "土家族", "苗族", "回族"), weights=(80, 15, 3, 2))[0]
        person = Person(
            name=name,
            name_pinyin=name_pinyin,
            name_initials=initials,
            id_number=number,  # encrypted by the field on insert
            id_hash=crypto.blind_index(number, purpose=ID_PURPOSE),
            gender=gender,
            birth_date=birth,
            phone=phone,
            phone_hash=crypto.blind_index(phone, purpose=PHONE_PURPOSE) if phone else "",
            ethnicity=ethnicity,
            education=education,
            org=branch_org,
        )
        for tag in sources:
            self.tags.append((person, tag))
        if bucket is not None:
            bucket.append(person)
        return person

    def stage(self, person: Person, stage: str, day: dt.date, org: Organization, **extra: Any) -> None:
        self.stages.append(MembershipStage(person=person, stage=stage, started_on=day, org=org, **extra))

    def backfill_member(self, person: Person, org: Organization, *, full_before: dt.date) -> dt.date:
        """Probationary and full from the files, full membership before `full_before`; returns the admission day."""
        earliest = _add_years(person.birth_date, 20)
        latest = min(D(self.year - 2, 6, 30), full_before - dt.timedelta(days=430), _add_years(person.birth_date, 45))
        latest = max(latest, earliest)
        probationary = self.day(earliest, latest)
        full = add_months(probationary, 12) + dt.timedelta(days=self.rng.randrange(60))
        note = "依据党员档案补录"
        self.stage(person, Stage.PROBATIONARY, probationary, org, backfilled=True, note=note)
        self.stage(person, Stage.FULL, full, org, backfilled=True, note=note)
        return probationary

    def meeting(self, eligible: int) -> dict[str, int]:
        eligible = max(eligible, 3)
        need = eligible // 2 + 1
        present = max(need, eligible - self.rng.randint(0, 3))
        votes = max(need, present - self.rng.randint(0, 1))
        return {"voters_eligible": eligible, "voters_present": present, "votes_for": votes}

    def develop(self, person: Person, org: Organization, dates: dict[str, dt.date], eligible: int) -> None:
        for stage in (Stage.APPLICANT, Stage.ACTIVIST, Stage.CANDIDATE, Stage.PROBATIONARY, Stage.FULL):
            if stage not in dates:
                return
            extra = self.meeting(eligible) if stage in {Stage.PROBATIONARY, Stage.FULL} else {}
            self.stage(person, stage, dates[stage], org, **extra)

    def chain_to_probationary(self, probationary: dt.date) -> dict[str, dt.date]:
        candidate = probationary - dt.timedelta(days=self.rng.randint(60, 110))
        activist = add_months(candidate, -12) - dt.timedelta(days=self.rng.randint(5, 60))
        applicant = activist - dt.timedelta(days=self.rng.randint(90, 200))
        return {
            Stage.APPLICANT: applicant,
            Stage.ACTIVIST: activist,
            Stage.CANDIDATE: candidate,
            Stage.PROBATIONARY: probationary,
        }

    def post(
        self,
        person: Person,
        org: Organization,
        title: str,
        start: dt.date,
        *,
        end: dt.date | None = None,
        method: str = SelectionMethod.OTHER,
        reason: str = "",
    ) -> Position:
        position = Position(
            person=person,
            org=org,
            title=title,
            started_on=start,
            ended_on=end,
            selection_method=method,
            end_reason=reason,
        )
        self.positions.append(position)
        return position

    # ------------------------------------------------------------------ the whole township
    def build(self) -> None:
        w = self.gen.writer
        self.tree()
        self.leadership()
        for branch in self.branches:
            self.people_of(branch)
        entries, trainings = self.pools_and_trainings()
        w.save([p for b in self.branches for p in b.people] + self.leaders)
        tag_ids = self.gen.tag_ids
        through = Person.sources.through
        w.save([through(person_id=p.pk, sourcetag_id=tag_ids[code]) for p, code in self.tags if code in tag_ids])
        w.save(self.stages)
        w.save(self.positions)
        w.save(entries)
        w.save(trainings)
        self.units()
        self.activities()
        self.member_records()
        self.governance()
        self.support()

    # ------------------------------------------------------------------ 基本组织
    def tree(self) -> None:
        gen = self.gen
        county = gen.county
        township = Organization(
            name=self.name,
            code=self.code,
            kind=OrgKind.COMMITTEE,
            founded_on=D(1984, 12, 8),
            path=Organization._get_path(county.path, county.depth + 1, self.t + 1),
            depth=county.depth + 1,
            numchild=len(self.categories),
        )
        self.township = township
        orgs = [township]
        counters: Counter[str] = Counter()
        villages = self.rng.sample(range(len(PLACE_CHARS) ** 2), 12)
        for k, category in enumerate(self.categories):
            n = counters[category]
            counters[category] += 1
            if category == _V:
                unit_name, unit_kind = f"{_place_name(villages[n])}村", UnitKind.ADMINISTRATIVE_VILLAGE
            elif category == _C:
                unit_name, unit_kind = f"{self.name[:-1]}社区居委会", UnitKind.RESIDENTS_COMMITTEE
            elif category == _O:
                unit_name, unit_kind = f"{self.name}{ORGAN_UNITS[n % len(ORGAN_UNITS)]}", UnitKind.GOVERNMENT_AGENCY
            elif category == _E:
                unit_name, unit_kind = f"{self.name[:-1]}{SCHOOLS[n % len(SCHOOLS)]}", UnitKind.SCHOOL
            elif category == _H:
                unit_name, unit_kind = f"{self.name[:-1]}卫生院", UnitKind.HOSPITAL
            else:
                soe_name, unit_kind = SOES[n % len(SOES)]
                unit_name = f"{self.name[:-1]}{soe_name}"
            org = Organization(
                name=f"{unit_name.removesuffix('居委会')}党支部",
                code=f"{self.code}-{k + 1:02d}",
                kind=OrgKind.BRANCH,
                category=category,
                founded_on=D(self.rng.randint(1960, self.year - 3), self.rng.randint(1, 12), 1),
                path=Organization._get_path(township.path, township.depth + 1, k + 1),
                depth=township.depth + 1,
                numchild=0,
            )
            orgs.append(org)
            self.branches.append(_Branch(org=org, category=category, index=k, unit_name=unit_name, unit_kind=unit_kind))
        gen.writer.save(orgs)
        self.gen.branch_count += len(self.branches)

    def leadership(self) -> None:
        """The township committee's leaders (they staff the leading group and work team)."""
        assert self.township is not None
        org = self.township
        titles = [Title.SECRETARY, Title.DEPUTY_SECRETARY, Title.DEPUTY_SECRETARY, Title.MEMBER, Title.MEMBER]
        for title in titles:
            person = self.person(org, age=(35, 55), female_share=0.2, education=Education.BACHELOR)
            self.backfill_member(person, org, full_before=D(self.year - 5, 1, 1))
            self.post(person, org, title, self.day(D(self.year - 4, 1, 1), D(self.year - 1, 6, 30)))
            self.leaders.append(person)

    # ------------------------------------------------------------------ 基本队伍
    def people_of(self, branch: _Branch) -> None:
        rng, year = self.rng, self.year
        shape = SHAPES[branch.category]
        org = branch.org
        village = branch.village_level

        def new(age: tuple[int, int] | None = None, **kw: Any) -> Person:
            kw.setdefault("female_share", shape.female_share)
            return self.person(org, age=age or shape.age, bucket=branch.people, **kw)

        def member(age: tuple[int, int] | None = None, *, full_before: dt.date | None = None, **kw: Any) -> Person:
            person = new(age, **kw)
            branch.joined[id(person)] = self.backfill_member(person, org, full_before=full_before or D(year, 1, 1))
            branch.members.append(person)
            if _age(person, year) <= 40:
                branch.young.append(person)
            return person

        # The branch committee; the secretary took office between one and eight years ago.
        since = self.day(D(year - 8, 1, 1), D(year - 1, 12, 31))
        sec_gender = "F" if rng.random() < (0.08 if village else shape.female_share * 0.6) else "M"
        secretary = member((36, 58), gender=sec_gender, full_before=since)
        committee = [member((28, 58), full_before=since) for _ in range(rng.randint(*shape.committee))]
        want_female = rng.random() < (0.85 if village else 0.7)
        for person in committee:  # a village without a woman among its cadres is a shortfall the standard names
            if village and not want_female and person.gender == "F":
                person.gender = "M"
                _regender(self, person)
        if village and want_female and sec_gender == "M" and not any(p.gender == "F" for p in committee):
            committee[-1].gender = "F"
            _regender(self, committee[-1])
        method = (
            (
                SelectionMethod.TWO_RECOMMEND_ONE_ELECTION
                if rng.random() < 0.7
                else SelectionMethod.MEMBERS_DIRECT_ELECTION
            )
            if village
            else SelectionMethod.APPOINTMENT
        )
        if rng.random() < 0.25:  # a predecessor, who left when the secretary took over
            old = member((60, 72), gender="M", full_before=since - dt.timedelta(days=6 * 365))
            self.post(
                old,
                org,
                Title.SECRETARY,
                since - dt.timedelta(days=rng.randint(3, 9) * 365),
                end=since,
                method=method,
                reason="任期届满，不再提名",
            )
            branch.predecessors.append(old)
        vacant = rng.random() < 0.03  # the secretary left during the year and nobody succeeded yet
        self.post(
            secretary,
            org,
            Title.SECRETARY,
            since,
            end=self.in_year(2, 10) if vacant else None,
            method=method,
            reason="调离" if vacant else "",
        )
        if not vacant:
            branch.secretary = secretary
        for person in committee:
            self.post(person, org, Title.MEMBER, since, method=method)
        branch.cadres = ([] if vacant else [secretary]) + committee

        if village:
            self.village_committee(branch, secretary, committee, new, member)

        # The rest of the full members, from the files.
        for _ in range(max(rng.randint(*shape.members) - len(branch.members), 0)):
            member()

        # Development: admitted last year (full this year), admitted this year, candidates, activists, applicants.
        eligible = len(branch.members)
        youth = (23, 35)  # old enough to have applied at 18 two or three years ago
        weights = (3, 5, 2) if village else (6, 3, 1)
        for _ in range(rng.choices((0, 1, 2), weights=weights)[0]):
            person = new(youth)
            dates = self.chain_to_probationary(self.day(D(year - 1, 3, 1), D(year - 1, 11, 30)))
            dates[Stage.FULL] = add_months(dates[Stage.PROBATIONARY], 12) + dt.timedelta(days=rng.randint(0, 20))
            self.develop(person, org, dates, eligible)
            branch.members.append(person)
            branch.joined[id(person)] = dates[Stage.PROBATIONARY]
            branch.young.append(person)
        for _ in range(rng.choices((0, 1, 2), weights=(2, 5, 3) if village else (5, 4, 1))[0]):
            person = new(youth)
            admitted = self.in_year(3, 11)
            self.develop(person, org, self.chain_to_probationary(admitted), eligible)
            branch.members.append(person)
            branch.joined[id(person)] = admitted
            branch.young.append(person)
        for _ in range(rng.choices((0, 1, 2), weights=(4, 4, 2))[0]):
            person = new(youth)
            activist = self.day(D(year - 2, 3, 1), D(year - 1, 6, 30))
            candidate = add_months(activist, 12) + dt.timedelta(days=rng.randint(10, 120))
            applicant = activist - dt.timedelta(days=rng.randint(90, 240))
            self.develop(
                person, org, {Stage.APPLICANT: applicant, Stage.ACTIVIST: activist, Stage.CANDIDATE: candidate}, 0
            )
            branch.young.append(person)
        activists = rng.choices(range(6), weights=(1, 2, 3, 4, 3, 2))[0] if village else rng.choice((0, 1, 1, 2))
        for _ in range(activists):
            person = new((21, 35))
            activist = self.day(D(year - 1, 1, 1), D(year, 11, 30))
            self.develop(
                person,
                org,
                {Stage.APPLICANT: activist - dt.timedelta(days=rng.randint(90, 240)), Stage.ACTIVIST: activist},
                0,
            )
            branch.young.append(person)
        for _ in range(rng.randint(1, 3) if village else rng.randint(0, 2)):
            self.develop(new((19, 30)), org, {Stage.APPLICANT: self.in_year(1, 11)}, 0)

    def village_committee(
        self,
        branch: _Branch,
        secretary: Person,
        committee: list[Person],
        new: Callable[..., Person],
        member: Callable[..., Person],
    ) -> None:
        """The village (residents') committee: 一肩挑 in about 80 % of villages, members partly non-members."""
        rng, year, org = self.rng, self.year, branch.org
        village = branch.category == _V
        chair_title = Title.VILLAGE_CHAIR if village else Title.RESIDENTS_CHAIR
        member_title = Title.VILLAGE_MEMBER if village else Title.RESIDENTS_MEMBER
        elected = self.day(D(year - 3, 9, 1), D(year - 2, 12, 31))
        if rng.random() < 0.8:
            chair = secretary
        elif rng.random() < 0.5:
            chair = member((38, 55), gender="M", full_before=elected, sources=("private_enterprise_manager",))
        else:
            chair = new((38, 56), gender="M", sources=("returnee_entrepreneur",))
        if branch.secretary is None and chair is secretary:
            chair = new((38, 56), gender="M")  # the secretary left: someone else chairs
        self.post(chair, org, chair_title, elected, method=SelectionMethod.DIRECT_ELECTION)
        branch.chair = chair
        cross = committee[:1]
        want_female = any(p.gender == "F" for p in [secretary, *committee])
        others = [new((30, 55), gender="M" if not want_female else None) for _ in range(rng.randint(1, 2))]
        for person in [*cross, *others]:
            self.post(person, org, member_title, elected, method=SelectionMethod.DIRECT_ELECTION)
        for person in [chair, *others]:
            if person not in branch.cadres:
                branch.cadres.append(person)
        if rng.random() < 0.1:  # a deputy chair
            deputy = new((30, 50))
            self.post(
                deputy,
                org,
                Title.VILLAGE_DEPUTY_CHAIR if village else Title.RESIDENTS_DEPUTY_CHAIR,
                elected,
                method=SelectionMethod.DIRECT_ELECTION,
            )
            branch.cadres.append(deputy)
        if not want_female:
            for person in branch.cadres:
                if person.gender == "F":
                    person.gender = "M"
                    _regender(self, person)

    def pools_and_trainings(self) -> tuple[list[PoolEntry], list[TrainingRow]]:
        rng, year = self.rng, self.year
        entries: list[PoolEntry] = []
        trainings: list[TrainingRow] = []
        assert self.township is not None
        organizer = f"中共{self.name}委员会"
        cadre_course = (f"{year}年村（社区）干部培训班", self.in_year(3, 6))
        trip = (f"{year}年机关党员干部外出考察学习", self.in_year(5, 10))
        winter = (f"{year - 1}—{year}年度农村党员冬训", D(year, 1, rng.randint(5, 25)))
        for branch in self.branches:
            org = branch.org
            if branch.village_level:
                cadres = {id(p) for p in branch.cadres}
                selected = self.day(D(year - 2, 3, 1), D(year - 1, 6, 30))
                reserve = rng.choices((1, 2, 3, 4, 5), weights=(1, 3, 5, 4, 2))[0]
                pool_people = [p for p in branch.young if id(p) not in cadres]
                rng.shuffle(pool_people)
                chosen = pool_people[:reserve]
                while len(chosen) < reserve:
                    extra = self.person(org, age=(24, 38), bucket=branch.people, sources=("returnee_entrepreneur",))
                    chosen.append(extra)
                if branch.category == _V and rng.random() < 0.3:
                    official = self.person(
                        org,
                        age=(23, 27),
                        education=Education.BACHELOR,
                        sources=("college_village_official",),
                        bucket=branch.people,
                    )
                    chosen.append(official)
                for person in chosen:
                    entries.append(PoolEntry(person=person, org=org, pool=Pool.RESERVE_CADRE, entered_on=selected))
                if rng.random() < 0.3:  # one who left the pool: elected, or moved away
                    gone = self.person(org, age=(28, 40), bucket=branch.people)
                    left = self.in_year(1, 11)
                    entries.append(
                        PoolEntry(
                            person=gone,
                            org=org,
                            pool=Pool.RESERVE_CADRE,
                            entered_on=selected,
                            exited_on=left,
                            exit_reason="外出务工",
                        )
                    )
                talents = rng.choices(range(5, 16), weights=(1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2))[0]
                from_members = [p for p in branch.members if id(p) not in cadres and 30 <= _age(p, year) <= 62]
                rng.shuffle(from_members)
                picked = from_members[: talents // 3]
                while len(picked) < talents:
                    talent = self.person(
                        org,
                        age=(28, 62),
                        female_share=0.3,
                        bucket=branch.people,
                        sources=("returnee_entrepreneur",) if rng.random() < 0.2 else (),
                    )
                    picked.append(talent)
                for person in picked:
                    entries.append(
                        PoolEntry(
                            person=person,
                            org=org,
                            pool=Pool.PRACTICAL_TALENT,
                            entered_on=self.day(D(year - 3, 1, 1), D(year, 6, 30)),
                            specialty=rng.choice(SPECIALTIES),
                        )
                    )
                # 村干部培训: most villages send every cadre, some all but one, a few nobody.
                mode = rng.choices(("all", "all_but_one", "none"), weights=(7, 2, 1))[0]
                trained = branch.cadres if mode == "all" else branch.cadres[:-1] if mode == "all_but_one" else []
                for person in trained:
                    trainings.append(
                        TrainingRow(
                            person=person,
                            name=cadre_course[0],
                            category=TrainingCategory.CADRE,
                            started_on=cadre_course[1],
                            ended_on=cadre_course[1] + dt.timedelta(days=2),
                            organizer=organizer,
                            place=f"{self.name}党校",
                        )
                    )
                for person in branch.members:
                    if rng.random() < 0.15 and id(person) not in cadres:
                        trainings.append(
                            TrainingRow(
                                person=person,
                                name=winter[0],
                                category=TrainingCategory.THEORY,
                                started_on=winter[1],
                                organizer=organizer,
                            )
                        )
            elif branch.category == _O and rng.random() < 0.85:
                for person in branch.members:
                    joined = branch.joined.get(id(person))
                    if joined and joined <= trip[1] and rng.random() < 0.55:
                        trainings.append(
                            TrainingRow(
                                person=person,
                                name=trip[0],
                                kind=TrainingKind.STUDY_TRIP,
                                category=TrainingCategory.OTHER,
                                started_on=trip[1],
                                ended_on=trip[1] + dt.timedelta(days=3),
                                organizer=organizer,
                            )
                        )
            else:
                for person in branch.members:
                    if rng.random() < 0.2:
                        trainings.append(
                            TrainingRow(
                                person=person,
                                name=f"{year}年业务培训",
                                category=TrainingCategory.BUSINESS,
                                started_on=D(year, 7, 10),
                                ended_on=D(year, 7, 12),
                            )
                        )
        return entries, trainings

    def units(self) -> None:
        rng, w = self.rng, self.gen.writer
        assert self.township is not None
        expected: dict[str, tuple[str, ...]] = {
            UnitKind.GOVERNMENT_AGENCY: (
                MassOrgKind.TRADE_UNION,
                MassOrgKind.YOUTH_LEAGUE,
                MassOrgKind.WOMEN_FEDERATION,
            ),
            UnitKind.ADMINISTRATIVE_VILLAGE: (
                MassOrgKind.YOUTH_LEAGUE,
                MassOrgKind.WOMEN_CONGRESS,
                MassOrgKind.MILITIA,
            ),
            UnitKind.RESIDENTS_COMMITTEE: (MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_CONGRESS, MassOrgKind.MILITIA),
            UnitKind.SCHOOL: (MassOrgKind.TRADE_UNION, MassOrgKind.YOUTH_LEAGUE),
            UnitKind.HOSPITAL: (MassOrgKind.TRADE_UNION,),
            UnitKind.TOBACCO_STATION: (MassOrgKind.TRADE_UNION,),
            UnitKind.POWER_COMPANY: (MassOrgKind.TRADE_UNION,),
        }
        units = [
            Unit(
                name=b.unit_name,
                kind=b.unit_kind,
                area=self.township,
                covered_by=b.org,
                established_on=b.org.founded_on,
            )
            for b in self.branches
        ]
        if rng.random() < 0.3:  # a 两新 unit with members but no org of its own yet: coverage below 100 %
            units.append(
                Unit(
                    name=f"{self.name[:-1]}茶叶专业合作社",
                    kind=UnitKind.COOPERATIVE,
                    area=self.township,
                    established_on=D(self.year - 2, 9, 12),
                    note="尚未单独建立党组织",
                )
            )
        w.save(units)
        mass = []
        for unit in units:
            for kind in expected.get(unit.kind, ()):
                if rng.random() < 0.93:
                    mass.append(
                        MassOrganization(
                            unit=unit,
                            kind=kind,
                            name=f"{unit.name}{MassOrgKind(kind).label}",
                            founded_on=self.day(D(1990, 1, 1), D(self.year - 1, 12, 31)),
                        )
                    )
        w.save(mass)
        flags = []
        for branch in self.branches:
            roll = rng.random()
            if roll < 0.03:
                flags.append(
                    WeakFlag(
                        org=branch.org,
                        reason="班子不团结，组织生活不正常",
                        flagged_on=D(self.year - 1, 11, 20),
                        status=WeakStatus.RECTIFYING,
                        measures="调整班子，乡党委班子成员包联",
                    )
                )
            elif roll < 0.06:
                flags.append(
                    WeakFlag(
                        org=branch.org,
                        reason="集体经济薄弱，服务群众能力不强",
                        flagged_on=D(self.year - 1, 3, 2),
                        status=WeakStatus.RECTIFIED,
                        measures="选派第一书记",
                        closed_on=self.in_year(1, 6),
                        close_note="经验收已转化",
                    )
                )
            elif roll < 0.08:
                flags.append(
                    WeakFlag(
                        org=branch.org,
                        source=WeakSource.WARNING,
                        reason="书记职位空缺超过三个月",
                        flagged_on=self.in_year(1, 11),
                    )
                )
        w.save(flags)

    # ------------------------------------------------------------------ 基本活动
    def activities(self) -> None:
        rng, year, gen = self.rng, self.year, self.gen
        types = gen.type_ids
        villages = [b for b in self.branches if b.category == _V] or [b for b in self.branches if b.village_level]
        organs = [b for b in self.branches if b.category == _O]
        pairings: list[Pairing] = []
        partner: dict[int, _Branch] = {}
        free = list(villages)
        rng.shuffle(free)
        for organ in organs:
            if free and rng.random() < 0.9:
                village = free.pop()
                partner[organ.index] = village
                pairings.append(
                    Pairing(
                        organ_org=organ.org,
                        village_org=village.org,
                        started_on=self.day(D(year - 2, 1, 1), D(year, 6, 30)),
                        goals="产业发展、基础设施和党建共建",
                    )
                )
        gen.writer.save(pairings)

        for branch in self.branches:
            plan = self.activity_plan(branch, partner.get(branch.index))
            acts = [
                Activity(
                    org=branch.org,
                    type_id=types[code],
                    held_on=day,
                    topic=topic,
                    place=place,
                    paired_org=paired.org if paired else None,
                )
                for code, day, topic, place, paired in plan
            ]
            gen.writer.save(acts)
            gen.writer.rows(
                Attendance,
                ("activity_id", "person_id", "present", "absence_reason"),
                self.attendance(branch, acts, [code for code, *_ in plan]),
            )

    def activity_plan(
        self, branch: _Branch, paired: _Branch | None
    ) -> list[tuple[str, dt.date, str, str, _Branch | None]]:
        rng, year = self.rng, self.year
        plan: list[tuple[str, dt.date, str, str, _Branch | None]] = []
        room = "党员活动室"

        def add(code: str, day: dt.date, topic: str, place: str = room, with_: _Branch | None = None) -> None:
            plan.append((code, day, topic, place, with_))

        village = branch.village_level
        # 集中学习 monthly; some branches miss a few months (the standard deducts per month).
        missed_count = rng.choices((0, 1, 2, 3, 4), weights=(70, 12, 8, 6, 4) if not village else (50, 20, 15, 10, 5))[
            0
        ]
        missed = set(rng.sample(range(1, 13), missed_count))
        for month in range(1, 13):
            if month not in missed:
                add("group_study", self.in_year(month, month), f"{month}月集中学习：{rng.choice(STUDY_TOPICS)}")
        if rng.random() < 0.95:
            add(
                "democratic_life",
                self.in_year(1, 2) if rng.random() < 0.5 else self.in_year(11, 12),
                f"{year}年度民主生活会",
            )
        quarters = [1, 2, 3, 4] if rng.random() < 0.85 else rng.sample([1, 2, 3, 4], rng.randint(1, 3))
        for quarter in quarters:
            add("org_life", self.in_year(quarter * 3 - 2, quarter * 3), f"第{quarter}季度组织生活会")
        if village:
            for _ in range(rng.choices(range(2, 15), weights=(1, 1, 2, 3, 4, 4, 4, 3, 3, 2, 2, 1, 1))[0]):
                code = rng.choice(("remote_theory", "remote_skills", "remote_culture"))
                add(code, self.in_year(), "远程教育站点播放", "远程教育站点")
            for quarter in [1, 2, 3, 4] if rng.random() < 0.8 else rng.sample([1, 2, 3, 4], rng.randint(1, 3)):
                add("deliberation", self.in_year(quarter * 3 - 2, quarter * 3), "党员群众说事议事", "党员群众服务中心")
            for _ in range(rng.randint(2, 30)):
                add("convenience", self.in_year(), "便民代办服务", "党员群众服务中心")
        if rng.random() < 0.6:
            add("party_spirit_review", self.in_year(6, 12), "党员党性定期分析")
        if paired is not None:
            for _ in range(rng.randint(2, 6)):
                add("pairing_help", self.in_year(), "结对帮扶走访", paired.unit_name, paired)
            if rng.random() < 0.2:
                add("group_study", self.in_year(), "与结对村联合开展集中学习", paired.unit_name, paired)
        fillers = (
            ("convenience", "civility", "theme_practice", "listen_visit_solve", "double_build", "pairing_help")
            if village
            else (
                "theme_practice",
                "city_rural_hand_in_hand",
                "listen_visit_solve",
                "civility",
                "convenience",
                "double_build",
            )
        )
        weights = (5, 3, 2, 2, 2, 1) if village else (3, 2, 2, 3, 2, 1)
        total = rng.randint(160, 240)
        labels = self.gen.type_names
        for code in rng.choices(fillers, weights=weights, k=max(total - len(plan), 0)):
            add(code, self.in_year(), labels[code], room if code != "convenience" else "党员群众服务中心")
        return plan

    def attendance(
        self, branch: _Branch, acts: Sequence[Activity], codes: Sequence[str]
    ) -> Iterable[tuple[int, int, bool, str]]:
        rng = self.rng
        members = branch.members
        everyone = branch.people
        reasons = (
            (AbsenceReason.WORK_AWAY, AbsenceReason.ILLNESS, AbsenceReason.PERSONAL)
            if branch.village_level
            else (AbsenceReason.BUSINESS, AbsenceReason.ILLNESS, AbsenceReason.PERSONAL)
        )
        for activity, code in zip(acts, codes, strict=True):
            if code in MEETING_TYPES:
                for person in members:
                    if rng.random() < 0.88:
                        yield (activity.pk, person.pk, True, "")
                    else:
                        yield (activity.pk, person.pk, False, rng.choice(reasons))
            else:
                for person in rng.sample(everyone, min(len(everyone), rng.randint(2, 6))):
                    yield (activity.pk, person.pk, True, "")

    def member_records(self) -> None:
        """设岗定责, 服务承诺, 党性分析, 业绩登记, 创业致富 and honours."""
        rng, year, w = self.rng, self.year, self.gen.writer
        duty: list[DutyPost] = []
        pledges: list[Pledge] = []
        reviews: list[PartySpiritReview] = []
        performance: list[PerformanceRecord] = []
        prosperity: list[ProsperityPlanEntry] = []
        honors: list[Honor] = []
        for branch in self.branches:
            org, members = branch.org, branch.members
            cover = rng.uniform(0.6, 1.0)
            if rng.random() < (0.65 if branch.village_level else 0.55):
                for person in members:
                    if rng.random() < cover:
                        duty.append(
                            DutyPost(
                                person=person,
                                org=org,
                                year=year,
                                post=rng.choice(DUTY_POSTS),
                                duty="联系群众，履行岗位职责",
                            )
                        )
            if rng.random() < 0.7:
                for person in members:
                    if rng.random() < cover:
                        pledges.append(
                            Pledge(
                                person=person,
                                org=org,
                                year=year,
                                content="为群众办实事3件以上",
                                result=rng.choice(list(PledgeResult.values)),
                            )
                        )
            if rng.random() < 0.55:
                day = self.in_year(6, 12)
                for person in members:
                    if rng.random() < cover:
                        reviews.append(
                            PartySpiritReview(
                                person=person,
                                org=org,
                                reviewed_on=day,
                                outcome=rng.choices(list(ReviewOutcome.values), weights=(6, 3, 1, 0.2))[0],
                            )
                        )
            if branch.category == _O and rng.random() < 0.7:
                for person in members:
                    if rng.random() < cover:
                        for _ in range(rng.randint(1, 2)):
                            performance.append(
                                PerformanceRecord(
                                    person=person, org=org, recorded_on=self.in_year(), content="完成重点工作任务"
                                )
                            )
            if branch.category == _V and rng.random() < 0.4:
                for person in rng.sample(members, min(len(members), rng.randint(2, 5))):
                    prosperity.append(
                        ProsperityPlanEntry(person=person, org=org, year=year, project=rng.choice(SPECIALTIES))
                    )
            if rng.random() < 0.08:
                honors.append(
                    Honor(
                        org=org,
                        title=rng.choice(HONOR_TITLES),
                        year=rng.choice((year - 1, year)),
                        level=rng.choice(list(HonorLevel.values)),
                        awarded_by=f"中共{self.name}委员会",
                    )
                )
        for rows in (duty, pledges, reviews, performance, prosperity, honors):
            w.save(rows)

    # ------------------------------------------------------------------ 基本制度
    def governance(self) -> None:
        rng, year, w = self.rng, self.year, self.gen.writer
        rules: list[RuleDocument] = []
        labels = dict(RuleKind.choices)
        for branch in self.branches:
            for kind in required_rules(branch.category):
                if rng.random() < 0.92:
                    rules.append(
                        RuleDocument(
                            org=branch.org,
                            kind=kind,
                            title=f"{branch.org.name}{labels[kind]}",
                            effective_on=self.day(D(year - 4, 1, 1), D(year - 1, 12, 31)),
                        )
                    )
        w.save(rules)
        old = []
        for rule in rules:
            if rng.random() < 0.1:  # an earlier version, superseded when the current one took effect
                old.append(
                    RuleDocument(
                        org=rule.org,
                        kind=rule.kind,
                        title=f"{rule.title}（旧版）",
                        effective_on=rule.effective_on - dt.timedelta(days=3 * 365),
                        superseded_on=rule.effective_on,
                        superseded_by=rule,
                    )
                )
        w.save(old)

        matters: list[Matter] = []
        steps: list[MatterStep] = []
        disclosures: list[Disclosure] = []
        for branch in self.branches:
            if not branch.village_level:
                continue
            for _ in range(rng.choices((0, 1, 2, 3), weights=(1, 4, 3, 2))[0]):
                matter, matter_steps, matter_disclosures = self.matter(branch)
                matters.append(matter)
                steps.extend(matter_steps)
                disclosures.extend(matter_disclosures)
        w.save(matters)
        w.save(steps)
        for branch in self.branches:
            published_kinds = [DisclosureKind.PARTY_AFFAIRS]
            if branch.village_level:
                published_kinds.append(DisclosureKind.VILLAGE_AFFAIRS)
            for quarter in range(1, 5):
                for published_kind in published_kinds:
                    if rng.random() < 0.88:
                        disclosures.append(
                            Disclosure(
                                org=branch.org,
                                kind=published_kind,
                                title=f"{year}年第{quarter}季度{published_kind.label}",
                                content="公开事项及办理情况",
                                channel=rng.choice(list(Channel.values)),
                                published_on=self.in_year(quarter * 3 - 2, quarter * 3),
                                published=True,
                            )
                        )
            if rng.random() < 0.1:  # a draft not published yet
                disclosures.append(
                    Disclosure(org=branch.org, kind=DisclosureKind.PARTY_AFFAIRS, title="待公开事项", content="草稿")
                )
        w.save(disclosures)

        archives: list[ArchiveRecord] = []
        assets: list[CollectiveAsset] = []
        finance: list[FinanceArrangement] = []
        for branch in self.branches:
            if not branch.village_level:
                continue
            if rng.random() < 0.85:
                for i in range(rng.randint(3, 8)):
                    archives.append(
                        ArchiveRecord(
                            org=branch.org,
                            category=rng.choice(list(ArchiveCategory.values)),
                            year=year - 1,
                            title=f"{year - 1}年度档案第{i + 1}卷",
                            file_no=f"{year - 1}-{i + 1:03d}",
                        )
                    )
            if rng.random() < 0.92:
                for _ in range(rng.randint(2, 6)):
                    recorded = self.day(D(year - 4, 1, 1), D(year, 10, 31))
                    assets.append(
                        CollectiveAsset(
                            org=branch.org,
                            kind=rng.choice(list(AssetKind.values)),
                            description="集体资产",
                            value=Decimal(rng.randrange(5_000, 800_000)),
                            recorded_on=recorded,
                            disposed_on=self.day(recorded, D(year, 12, 31)) if rng.random() < 0.05 else None,
                        )
                    )
            start = D(year - rng.randint(1, 4), 1, 1)
            finance.append(FinanceArrangement(org=branch.org, township_managed=rng.random() < 0.9, started_on=start))
        for rows in (archives, assets, finance):
            w.save(rows)

    def matter(self, branch: _Branch) -> tuple[Matter, list[MatterStep], list[Disclosure]]:
        rng, year = self.rng, self.year
        completed = rng.random() < 0.75
        last_step = 5 if completed else rng.randint(1, 4)
        day = self.in_year(1, 4)
        matter = Matter(
            org=branch.org,
            title=rng.choice(("村组道路硬化", "饮水工程", "集体林地流转", "村部维修")),
            description="五议五公开事项",
        )
        steps = []
        dated: dict[int, dt.date] = {}
        for step in range(1, last_step + 1):
            day += dt.timedelta(days=rng.randint(5, 25))
            dated[step] = day
            if step == StepKind.VILLAGER_PROPOSAL:
                steps.append(MatterStep(matter=matter, step=step, held_on=day, note="村民联名建议"))
                continue
            expected = {2: len(branch.members) // 3 + 3, 3: 7, 4: len(branch.members), 5: 45}[step]
            expected = max(expected, 3)
            present = rng.randint(expected // 2 + 1, expected)
            votes_for = rng.randint(present // 2 + 1, present)
            against = rng.randint(0, present - votes_for)
            steps.append(
                MatterStep(
                    matter=matter,
                    step=step,
                    held_on=day,
                    expected=expected,
                    present=present,
                    votes_for=votes_for,
                    votes_against=against,
                    abstentions=present - votes_for - against,
                )
            )
        after = {
            DisclosureKind.PROPOSAL: 3,
            DisclosureKind.PROCEDURE: 4,
            DisclosureKind.RESULT: 5,
            DisclosureKind.PLAN: 5,
            DisclosureKind.OUTCOME: 5,
        }
        disclosures = []
        for kind, step in after.items():
            if step <= last_step:
                published = min(dated[step] + dt.timedelta(days=rng.randint(1, 7)), D(year, 12, 31))
                disclosures.append(
                    Disclosure(
                        org=branch.org,
                        matter=matter,
                        kind=kind,
                        title=f"{matter.title}{kind.label}",
                        content=matter.title,
                        channel=Channel.BOARD,
                        published_on=published,
                        published=True,
                    )
                )
        if completed:
            matter.status = MatterStatus.COMPLETED
            matter.closed_on = max(d.published_on for d in disclosures if d.published_on)
        return matter, steps, disclosures

    # ------------------------------------------------------------------ 基本保障
    def support(self) -> None:
        rng, year, w, gen = self.rng, self.year, self.gen.writer, self.gen
        assert self.township is not None
        groups = []
        if rng.random() < 0.97:
            groups.append(
                LeadingGroup(
                    org=self.township,
                    kind=GroupKind.LEADING_GROUP,
                    name="“五个基本”建设工作领导小组",
                    established_on=D(year - 1, 4, 1),
                )
            )
        if rng.random() < 0.9:
            groups.append(
                LeadingGroup(
                    org=self.township,
                    kind=GroupKind.WORK_TEAM,
                    name="“五个基本”建设工作专班",
                    established_on=D(year - 1, 4, 10),
                )
            )
        w.save(groups)
        group_members = []
        for group in groups:
            for i, person in enumerate(self.leaders):
                role = GroupRole.LEADER if i == 0 else GroupRole.DEPUTY if i < 3 else GroupRole.MEMBER
                group_members.append(
                    LeadingGroupMember(group=group, person=person, role=role, started_on=group.established_on)
                )
        w.save(group_members)

        facilities: list[Facility] = []
        rooms: list[Facility] = []
        sites: list[RemoteEducationSite] = []
        for branch in self.branches:
            org = branch.org
            opened = self.day(D(year - 12, 1, 1), D(year - 1, 12, 31)) if rng.random() < 0.9 else None
            if rng.random() < (0.95 if branch.village_level else 0.9):
                room = Facility(
                    org=org,
                    kind=FacilityKind.ACTIVITY_ROOM,
                    name=f"{org.name}党员活动室",
                    opened_on=opened,
                    area_m2=Decimal(rng.randrange(40, 200)),
                )
                facilities.append(room)
                rooms.append(room)
            kinds: list[tuple[str, float]] = [(FacilityKind.OFFICE, 0.9)]
            if branch.village_level:
                kinds = [
                    (FacilityKind.OFFICE, 0.95),
                    (FacilityKind.SERVICE_CENTER, 0.9),
                    (FacilityKind.CLINIC, 0.9),
                    (FacilityKind.LIBRARY, 0.92),
                    (FacilityKind.SERVICE_SHOP, 0.85),
                ]
            for kind, p in kinds:
                if rng.random() < p:
                    facilities.append(
                        Facility(
                            org=org, kind=kind, name=f"{branch.unit_name}{FacilityKind(kind).label}", opened_on=opened
                        )
                    )
            if branch.village_level and rng.random() < 0.95:
                sites.append(
                    RemoteEducationSite(
                        org=org,
                        name=f"{branch.unit_name}远程教育站点",
                        equipment="电视机、电脑、卫星接收设备",
                        established_on=self.day(D(year - 6, 1, 1), D(year - 2, 12, 31)),
                    )
                )
        w.save(facilities)
        checks: list[FacilityCheck] = []
        items = gen.checklist_ids
        for room in rooms:
            quality = rng.choices((1.0, 0.9, 0.8, 0.6), weights=(50, 25, 15, 10))[0]
            if rng.random() < 0.3:  # an earlier check, worse than the latest
                earlier = self.day(D(year - 1, 3, 1), D(year - 1, 10, 31))
                checks.extend(
                    FacilityCheck(facility=room, item_id=item, checked_on=earlier, present=rng.random() < quality - 0.2)
                    for item in items
                )
            checked = self.in_year(3, 9)
            checks.extend(
                FacilityCheck(facility=room, item_id=item, checked_on=checked, present=rng.random() < quality)
                for item in items
            )
        w.save(checks)
        w.save(sites)
        inspections = []
        for site in sites:
            # One or two inspections on different days (the latest one counts; a tie would be ambiguous).
            for day in sorted({self.in_year(1, 6), self.in_year(7, 12)} if rng.random() < 0.5 else {self.in_year()}):
                inspections.append(SiteInspection(site=site, inspected_on=day, working=rng.random() < 0.93))
        w.save(inspections)

        incomes: list[CollectiveIncome] = []
        funding: list[Funding] = []
        pensions: list[PensionEnrollment] = []
        subsidies: list[RetirementSubsidy] = []
        for branch in self.branches:
            if not branch.village_level:
                continue
            for y in (year - 1, year):
                if y == year and rng.random() < 0.08:
                    continue  # not registered yet
                total = Decimal(round(math.exp(rng.gauss(math.log(42_000), 0.6)), -2))
                operating = (total * Decimal(rng.randint(20, 80)) / 100).quantize(Decimal("0.01"))
                incomes.append(CollectiveIncome(org=branch.org, year=y, total=total, operating=operating))
            for kind in FundingKind.values:
                funding.append(
                    Funding(org=branch.org, year=year, kind=kind, amount=Decimal(rng.randrange(5, 60) * 1000))
                )
            mains = {id(p): p for p in (branch.secretary, branch.chair) if p is not None}
            for person in mains.values():
                if rng.random() < 0.85:
                    pensions.append(
                        PensionEnrollment(
                            person=person,
                            org=branch.org,
                            scheme=PensionScheme.RURAL_BASIC,
                            enrolled_on=self.day(D(year - 3, 1, 1), D(year, 6, 30)),
                        )
                    )
            for old in branch.predecessors:
                if rng.random() < 0.6:
                    subsidies.append(
                        RetirementSubsidy(
                            person=old,
                            org=branch.org,
                            started_on=D(year - 1, 1, 1),
                            monthly_amount=Decimal(rng.choice((300, 400, 500))),
                        )
                    )
        for rows in (incomes, funding, pensions, subsidies):
            w.save(rows)


def _regender(township: _Township, person: Person) -> None:
    """Keep the ID number (and its blind index) agreeing with a gender changed after the person was drawn."""
    number = person.id_number
    seq = int(number[14:17])
    birth = person.birth_date
    township.used_ids.discard((birth, seq))
    while True:
        seq = (seq + 1) % 1000
        if (seq % 2 == 1) == (person.gender == "M") and (birth, seq) not in township.used_ids:
            township.used_ids.add((birth, seq))
            break
    number = idcard.make(township.region, birth, seq, person.gender)
    person.id_number = number
    person.id_hash = crypto.blind_index(number, purpose=ID_PURPOSE)
    if person.gender == "M" and person.name[-1] in FEMALE_CHARS:
        person.name = person.name[:-1] + township.rng.choice(MALE_CHARS)
    elif person.gender == "F" and person.name[-1] in MALE_CHARS:
        person.name = person.name[:-1] + township.rng.choice(FEMALE_CHARS)
    person.name_pinyin, person.name_initials = _name_keys(person.name)


def _month_end(year: int, month: int) -> dt.date:
    return (D(year + 1, 1, 1) if month == 12 else D(year, month + 1, 1)) - dt.timedelta(days=1)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _age(person: Person, year: int) -> int:
    return year - person.birth_date.year


class Generator:
    """One run of `generate`: the county, the lookups every township needs, the writer."""

    def __init__(self, *, orgs: int, seed: int, county: str, year: int, batch_size: int) -> None:
        self.orgs = orgs
        self.seed = seed
        self.county_code = county
        self.year = year
        self.writer = _Writer(batch_size)
        self.branch_count = 0
        self.type_ids = dict(ActivityType.objects.values_list("code", "pk"))
        self.type_names = dict(ActivityType.objects.values_list("code", "name"))
        self.checklist_ids = list(
            ChecklistItem.objects.filter(active=True).order_by("order", "pk").values_list("pk", flat=True)
        )
        self.tag_ids = dict(SourceTag.objects.values_list("code", "pk"))
        missing = {"group_study", "democratic_life", "org_life", "remote_theory", "deliberation", "convenience"} - set(
            self.type_ids
        )
        if missing:
            raise ValueError(f"活动类型缺失：{sorted(missing)}（请先运行 migrate）")
        roots = Organization.objects.filter(depth=1).count()
        if roots > 88:
            raise ValueError("顶级党组织过多，无法为合成县分配身份证地区码")
        self.region_prefix = f"{11 + roots:02d}"
        self.county: Organization = Organization()

    def run(self, progress: Callable[[str], None] | None = None) -> Summary:
        started = time.monotonic()
        say = progress or (lambda line: None)
        townships = math.ceil(self.orgs / len(TOWNSHIP_MIX))
        with transaction.atomic():
            county = Organization(
                name=f"{self.county_code}合成县委员会",
                code=self.county_code,
                kind=OrgKind.COMMITTEE,
                founded_on=D(1949, 10, 1),
                note=IN_PROGRESS,
            )
            self.county = Organization.objects.add_root(instance=county)  # type: ignore[attr-defined]
            self.county.numchild = townships
            self.county.save(update_fields=["numchild"])
            self.writer.counts["orgs.organization"] += 1
            groups = [
                LeadingGroup(org=self.county, kind=kind, name=name, established_on=D(self.year - 1, 3, 1))
                for kind, name in (
                    (GroupKind.LEADING_GROUP, "县委“五个基本”建设领导小组"),
                    (GroupKind.WORK_TEAM, "县委工作专班"),
                )
            ]
            self.writer.save(groups)
        last_report = 0.0
        try:
            for t in range(townships):
                size = min(len(TOWNSHIP_MIX), self.orgs - t * len(TOWNSHIP_MIX))
                with transaction.atomic():
                    _Township(self, t, TOWNSHIP_MIX[:size]).build()
                now = time.monotonic()
                if t + 1 == townships or now - last_report >= 5:
                    last_report = now
                    c = self.writer.counts
                    say(
                        f"  乡镇 {t + 1}/{townships}：党支部 {self.branch_count:,}，人员 {c['people.person']:,}，"
                        f"活动 {c['activities.activity']:,}，出席 {c['activities.attendance']:,}"
                        f"（{now - started:.0f} 秒）"
                    )
        finally:
            self.writer.reset_sequences()
        if connection.vendor == "postgresql":
            # The planner's statistics still describe empty tables (autovacuum would catch up, later).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        Organization.objects.filter(pk=self.county.pk).update(
            note=f"{MARKER} orgs={self.orgs} seed={self.seed} year={self.year}"
        )
        return Summary(
            county=self.county_code,
            orgs=self.branch_count,
            townships=townships,
            seconds=time.monotonic() - started,
            counts=self.writer.counts,
        )


def marker(*, orgs: int, seed: int, year: int) -> str:
    """The county note a finished run leaves (what `bench/` looks for to reuse a database)."""
    return f"{MARKER} orgs={orgs} seed={seed} year={year}"


def generate(
    *,
    orgs: int,
    seed: int = 1,
    county: str = "SYN",
    year: int = 2010,
    batch_size: int = 2000,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Build a synthetic county of `orgs` branch orgs (bypassing the services; for benchmarks only)."""
    if orgs < 1:
        raise ValueError("--orgs 应为正整数")
    if not county or len(county) > 20:
        raise ValueError("县的组织代码应为 1—20 个字符")
    if Organization.objects.filter(code=county).exists():
        raise ValueError(f"组织代码“{county}”已存在；请换一个 --county，或在新的数据库中生成")
    if not 1950 < year < dt.date.today().year:  # noqa: DTZ011 (ID numbers may not be born in the future)
        raise ValueError("--year 应为过去的年份")
    return Generator(orgs=orgs, seed=seed, county=county, year=year, batch_size=batch_size).run(progress)
