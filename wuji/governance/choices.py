from django.db import models
from django.utils.translation import gettext_lazy as _

from wuji.orgs.choices import Category


class RuleKind(models.TextChoices):
    """The rules seed §三㈣ asks every org (or every village) to have."""

    DELIBERATION_RULES = "deliberation_rules", _("议事规则")
    DECISION_PROCEDURE = "decision_procedure", _("决策程序")
    PARTY_AFFAIRS_DISCLOSURE = "party_affairs_disclosure", _("党务公开制度")
    PUBLIC_AFFAIRS_DISCLOSURE = "public_affairs_disclosure", _("政务（村务）公开制度")
    DEMOCRATIC_MANAGEMENT = "democratic_management", _("民主管理制度")
    INTEGRITY_RESPONSIBILITY = "integrity_responsibility", _("党风廉政建设责任制")
    SECRETARY_TARGET_RESPONSIBILITY = "secretary_target_responsibility", _("书记岗位目标责任制")
    CADRE_PERFORMANCE = "cadre_performance", _("村干部工作绩效考核制度")
    CADRE_MANAGEMENT = "cadre_management", _("党员干部培养教育管理激励机制")
    PERFORMANCE_REGISTRATION = "performance_registration", _("机关党员干部业绩登记制度")
    ARCHIVE_MANAGEMENT = "archive_management", _("档案管理制度")
    THREE_ASSETS_MANAGEMENT = "three_assets_management", _("“三资”管理制度")
    OTHER = "other", _("其他制度")


# Two-character column heads of the org × kind table (制度齐全情况), so it fits a phone.
RULE_KIND_SHORT = {
    RuleKind.DELIBERATION_RULES: _("议事"),
    RuleKind.DECISION_PROCEDURE: _("决策"),
    RuleKind.PARTY_AFFAIRS_DISCLOSURE: _("党务"),
    RuleKind.PUBLIC_AFFAIRS_DISCLOSURE: _("政/村务"),
    RuleKind.DEMOCRATIC_MANAGEMENT: _("民主"),
    RuleKind.INTEGRITY_RESPONSIBILITY: _("廉政"),
    RuleKind.SECRETARY_TARGET_RESPONSIBILITY: _("书记"),
    RuleKind.CADRE_PERFORMANCE: _("绩效"),
    RuleKind.CADRE_MANAGEMENT: _("培养"),
    RuleKind.PERFORMANCE_REGISTRATION: _("业绩"),
    RuleKind.ARCHIVE_MANAGEMENT: _("档案"),
    RuleKind.THREE_ASSETS_MANAGEMENT: _("三资"),
    RuleKind.OTHER: _("其他"),
}

# Which rules an org of each category must have (seed §三㈣ 1、2、4、5):
# villages and communities — 议事规则和决策程序, 党务公开, 村务公开, 民主管理, 党风廉政建设责任制 (㈣1),
#   书记岗位目标责任制, 村干部工作绩效考核 (㈣2), 村级档案管理, 农村“三资”管理 (㈣5);
# 机关 — 议事规则, 决策程序, 党务公开, 政务公开, 党风廉政建设责任制 (㈣1),
#   党员干部培养教育管理激励机制 and 业绩登记制度 (㈣4);
# every other org (教育, 卫生, 国企, 两新, and a 党委 with no category) — 议事规则, 党务公开, 党风廉政建设责任制.
_VILLAGE_RULES = (
    RuleKind.DELIBERATION_RULES,
    RuleKind.DECISION_PROCEDURE,
    RuleKind.PARTY_AFFAIRS_DISCLOSURE,
    RuleKind.PUBLIC_AFFAIRS_DISCLOSURE,
    RuleKind.DEMOCRATIC_MANAGEMENT,
    RuleKind.INTEGRITY_RESPONSIBILITY,
    RuleKind.SECRETARY_TARGET_RESPONSIBILITY,
    RuleKind.CADRE_PERFORMANCE,
    RuleKind.ARCHIVE_MANAGEMENT,
    RuleKind.THREE_ASSETS_MANAGEMENT,
)
_ORGAN_RULES = (
    RuleKind.DELIBERATION_RULES,
    RuleKind.DECISION_PROCEDURE,
    RuleKind.PARTY_AFFAIRS_DISCLOSURE,
    RuleKind.PUBLIC_AFFAIRS_DISCLOSURE,
    RuleKind.INTEGRITY_RESPONSIBILITY,
    RuleKind.CADRE_MANAGEMENT,
    RuleKind.PERFORMANCE_REGISTRATION,
)
DEFAULT_REQUIRED_RULES = (
    RuleKind.DELIBERATION_RULES,
    RuleKind.PARTY_AFFAIRS_DISCLOSURE,
    RuleKind.INTEGRITY_RESPONSIBILITY,
)
REQUIRED_RULES: dict[str, tuple[RuleKind, ...]] = {
    Category.VILLAGE: _VILLAGE_RULES,
    Category.COMMUNITY: _VILLAGE_RULES,
    Category.ORGAN: _ORGAN_RULES,
}


def required_rules(category: str) -> tuple[RuleKind, ...]:
    """The rule kinds an org of `category` must have in force ('' for a 党委 without a category)."""
    return REQUIRED_RULES.get(category, DEFAULT_REQUIRED_RULES)


class MatterStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("办理中")
    STOPPED = "stopped", _("未获通过")
    ABANDONED = "abandoned", _("已终止")
    COMPLETED = "completed", _("已办结")


class StepKind(models.IntegerChoices):
    """五议: the five deliberations, in the order they must happen."""

    VILLAGER_PROPOSAL = 1, _("村（居）民建议")
    BRANCH_PROPOSAL = 2, _("支部会提议")
    TWO_COMMITTEES = 3, _("“两委”商议")
    MEMBERS_MEETING = 4, _("党员大会审议")
    VILLAGERS_MEETING = 5, _("村（居）民（代表）大会决议")


class DisclosureKind(models.TextChoices):
    """五公开 of a matter, in order, plus the general 党务/村务 disclosures of an org."""

    PROPOSAL = "proposal", _("提议事项公开")
    PROCEDURE = "procedure", _("审议程序公开")
    RESULT = "result", _("议事结果公开")
    PLAN = "plan", _("实施方案公开")
    OUTCOME = "outcome", _("办理结果公开")
    PARTY_AFFAIRS = "party_affairs", _("党务公开")
    VILLAGE_AFFAIRS = "village_affairs", _("村务公开")


MATTER_DISCLOSURES = [
    DisclosureKind.PROPOSAL,
    DisclosureKind.PROCEDURE,
    DisclosureKind.RESULT,
    DisclosureKind.PLAN,
    DisclosureKind.OUTCOME,
]
ORG_DISCLOSURES = [DisclosureKind.PARTY_AFFAIRS, DisclosureKind.VILLAGE_AFFAIRS]
# The deliberation step a matter disclosure waits for.
DISCLOSURE_AFTER_STEP = {
    DisclosureKind.PROPOSAL: StepKind.TWO_COMMITTEES,
    DisclosureKind.PROCEDURE: StepKind.MEMBERS_MEETING,
    DisclosureKind.RESULT: StepKind.VILLAGERS_MEETING,
    DisclosureKind.PLAN: StepKind.VILLAGERS_MEETING,
    DisclosureKind.OUTCOME: StepKind.VILLAGERS_MEETING,
}


class Channel(models.TextChoices):
    BOARD = "board", _("公开栏")
    BROADCAST = "broadcast", _("广播")
    MEETING = "meeting", _("会议")
    LEAFLET = "leaflet", _("明白卡/告示")
    ONLINE = "online", _("网络/微信群")
    OTHER = "other", _("其他")


class ArchiveCategory(models.TextChoices):
    ORGANIZATION = "organization", _("组织建设")
    MEMBERS = "members", _("党员管理")
    MEETINGS = "meetings", _("会议记录")
    VILLAGE_AFFAIRS = "village_affairs", _("村务管理")
    FINANCE = "finance", _("财务")
    OTHER = "other", _("其他")


class AssetKind(models.TextChoices):
    FUND = "fund", _("资金")
    ASSET = "asset", _("资产")
    RESOURCE = "resource", _("资源")
