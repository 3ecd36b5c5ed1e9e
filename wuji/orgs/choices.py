from django.db import models


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", "党委"
    GENERAL_BRANCH = "general_branch", "党总支"
    BRANCH = "branch", "党支部"


class Category(models.TextChoices):
    ORGAN = "organ", "机关"
    EDUCATION = "education", "教育"
    HEALTH = "health", "卫生"
    SOE = "soe", "国企"
    VILLAGE = "village", "农村"
    COMMUNITY = "community", "社区"
    NEW_SECTOR = "new_sector", "两新"


class UnitKind(models.TextChoices):
    ADMINISTRATIVE_VILLAGE = "administrative_village", "行政村"
    RESIDENTS_COMMITTEE = "residents_committee", "居委会"
    GOVERNMENT_AGENCY = "government_agency", "机关单位"
    SCHOOL = "school", "学校"
    HOSPITAL = "hospital", "卫生院"
    TOBACCO_STATION = "tobacco_station", "烟草站"
    POWER_COMPANY = "power_company", "供电企业"
    ENTERPRISE = "enterprise", "企业"
    COOPERATIVE = "cooperative", "专业合作社"
    ASSOCIATION = "association", "专业协会"
    OTHER = "other", "其他"


class MassOrgKind(models.TextChoices):
    TRADE_UNION = "trade_union", "工会"
    YOUTH_LEAGUE = "youth_league", "共青团"
    WOMEN_FEDERATION = "women_federation", "妇联"
    WOMEN_CONGRESS = "women_congress", "妇代会"
    MILITIA = "militia", "民兵连"


# Which mass organizations a unit of each kind is expected to have (seed §三㈠2):
# 机关 have 工会/共青团/妇联; villages and communities 团组织/妇代会/民兵连.
EXPECTED_MASS_ORGS: dict[str, tuple[str, ...]] = {
    UnitKind.GOVERNMENT_AGENCY: (MassOrgKind.TRADE_UNION, MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_FEDERATION),
    UnitKind.ADMINISTRATIVE_VILLAGE: (MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_CONGRESS, MassOrgKind.MILITIA),
    UnitKind.RESIDENTS_COMMITTEE: (MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_CONGRESS, MassOrgKind.MILITIA),
}


class WeakSource(models.TextChoices):
    REVIEW = "review", "排查认定"
    WARNING = "warning", "预警提示"


class WeakStatus(models.TextChoices):
    OPEN = "open", "待整顿"
    RECTIFYING = "rectifying", "整顿中"
    RECTIFIED = "rectified", "已转化"
    DISMISSED = "dismissed", "经核查不认定"
