from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    LEADING_GROUP = "leading_group", _("领导小组")
    WORK_TEAM = "work_team", _("工作专班")


class GroupRole(models.TextChoices):
    LEADER = "leader", _("组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("成员")


class FacilityKind(models.TextChoices):
    ACTIVITY_ROOM = "activity_room", _("党员活动室")
    OFFICE = "office", _("办公活动场所")
    SERVICE_CENTER = "service_center", _("党员群众服务中心")
    CLINIC = "clinic", _("村卫生室")
    LIBRARY = "library", _("农家书屋")
    SERVICE_SHOP = "service_shop", _("综合服务社")


class FundingKind(models.TextChoices):
    CADRE_PAY = "cadre_pay", _("村干部工作报酬")
    OFFICE = "office", _("村级办公经费")
    TRAINING = "training", _("党员干部培训经费")


class PensionScheme(models.TextChoices):
    RURAL_BASIC = "rural_basic", _("新型农村社会养老保险")
    URBAN_EMPLOYEE = "urban_employee", _("城镇职工基本养老保险")
    OTHER = "other", _("其他")


# The "十有" of a standard 党员活动室 (seed §三㈤2): a sensible default; officers may change the list.
DEFAULT_TEN_HAVES = [
    ("sign", _("有标识牌")),
    ("flag", _("有党旗")),
    ("oath", _("有入党誓词")),
    ("rules_on_wall", _("有制度上墙")),
    ("seats", _("有桌椅")),
    ("av_equipment", _("有电教设备")),
    ("books", _("有书报资料")),
    ("archive_cabinet", _("有档案柜")),
    ("disclosure_board", _("有党务公开栏")),
    ("keeper", _("有专人管理")),
]

# The village's own service system (seed §三㈤2): only village and community orgs have these.
VILLAGE_ONLY_FACILITIES = frozenset(
    {FacilityKind.SERVICE_CENTER, FacilityKind.CLINIC, FacilityKind.LIBRARY, FacilityKind.SERVICE_SHOP}
)

# 力争3至5年内全乡所有村集体经济年收入达到5万元以上 (seed §三㈤4), in 元.
INCOME_TARGET = 50_000
