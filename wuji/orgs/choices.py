from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")


class Category(models.TextChoices):
    ORGAN = "organ", _("机关")
    EDUCATION = "education", _("教育")
    HEALTH = "health", _("卫生")
    SOE = "soe", _("国企")
    VILLAGE = "village", _("农村")
    COMMUNITY = "community", _("社区")
    NEW_SECTOR = "new_sector", _("两新")


class UnitKind(models.TextChoices):
    ADMINISTRATIVE_VILLAGE = "administrative_village", _("行政村")
    RESIDENTS_COMMITTEE = "residents_committee", _("居委会")
    GOVERNMENT_AGENCY = "government_agency", _("机关单位")
    SCHOOL = "school", _("学校")
    HOSPITAL = "hospital", _("卫生院")
    TOBACCO_STATION = "tobacco_station", _("烟草站")
    POWER_COMPANY = "power_company", _("供电企业")
    ENTERPRISE = "enterprise", _("企业")
    COOPERATIVE = "cooperative", _("专业合作社")
    ASSOCIATION = "association", _("专业协会")
    OTHER = "other", _("其他")


class MassOrgKind(models.TextChoices):
    TRADE_UNION = "trade_union", _("工会")
    YOUTH_LEAGUE = "youth_league", _("共青团")
    WOMEN_FEDERATION = "women_federation", _("妇联")
    WOMEN_CONGRESS = "women_congress", _("妇代会")
    MILITIA = "militia", _("民兵连")


# Which mass organizations a unit of each kind is expected to have (seed §三㈠2):
# 机关 have 工会/共青团/妇联; villages and communities 团组织/妇代会/民兵连.
EXPECTED_MASS_ORGS: dict[str, tuple[str, ...]] = {
    UnitKind.GOVERNMENT_AGENCY: (MassOrgKind.TRADE_UNION, MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_FEDERATION),
    UnitKind.ADMINISTRATIVE_VILLAGE: (MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_CONGRESS, MassOrgKind.MILITIA),
    UnitKind.RESIDENTS_COMMITTEE: (MassOrgKind.YOUTH_LEAGUE, MassOrgKind.WOMEN_CONGRESS, MassOrgKind.MILITIA),
}


class WeakSource(models.TextChoices):
    REVIEW = "review", _("排查认定")
    WARNING = "warning", _("预警提示")


class WeakStatus(models.TextChoices):
    OPEN = "open", _("待整顿")
    RECTIFYING = "rectifying", _("整顿中")
    RECTIFIED = "rectified", _("已转化")
    DISMISSED = "dismissed", _("经核查不认定")
