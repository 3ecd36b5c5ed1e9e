"""The demo township 傅家堰乡 as data: what seed §二 lists, and where each branch stands.

Everything a screenshot or a test relies on is spelled out here (which village
lacks a female cadre, which is not 一肩挑 …); `loader` only adds the people
around these facts, deterministically, from `random.Random(SEED)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from wuji.orgs.choices import Category, MassOrgKind, UnitKind
from wuji.people.choices import SelectionMethod

SEED = 2010
AS_OF = dt.date(2010, 4, 15)  # "today" of the demo: the campaign starts mid-April 2010
REGION = "420529"  # 五峰土家族自治县
PASSWORD = "Wuji-demo-2010"
BACKFILL_NOTE = "依据党员档案补录"
ORGANIZER = "中共傅家堰乡委员会"

D = dt.date


_MASS_ORGAN = (MassOrgKind.TRADE_UNION, MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_FEDERATION)
_MASS_VILLAGE = (MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_CONGRESS, MassOrgKind.MILITIA)


@dataclass(frozen=True)
class UnitSpec:
    """A unit a branch covers, with the mass organizations it has."""

    name: str
    kind: str
    mass_orgs: tuple[str, ...] = ()
    established_on: dt.date | None = None


@dataclass(frozen=True)
class CommitteeSpec:
    """The county root and the township committee."""

    code: str
    name: str
    founded_on: dt.date


@dataclass(frozen=True)
class TrainingSpec:
    name: str
    started_on: dt.date
    ended_on: dt.date
    place: str


@dataclass(frozen=True)
class WeakFlagSpec:
    flagged_on: dt.date
    reason: str
    measures: str
    closed_on: dt.date | None = None
    close_note: str = ""


@dataclass(frozen=True)
class AccountSpec:
    username: str
    role: str
    display_name: str
    org_code: str = ""  # blank: bound to no org


COUNTY = CommitteeSpec("WF", "五峰土家族自治县委员会", D(1984, 12, 8))
TOWNSHIP = CommitteeSpec("FJY", "中共傅家堰乡委员会", D(1984, 12, 8))


@dataclass(frozen=True)
class BranchSpec:
    """One branch of the township and the facts the demo gives it.

    `members` counts full members (cadres included); the counts below it are the
    people at other stages and in the pools, as of `AS_OF`.
    """

    code: str
    name: str
    category: str
    account: str
    founded_on: dt.date
    unit: UnitSpec
    members: int
    committee: int  # 支部委员 besides the secretary
    secretary_since: dt.date
    selection_method: str = SelectionMethod.OTHER
    secretary_sources: tuple[str, ...] = ()
    female_share: float = 0.3
    age_range: tuple[int, int] = (25, 75)
    # village level (农村/社区)
    dual_role: bool = True
    chair_is_member: bool = False  # when not 一肩挑: is the chair a Party member?
    chair_since: dt.date | None = None
    village_members: int = 0  # 村委会委员 / 居委会委员
    female_cadres: int = 0  # exactly this many women among the post holders
    reserve_cadres: int = 0
    practical_talents: int = 0
    activists: int = 0
    candidates: int = 0
    applicants: int = 0
    new_members: int = 0  # admitted as 预备党员 early in 2010 (before AS_OF)
    developed_2008: int = 0  # admitted 2008, full 2009: the whole chain with meeting numbers
    college_official: bool = False  # a 大学生村官 among the reserve cadres
    predecessor_since: dt.date | None = None  # the secretary succeeded someone at `secretary_since`
    cadre_training: str = "all"  # "all", "none", "all_but_one" (the 2010 村干部培训)
    # 机关
    study_trip: bool = False  # the 2010 外出考察学习
    secretary_left_on: dt.date | None = None  # secretary left, nobody succeeded
    new_member_organ: bool = False
    # 软弱涣散
    weak: str = ""  # "", "rectifying", "rectified"

    @property
    def is_village_level(self) -> bool:
        return self.category in {Category.VILLAGE, Category.COMMUNITY}


def _unit_branch(
    n: int,
    name: str,
    category: str,
    unit: UnitSpec,
    *,
    members: int,
    committee: int,
    since: dt.date,
    founded: dt.date,
    female_share: float,
    age_range: tuple[int, int] = (26, 58),
    **kw: Any,
) -> BranchSpec:
    accounts: dict[str, str] = {
        Category.ORGAN: "organ",
        Category.EDUCATION: "school",
        Category.HEALTH: "health",
        Category.SOE: "soe",
    }
    firsts: dict[str, int] = {Category.ORGAN: 1, Category.EDUCATION: 7, Category.HEALTH: 11, Category.SOE: 12}
    first = firsts[category]  # the code number of the category's first branch: its account ends in 1
    return BranchSpec(
        code=f"FJY-{n:02d}",
        name=name,
        category=category,
        account=f"{accounts[category]}{n - first + 1}",
        founded_on=founded,
        unit=unit,
        members=members,
        committee=committee,
        secretary_since=since,
        female_share=female_share,
        age_range=age_range,
        **kw,
    )


def _agency(name: str, founded: dt.date) -> UnitSpec:
    return UnitSpec(name, UnitKind.GOVERNMENT_AGENCY, _MASS_ORGAN, founded)


_ORGAN = Category.ORGAN
# A table: one branch per entry reads better than one argument per line.
# fmt: off
ORGANS = [
    _unit_branch(
        1, "傅家堰乡政府机关党支部", _ORGAN, _agency("傅家堰乡人民政府", D(1985, 3, 1)),
        members=14, committee=4, since=D(2006, 11, 20), founded=D(1985, 3, 1), female_share=0.35,
        study_trip=True, new_member_organ=True,
    ),
    _unit_branch(
        2, "傅家堰乡财政所党支部", _ORGAN, _agency("傅家堰乡财政所", D(1992, 6, 1)),
        members=6, committee=2, since=D(2007, 3, 12), founded=D(1992, 6, 1), female_share=0.35, study_trip=True,
    ),
    _unit_branch(
        3, "傅家堰乡派出所党支部", _ORGAN, _agency("五峰土家族自治县公安局傅家堰派出所", D(1986, 9, 1)),
        members=7, committee=2, since=D(2008, 1, 8), founded=D(1986, 9, 1), female_share=0.2, study_trip=True,
    ),
    _unit_branch(
        4, "傅家堰乡老干部党支部", _ORGAN, _agency("傅家堰乡老干部活动中心", D(1990, 7, 1)),
        members=12, committee=2, since=D(2005, 6, 28), founded=D(1990, 7, 1), female_share=0.2,
        age_range=(60, 75), study_trip=True,
    ),
    _unit_branch(
        5, "傅家堰乡文化广播站党支部", _ORGAN, _agency("傅家堰乡文化广播电视站", D(1995, 5, 1)),
        members=5, committee=2, since=D(2006, 4, 10), founded=D(1995, 5, 1), female_share=0.35,
        study_trip=True, secretary_left_on=D(2010, 1, 8),
    ),
    _unit_branch(
        6, "傅家堰乡邮电党支部", _ORGAN, _agency("傅家堰邮电支局", D(1988, 4, 1)),
        members=5, committee=2, since=D(2004, 9, 15), founded=D(1988, 4, 1), female_share=0.35,
    ),
]

_TU, _YL = MassOrgKind.TRADE_UNION, MassOrgKind.YOUTH_LEAGUE
OTHERS = [
    _unit_branch(
        7, "傅家堰民族中学党支部", Category.EDUCATION,
        UnitSpec("傅家堰民族中学", UnitKind.SCHOOL, (_TU, _YL), D(1958, 9, 1)),
        members=13, committee=4, since=D(2007, 9, 10), founded=D(1978, 9, 1), female_share=0.4,
        new_member_organ=True,
    ),
    _unit_branch(
        8, "傅家堰中心小学党支部", Category.EDUCATION,
        UnitSpec("傅家堰中心小学", UnitKind.SCHOOL, (_TU, _YL), D(1952, 9, 1)),
        members=11, committee=3, since=D(2006, 9, 5), founded=D(1982, 9, 1), female_share=0.5,
    ),
    _unit_branch(
        9, "石柱山小学党支部", Category.EDUCATION,
        UnitSpec("傅家堰乡石柱山小学", UnitKind.SCHOOL, (_TU,), D(1965, 9, 1)),
        members=5, committee=2, since=D(2008, 9, 1), founded=D(1996, 9, 1), female_share=0.5,
    ),
    _unit_branch(
        10, "清水湾小学党支部", Category.EDUCATION,
        UnitSpec("傅家堰乡清水湾小学", UnitKind.SCHOOL, (_TU,), D(1968, 9, 1)),
        members=5, committee=2, since=D(2009, 2, 23), founded=D(1998, 9, 1), female_share=0.5,
    ),
    _unit_branch(
        11, "傅家堰乡卫生院党支部", Category.HEALTH,
        UnitSpec("傅家堰乡卫生院", UnitKind.HOSPITAL, (_TU, _YL), D(1956, 3, 1)),
        members=9, committee=2, since=D(2007, 5, 16), founded=D(1986, 7, 1), female_share=0.5,
    ),
    _unit_branch(
        12, "傅家堰烟草站党支部", Category.SOE,
        UnitSpec("傅家堰烟草站", UnitKind.TOBACCO_STATION, (_TU,), D(1990, 3, 1)),
        members=6, committee=2, since=D(2008, 4, 2), founded=D(1992, 7, 1), female_share=0.2,
    ),
    _unit_branch(
        13, "傅家堰供电所党支部", Category.SOE,
        UnitSpec("傅家堰供电所", UnitKind.POWER_COMPANY, (_TU, _YL), D(1997, 10, 1)),
        members=7, committee=2, since=D(2006, 12, 1), founded=D(1999, 5, 10), female_share=0.15,
    ),
]
# fmt: on

_TWO = SelectionMethod.TWO_RECOMMEND_ONE_ELECTION
_DIRECT = SelectionMethod.MEMBERS_DIRECT_ELECTION
_MILITIA = MassOrgKind.MILITIA
_WOMEN = MassOrgKind.WOMEN_CONGRESS


def _village(
    n: int,
    village: str,
    *,
    members: int,
    committee: int,
    since: dt.date,
    method: str,
    missing_mass_orgs: tuple[str, ...] = (),
    **kw: object,
) -> BranchSpec:
    mass = tuple(k for k in _MASS_VILLAGE if k not in missing_mass_orgs)
    return BranchSpec(
        code=f"FJY-{13 + n:02d}",
        name=f"{village}党支部",
        category=Category.VILLAGE,
        account=f"village{n}",
        founded_on=D(2001, 12, 1),  # the villages as they are since the 2001 merger of villages
        unit=UnitSpec(village, UnitKind.ADMINISTRATIVE_VILLAGE, mass, D(2001, 12, 1)),
        members=members,
        committee=committee,
        secretary_since=since,
        selection_method=method,
        female_share=0.25,
        **kw,  # type: ignore[arg-type]
    )


# 2008 was the year of the branch (March) and village committee (October) elections.
VILLAGES = [
    _village(
        1,
        "傅家堰村",
        members=28,
        committee=4,
        since=D(2008, 3, 12),
        method=_TWO,
        secretary_sources=("returnee_entrepreneur",),
        village_members=3,
        female_cadres=2,
        reserve_cadres=5,
        practical_talents=14,
        activists=4,
        candidates=1,
        new_members=2,
        developed_2008=1,
        college_official=True,
    ),
    _village(
        2,
        "石柱山村",
        members=24,
        committee=3,
        since=D(2005, 3, 16),
        method=_DIRECT,
        secretary_sources=("veteran",),
        chair_since=D(2005, 10, 18),
        village_members=3,
        female_cadres=1,
        reserve_cadres=4,
        practical_talents=12,
        activists=3,
        applicants=1,
        new_members=1,
    ),
    _village(
        3,
        "枫香坪村",
        members=22,
        committee=3,
        since=D(2008, 3, 20),
        method=_TWO,
        predecessor_since=D(2002, 3, 18),
        village_members=2,
        female_cadres=1,
        reserve_cadres=3,
        practical_talents=11,
        activists=3,
        developed_2008=1,
        cadre_training="all_but_one",
    ),
    _village(
        4,
        "大龙坪村",
        members=19,
        committee=3,
        since=D(2008, 3, 14),
        method=_TWO,
        secretary_sources=("migrant_worker",),
        dual_role=False,
        chair_is_member=True,
        village_members=3,
        female_cadres=2,
        reserve_cadres=4,
        practical_talents=10,
        activists=2,
        new_members=1,
        missing_mass_orgs=(_MILITIA,),
    ),
    _village(
        5,
        "清水湾村",
        members=21,
        committee=2,
        since=D(2008, 3, 18),
        method=_DIRECT,
        village_members=2,
        female_cadres=0,
        reserve_cadres=3,
        practical_talents=8,
        activists=3,
        new_members=1,
    ),
    _village(
        6,
        "岩门子村",
        members=17,
        committee=2,
        since=D(2008, 3, 24),
        method=_TWO,
        village_members=2,
        female_cadres=1,
        reserve_cadres=2,
        practical_talents=12,
        activists=1,
        developed_2008=1,
        missing_mass_orgs=(_WOMEN,),
        weak="rectified",
    ),
    _village(
        7,
        "茶园坡村",
        members=26,
        committee=4,
        since=D(2005, 3, 22),
        method=_DIRECT,
        secretary_sources=("rural_youth_entrepreneur",),
        chair_since=D(2005, 10, 20),
        village_members=3,
        female_cadres=1,
        reserve_cadres=5,
        practical_talents=15,
        activists=4,
        candidates=1,
        new_members=2,
        college_official=True,
        missing_mass_orgs=(_MILITIA,),
    ),
    _village(
        8,
        "白鹤洞村",
        members=15,
        committee=2,
        since=D(2008, 3, 26),
        method=_TWO,
        secretary_sources=("private_enterprise_manager",),
        dual_role=False,
        chair_is_member=False,
        village_members=2,
        female_cadres=1,
        reserve_cadres=1,
        practical_talents=6,
        activists=1,
        cadre_training="none",
        weak="rectifying",
    ),
    _village(
        9,
        "堰塘坪村",
        members=20,
        committee=3,
        since=D(2008, 3, 28),
        method=_TWO,
        secretary_sources=("retired_cadre",),
        village_members=2,
        female_cadres=2,
        reserve_cadres=4,
        practical_talents=7,
        activists=3,
        applicants=1,
        new_members=1,
    ),
]

COMMUNITY = BranchSpec(
    code="FJY-23",
    name="堰窝子居委会党支部",
    category=Category.COMMUNITY,
    account="community1",
    founded_on=D(2002, 6, 18),
    unit=UnitSpec("堰窝子居委会", UnitKind.RESIDENTS_COMMITTEE, _MASS_VILLAGE, D(2002, 6, 18)),
    members=16,
    committee=2,
    secretary_since=D(2008, 3, 30),
    selection_method=_TWO,
    female_share=0.35,
    chair_since=D(2008, 10, 26),
    village_members=2,
    female_cadres=1,
    reserve_cadres=3,
    practical_talents=10,
    activists=3,
    new_members=1,
)

# In code order: the tree sorts by code, and the accounts follow the same order.
BRANCHES: list[BranchSpec] = [*ORGANS, *OTHERS, *VILLAGES, COMMUNITY]

# A unit of seed §三㈠3 that nobody covers yet, so coverage is visibly short of 100 %.
UNCOVERED_UNIT = UnitSpec("傅家堰茶叶专业合作社", UnitKind.COOPERATIVE, (), D(2008, 9, 12))
UNCOVERED_NOTE = "2008年成立，入社茶农86户，党员5名，尚未单独建立党组织"

WEAK_FLAGS = {
    "rectifying": WeakFlagSpec(
        flagged_on=D(2009, 12, 10),
        reason="支部书记长期在外经商，“三会一课”不正常，班子不团结；两年未发展党员；村级集体经济薄弱。",
        measures="乡党委班子成员包村、派驻工作组蹲点指导；调整充实支部班子；落实“三会一课”制度；"
        "帮助发展茶叶产业，壮大村级集体经济。",
    ),
    "rectified": WeakFlagSpec(
        flagged_on=D(2008, 4, 10),
        reason="支部书记年龄偏大、后继乏人，党员长期未发展，组织生活不正常。",
        measures="选配年轻支部委员，落实发展党员计划，建立“三会一课”台账。",
        closed_on=D(2009, 6, 30),
        close_note="已选配年轻委员，2008年发展党员1名，组织生活恢复正常，经乡党委验收转化。",
    ),
}

TOWNSHIP_LEADERS = [
    # (name, gender, birth date, title, since, education)
    ("向宏伟", "M", D(1966, 8, 12), "secretary", D(2007, 11, 26), "bachelor"),
    ("田家兴", "M", D(1970, 2, 3), "deputy_secretary", D(2007, 11, 26), "college"),
    ("王建华", "M", D(1972, 5, 19), "member", D(2007, 11, 26), "bachelor"),
]

# The officer comes first: the loader acts as this account from the start.
STAFF_ACCOUNTS = [
    AccountSpec("officer", "officer", "王建华", TOWNSHIP.code),
    AccountSpec("county", "officer", "覃国庆", COUNTY.code),  # 县委组织部: keeps the county-wide lists (“十有”)
    AccountSpec("inspector", "inspector", "刘志刚", TOWNSHIP.code),
    AccountSpec("auditor", "auditor", "张丽"),
    AccountSpec("sysadmin", "sysadmin", "陈伟"),
    AccountSpec("secadmin", "secadmin", "孟晓燕"),  # 安全管理员 (三权分立); 孟 is no generated surname
]

# Names that are only for people the loader makes from fixed data (never generated twice).
RESERVED_NAMES = {row[0] for row in TOWNSHIP_LEADERS} | {a.display_name for a in STAFF_ACCOUNTS}

# Both fall inside the campaign year 2010 and before AS_OF, so that they count for the year's
# assessment and for the rolling year alike.
VILLAGE_CADRE_TRAINING = TrainingSpec(
    "2010年全乡村（居）干部培训班", D(2010, 3, 23), D(2010, 3, 25), "傅家堰乡人民政府会议室"
)
STUDY_TRIP = TrainingSpec("2010年机关党员干部外出考察学习", D(2010, 3, 15), D(2010, 3, 18), "宜都市、长阳土家族自治县")

SURNAMES = "向向向向田田田覃覃覃李李王王张张刘刘杨杨邓邓胡胡谭谭唐彭陈周黄万宋曹龚徐罗郑"
MALE_CHARS = "国建华明军平林勇强伟斌波涛成德光富贵福兴祥忠厚清松海洪文武振春永宏志家世学远超鹏飞俊杰磊刚辉洋"
FEMALE_CHARS = "秀英兰芳梅翠琴霞红丽萍玲燕娟凤珍云桂菊莲敏静艳慧春玉娥香琼"

TALENT_SPECIALTIES = (
    "茶叶种植与加工",
    "烤烟种植",
    "高山蔬菜种植",
    "魔芋种植",
    "中药材种植（独活、党参）",
    "生猪养殖",
    "山羊养殖",
    "养蜂",
    "农机维修",
    "土家织锦",
    "木匠",
    "泥瓦匠",
    "厨师",
    "电工",
    "乡村旅游（农家乐）",
    "板栗嫁接",
    "果树栽培",
    "兽医",
)
PHONE_PREFIXES = tuple(
    "130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 180 186 187 188 189".split()
)
