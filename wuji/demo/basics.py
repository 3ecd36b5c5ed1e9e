"""The demo township's 2010 of the other three basics: activities, rules and guarantees.

Built after the org tree and the people (`loader`), through the services of
`activities`, `governance` and `support` only, acting as the `officer`
account, with `random.Random(2010)` for everything left to chance. Every date
lies in 2010, no later than `LAST_DAY` (nor after the real today); services
that take `today=` get the day the record was entered, a few days after the
fact, so only the handful named in `BACKFILLED` are back-entries.

The shortfalls screens and tests rely on are the constants below, not chance:
a 机关 branch that missed three monthly studies, two orgs without a
民主生活会, an unpaired 机关 branch, villages missing rules, facilities or
"十有" items, a village without a remote-education site and one whose site
was found broken, incomes on both sides of 50,000 元, cadres not insured, and
五议五公开 matters in every state.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from auditlog.context import set_actor
from django.utils import timezone

from wuji.activities import services as activity_services
from wuji.activities.choices import AbsenceReason, HonorLevel, PledgeResult, ReviewOutcome
from wuji.activities.models import (
    Activity,
    ActivityType,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.activities.services import Presence
from wuji.demo import data
from wuji.demo.loader import DemoSummary
from wuji.governance import services as governance_services
from wuji.governance.choices import ArchiveCategory, AssetKind, Channel, DisclosureKind, MatterStatus, RuleKind
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    PerformanceRecord,
)
from wuji.orgs.choices import Category
from wuji.orgs.models import Organization
from wuji.people.choices import MAIN_CADRE_TITLES, Title
from wuji.people.models import Person, Position
from wuji.support import services as support_services
from wuji.support.choices import FacilityKind, FundingKind, GroupKind, GroupRole, PensionScheme
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
)

if TYPE_CHECKING:
    from wuji.demo.loader import _Branch, _Builder

D = dt.date
SEED = 2010
FIRST_DAY = D(2010, 1, 1)
LAST_DAY = D(2010, 10, 31)
BACKFILL_REASON = "线下召开，会后补录"

ORGANS = [f"FJY-{n:02d}" for n in range(1, 7)]
VILLAGES = [spec.code for spec in data.VILLAGES] + [data.COMMUNITY.code]  # FJY-14 … FJY-23

# ---------------------------------------------------------------- 基本活动: the facts
STUDY_MONTHS = range(1, 11)  # January to October 2010
MISSED_STUDY_MONTHS = {"FJY-02": (3, 7, 8)}  # 财政所: no 集中学习 in March, July and August
NO_DEMOCRATIC_LIFE = ("FJY-06", "FJY-21")  # 邮电支部, 白鹤洞村
# 机关 branch → the village it is paired with; 老干部党支部 (FJY-04) is unpaired.
PAIRINGS = {"FJY-01": "FJY-21", "FJY-02": "FJY-17", "FJY-03": "FJY-19", "FJY-05": "FJY-16", "FJY-06": "FJY-18"}
UNPAIRED_ORGAN = "FJY-04"
PAIRED_ON = D(2010, 3, 10)
JOINT_ACTIVITIES = ("FJY-01", "FJY-02", "FJY-05", "FJY-06")  # one joint activity each, in the village
# (org code, type code, month): entered weeks after the meeting, with BACKFILL_REASON.
BACKFILLED = {
    ("FJY-03", "group_study", 2),
    ("FJY-05", "group_study", 1),
    ("FJY-06", "group_study", 9),
    ("FJY-12", "democratic_life", 2),
    ("FJY-19", "deliberation", 1),
}
# Villages: 远程教育 every other month (the broken site stopped after May), 说事议事 and 便民服务 each quarter.
REMOTE_MONTHS = (3, 5, 7, 9)
REMOTE_MONTHS_BROKEN = (3, 5)
DELIBERATION_MONTHS = (1, 4, 7, 10)
SERVICE_MONTHS = (6, 9)
DUTY_AND_PLEDGE_VILLAGES = ("FJY-14", "FJY-15", "FJY-20")  # 设岗定责 and 服务承诺 for most members
SPIRIT_REVIEW_ORGS = ("FJY-01", "FJY-14", "FJY-22")  # 党性分析
PROSPERITY_VILLAGES = {"FJY-14": True, "FJY-15": False, "FJY-20": True, "FJY-22": True}  # True: one 标兵 named
HONORS = [
    ("FJY-14", "五好基层党组织", 2009, HonorLevel.COUNTY, "中共五峰土家族自治县委员会"),
    ("FJY-20", "五好基层党组织", 2009, HonorLevel.COUNTY, "中共五峰土家族自治县委员会"),
    ("FJY-15", "“三级联创”活动先进村", 2009, HonorLevel.TOWNSHIP, data.ORGANIZER),
    ("FJY-11", "先进基层党组织", 2009, HonorLevel.TOWNSHIP, data.ORGANIZER),
]

# ---------------------------------------------------------------- 基本制度: the facts
NO_RULES = ("FJY-13",)  # 供电所党支部 has adopted none yet
MISSING_RULES = {
    "FJY-18": (RuleKind.THREE_ASSETS_MANAGEMENT,),
    "FJY-19": (RuleKind.ARCHIVE_MANAGEMENT,),
    "FJY-21": (RuleKind.THREE_ASSETS_MANAGEMENT, RuleKind.ARCHIVE_MANAGEMENT),
}
REVISED_RULE = ("FJY-14", RuleKind.PUBLIC_AFFAIRS_DISCLOSURE)  # a January version superseded in June
VILLAGE_RULES = (
    RuleKind.DELIBERATION_RULES,
    RuleKind.DECISION_PROCEDURE,
    RuleKind.PARTY_AFFAIRS_DISCLOSURE,
    RuleKind.PUBLIC_AFFAIRS_DISCLOSURE,
    RuleKind.DEMOCRATIC_MANAGEMENT,
    RuleKind.INTEGRITY_RESPONSIBILITY,
    RuleKind.SECRETARY_TARGET_RESPONSIBILITY,
    RuleKind.CADRE_PERFORMANCE,
    RuleKind.CADRE_MANAGEMENT,
    RuleKind.ARCHIVE_MANAGEMENT,
    RuleKind.THREE_ASSETS_MANAGEMENT,
)
ORGAN_RULES = (
    RuleKind.DELIBERATION_RULES,
    RuleKind.DECISION_PROCEDURE,
    RuleKind.PARTY_AFFAIRS_DISCLOSURE,
    RuleKind.PUBLIC_AFFAIRS_DISCLOSURE,
    RuleKind.INTEGRITY_RESPONSIBILITY,
    RuleKind.SECRETARY_TARGET_RESPONSIBILITY,
    RuleKind.PERFORMANCE_REGISTRATION,
    RuleKind.CADRE_MANAGEMENT,
    RuleKind.ARCHIVE_MANAGEMENT,
)
UNIT_RULES = (
    RuleKind.DELIBERATION_RULES,
    RuleKind.DECISION_PROCEDURE,
    RuleKind.PARTY_AFFAIRS_DISCLOSURE,
    RuleKind.INTEGRITY_RESPONSIBILITY,
    RuleKind.SECRETARY_TARGET_RESPONSIBILITY,
)
# 村财乡管: every village from 2010-01-01, but 茶园坡村 keeps its own books and 白鹤洞村 has nothing recorded.
SELF_MANAGED_FINANCE = ("FJY-20",)
SELF_MANAGED_NOTE = "村级自管，乡经管站审计监督"
TOWNSHIP_MANAGED_NOTE = "由乡农村经济经营管理站代理记账"
NO_FINANCE_ARRANGEMENT = ("FJY-21",)
DRAFT_TITLE = "2010年第三季度村级财务收支公开"
DRAFT_CONTENT = "（草稿，待村务监督委员会审核）第三季度收入合计待核实，支出明细待补充票据。"
DRAFT_ORG = "FJY-14"


@dataclass(frozen=True)
class StepSpec:
    held_on: dt.date
    expected: int | None = None
    present: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    note: str = ""


@dataclass(frozen=True)
class MatterSpec:
    org: str
    title: str
    description: str
    steps: tuple[StepSpec, ...]
    disclosures: tuple[tuple[str, dt.date, str, str], ...] = ()  # (kind, published_on, channel, content)
    abandoned: tuple[dt.date, str] | None = None
    status: str = MatterStatus.IN_PROGRESS


_P, _R, _X, _L, _O = (
    DisclosureKind.PROPOSAL,
    DisclosureKind.PROCEDURE,
    DisclosureKind.RESULT,
    DisclosureKind.PLAN,
    DisclosureKind.OUTCOME,
)
_BOARD, _RADIO, _MEETING = Channel.BOARD, Channel.BROADCAST, Channel.MEETING

MATTERS = [
    MatterSpec(
        "FJY-14",
        "二组至五组通组公路硬化",
        "二组至五组通组公路长3.2公里，雨天泥泞难行，拟申请“村村通”项目资金，村民投工投劳实施硬化。",
        (
            StepSpec(D(2010, 3, 2), note="二组、五组村民代表12人联名建议"),
            StepSpec(D(2010, 3, 9), 5, 5, 5, 0, 0),
            StepSpec(D(2010, 3, 16), 8, 8, 8, 0, 0),
            StepSpec(D(2010, 3, 26), 29, 24, 22, 0, 2),
            StepSpec(D(2010, 4, 8), 45, 39, 36, 1, 2),
        ),
        (
            (_P, D(2010, 3, 18), _BOARD, "拟硬化二组至五组通组公路3.2公里，路面宽3.5米，估算投资64万元。"),
            (_R, D(2010, 3, 28), _BOARD, "支部会、“两委”会、党员大会已依次审议通过，提交村民代表大会决议。"),
            (_X, D(2010, 4, 10), _RADIO, "村民代表大会应到45人，实到39人，36人同意，决议实施。"),
            (_L, D(2010, 4, 20), _BOARD, "争取项目资金52万元，其余由受益农户投工投劳；5月开工，9月底完工。"),
            (_O, D(2010, 9, 28), _BOARD, "公路硬化已于9月20日完工并经乡政府验收合格，工程结算60.8万元。"),
        ),
        status=MatterStatus.COMPLETED,
    ),
    MatterSpec(
        "FJY-20",
        "村集体茶叶加工厂扩建",
        "扩建茶叶加工厂厂房300平方米，新增名优茶生产线一条，增加村集体经营性收入。",
        (
            StepSpec(D(2010, 4, 6), note="茶叶专业户在说事议事会上提出"),
            StepSpec(D(2010, 4, 13), 5, 5, 4, 0, 1),
            StepSpec(D(2010, 4, 20), 8, 7, 7, 0, 0),
            StepSpec(D(2010, 4, 29), 27, 23, 21, 1, 1),
            StepSpec(D(2010, 5, 12), 42, 36, 33, 2, 1),
        ),
        (
            (_P, D(2010, 4, 22), _BOARD, "拟扩建村茶叶加工厂厂房300平方米，新增名优茶生产线一条，估算投资38万元。"),
            (_R, D(2010, 5, 2), _BOARD, "本事项已经支部会提议、“两委”商议、党员大会审议通过。"),
            (_X, D(2010, 5, 14), _MEETING, "村民代表大会以33票同意、2票反对、1票弃权通过扩建决议。"),
            (_L, D(2010, 5, 25), _BOARD, "资金来源：村集体积累20万元、茶叶产业扶持资金18万元；6月动工，8月投产。"),
            (_O, D(2010, 8, 30), _BOARD, "扩建工程已完工投产，实际投资37.2万元，账目已在村务公开栏公布。"),
        ),
        status=MatterStatus.COMPLETED,
    ),
    MatterSpec(
        "FJY-15",
        "出租村集体林地建设生猪养殖场",
        "外地客商申请租用村集体林地40亩建设规模生猪养殖场，租期15年。",
        (
            StepSpec(D(2010, 5, 6), note="客商向村委会提出书面申请，部分村民建议引进"),
            StepSpec(D(2010, 5, 13), 4, 4, 3, 1, 0),
            StepSpec(D(2010, 5, 20), 7, 7, 2, 4, 1, note="多数委员认为养殖场紧邻水源地，环保风险大"),
        ),
        status=MatterStatus.STOPPED,
    ),
    MatterSpec(
        "FJY-22",
        "村委会办公楼维修",
        "村委会办公楼屋面漏雨、墙体开裂，拟筹资维修。",
        (
            StepSpec(D(2010, 6, 1), note="村民代表在说事议事会上提出"),
            StepSpec(D(2010, 6, 8), 5, 5, 5, 0, 0),
        ),
        abandoned=(D(2010, 6, 25), "乡政府将村级活动场所建设纳入全乡统一规划，由项目资金实施，本村不再单独筹资维修"),
        status=MatterStatus.ABANDONED,
    ),
    MatterSpec(
        "FJY-16",
        "三组安全饮水工程",
        "三组38户饮水困难，拟新建蓄水池一座、铺设管网2.6公里。",
        (
            StepSpec(D(2010, 7, 5), note="三组村民联名建议"),
            StepSpec(D(2010, 7, 12), 4, 4, 4, 0, 0),
            StepSpec(D(2010, 7, 22), 6, 6, 6, 0, 0),
            StepSpec(D(2010, 8, 26), 22, 18, 17, 0, 1),
        ),
        (
            (_P, D(2010, 7, 26), _BOARD, "拟为三组新建200立方米蓄水池一座，铺设管网2.6公里，解决38户饮水困难。"),
            (_R, D(2010, 8, 30), _RADIO, "本事项已经党员大会审议通过，将提交村民代表大会决议。"),
        ),
    ),
    MatterSpec(
        "FJY-18",
        "村卫生室迁建",
        "村卫生室房屋年久失修，拟迁至村委会旁新建。",
        (
            StepSpec(D(2010, 9, 14), note="村民代表建议"),
            StepSpec(D(2010, 9, 21), 3, 3, 3, 0, 0),
        ),
    ),
]

# ---------------------------------------------------------------- 基本保障: the facts
NO_REMOTE_SITE = "FJY-21"  # 白鹤洞村: no 远程教育站点
BROKEN_SITE = "FJY-17"  # 大龙坪村: found broken at its latest inspection
INCOMPLETE_TEN_HAVES = {
    "FJY-19": ("av_equipment", "books", "archive_cabinet"),
    "FJY-21": ("flag", "rules_on_wall", "disclosure_board", "keeper"),
}
MISSING_FACILITIES = {
    "FJY-17": (FacilityKind.SERVICE_SHOP,),
    "FJY-19": (FacilityKind.CLINIC,),
    "FJY-21": (FacilityKind.LIBRARY, FacilityKind.SERVICE_SHOP),
}
# Collective-economy income (元) for 2008, 2009 and 2010 (2010: January to October).
INCOME = {
    "FJY-14": (62_000, 71_500, 78_600),
    "FJY-15": (38_200, 45_000, 52_300),
    "FJY-16": (21_000, 26_400, 31_200),
    "FJY-17": (18_500, 22_000, 27_800),
    "FJY-18": (30_100, 34_600, 41_000),
    "FJY-19": (12_400, 15_200, 19_600),
    "FJY-20": (55_000, 58_800, 66_500),
    "FJY-21": (5_200, 6_100, 8_300),
    "FJY-22": (35_600, 40_200, 47_900),
    "FJY-23": (82_000, 86_500, 91_000),
}
INCOME_TARGET = 50_000
UNINSURED_CHAIRS = ("FJY-17", "FJY-21")  # the village chairs (not 一肩挑) not yet insured
RETIRED_SECRETARY_VILLAGE = "FJY-16"  # 枫香坪村: its secretary changed in March 2008
RETIREMENT_SUBSIDY_FROM = D(2010, 1, 1)
RETIREMENT_MONTHLY = Decimal("150.00")
LEADING_GROUP_ON = D(2010, 4, 12)

# ---------------------------------------------------------------- words
STUDY_TOPICS = {
    1: "学习党的十七届四中全会《关于加强和改进新形势下党的建设若干重大问题的决定》",
    2: "学习《中国共产党党员领导干部廉洁从政若干准则》",
    3: "学习全国“两会”精神和2010年《政府工作报告》",
    4: "学习县委关于开展基层党组织“五个基本”建设的实施方案",
    5: "学习关于在党的基层组织和党员中深入开展创先争优活动的意见",
    6: "学习《中国共产党章程》总纲",
    7: "纪念建党89周年，重温入党誓词",
    8: "学习防汛抗灾和安全生产有关文件精神",
    9: "学习开展“听民声、访民情、解民难”活动的有关要求",
    10: "学习党的十七届五中全会精神",
}
REMOTE_TOPICS = {
    "remote_theory": ["观看《科学发展观学习辅导》专题片", "观看党员电教片《榜样》", "观看《创先争优》专题辅导"],
    "remote_skills": [
        "茶园修剪与病虫害防治",
        "高山蔬菜栽培技术",
        "魔芋软腐病防治",
        "生猪标准化养殖",
        "烤烟移栽与田间管理",
        "中药材独活种植技术",
    ],
    "remote_culture": ["观看土家族歌舞节目", "观看电影《建国大业》", "观看戏曲《穆桂英挂帅》"],
}
DELIBERATION_TOPICS = [
    "村组公路维修筹资投劳",
    "2010年农村低保评议",
    "退耕还林补助发放",
    "茶园病虫害统防统治",
    "安全饮水管网延伸",
    "修订村规民约",
    "森林防火责任落实",
    "外出务工人员子女照护",
]
SERVICE_TOPICS = [
    "代办新农合参合缴费",
    "代办新农保参保登记",
    "免费为村民测土配方",
    "为留守老人检查用电线路",
    "代购化肥农资",
    "为外出务工人员代办证件",
]
JOINT_TOPICS = ["机关党员进村入户走访困难群众", "送茶叶种植技术下乡", "帮助修订村级发展规划"]
DUTY_POSTS = [
    ("政策宣传岗", "向本组村民宣传党的政策和村里的决定"),
    ("民事调解岗", "调解邻里、家庭纠纷，及时向村支部报告矛盾隐患"),
    ("环境卫生监督岗", "督促本组农户清理房前屋后垃圾"),
    ("产业发展带头岗", "带头发展茶叶、蔬菜产业，为农户提供技术指导"),
    ("治安联防岗", "参加治安巡逻，看护本组公共设施"),
    ("帮扶困难群众岗", "联系本组困难户、留守老人，每月至少走访一次"),
    ("护林防火岗", "巡查本组山林，宣传森林防火"),
]
PLEDGES = [
    "带头发展茶叶基地2亩，帮带1户困难户",
    "每月走访联系户不少于2次，帮助解决实际困难",
    "带头参加通组公路投工投劳",
    "全年调解纠纷不少于3起",
    "为本组村民代办新农合、新农保手续",
    "带动3户农户种植高山蔬菜",
]
PROSPERITY_PROJECTS = ["茶叶加工", "高山蔬菜种植", "生猪养殖", "魔芋种植", "农家乐", "中药材种植"]
PERFORMANCE = [
    "牵头完成{month}月份辖区项目申报材料，按期上报县直部门",
    "{month}月带队进村开展“听民声、访民情、解民难”走访，收集意见建议12条",
    "{month}月完成联系村的防汛安全隐患排查，整改隐患3处",
    "{month}月参与全乡“五个基本”建设调查摸底，撰写调研报告1篇",
]
GENERAL_DISCLOSURES = [
    (
        DisclosureKind.PARTY_AFFAIRS,
        "2010年上半年党费收缴情况",
        "本支部有党员{members}名，2010年1—6月应交党费{dues}元，实交{dues}元，已全部上缴乡党委。",
    ),
    (
        DisclosureKind.PARTY_AFFAIRS,
        "开展创先争优活动公开承诺",
        "支部围绕“五个基本”建设，公开承诺：规范“三会一课”，每月开展一次集中学习；为群众办实事5件。",
    ),
    (
        DisclosureKind.VILLAGE_AFFAIRS,
        "2010年第一季度村级财务收支",
        "收入合计{income}元（上级转移支付、集体经营收入等）；支出合计{spent}元（干部报酬、办公经费、公益事业）。",
    ),
    (
        DisclosureKind.VILLAGE_AFFAIRS,
        "2010年农村低保评议结果",
        "经村民代表大会评议，本村2010年新增低保户3户、退出2户，名单已在村公开栏张贴，公示期7天。",
    ),
    (
        DisclosureKind.VILLAGE_AFFAIRS,
        "2010年新型农村合作医疗参合情况",
        "全村应参合{people}人，实参合{insured}人，参合率{rate}%。",
    ),
]
RULE_TEXTS = {
    RuleKind.DELIBERATION_RULES: "第一条 重大事项须经集体讨论决定。第二条 会议须有半数以上成员到会方能召开。",
    RuleKind.DECISION_PROCEDURE: "重大事项按“五议五公开”程序决策：村民建议、支部会提议、“两委”商议、党员大会审议、"
    "村民（代表）大会决议，每一环节结果及时公开。",
    RuleKind.PARTY_AFFAIRS_DISCLOSURE: "党务公开内容包括党组织建设、党员发展、党费收缴等；"
    "每季度公开一次，重大事项随时公开。",
    RuleKind.PUBLIC_AFFAIRS_DISCLOSURE: "财务收支每季度公开一次；公开栏设在人口集中处；"
    "群众有疑问的，村委会应在10日内答复。",
    RuleKind.DEMOCRATIC_MANAGEMENT: "实行村民代表会议制度和村务监督制度，村民代表每5至15户推选1人。",
    RuleKind.INTEGRITY_RESPONSIBILITY: "支部书记为党风廉政建设第一责任人，班子成员对分管工作负直接责任。",
    RuleKind.SECRETARY_TARGET_RESPONSIBILITY: "书记岗位目标分为组织建设、经济发展、社会稳定三类，"
    "年初定目标，年终考核兑现。",
    RuleKind.CADRE_PERFORMANCE: "村干部实行百分制考核，考核结果与工作报酬挂钩。",
    RuleKind.CADRE_MANAGEMENT: "党员干部每年参加集中培训不少于一次；实行设岗定责、承诺践诺，表现突出的予以表彰。",
    RuleKind.PERFORMANCE_REGISTRATION: "机关党员干部每月登记主要工作业绩，支部每季度审核一次，作为年度考核依据。",
    RuleKind.ARCHIVE_MANAGEMENT: "档案按组织建设、党员管理、会议记录、村务管理、财务分类立卷，专柜存放，专人管理。",
    RuleKind.THREE_ASSETS_MANAGEMENT: "集体资金、资产、资源实行台账管理；资产出租、处置须经村民代表大会决议并公开。",
}
ARCHIVES = [
    (ArchiveCategory.ORGANIZATION, "{year}年党支部换届选举及组织建设资料"),
    (ArchiveCategory.MEMBERS, "{year}年党员花名册及发展党员材料"),
    (ArchiveCategory.MEETINGS, "{year}年“三会一课”会议记录"),
    (ArchiveCategory.VILLAGE_AFFAIRS, "{year}年村务公开及村民代表会议资料"),
    (ArchiveCategory.FINANCE, "{year}年村级会计凭证及账簿"),
]
ARCHIVE_CODES = {
    ArchiveCategory.ORGANIZATION: "ZZ",
    ArchiveCategory.MEMBERS: "DY",
    ArchiveCategory.MEETINGS: "HY",
    ArchiveCategory.VILLAGE_AFFAIRS: "CW",
    ArchiveCategory.FINANCE: "CK",
    ArchiveCategory.OTHER: "QT",
}
PLACES = {
    "FJY-01": "乡政府三楼会议室",
    "FJY-02": "财政所会议室",
    "FJY-03": "派出所会议室",
    "FJY-04": "老干部活动中心",
    "FJY-05": "文化广播站会议室",
    "FJY-06": "邮电支局会议室",
}


def _last_day() -> dt.date:
    return min(LAST_DAY, timezone.localdate())


@dataclass
class YearCounts:
    """What the 2010 records add, for the summary line and for tests."""

    counts: Counter[str] = field(default_factory=Counter)

    def line(self) -> str:
        c = self.counts
        return (
            f"  2010年：活动 {c['activities']} 次（出席记录 {c['attendance']} 人次，补录 {c['backfilled']} 次），"
            f"结对 {c['pairings']} 对，制度 {c['rules']} 项，“五议五公开”事项 {c['matters']} 件，"
            f"公开 {c['disclosures']} 条，阵地设施 {c['facilities']} 处，远程教育站点 {c['sites']} 个"
        )


@dataclass
class BasicsSummary(DemoSummary):
    """The loader's summary with one more line for the 2010 records."""

    year_line: str = ""

    def lines(self) -> list[str]:
        lines = super().lines()
        return [*lines[:-1], self.year_line, lines[-1]] if self.year_line else lines


def load(builder: _Builder) -> BasicsSummary:
    """Add the 2010 records to the township `builder` has just made; the summary with their line."""
    with set_actor(builder.officer):
        counts = _Year(builder).build()
    summary = builder.summary()
    return BasicsSummary(counts={**summary.counts, **counts.counts}, year_line=counts.line())


class _Year:
    """One 2010, from January to the end of October."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.user = builder.officer
        self.rng = random.Random(SEED)
        self.last_day = _last_day()
        self.types = {t.code: t for t in ActivityType.objects.all()}
        self.out = YearCounts()
        self.entered_on: dict[dt.date, list[int]] = defaultdict(list)  # entry day -> activities typed in that day

    # ---------------------------------------------------------------- helpers
    def org(self, code: str) -> Organization:
        return self.builder.orgs[code]

    def branch(self, code: str) -> _Branch:
        return self.builder.branches[code]

    def day_in(self, month: int, first: int = 3, last: int = 27) -> dt.date:
        month_end = (D(2010, month % 12 + 1, 1) - dt.timedelta(days=1)).day if month < 12 else 31
        day = D(2010, month, min(self.rng.randint(first, last), month_end))
        step = dt.timedelta(days=1)
        while day.weekday() >= 5:  # meetings on working days, and within the month they belong to
            day += step
            if day.month != month:
                day, step = day - 2 * step, -step
        return min(day, self.last_day)

    def entered(self, held_on: dt.date, backfilled: bool) -> dt.date:
        """The day the record was typed in: within the week, or weeks later for a back-entry."""
        late = self.rng.randint(12, 30) if backfilled else self.rng.randint(1, 5)
        return min(held_on + dt.timedelta(days=late), max(self.last_day, held_on))

    def presence(self, people: Iterable[Person], category: str) -> list[Presence]:
        rows = []
        away = 0.12 if category in {Category.VILLAGE, Category.COMMUNITY} else 0.05
        for person in people:
            if self.rng.random() >= away:
                rows.append(Presence(person, True))
                continue
            if category in {Category.VILLAGE, Category.COMMUNITY}:
                reason = self.rng.choices(
                    [AbsenceReason.WORK_AWAY, AbsenceReason.ILLNESS, AbsenceReason.PERSONAL], weights=[6, 2, 2]
                )[0]
            else:
                reason = self.rng.choice([AbsenceReason.BUSINESS, AbsenceReason.ILLNESS, AbsenceReason.PERSONAL])
            rows.append(Presence(person, False, reason))
        return rows

    def activity(
        self,
        code: str,
        type_code: str,
        held_on: dt.date,
        topic: str,
        *,
        place: str = "",
        minutes: str = "",
        paired: str | None = None,
    ) -> Activity | None:
        org = self.org(code)
        if held_on > self.last_day:
            return None
        backfilled = (code, type_code, held_on.month) in BACKFILLED
        people = activity_services.members_on(org, held_on)
        if paired:
            people += activity_services.members_on(self.org(paired), held_on)
        presence = self.presence(people, org.category)
        activity = activity_services.activity_record(
            user=self.user,
            org=org,
            type=self.types[type_code],
            held_on=held_on,
            topic=topic,
            presence=presence,
            place=place or self.place(code),
            minutes=minutes or f"围绕“{topic}”开展活动，与会党员逐一发言，会后整理记录存档。",
            paired_org=self.org(paired) if paired else None,
            backfill_reason=BACKFILL_REASON if backfilled else "",
            today=(entered := self.entered(held_on, backfilled)),
        )
        self.entered_on[entered].append(activity.pk)
        self.out.counts["activities"] += 1
        self.out.counts["attendance"] += len(presence)
        self.out.counts["backfilled"] += int(activity.backfilled)
        return activity

    def place(self, code: str) -> str:
        if code in PLACES:
            return PLACES[code]
        if code in VILLAGES:
            return "村党员活动室"
        return "单位会议室"

    # ---------------------------------------------------------------- the whole year
    def build(self) -> YearCounts:
        self.pairings()
        self.studies()
        self.meetings()
        self.village_activities()
        self.joint_activities()
        self.member_records()
        self.honors()
        self.rules()
        self.matters()
        self.disclosures()
        self.registers()
        self.groups()
        self.facilities()
        self.sites()
        self.money()
        self.pensions()
        self.date_entries()
        return self.out

    def date_entries(self) -> None:
        """Each activity was typed in in 2010 (a few days after it, weeks for a back-entry), not on the day the demo
        was loaded: its entry date is what the 补录 rule measures, so editing an on-time record asks no reason.
        (A timestamp no service sets: written directly, the demo's own set-up.)"""
        for day, pks in self.entered_on.items():
            typed_in = timezone.make_aware(dt.datetime.combine(day, dt.time(18, 0)))
            Activity.objects.filter(pk__in=pks).update(created_at=typed_in)

    # ---------------------------------------------------------------- 基本活动
    def pairings(self) -> None:
        for organ, village in PAIRINGS.items():
            activity_services.pairing_save(
                user=self.user,
                pairing=Pairing(
                    organ_org=self.org(organ),
                    village_org=self.org(village),
                    started_on=PAIRED_ON,
                    goals="帮助理清发展思路，每季度至少开展一次联合活动，帮办实事2件以上。",
                ),
            )
            self.out.counts["pairings"] += 1

    def studies(self) -> None:
        for code in ORGANS:
            missed = MISSED_STUDY_MONTHS.get(code, ())
            for month in STUDY_MONTHS:
                if month in missed:
                    continue
                # The fifth plenum closed on 18 October: October's study comes after it.
                held_on = self.day_in(month, 20, 28) if month == 10 else self.day_in(month)
                self.activity(code, "group_study", held_on, STUDY_TOPICS[month])

    def meetings(self) -> None:
        for spec in data.BRANCHES:
            code = spec.code
            if code not in NO_DEMOCRATIC_LIFE:
                self.activity(
                    code,
                    "democratic_life",
                    self.day_in(self.rng.choice([1, 2])),
                    "2009年度民主生活会：对照检查，开展批评与自我批评",
                )
            self.activity(code, "org_life", self.day_in(self.rng.choice([6, 7])), "组织生活会：围绕创先争优查找差距")

    def village_activities(self) -> None:
        for code in VILLAGES:
            if code != NO_REMOTE_SITE:
                months = REMOTE_MONTHS_BROKEN if code == BROKEN_SITE else REMOTE_MONTHS
                for month in months:
                    kind = self.rng.choice(["remote_theory", "remote_skills", "remote_skills", "remote_culture"])
                    topic = self.rng.choice(REMOTE_TOPICS[kind])
                    self.activity(code, kind, self.day_in(month), f"远程教育：{topic}", place="村远程教育站点")
            for month in DELIBERATION_MONTHS:
                topic = f"说事议事：{self.rng.choice(DELIBERATION_TOPICS)}"
                self.activity(code, "deliberation", self.day_in(month), topic)
            for month in SERVICE_MONTHS:
                topic = f"便民服务：{self.rng.choice(SERVICE_TOPICS)}"
                self.activity(code, "convenience", self.day_in(month), topic)

    def joint_activities(self) -> None:
        for n, organ in enumerate(JOINT_ACTIVITIES):
            village = PAIRINGS[organ]
            self.activity(
                organ,
                "pairing_help",
                self.day_in(4 + 2 * (n % 3)),
                f"结对帮扶：{JOINT_TOPICS[n % len(JOINT_TOPICS)]}",
                place=f"{self.org(village).name.removesuffix('党支部')}",
                paired=village,
            )

    def member_records(self) -> None:
        for code in DUTY_AND_PLEDGE_VILLAGES:
            branch = self.branch(code)
            members = list(branch.members)
            for person in members[: int(len(members) * 0.85)]:
                post, duty = self.rng.choice(DUTY_POSTS)
                activity_services.member_year_record_save(
                    user=self.user, record=DutyPost(person=person, org=branch.org, year=2010, post=post, duty=duty)
                )
                result = self.rng.choices(
                    [PledgeResult.KEPT, PledgeResult.PARTLY, PledgeResult.PENDING], weights=[6, 1, 3]
                )[0]
                activity_services.member_year_record_save(
                    user=self.user,
                    record=Pledge(
                        person=person,
                        org=branch.org,
                        year=2010,
                        content=self.rng.choice(PLEDGES),
                        result=result,
                        result_note="年中评议" if result != PledgeResult.PENDING else "",
                    ),
                )
                self.out.counts["duty_posts"] += 1
        for code in SPIRIT_REVIEW_ORGS:
            branch = self.branch(code)
            for person in branch.members[: max(5, len(branch.members) // 2)]:
                outcome = self.rng.choices(
                    [ReviewOutcome.GOOD, ReviewOutcome.FAIRLY_GOOD, ReviewOutcome.AVERAGE], weights=[6, 3, 1]
                )[0]
                activity_services.party_spirit_review_save(
                    user=self.user,
                    review=PartySpiritReview(
                        person=person,
                        org=branch.org,
                        reviewed_on=self.day_in(6, 20, 30),
                        outcome=outcome,
                        note="学习不够经常，今后每月自学一篇党的理论文章" if outcome == ReviewOutcome.AVERAGE else "",
                    ),
                )
        for code, named in PROSPERITY_VILLAGES.items():
            branch = self.branch(code)
            planned = [p for p in branch.members if 25 <= p.age_on(LAST_DAY) <= 55][:5]
            for index, person in enumerate(planned):
                activity_services.member_year_record_save(
                    user=self.user,
                    record=ProsperityPlanEntry(
                        person=person,
                        org=branch.org,
                        year=2010,
                        project=self.rng.choice(PROSPERITY_PROJECTS),
                        is_model=named and index == 0,
                        note="带动周边农户12户增收" if named and index == 0 else "",
                    ),
                )

    def honors(self) -> None:
        for code, title, year, level, awarded_by in HONORS:
            activity_services.honor_save(
                user=self.user,
                honor=Honor(org=self.org(code), title=title, year=year, level=level, awarded_by=awarded_by),
            )

    # ---------------------------------------------------------------- 基本制度
    def rules(self) -> None:
        for spec in data.BRANCHES:
            code = spec.code
            if code in NO_RULES:
                continue
            kinds: tuple[RuleKind, ...]
            if spec.is_village_level:
                kinds = VILLAGE_RULES
            elif spec.category == Category.ORGAN:
                kinds = ORGAN_RULES
            else:
                kinds = UNIT_RULES
            place = spec.name.removesuffix("党支部")
            labels = dict(RuleKind.choices)
            for kind in kinds:
                if kind in MISSING_RULES.get(code, ()):
                    continue
                title = f"{place}{labels[kind]}"
                versions = [(title, self.day_in(self.rng.choice([5, 6, 7])))]
                if (code, kind) == REVISED_RULE:
                    versions = [(title, D(2010, 1, 10)), (f"{title}（2010年修订）", D(2010, 6, 20))]
                for version_title, effective_on in versions:
                    governance_services.rule_document_adopt(
                        user=self.user,
                        org=self.org(code),
                        kind=kind,
                        title=version_title,
                        effective_on=effective_on,
                        text=RULE_TEXTS[kind],
                    )
                    self.out.counts["rules"] += 1

    def matters(self) -> None:
        for spec in MATTERS:
            org = self.org(spec.org)
            matter = governance_services.matter_create(
                user=self.user, org=org, title=spec.title, description=spec.description
            )
            steps = {s.held_on: (number, s) for number, s in enumerate(spec.steps, start=1)}
            disclosures = {d[1]: d for d in spec.disclosures}
            # Steps and disclosures in the order they happened.
            for day in sorted({*steps, *disclosures}):
                if day in steps:
                    number, step = steps[day]
                    governance_services.matter_step_record(
                        user=self.user,
                        matter=matter,
                        step=number,
                        held_on=step.held_on,
                        expected=step.expected,
                        present=step.present,
                        votes_for=step.votes_for,
                        votes_against=step.votes_against,
                        abstentions=step.abstentions,
                        note=step.note,
                        today=self.entered(step.held_on, False),
                    )
                if day in disclosures:
                    kind, published_on, channel, content = disclosures[day]
                    governance_services.matter_disclose(
                        user=self.user,
                        matter=matter,
                        kind=kind,
                        content=content,
                        published_on=published_on,
                        channel=channel,
                        today=published_on + dt.timedelta(days=1),
                    )
                    self.out.counts["disclosures"] += 1
            if spec.abandoned:
                on, reason = spec.abandoned
                governance_services.matter_abandon(
                    user=self.user, matter=matter, reason=reason, on=on, today=on + dt.timedelta(days=1)
                )
            self.out.counts["matters"] += 1

    def disclosures(self) -> None:
        for code in VILLAGES:
            branch = self.branch(code)
            members = len(branch.members)
            residents = self.rng.randint(1200, 2600)
            insured = residents - self.rng.randint(20, 90)
            picks = self.rng.sample(range(len(GENERAL_DISCLOSURES)), 3)
            for index in sorted(picks):
                kind, title, content = GENERAL_DISCLOSURES[index]
                income = INCOME[code][2] // 4
                text = content.format(
                    members=members,
                    dues=members * 12,
                    income=income,
                    spent=income - self.rng.randint(500, 3000),
                    people=residents,
                    insured=insured,
                    rate=f"{insured * 100 / residents:.1f}",
                )
                month = {0: 7, 1: 5, 2: 4, 3: 6, 4: 3}[index]
                disclosure = governance_services.disclosure_save(
                    user=self.user,
                    disclosure=Disclosure(
                        org=branch.org,
                        kind=kind,
                        title=title,
                        content=text,
                        channel=self.rng.choice([_BOARD, _BOARD, _RADIO, _MEETING]),
                    ),
                )
                published_on = self.day_in(month)
                governance_services.disclosure_publish(
                    user=self.user,
                    disclosure=disclosure,
                    published_on=published_on,
                    today=published_on + dt.timedelta(days=1),
                )
                self.out.counts["disclosures"] += 1
        governance_services.disclosure_save(
            user=self.user,
            disclosure=Disclosure(
                org=self.org(DRAFT_ORG),
                kind=DisclosureKind.VILLAGE_AFFAIRS,
                title=DRAFT_TITLE,
                content=DRAFT_CONTENT,
            ),
        )

    def registers(self) -> None:
        for code in ORGANS:
            branch = self.branch(code)
            for person in branch.post_holders:
                for month in sorted(self.rng.sample(range(1, 11), 2)):
                    governance_services.performance_record_save(
                        user=self.user,
                        record=PerformanceRecord(
                            person=person,
                            org=branch.org,
                            recorded_on=self.day_in(month, 24, 30),
                            content=self.rng.choice(PERFORMANCE).format(month=month),
                        ),
                    )
        for code in VILLAGES:
            org = self.org(code)
            number = int(code[-2:])
            for year in (2009, 2010):
                for index, (category, title) in enumerate(ARCHIVES, start=1):
                    if year == 2010 and category == ArchiveCategory.FINANCE:
                        continue  # the year's books are closed in January
                    governance_services.archive_record_save(
                        user=self.user,
                        record=ArchiveRecord(
                            org=org,
                            category=category,
                            year=year,
                            title=title.format(year=year),
                            file_no=f"C{number}-{year}-{ARCHIVE_CODES[category]}-{index:02d}",
                            location="村委会档案柜",
                        ),
                    )
            fund = Decimal(INCOME[code][2] // 2 + self.rng.randint(0, 9) * 1000)
            assets = [
                (AssetKind.FUND, "村集体银行存款", fund),
                (AssetKind.ASSET, "村委会办公楼（砖混两层）", Decimal(self.rng.randint(18, 40) * 10_000)),
                (AssetKind.RESOURCE, f"集体山林{self.rng.randint(300, 1500)}亩", Decimal(0)),
            ]
            if INCOME[code][2] >= INCOME_TARGET:
                assets.append((AssetKind.ASSET, "集体茶叶加工厂房及设备", Decimal(self.rng.randint(25, 60) * 10_000)))
            for kind, description, value in assets:
                governance_services.collective_asset_save(
                    user=self.user,
                    asset=CollectiveAsset(
                        org=org, kind=kind, description=description, value=value, recorded_on=self.day_in(1, 10, 28)
                    ),
                )
            if code in NO_FINANCE_ARRANGEMENT:
                continue
            governance_services.finance_arrangement_save(
                user=self.user,
                arrangement=FinanceArrangement(
                    org=org,
                    township_managed=code not in SELF_MANAGED_FINANCE,
                    started_on=FIRST_DAY,
                    note=SELF_MANAGED_NOTE if code in SELF_MANAGED_FINANCE else TOWNSHIP_MANAGED_NOTE,
                ),
            )

    # ---------------------------------------------------------------- 基本保障
    def groups(self) -> None:
        township = self.builder.township
        leaders = {p.name: p for p in Person.objects.filter(org=township)}
        secretary, deputy, member = (row[0] for row in data.TOWNSHIP_LEADERS)
        group = support_services.leading_group_save(
            user=self.user,
            group=LeadingGroup(
                org=township,
                kind=GroupKind.LEADING_GROUP,
                name="傅家堰乡基层党组织“五个基本”建设领导小组",
                established_on=LEADING_GROUP_ON,
                duties="统一领导全乡“五个基本”建设，研究解决重大问题，组织考评验收。",
            ),
        )
        for person, role, duty in (
            (leaders[secretary], GroupRole.LEADER, "全面负责"),
            (leaders[deputy], GroupRole.DEPUTY, "协助组长，分管农村党组织建设"),
            (leaders[member], GroupRole.MEMBER, "负责日常工作，兼领导小组办公室主任"),
        ):
            support_services.leading_group_member_save(
                user=self.user,
                member=LeadingGroupMember(
                    group=group, person=person, role=role, duty=duty, started_on=LEADING_GROUP_ON
                ),
            )
        team = support_services.leading_group_save(
            user=self.user,
            group=LeadingGroup(
                org=township,
                kind=GroupKind.WORK_TEAM,
                name="“五个基本”建设工作专班",
                established_on=LEADING_GROUP_ON,
                duties="具体承办调查摸底、督办指导、台账管理和考评工作。",
            ),
        )
        staff = [(leaders[member], GroupRole.LEADER, "专班负责人")]
        staff += [(p, GroupRole.MEMBER, "督办指导、台账管理") for p in self.branch("FJY-01").post_holders[1:3]]
        for person, role, duty in staff:
            support_services.leading_group_member_save(
                user=self.user,
                member=LeadingGroupMember(group=team, person=person, role=role, duty=duty, started_on=LEADING_GROUP_ON),
            )

    def facilities(self) -> None:
        items = list(ChecklistItem.objects.filter(active=True))
        names = {
            FacilityKind.ACTIVITY_ROOM: "党员活动室",
            FacilityKind.OFFICE: "村委会办公楼",
            FacilityKind.CLINIC: "村卫生室",
            FacilityKind.LIBRARY: "农家书屋",
            FacilityKind.SERVICE_SHOP: "综合服务社",
        }
        for code in VILLAGES:
            org = self.org(code)
            place = org.name.removesuffix("党支部")
            missing = MISSING_FACILITIES.get(code, ())
            for kind, name in names.items():
                if kind in missing:
                    continue
                new = kind == FacilityKind.SERVICE_SHOP and self.rng.random() < 0.4
                facility = support_services.facility_save(
                    user=self.user,
                    facility=Facility(
                        org=org,
                        kind=kind,
                        name=f"{place}{name}",
                        area_m2=Decimal(self.rng.randint(30, 160)),
                        opened_on=self.day_in(self.rng.choice([5, 6, 7])) if new else None,
                        note="2010年新建" if new else "",
                    ),
                )
                self.out.counts["facilities"] += 1
                if kind == FacilityKind.ACTIVITY_ROOM:
                    lacking = INCOMPLETE_TEN_HAVES.get(code, ())
                    support_services.facility_check_record(
                        user=self.user,
                        facility=facility,
                        checked_on=self.day_in(5, 10, 28),
                        ticks=[
                            support_services.Tick(
                                item=item,
                                present=item.code not in lacking,
                                note="待配置" if item.code in lacking else "",
                            )
                            for item in items
                        ],
                    )

    def sites(self) -> None:
        for code in VILLAGES:
            if code == NO_REMOTE_SITE:
                continue
            org = self.org(code)
            site = support_services.site_save(
                user=self.user,
                site=RemoteEducationSite(
                    org=org,
                    name=f"{org.name.removesuffix('党支部')}远程教育站点",
                    equipment="卫星接收天线、接收机、电脑、29英寸电视机",
                    established_on=D(2008, self.rng.randint(5, 11), self.rng.randint(1, 28)),
                ),
            )
            self.out.counts["sites"] += 1
            support_services.site_inspect(user=self.user, site=site, inspected_on=self.day_in(4, 10, 25), working=True)
            broken = code == BROKEN_SITE
            support_services.site_inspect(
                user=self.user,
                site=site,
                inspected_on=self.day_in(9, 10, 25),
                working=not broken,
                note="卫星接收机损坏，已报县远教办维修" if broken else "",
            )

    def money(self) -> None:
        for code in VILLAGES:
            org = self.org(code)
            for year, total in zip((2008, 2009, 2010), INCOME[code], strict=True):
                operating = Decimal(total * self.rng.randint(35, 70) // 100)
                support_services.income_save(
                    user=self.user,
                    income=CollectiveIncome(
                        org=org,
                        year=year,
                        total=Decimal(total),
                        operating=operating,
                        note="茶叶加工、山林承包" if total >= INCOME_TARGET else "山林承包、上级补助",
                    ),
                )
            cadres = len({p.pk for p in self.branch(code).post_holders})
            for kind, amount in (
                (FundingKind.CADRE_PAY, cadres * 6_000),
                (FundingKind.OFFICE, 10_000),
                (FundingKind.TRAINING, 2_000),
            ):
                support_services.funding_save(
                    user=self.user,
                    funding=Funding(org=org, year=2010, kind=kind, amount=Decimal(amount), note="乡财政预算安排"),
                )

    def pensions(self) -> None:
        villages = [self.org(code) for code in VILLAGES]
        main = (
            Position.objects.filter(org__in=villages, title__in=MAIN_CADRE_TITLES, ended_on__isnull=True)
            .select_related("person", "org")
            .order_by("org__code", "title", "id")
        )
        insured: set[int] = set()
        for position in main:
            if position.person_id in insured:
                continue  # 一肩挑: one person, one enrollment
            if position.org.code in UNINSURED_CHAIRS and position.title in {Title.VILLAGE_CHAIR, Title.RESIDENTS_CHAIR}:
                continue
            support_services.pension_save(
                user=self.user,
                enrollment=PensionEnrollment(
                    person=position.person,
                    org=position.org,
                    scheme=PensionScheme.RURAL_BASIC,
                    enrolled_on=self.day_in(self.rng.choice([3, 4, 5])),
                ),
            )
            insured.add(position.person_id)
        former = Position.objects.select_related("person", "org").get(
            org__code=RETIRED_SECRETARY_VILLAGE, title=Title.SECRETARY, ended_on__isnull=False
        )
        support_services.retirement_subsidy_save(
            user=self.user,
            subsidy=RetirementSubsidy(
                person=former.person,
                org=former.org,
                started_on=RETIREMENT_SUBSIDY_FROM,
                monthly_amount=RETIREMENT_MONTHLY,
            ),
        )
