"""The numeric targets of seed §三 that pages show before the standard engine exists.

The standard file (standards/five-basics.yaml, a later issue) becomes the
source of truth for scoring; these are the seed's own figures for the
"what is missing" lists.
"""

RESERVE_CADRES_MIN = 3  # 储备3—5名后备干部
RESERVE_CADRES_MAX = 5
PRACTICAL_TALENTS_MIN = 10  # 培养10名以上农村实用人才
ACTIVISTS_MIN = 3  # 每年入党积极分子保持3名以上
NEW_MEMBERS_MIN = 1  # 每年发展1—2名新党员
NEW_MEMBERS_MAX = 2
FEMALE_CADRES_MIN = 1  # 每村有1名女干部
DUAL_ROLE_SHARE = 0.9  # “一肩挑”比例达到90%以上
SECRETARY_VACANCY_DAYS = 90  # 书记空缺超过三个月预警 (DESIGN §2)
