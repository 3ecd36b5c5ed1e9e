"""The rules of 基本保障: "十有" as of a day, site status, income, pensions and subsidies.

Given/when/then, through the same services the pages call.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from tests.support.conftest import photo
from wuji.people import services as people_services
from wuji.people.choices import Title
from wuji.people.models import Position
from wuji.support import selectors, services
from wuji.support.choices import FacilityKind, FundingKind, PensionScheme
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    Facility,
    Funding,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
)

pytestmark = pytest.mark.django_db


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@pytest.fixture
def room(township: Township) -> Facility:
    return services.facility_save(
        user=writer_for(township.village_a),
        facility=Facility(
            org=township.village_a, kind=FacilityKind.ACTIVITY_ROOM, name="甲村活动室", opened_on=day("2008-01-01")
        ),
    )


def check(facility: Facility, on: str, present: dict[str, bool], **photos: Any) -> None:
    items = {item.code: item for item in ChecklistItem.objects.all()}
    services.facility_check_record(
        user=writer_for(facility.org),
        facility=facility,
        checked_on=day(on),
        ticks=[
            services.Tick(item=items[code], present=value, photo=photos.get(code)) for code, value in present.items()
        ],
    )


def status(facility: Facility, on: str) -> dict[str, bool | None]:
    checklist = selectors.facility_checklist(facility, day(on))
    return {row.item.code: (row.check.present if row.check else None) for row in checklist.rows}


# ---- "十有" -------------------------------------------------------------------------------


def test_ten_haves_ship_as_data() -> None:
    assert ChecklistItem.objects.filter(active=True).count() == 10


def test_the_latest_check_on_or_before_the_day_counts(room: Facility) -> None:
    check(room, "2010-03-01", {"flag": False, "oath": True})
    check(room, "2010-06-01", {"flag": True})

    assert status(room, "2010-02-28")["flag"] is None  # not yet checked
    assert status(room, "2010-03-01")["flag"] is False
    assert status(room, "2010-05-31")["flag"] is False
    assert status(room, "2010-06-01")["flag"] is True
    # An item left out of the later check keeps its earlier result.
    assert status(room, "2010-12-31")["oath"] is True


def test_a_later_cross_after_a_tick_makes_the_item_missing_again(room: Facility) -> None:
    check(room, "2010-03-01", {"flag": True, "seats": True})
    check(room, "2010-09-01", {"flag": False})

    assert selectors.facility_checklist(room, day("2010-08-31")).present == 2
    after = selectors.facility_checklist(room, day("2010-09-01"))
    assert after.present == 1
    assert status(room, "2010-09-01")["flag"] is False


def test_two_checks_on_one_day_the_one_recorded_later_counts(room: Facility) -> None:
    check(room, "2010-03-01", {"flag": False})
    check(room, "2010-03-01", {"flag": True})
    assert status(room, "2010-03-01")["flag"] is True


def test_deactivated_items_are_not_counted(room: Facility) -> None:
    check(room, "2010-03-01", {code: True for code in ChecklistItem.objects.values_list("code", flat=True)})
    assert selectors.facility_checklist(room, day("2010-12-31")).present == 10

    ChecklistItem.objects.filter(code="keeper").update(active=False)

    checklist = selectors.facility_checklist(room, day("2010-12-31"))
    assert (checklist.present, checklist.total) == (9, 9)
    assert checklist.complete
    assert "keeper" not in {row.item.code for row in checklist.rows}
    overview = {r.org.pk: r for r in selectors.facility_overview(user=writer_for(room.org), day=day("2010-12-31"))}
    assert (overview[room.org_id].ten_present, overview[room.org_id].ten_total) == (9, 9)
    with pytest.raises(ValidationError, match="已停用"):
        check(room, "2010-04-01", {"keeper": True})


def test_the_overview_takes_the_as_of_day(township: Township, room: Facility) -> None:
    user = writer_for(township.village_a)
    check(room, "2010-03-01", {"flag": True, "oath": True, "sign": True})
    check(room, "2010-09-01", {"flag": False})
    services.facility_save(
        user=user,
        facility=Facility(org=township.village_a, kind=FacilityKind.CLINIC, name="卫生室", opened_on=day("2010-05-01")),
    )

    rows = {r.org.pk: r for r in selectors.facility_overview(user=user, day=day("2010-04-01"))}
    village_a = rows[township.village_a.pk]
    assert village_a.ten_present == 3 and village_a.ten_total == 10
    assert village_a.kinds == {FacilityKind.ACTIVITY_ROOM: True}  # the clinic opened later
    later = {r.org.pk: r for r in selectors.facility_overview(user=user, day=day("2010-12-31"))}[township.village_a.pk]
    assert later.ten_present == 2 and later.kinds[FacilityKind.CLINIC]
    village_b = rows[township.village_b.pk]
    assert village_b.ten_present is None and not any(village_b.cells)
    assert township.organ_a.pk not in rows  # villages and communities only


def test_a_check_is_refused_outside_the_rooms_life_and_in_the_future(room: Facility) -> None:
    with pytest.raises(ValidationError, match="早于活动室建成日期"):
        check(room, "2007-12-31", {"flag": True})
    with pytest.raises(ValidationError, match="晚于今天"):
        check(room, (dt.date.today() + dt.timedelta(days=2)).isoformat(), {"flag": True})


def test_only_an_activity_room_has_ten_haves(township: Township) -> None:
    office = services.facility_save(
        user=writer_for(township.village_a),
        facility=Facility(org=township.village_a, kind=FacilityKind.OFFICE, name="办公楼"),
    )
    with pytest.raises(ValidationError, match="只适用于党员活动室"):
        check(office, "2010-03-01", {"flag": True})


def test_a_photo_must_be_an_image(room: Facility) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("flag.png", b"MZ\x90\x00 not a picture at all", content_type="image/png")
    with pytest.raises(ValidationError, match="有党旗"):
        check(room, "2010-03-01", {"flag": True}, flag=fake)
    check(room, "2010-03-01", {"flag": True}, flag=photo())
    row = next(r for r in selectors.facility_checklist(room, day("2010-03-01")).rows if r.item.code == "flag")
    assert row.check is not None and row.check.photo is not None and row.check.photo.is_image


def test_a_secretary_checks_only_their_own_room(township: Township, room: Facility, secretary_b: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.facility_check_record(
            user=secretary_b,
            facility=room,
            checked_on=day("2010-03-01"),
            ticks=[services.Tick(item=ChecklistItem.objects.first(), present=True)],  # type: ignore[arg-type]
        )


def test_village_services_belong_to_villages(township: Township) -> None:
    with pytest.raises(ValidationError, match="只适用于村"):
        services.facility_save(
            user=writer_for(township.organ_a),
            facility=Facility(org=township.organ_a, kind=FacilityKind.LIBRARY, name="机关书屋"),
        )


# ---- 远程教育站点 -----------------------------------------------------------------------


@pytest.fixture
def site(township: Township) -> RemoteEducationSite:
    return services.site_save(
        user=writer_for(township.village_a),
        site=RemoteEducationSite(
            org=township.village_a, name="甲村站点", equipment="电视机", established_on=day("2009-01-01")
        ),
    )


def site_status_on(user: Any, site: RemoteEducationSite, on: str) -> str:
    annotated = selectors.site_get_visible(user=user, pk=site.pk, day=day(on))
    return selectors.site_status(annotated, day(on))


def test_site_status_is_what_the_latest_inspection_on_or_before_the_day_found(
    township: Township, site: RemoteEducationSite
) -> None:
    user = writer_for(township.village_a)
    services.site_inspect(user=user, site=site, inspected_on=day("2010-03-01"), working=True)
    services.site_inspect(user=user, site=site, inspected_on=day("2010-07-01"), working=False, note="接收机损坏")
    services.site_inspect(user=user, site=site, inspected_on=day("2010-10-01"), working=True, note="已修复")

    assert site_status_on(user, site, "2010-02-01") == "unchecked"
    assert site_status_on(user, site, "2010-03-01") == "working"
    assert site_status_on(user, site, "2010-08-15") == "broken"
    assert site_status_on(user, site, "2010-12-31") == "working"
    assert site_status_on(user, site, "2008-06-01") == "future"


def test_villages_without_a_working_site_are_listed(township: Township, site: RemoteEducationSite) -> None:
    user = writer_for(township.village_a)
    services.site_inspect(user=user, site=site, inspected_on=day("2010-07-01"), working=False, note="无信号")

    gaps = {g.org.pk: g.status for g in selectors.village_site_gaps(user=user, day=day("2010-12-31"))}
    assert gaps == {township.village_a.pk: "broken", township.village_b.pk: "none"}
    site.closed_on = day("2010-09-01")
    services.site_save(user=user, site=site, version=site.version)
    gaps = {g.org.pk: g.status for g in selectors.village_site_gaps(user=user, day=day("2010-12-31"))}
    assert gaps[township.village_a.pk] == "none"


def test_a_broken_site_needs_a_note_and_dates_must_make_sense(township: Township, site: RemoteEducationSite) -> None:
    user = writer_for(township.village_a)
    with pytest.raises(ValidationError, match="请说明情况"):
        services.site_inspect(user=user, site=site, inspected_on=day("2010-07-01"), working=False, note="  ")
    with pytest.raises(ValidationError, match="早于站点建成日期"):
        services.site_inspect(user=user, site=site, inspected_on=day("2008-07-01"), working=True)


# ---- 集体经济收入 -----------------------------------------------------------------------


def income(org: Any, year: int, total: str, operating: str = "0", **kwargs: Any) -> CollectiveIncome:
    return services.income_save(
        user=writer_for(org),
        income=CollectiveIncome(org=org, year=year, total=Decimal(total), operating=Decimal(operating)),
        **kwargs,
    )


def test_operating_income_cannot_exceed_the_total(township: Township) -> None:
    with pytest.raises(ValidationError) as refused:
        income(township.village_a, 2010, "30000", "30001")
    assert "经营性收入不能大于集体经济收入" in str(refused.value)
    income(township.village_a, 2010, "30000", "30000")


def test_one_row_per_village_per_year(township: Township) -> None:
    income(township.village_a, 2010, "30000")
    with pytest.raises(ValidationError, match="已登记"):
        income(township.village_a, 2010, "50000")
    income(township.village_b, 2010, "50000")
    assert CollectiveIncome.objects.count() == 2


def test_negative_income_and_future_years_are_refused(township: Township) -> None:
    with pytest.raises(ValidationError, match="不能为负数"):
        income(township.village_a, 2010, "-1")
    with pytest.raises(ValidationError, match="经营性收入不能为负数"):
        income(township.village_a, 2010, "100", "-5")
    with pytest.raises(ValidationError, match="未来年度"):
        income(township.village_a, dt.date.today().year + 1, "100")


def test_income_is_for_villages_only(township: Township) -> None:
    with pytest.raises(ValidationError, match="只适用于村"):
        income(township.organ_a, 2010, "100")


def test_a_stale_edit_is_refused(township: Township) -> None:
    row = income(township.village_a, 2010, "30000")
    first, second = CollectiveIncome.objects.get(pk=row.pk), CollectiveIncome.objects.get(pk=row.pk)
    first.total = Decimal("31000")
    services.income_save(user=writer_for(township.village_a), income=first, version=1)
    second.total = Decimal("32000")
    with pytest.raises(ValidationError, match="已被他人修改"):
        services.income_save(user=writer_for(township.village_a), income=second, version=1)


def test_the_trend_marks_the_50000_target_met_or_not(township: Township) -> None:
    a, b = township.village_a, township.village_b
    income(a, 2008, "40000", "10000")
    income(a, 2009, "49999.99", "20000")
    income(a, 2010, "50000", "25000")
    income(b, 2010, "70000", "0")

    rows = {r.org.pk: r for r in selectors.income_trend(user=writer_for(a), end_year=2010)}

    assert set(rows) == {a.pk, b.pk}  # villages only, the organ is not there
    cells = {c.year: c for c in rows[a.pk].cells}
    assert list(cells) == [2006, 2007, 2008, 2009, 2010]
    assert not cells[2007].recorded and not cells[2007].met
    assert cells[2008].change is None  # nothing recorded for 2007
    assert not cells[2009].met and cells[2009].change == Decimal("9999.99")
    assert cells[2010].met and cells[2010].operating == Decimal("25000")
    assert cells[2010].change == Decimal("0.01")
    assert rows[b.pk].latest.met and rows[b.pk].cells[-2].change is None


# ---- 经费保障 ---------------------------------------------------------------------------


def test_funding_is_the_officers_and_once_per_kind_a_year(township: Township, officer: Any, secretary_a: Any) -> None:
    row = Funding(org=township.village_a, year=2010, kind=FundingKind.OFFICE, amount=Decimal("10000"))
    with pytest.raises(PermissionDenied):
        services.funding_save(user=secretary_a, funding=row)
    services.funding_save(user=officer, funding=row)
    again = Funding(org=township.village_a, year=2010, kind=FundingKind.OFFICE, amount=Decimal("1"))
    with pytest.raises(ValidationError, match="已登记"):
        services.funding_save(user=officer, funding=again)
    with pytest.raises(PermissionDenied):
        services.record_delete(user=secretary_a, record=row)
    services.record_delete(user=officer, record=row)
    assert not Funding.objects.exists()


# ---- 养老保险 and 离任生活补贴 ----------------------------------------------------------


def pension(person: Any, org: Any, enrolled_on: str = "2010-01-01", **kwargs: Any) -> PensionEnrollment:
    return services.pension_save(
        user=writer_for(org),
        enrollment=PensionEnrollment(
            person=person, org=org, scheme=PensionScheme.RURAL_BASIC, enrolled_on=day(enrolled_on), **kwargs
        ),
    )


def subsidy(person: Any, org: Any, started_on: str = "2009-01-01", amount: str = "300") -> RetirementSubsidy:
    return services.retirement_subsidy_save(
        user=writer_for(org),
        subsidy=RetirementSubsidy(person=person, org=org, started_on=day(started_on), monthly_amount=Decimal(amount)),
    )


def post(person: Any, org: Any, title: str, start: str, end: str | None = None) -> Position:
    return people_services.position_assign(
        user=writer_for(org),
        person=person,
        org=org,
        title=title,
        started_on=day(start),
        ended_on=day(end) if end else None,
    )


def test_a_pension_only_for_someone_who_held_a_village_post(township: Township) -> None:
    a = township.village_a
    villager = PersonFactory(org=a)
    with pytest.raises(ValidationError, match="未在“甲村党支部”担任过村干部职务"):
        pension(villager, a)
    deputy = PersonFactory(org=a)
    post(deputy, a, Title.VILLAGE_DEPUTY_CHAIR, "2008-01-01", "2009-12-31")
    pension(deputy, a)  # a deputy who held the post: enrolled
    with pytest.raises(ValidationError, match="已有参保记录"):
        pension(deputy, a, "2010-06-01")


def test_a_pension_is_refused_for_a_post_held_in_another_village(township: Township) -> None:
    chair_b = PersonFactory(org=township.village_a)
    post(chair_b, township.village_b, Title.VILLAGE_MEMBER, "2008-01-01")
    with pytest.raises(ValidationError, match="未在“甲村党支部”担任过"):
        pension(chair_b, township.village_a)


def test_a_subsidy_is_refused_to_someone_still_in_a_main_post(township: Township) -> None:
    a = township.village_a
    secretary = make_full_member(org=a, full_on=dt.date(2000, 7, 1))
    post(secretary, a, Title.SECRETARY, "2002-01-01")
    with pytest.raises(ValidationError, match="仍在主职岗位上"):
        subsidy(secretary, a, "2009-01-01")


def test_a_subsidy_is_refused_before_the_main_post_ended(township: Township) -> None:
    a = township.village_a
    chair = PersonFactory(org=a)
    post(chair, a, Title.VILLAGE_CHAIR, "2000-01-01", "2008-06-30")
    with pytest.raises(ValidationError, match="仍在主职岗位上"):
        subsidy(chair, a, "2008-01-01")
    subsidy(chair, a, "2008-07-01")


def test_a_subsidy_is_refused_to_someone_who_never_held_a_main_post(township: Township) -> None:
    a = township.village_a
    villager = PersonFactory(org=a)
    with pytest.raises(ValidationError, match="担任过村主职干部"):
        subsidy(villager, a)
    deputy = PersonFactory(org=a)
    post(deputy, a, Title.VILLAGE_DEPUTY_CHAIR, "2000-01-01", "2008-01-01")
    with pytest.raises(ValidationError, match="担任过村主职干部"):
        subsidy(deputy, a)


def test_a_subsidy_is_refused_to_someone_in_a_basic_pension(township: Township) -> None:
    a = township.village_a
    chair = PersonFactory(org=a)
    post(chair, a, Title.VILLAGE_CHAIR, "2000-01-01", "2008-01-01")
    pension(chair, a, "2007-01-01")
    with pytest.raises(ValidationError, match="已参加基本养老保险"):
        subsidy(chair, a, "2009-01-01")


def test_years_in_office_are_derived_from_posts(township: Township) -> None:
    a = township.village_a
    chair = make_full_member(org=a, full_on=dt.date(1995, 7, 1))
    post(chair, a, Title.VILLAGE_CHAIR, "1998-01-01", "2004-01-01")
    post(chair, a, Title.SECRETARY, "2002-01-01", "2008-01-01")  # overlapping posts count once
    granted = subsidy(chair, a, "2008-02-01")

    row = selectors.subsidy_list_visible(user=writer_for(a)).get(pk=granted.pk)
    assert row.years_in_office() == pytest.approx(10.0, abs=0.05)
    positions = list(Position.objects.filter(person=chair))
    assert services.years_in_office(positions, day("2003-01-01")) == pytest.approx(5.0, abs=0.05)
    assert services.years_in_office(positions, day("1997-01-01")) == 0


def test_main_cadres_enrollment_is_derived_from_positions(township: Township) -> None:
    a, b = township.village_a, township.village_b
    secretary = make_full_member(org=a, full_on=dt.date(2000, 7, 1))
    post(secretary, a, Title.SECRETARY, "2005-01-01")
    chair = PersonFactory(org=a)
    post(chair, a, Title.VILLAGE_CHAIR, "2005-01-01")
    pension(secretary, a, "2010-03-01")

    rows = {r.org.pk: r for r in selectors.main_cadre_enrollment(user=writer_for(a), day=day("2010-12-31"))}
    row = rows[a.pk]
    assert row.secretary is not None and row.secretary.person_id == secretary.pk and row.secretary.enrolled
    assert row.chair is not None and not row.chair.enrolled
    assert not row.all_enrolled
    assert rows[b.pk].secretary is None and not rows[b.pk].all_enrolled
    before = selectors.main_cadre_enrollment(user=writer_for(a), day=day("2010-02-01"))[0]
    assert before.secretary is not None and not before.secretary.enrolled


def test_leading_group_is_the_officers(township: Township, officer: Any, secretary_a: Any) -> None:
    from wuji.support.choices import GroupKind
    from wuji.support.models import LeadingGroup, LeadingGroupMember

    group = LeadingGroup(
        org=township.township, kind=GroupKind.WORK_TEAM, name="工作专班", established_on=day("2010-04-01")
    )
    with pytest.raises(PermissionDenied):
        services.leading_group_save(user=secretary_a, group=group)
    services.leading_group_save(user=officer, group=group)
    with pytest.raises(ValidationError, match="由乡镇党委成立"):
        services.leading_group_save(
            user=officer,
            group=LeadingGroup(
                org=township.village_a, kind=GroupKind.WORK_TEAM, name="村专班", established_on=day("2010-04-01")
            ),
        )
    person = PersonFactory(org=township.village_a)
    member = LeadingGroupMember(group=group, person=person, started_on=day("2010-04-01"))
    services.leading_group_member_save(user=officer, member=member)
    with pytest.raises(ValidationError, match="已是该小组成员"):
        services.leading_group_member_save(
            user=officer, member=LeadingGroupMember(group=group, person=person, started_on=day("2010-05-01"))
        )
    outsider = PersonFactory(org=township.county)
    with pytest.raises(ValidationError, match="不在"):
        services.leading_group_member_save(
            user=writer_for(township.county),
            member=LeadingGroupMember(group=group, person=outsider, started_on=day("2010-05-01")),
        )
