"""实施方案: the campaign's program in the seed's own order — 指导思想, 活动范围, 工作目标和工作内容
(the standard's indicators), 时间安排和方法步骤 (the phases and their tasks), 组织领导和有关要求
(the 领导小组 and 工作专班 of wuji/support)."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from wuji.campaigns.models import Campaign, Task
from wuji.campaigns.selectors import phases_of
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization, active_orgs_q
from wuji.reports.documents.common import DIMENSION_HEADINGS, PROGRAM, issuer, numeral
from wuji.reports.documents.gbt9704 import OfficialDocument, date_text
from wuji.standards import loader
from wuji.standards.scoring import target_text
from wuji.support.models import LeadingGroup
from wuji.support.selectors import group_members

CATEGORY_LABELS = dict(Category.choices)
CATEGORY_NOUNS: dict[str, str] = {
    Category.ORGAN: "机关党支部",
    Category.EDUCATION: "教育系统党支部",
    Category.HEALTH: "卫生系统党支部",
    Category.SOE: "国有企业党支部",
    Category.VILLAGE: "村党支部",
    Category.COMMUNITY: "社区（居委会）党支部",
    Category.NEW_SECTOR: "非公有制经济组织和社会组织党支部",
}

GUIDING_IDEA = (
    # Era-neutral on purpose: a campaign of any year prints it; the officer adds the current formulations.
    "深入贯彻落实党中央关于加强基层党组织建设的决策部署和上级党委的工作要求，以加强党的执政能力建设和先进性建设为主线，"
    "着力抓基层、打基础，全面推进以“健全基本组织、建强基本队伍、开展基本活动、完善基本制度、落实基本保障”"
    "为主要内容的基层党组织“五个基本”建设，促进基层党建工作科学化、制度化、规范化，"
    "不断增强基层党组织的政治功能和组织力，为推进全乡经济社会发展提供坚强组织保证。"
)

REQUIREMENTS = [
    (
        "坚持明确责任。",
        "落实基层党建工作责任制，党组织书记是抓基层党建工作的第一责任人，坚持书记抓、抓书记，形成责任明确、领导有力、运转有序、保障到位的工作机制。",
    ),
    (
        "坚持分类指导。",
        "从不同领域、不同行业的实际出发，按村（社区）、机关、学校卫生院国企等类别分别考评、分类排名，增强工作的针对性。",
    ),
    ("坚持务实减负。", "数据一次录入、台账自动生成，不搞重复填报和留痕主义，把精力用在补短板、解难题上。"),
    ("坚持严格考评。", "根据考评结果全乡统一排名、严格奖惩；工作不到位的党支部拟定整改方案，迅速整改到位。"),
]


def _scope_orgs(campaign: Campaign) -> list[Organization]:
    return list(
        Organization.objects.filter(path__startswith=campaign.scope.path)
        .filter(active_orgs_q(campaign.starts_on))
        .exclude(kind=OrgKind.COMMITTEE)
        .exclude(category="")
        .order_by("path")
    )


def _scope_text(campaign: Campaign) -> str:
    groups: dict[str, list[str]] = defaultdict(list)
    for org in _scope_orgs(campaign):
        groups[org.category].append(org.name)
    order = list(CATEGORY_LABELS)
    parts = [
        f"{'、'.join(names)}{len(names)}个{CATEGORY_NOUNS.get(cat, '党支部')}"
        for cat, names in sorted(groups.items(), key=lambda x: order.index(x[0]) if x[0] in order else 99)
    ]
    return f"{issuer(campaign)}，" + "，".join(parts) + "。"


def _target(spec: loader.IndicatorSpec) -> str:
    if spec.rule.target is None:
        return "全部具备" if spec.rule.method == "checklist" else "由考评组评定"
    return target_text(spec.rule)


def _categories(spec: loader.IndicatorSpec) -> str:
    if spec.level == "aggregate":
        return "全乡"
    order = list(CATEGORY_LABELS)
    return "、".join(str(CATEGORY_LABELS[c]) for c in sorted(spec.categories, key=order.index) if c in CATEGORY_LABELS)


def _leadership(doc: OfficialDocument, campaign: Campaign) -> None:
    day = campaign.starts_on
    groups = (
        LeadingGroup.objects.filter(org=campaign.scope)
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=day))
        .order_by("kind", "-established_on")
    )
    written = False
    for group in groups:
        members = [m for m in group_members(group) if m.ended_on is None or m.ended_on >= day]
        if not members:
            continue
        by_role: dict[str, list[str]] = defaultdict(list)
        for member in members:
            duty = f"（{member.duty}）" if member.duty else ""
            by_role[member.get_role_display()].append(f"{member.person.name}{duty}")
        roles = "；".join(f"{role}：{'、'.join(names)}" for role, names in by_role.items())
        text = f"成立{group.name}（{date_text(group.established_on)}）。{roles}。"
        if group.duties:
            text += group.duties.rstrip("。") + "。"
        doc.para(text)
        written = True
    if not written:
        doc.placeholder("此处由组织委员填写“五个基本”建设工作领导小组和工作专班的组成（系统中尚未登记）")


def implementation_plan_docx(campaign: Campaign) -> bytes:
    """The campaign's 实施方案 as a GB/T 9704 .docx, from its scope, standard, phases, tasks and leading group."""
    document = campaign.standard.document
    specs = loader.indicators(document)
    doc = OfficialDocument()
    doc.doc.core_properties.title = f"{campaign.year}年{PROGRAM}实施方案"
    doc.doc.core_properties.author = issuer(campaign)
    doc.title(issuer(campaign), f"{campaign.year}年{PROGRAM}", "实施方案")
    doc.para(f"为切实加强{PROGRAM}工作，结合我乡实际，特制定本实施方案。")

    doc.heading1("一、指导思想")
    doc.para(GUIDING_IDEA)

    doc.heading1("二、活动范围")
    doc.para(_scope_text(campaign))

    doc.heading1("三、工作目标和工作内容")
    doc.para(
        f"对照《{document.get('name', campaign.standard.name)}》（{campaign.standard.version}版），各项目标和内容如下。"
    )
    by_dimension: dict[str, list[loader.IndicatorSpec]] = defaultdict(list)
    for spec in specs:
        if spec.rule.points > 0:
            by_dimension[spec.dimension].append(spec)
    dimensions = [d["name"] for d in document.get("dimensions", [])]
    for index, dimension in enumerate(dimensions, start=1):
        doc.heading2(f"（{numeral(index)}）{DIMENSION_HEADINGS.get(dimension, dimension)}")
        seen: set[tuple[str, str]] = set()
        number = 0
        for spec in by_dimension.get(dimension, []):
            key = (spec.name, spec.content)
            if key in seen:
                continue
            seen.add(key)
            number += 1
            content = spec.content.rstrip("。")
            doc.heading3(f"{number}.{spec.name}。", f"{content}（目标：{_target(spec)}；适用：{_categories(spec)}）。")

    doc.heading1("四、时间安排和方法步骤")
    phases = phases_of(campaign)
    doc.para(
        f"全乡{PROGRAM}工作从{date_text(campaign.starts_on)}起至{date_text(campaign.ends_on)}止"
        + (f"，分{numeral(len(phases))}个阶段进行：" if phases else "。")
    )
    tasks: dict[int, list[Task]] = defaultdict(list)
    for task in (
        Task.objects.filter(campaign=campaign).select_related("owner_org").order_by("phase__order", "order", "pk")
    ):
        tasks[task.phase_id].append(task)
    for index, phase in enumerate(phases, start=1):
        doc.heading2(
            f"（{numeral(index)}）{phase.name}阶段（{date_text(phase.starts_on)}至{date_text(phase.ends_on)}）"
        )
        for number, task in enumerate(tasks.get(phase.pk, []), start=1):
            # The committee's own posts read “乡党委组织委员”, not the committee's full name before them.
            if task.owner_org_id == campaign.scope_id and task.owner_role:
                owner = task.owner_role
            else:
                owner = task.owner_org.name + (task.owner_role or "")
            body = (task.description.rstrip("。") + "。") if task.description else ""
            body += f"责任单位：{owner}；完成时限：{date_text(task.deadline)}。"
            doc.heading3(f"{number}.{task.title}。", body)
    if not phases:
        doc.placeholder("此处由组织委员填写各阶段的时间和任务（系统中尚未建立阶段）")

    doc.heading1("五、组织领导和有关要求")
    doc.heading2("（一）加强组织领导。")
    _leadership(doc, campaign)
    for index, (heading, body) in enumerate(REQUIREMENTS, start=2):
        doc.heading2(f"（{numeral(index)}）{heading}", body)

    doc.signature(issuer(campaign), date_text(campaign.starts_on))
    return doc.to_bytes()
