from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("研究生")
    BACHELOR = "bachelor", _("大学本科")
    COLLEGE = "college", _("大学专科")
    SECONDARY_VOCATIONAL = "secondary_vocational", _("中专")
    HIGH_SCHOOL = "high_school", _("高中")
    JUNIOR_HIGH = "junior_high", _("初中")
    PRIMARY = "primary", _("小学及以下")


class Stage(models.TextChoices):
    """Membership stages in the order a person passes them."""

    APPLICANT = "applicant", _("入党申请人")
    ACTIVIST = "activist", _("入党积极分子")
    CANDIDATE = "candidate", _("发展对象")
    PROBATIONARY = "probationary", _("预备党员")
    FULL = "full", _("正式党员")


STAGE_ORDER: list[str] = [s.value for s in Stage]
MEMBER_STAGES = frozenset({Stage.PROBATIONARY.value, Stage.FULL.value})


class Title(models.TextChoices):
    SECRETARY = "secretary", _("书记")
    DEPUTY_SECRETARY = "deputy_secretary", _("副书记")
    MEMBER = "member", _("委员")
    VILLAGE_CHAIR = "village_chair", _("村委会主任")
    VILLAGE_DEPUTY_CHAIR = "village_deputy_chair", _("村委会副主任")
    VILLAGE_MEMBER = "village_member", _("村委会委员")
    RESIDENTS_CHAIR = "residents_chair", _("居委会主任")
    RESIDENTS_DEPUTY_CHAIR = "residents_deputy_chair", _("居委会副主任")
    RESIDENTS_MEMBER = "residents_member", _("居委会委员")


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
    TWO_RECOMMEND_ONE_ELECTION = "two_recommend_one_election", _("两推一选")
    DIRECT_ELECTION = "direct_election", _("直选")
    MEMBERS_DIRECT_ELECTION = "members_direct_election", _("党员大会直接选举")
    APPOINTMENT = "appointment", _("任命")
    OTHER = "other", _("其他")


class Pool(models.TextChoices):
    RESERVE_CADRE = "reserve_cadre", _("后备干部")
    PRACTICAL_TALENT = "practical_talent", _("农村实用人才")


class TrainingKind(models.TextChoices):
    TRAINING = "training", _("培训")
    STUDY_TRIP = "study_trip", _("外出考察学习")


class TrainingCategory(models.TextChoices):
    THEORY = "theory", _("理论学习")
    PARTY_AFFAIRS = "party_affairs", _("党务知识")
    CADRE = "cadre", _("村干部培训")
    PRACTICAL_SKILLS = "practical_skills", _("实用技术")
    BUSINESS = "business", _("业务培训")
    OTHER = "other", _("其他")
