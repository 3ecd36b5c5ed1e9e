from django.db import models


class GroupKind(models.TextChoices):
    LEADING_GROUP = "leading_group", "领导小组"
    WORK_TEAM = "work_team", "工作专班"


class GroupRole(models.TextChoices):
    LEADER = "leader", "组长"
    DEPUTY = "deputy", "副组长"
    MEMBER = "member", "成员"


class FacilityKind(models.TextChoices):
    ACTIVITY_ROOM = "activity_room", "党员活动室"
    OFFICE = "office", "办公活动场所"
    SERVICE_CENTER = "service_center", "党员群众服务中心"
    CLINIC = "clinic", "村卫生室"
    LIBRARY = "library", "农家书屋"
    SERVICE_SHOP = "service_shop", "综合服务社"


class FundingKind(models.TextChoices):
    CADRE_PAY = "cadre_pay", "村干部工作报酬"
    OFFICE = "office", "村级办公经费"
    TRAINING = "training", "党员干部培训经费"


class PensionScheme(models.TextChoices):
    RURAL_BASIC = "rural_basic", "新型农村社会养老保险"
    URBAN_EMPLOYEE = "urban_employee", "城镇职工基本养老保险"
    OTHER = "other", "其他"


# The "十有" of a standard 党员活动室 (seed §三㈤2): a sensible default; officers may change the list.
DEFAULT_TEN_HAVES: list[tuple[str, str]] = [
    ("sign", "有标识牌"),
    ("flag", "有党旗"),
    ("oath", "有入党誓词"),
    ("rules_on_wall", "有制度上墙"),
    ("seats", "有桌椅"),
    ("av_equipment", "有电教设备"),
    ("books", "有书报资料"),
    ("archive_cabinet", "有档案柜"),
    ("disclosure_board", "有党务公开栏"),
    ("keeper", "有专人管理"),
]
