from django.db import models


class RuleKind(models.TextChoices):
    """The rules seed §三㈣ asks every org (or every village) to have."""

    DELIBERATION_RULES = "deliberation_rules", "议事规则"
    DECISION_PROCEDURE = "decision_procedure", "决策程序"
    PARTY_AFFAIRS_DISCLOSURE = "party_affairs_disclosure", "党务公开制度"
    PUBLIC_AFFAIRS_DISCLOSURE = "public_affairs_disclosure", "政务（村务）公开制度"
    DEMOCRATIC_MANAGEMENT = "democratic_management", "民主管理制度"
    INTEGRITY_RESPONSIBILITY = "integrity_responsibility", "党风廉政建设责任制"
    SECRETARY_TARGET_RESPONSIBILITY = "secretary_target_responsibility", "书记岗位目标责任制"
    CADRE_PERFORMANCE = "cadre_performance", "村干部工作绩效考核制度"
    CADRE_MANAGEMENT = "cadre_management", "党员干部培养教育管理激励机制"
    PERFORMANCE_REGISTRATION = "performance_registration", "机关党员干部业绩登记制度"
    ARCHIVE_MANAGEMENT = "archive_management", "档案管理制度"
    THREE_ASSETS_MANAGEMENT = "three_assets_management", "“三资”管理制度"
    OTHER = "other", "其他制度"


class MatterStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "办理中"
    STOPPED = "stopped", "未获通过"
    ABANDONED = "abandoned", "已终止"
    COMPLETED = "completed", "已办结"


class StepKind(models.IntegerChoices):
    """五议: the five deliberations, in the order they must happen."""

    VILLAGER_PROPOSAL = 1, "村（居）民建议"
    BRANCH_PROPOSAL = 2, "支部会提议"
    TWO_COMMITTEES = 3, "“两委”商议"
    MEMBERS_MEETING = 4, "党员大会审议"
    VILLAGERS_MEETING = 5, "村（居）民（代表）大会决议"


class DisclosureKind(models.TextChoices):
    """五公开 of a matter, in order, plus the general 党务/村务 disclosures of an org."""

    PROPOSAL = "proposal", "提议事项公开"
    PROCEDURE = "procedure", "审议程序公开"
    RESULT = "result", "议事结果公开"
    PLAN = "plan", "实施方案公开"
    OUTCOME = "outcome", "办理结果公开"
    PARTY_AFFAIRS = "party_affairs", "党务公开"
    VILLAGE_AFFAIRS = "village_affairs", "村务公开"


MATTER_DISCLOSURES = [
    DisclosureKind.PROPOSAL,
    DisclosureKind.PROCEDURE,
    DisclosureKind.RESULT,
    DisclosureKind.PLAN,
    DisclosureKind.OUTCOME,
]
# The deliberation step a matter disclosure waits for.
DISCLOSURE_AFTER_STEP = {
    DisclosureKind.PROPOSAL: StepKind.TWO_COMMITTEES,
    DisclosureKind.PROCEDURE: StepKind.MEMBERS_MEETING,
    DisclosureKind.RESULT: StepKind.VILLAGERS_MEETING,
    DisclosureKind.PLAN: StepKind.VILLAGERS_MEETING,
    DisclosureKind.OUTCOME: StepKind.VILLAGERS_MEETING,
}


class Channel(models.TextChoices):
    BOARD = "board", "公开栏"
    BROADCAST = "broadcast", "广播"
    MEETING = "meeting", "会议"
    LEAFLET = "leaflet", "明白卡/告示"
    ONLINE = "online", "网络/微信群"
    OTHER = "other", "其他"


class ArchiveCategory(models.TextChoices):
    ORGANIZATION = "organization", "组织建设"
    MEMBERS = "members", "党员管理"
    MEETINGS = "meetings", "会议记录"
    VILLAGE_AFFAIRS = "village_affairs", "村务管理"
    FINANCE = "finance", "财务"
    OTHER = "other", "其他"


class AssetKind(models.TextChoices):
    FUND = "fund", "资金"
    ASSET = "asset", "资产"
    RESOURCE = "resource", "资源"
