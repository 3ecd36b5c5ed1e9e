from django.db import models


class AbsenceReason(models.TextChoices):
    WORK_AWAY = "work_away", "外出务工经商"
    ILLNESS = "illness", "因病"
    BUSINESS = "business", "因公"
    PERSONAL = "personal", "因事"
    OTHER = "other", "其他"


class ReviewOutcome(models.TextChoices):
    GOOD = "good", "好"
    FAIRLY_GOOD = "fairly_good", "较好"
    AVERAGE = "average", "一般"
    POOR = "poor", "差"


class PledgeResult(models.TextChoices):
    PENDING = "pending", "待评议"
    KEPT = "kept", "已兑现"
    PARTLY = "partly", "部分兑现"
    NOT_KEPT = "not_kept", "未兑现"


class HonorLevel(models.TextChoices):
    PROVINCE = "province", "省级"
    CITY = "city", "市（州）级"
    COUNTY = "county", "县级"
    TOWNSHIP = "township", "乡镇级"


# Activity types the seed names (§三㈢); officers may add more as data.
DEFAULT_TYPES: list[tuple[str, str, str | None]] = [
    ("group_study", "集中学习", None),
    ("democratic_life", "民主生活会", None),
    ("org_life", "组织生活会", None),
    ("remote_education", "远程教育", None),
    ("remote_theory", "理论学习", "remote_education"),
    ("remote_skills", "实用技术培训", "remote_education"),
    ("remote_culture", "文化娱乐", "remote_education"),
    ("deliberation", "说事议事", None),
    ("pairing_help", "结对帮扶", None),
    ("civility", "文明创建", None),
    ("convenience", "便民服务", None),
    ("theme_practice", "主题实践", None),
    ("city_rural_hand_in_hand", "城乡牵手脱贫奔小康", "theme_practice"),
    ("listen_visit_solve", "听民声、访民情、解民难", "theme_practice"),
    ("double_build", "双建双带", None),
    ("party_spirit_review", "党性定期分析", None),
]
