from django.db import models


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", "研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY_VOCATIONAL = "secondary_vocational", "中专"
    HIGH_SCHOOL = "high_school", "高中"
    JUNIOR_HIGH = "junior_high", "初中"
    PRIMARY = "primary", "小学及以下"


class Stage(models.TextChoices):
    """Membership stages in the order a person passes them."""

    APPLICANT = "applicant", "入党申请人"
    ACTIVIST = "activist", "入党积极分子"
    CANDIDATE = "candidate", "发展对象"
    PROBATIONARY = "probationary", "预备党员"
    FULL = "full", "正式党员"


STAGE_ORDER: list[str] = [s.value for s in Stage]
MEMBER_STAGES = frozenset({Stage.PROBATIONARY.value, Stage.FULL.value})


class Title(models.TextChoices):
    SECRETARY = "secretary", "书记"
    DEPUTY_SECRETARY = "deputy_secretary", "副书记"
    MEMBER = "member", "委员"
    VILLAGE_CHAIR = "village_chair", "村委会主任"
    VILLAGE_DEPUTY_CHAIR = "village_deputy_chair", "村委会副主任"
    VILLAGE_MEMBER = "village_member", "村委会委员"
    RESIDENTS_CHAIR = "residents_chair", "居委会主任"
    RESIDENTS_DEPUTY_CHAIR = "residents_deputy_chair", "居委会副主任"
    RESIDENTS_MEMBER = "residents_member", "居委会委员"


# Posts that one person holds at a time in an org.
SINGLE_SEAT_TITLES = frozenset({Title.SECRETARY, Title.VILLAGE_CHAIR, Title.RESIDENTS_CHAIR})
# Posts of a village or residents' committee (not of the Party org itself).
COMMITTEE_TITLES = frozenset(
    {
        Title.VILLAGE_CHAIR,
        Title.VILLAGE_DEPUTY_CHAIR,
        Title.VILLAGE_MEMBER,
        Title.RESIDENTS_CHAIR,
        Title.RESIDENTS_DEPUTY_CHAIR,
        Title.RESIDENTS_MEMBER,
    }
)
CHAIR_TITLES = frozenset({Title.VILLAGE_CHAIR, Title.RESIDENTS_CHAIR})
# Main cadres (主职干部) of a village: the branch secretary and the committee chair.
MAIN_CADRE_TITLES = frozenset({Title.SECRETARY, *CHAIR_TITLES})


class SelectionMethod(models.TextChoices):
    TWO_RECOMMEND_ONE_ELECTION = "two_recommend_one_election", "两推一选"
    DIRECT_ELECTION = "direct_election", "直选"
    MEMBERS_DIRECT_ELECTION = "members_direct_election", "党员大会直接选举"
    APPOINTMENT = "appointment", "任命"
    OTHER = "other", "其他"


class Pool(models.TextChoices):
    RESERVE_CADRE = "reserve_cadre", "后备干部"
    PRACTICAL_TALENT = "practical_talent", "农村实用人才"


class TrainingKind(models.TextChoices):
    TRAINING = "training", "培训"
    STUDY_TRIP = "study_trip", "外出考察学习"


class TrainingCategory(models.TextChoices):
    THEORY = "theory", "理论学习"
    PARTY_AFFAIRS = "party_affairs", "党务知识"
    CADRE = "cadre", "村干部培训"
    PRACTICAL_SKILLS = "practical_skills", "实用技术"
    BUSINESS = "business", "业务培训"
    OTHER = "other", "其他"
