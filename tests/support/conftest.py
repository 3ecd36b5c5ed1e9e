"""基本保障 records of two villages (and the township's leading group), made through the services.

    support_a / support_b   SupportRecords of 甲村 / 乙村: what village A's secretary must never reach
    both_support            (support_a, support_b)
    png / jpeg              small real images for photo uploads

Every record is dated in 2009–2010, so the figures of those years are known.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.orgs.models import Organization
from wuji.people import services as people_services
from wuji.people.choices import Title
from wuji.people.models import Person
from wuji.support import services
from wuji.support.choices import FacilityKind, FundingKind, GroupKind, GroupRole, PensionScheme
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
)


def png_bytes() -> bytes:
    """A real 1×1 PNG (the upload check reads the magic number, not the name)."""
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )


def photo(name: str = "flag.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


@dataclass
class SupportRecords:
    """One village's 基本保障 records of every kind a page can show."""

    org: Organization
    secretary: Person  # branch secretary since 2005, enrolled in a pension
    former_chair: Person  # village committee chair 2000–2008, on a retirement subsidy
    group: LeadingGroup  # the township's group (the same for both villages)
    member: LeadingGroupMember  # the village secretary in the township's group
    room: Facility  # 党员活动室: 4 of the "十有" checked on 2010-06-01, 3 in place
    office: Facility
    site: RemoteEducationSite
    income: CollectiveIncome  # 2009
    funding: Funding  # 2009 cadre pay
    pension: PensionEnrollment
    subsidy: RetirementSubsidy


def township_group(township: Township) -> LeadingGroup:
    existing = LeadingGroup.objects.filter(org=township.township).first()
    if existing is not None:
        return existing
    return services.leading_group_save(
        user=writer_for(township.township),
        group=LeadingGroup(
            org=township.township,
            kind=GroupKind.LEADING_GROUP,
            name="测试乡“五个基本”建设领导小组",
            established_on=dt.date(2010, 4, 12),
        ),
    )


def make_support_records(township: Township, org: Organization, *, prefix: str) -> SupportRecords:
    officer = writer_for(org)
    secretary = make_full_member(org=org, name=f"{prefix}书记", full_on=dt.date(2001, 7, 1))
    people_services.position_assign(
        user=officer, person=secretary, org=org, title=Title.SECRETARY, started_on=dt.date(2005, 1, 10)
    )
    former_chair = PersonFactory(org=org, name=f"{prefix}老主任")
    people_services.position_assign(
        user=officer,
        person=former_chair,
        org=org,
        title=Title.VILLAGE_CHAIR,
        started_on=dt.date(1999, 1, 1),
        ended_on=dt.date(2008, 1, 1),
    )
    group = township_group(township)
    member = services.leading_group_member_save(
        user=officer,
        member=LeadingGroupMember(
            group=group, person=secretary, role=GroupRole.MEMBER, duty=f"{prefix}联络", started_on=dt.date(2010, 4, 12)
        ),
    )
    room = services.facility_save(
        user=officer,
        facility=Facility(
            org=org, kind=FacilityKind.ACTIVITY_ROOM, name=f"{prefix}村党员活动室", opened_on=dt.date(2008, 5, 1)
        ),
    )
    items = list(ChecklistItem.objects.filter(active=True))[:4]  # 3 in place, 1 missing, 6 never checked
    services.facility_check_record(
        user=officer,
        facility=room,
        checked_on=dt.date(2010, 6, 1),
        ticks=[services.Tick(item=item, present=i < 3) for i, item in enumerate(items)],
    )
    office = services.facility_save(
        user=officer, facility=Facility(org=org, kind=FacilityKind.OFFICE, name=f"{prefix}村办公楼")
    )
    site = services.site_save(
        user=officer,
        site=RemoteEducationSite(
            org=org, name=f"{prefix}村远教站点", equipment="电视机、卫星接收机", established_on=dt.date(2008, 6, 1)
        ),
    )
    services.site_inspect(user=officer, site=site, inspected_on=dt.date(2010, 3, 1), working=True)
    income = services.income_save(
        user=officer,
        income=CollectiveIncome(
            org=org, year=2009, total=Decimal("42000"), operating=Decimal("12000"), note=f"{prefix}茶园"
        ),
    )
    funding = services.funding_save(
        user=officer,
        funding=Funding(org=org, year=2009, kind=FundingKind.CADRE_PAY, amount=Decimal("36000"), note=f"{prefix}报酬"),
    )
    pension = services.pension_save(
        user=officer,
        enrollment=PensionEnrollment(
            person=secretary, org=org, scheme=PensionScheme.RURAL_BASIC, enrolled_on=dt.date(2010, 3, 1)
        ),
    )
    subsidy = services.retirement_subsidy_save(
        user=officer,
        subsidy=RetirementSubsidy(
            person=former_chair, org=org, started_on=dt.date(2008, 2, 1), monthly_amount=Decimal("300")
        ),
    )
    return SupportRecords(
        org, secretary, former_chair, group, member, room, office, site, income, funding, pension, subsidy
    )


@pytest.fixture
def support_a(township: Township) -> SupportRecords:
    return make_support_records(township, township.village_a, prefix="甲")


@pytest.fixture
def support_b(township: Township) -> SupportRecords:
    return make_support_records(township, township.village_b, prefix="乙")


@pytest.fixture
def both_support(support_a: SupportRecords, support_b: SupportRecords) -> tuple[SupportRecords, SupportRecords]:
    return support_a, support_b
