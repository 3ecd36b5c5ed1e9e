"""The 基本保障 forms through the test client, as the people who use them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import PersonFactory, Township
from tests.support.conftest import SupportRecords, photo
from wuji.core.models import Attachment
from wuji.support.models import (
    ChecklistItem,
    CollectiveIncome,
    FacilityCheck,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    SiteInspection,
)

pytestmark = pytest.mark.django_db


def test_a_secretary_records_a_ten_haves_check_with_a_photo(
    support_a: SupportRecords, support_b: SupportRecords, secretary_a: Any, secretary_b: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    url = reverse("support:facility_check", args=[support_a.room.pk])
    form = client.get(url)
    assert form.status_code == 200
    page = form.content.decode()
    assert 'enctype="multipart/form-data"' in page and "有党旗" in page
    items = list(ChecklistItem.objects.filter(active=True))
    flag = next(i for i in items if i.code == "flag")
    today = dt.date.today()
    data: dict[str, Any] = {"checked_on": today.isoformat()}
    for item in items:
        if item.code != "keeper":
            data[f"present_{item.pk}"] = "on"
    data[f"photo_{flag.pk}"] = photo("党旗.png")
    data[f"note_{flag.pk}"] = "挂在正墙"
    before = FacilityCheck.objects.count()

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert FacilityCheck.objects.count() == before + 10
    saved = FacilityCheck.objects.get(facility=support_a.room, item=flag, checked_on=today)
    assert saved.present and saved.note == "挂在正墙" and saved.photo is not None
    assert saved.photo.org_id == support_a.org.pk and saved.photo.is_image
    detail = client.get(response["Location"]).content.decode()
    assert "十有 9/10" in detail
    assert reverse("attachment", args=[saved.photo.pk]) in detail
    assert client.get(reverse("attachment", args=[saved.photo.pk])).status_code == 200
    assert client_for(secretary_b).get(reverse("attachment", args=[saved.photo.pk])).status_code == 404


def test_a_photo_that_is_not_an_image_is_refused_and_nothing_is_kept(
    support_a: SupportRecords, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    flag = ChecklistItem.objects.get(code="flag")
    checks, files = FacilityCheck.objects.count(), Attachment.objects.count()
    response = client.post(
        reverse("support:facility_check", args=[support_a.room.pk]),
        {
            "checked_on": "2010-07-01",
            f"present_{flag.pk}": "on",
            f"photo_{flag.pk}": SimpleUploadedFile("flag.png", b"%PDF-1.4 not a picture", content_type="image/png"),
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "有党旗" in page and "文件类型不符" in page
    assert (FacilityCheck.objects.count(), Attachment.objects.count()) == (checks, files)


def test_the_room_shows_the_checklist_as_of_the_chosen_day(
    support_a: SupportRecords, secretary_a: Any, client_for: Any
) -> None:
    client = client_for(secretary_a)
    url = reverse("support:facility_detail", args=[support_a.room.pk])
    after = client.get(url, {"as_of": "2010-12-31"}).content.decode()
    assert "十有 3/10" in after and "6 项未检查" in after
    before = client.get(url, {"as_of": "2010-05-31"}).content.decode()
    assert "十有 0/10" in before and "10 项未检查" in before


def test_an_officer_creates_the_leading_group_and_adds_members(
    township: Township, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    assert client.get(reverse("support:group_create")).status_code == 200
    response = client.post(
        reverse("support:group_create"),
        {
            "org": township.township.pk,
            "kind": "leading_group",
            "name": "测试乡“五个基本”建设工作领导小组",
            "established_on": "2010-04-12",
            "duties": "统一领导全乡“五个基本”建设",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    group = LeadingGroup.objects.get()
    assert response["Location"] == reverse("support:group_detail", args=[group.pk])

    person = PersonFactory(org=township.village_a, name="甲村委员")
    form = client.get(reverse("support:member_create", args=[group.pk])).content.decode()
    assert "甲村委员（甲村党支部）" in form  # people in the township's scope, with their org
    response = client.post(
        reverse("support:member_create", args=[group.pk]),
        {"person": person.pk, "role": "deputy", "duty": "分管农村党建", "started_on": "2010-04-12"},
    )
    assert response.status_code == 302
    member = LeadingGroupMember.objects.get()
    assert (member.person, member.role) == (person, "deputy")
    detail = client.get(reverse("support:group_detail", args=[group.pk])).content.decode()
    assert "甲村委员" in detail and "副组长" in detail and "甲村党支部" in detail

    response = client.post(
        reverse("support:member_end", args=[member.pk]), {"ended_on": "2010-09-30", "version": member.version}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.ended_on == dt.date(2010, 9, 30)


def test_a_secretary_may_not_create_a_leading_group(township: Township, secretary_a: Any, client_for: Any) -> None:
    response = client_for(secretary_a).post(
        reverse("support:group_create"),
        {"org": township.township.pk, "kind": "work_team", "name": "越权", "established_on": "2010-04-12"},
    )
    assert response.status_code == 403
    assert not LeadingGroup.objects.exists()


def test_a_broken_site_needs_a_note(support_a: SupportRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("support:site_inspect", args=[support_a.site.pk])
    response = client.post(url, {"inspected_on": "2010-08-01", "working": "no", "note": ""})
    assert response.status_code == 400
    assert "请说明情况" in response.content.decode()
    response = client.post(url, {"inspected_on": "2010-08-01", "working": "no", "note": "雷击损坏"})
    assert response.status_code == 302
    latest = SiteInspection.objects.filter(site=support_a.site).order_by("-inspected_on").first()
    assert latest is not None and not latest.working
    page = client.get(reverse("support:site_list"), {"as_of": "2010-12-31"}).content.decode()
    assert "不能运行" in page and "雷击损坏" in page


def test_income_form_says_what_is_wrong(support_a: SupportRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("support:income_create")
    response = client.post(url, {"org": support_a.org.pk, "year": "2010", "total": "30000", "operating": "40000"})
    assert response.status_code == 400
    assert "经营性收入不能大于集体经济收入" in response.content.decode()
    response = client.post(url, {"org": support_a.org.pk, "year": "2009", "total": "30000", "operating": "0"})
    assert response.status_code == 400
    assert "2009年的收入已登记" in response.content.decode()
    response = client.post(url, {"org": support_a.org.pk, "year": "2010", "total": "52000", "operating": "12000"})
    assert response.status_code == 302
    assert CollectiveIncome.objects.get(org=support_a.org, year=2010).total == Decimal("52000")
    trend = client.get(reverse("support:income_trend"), {"as_of": "2010-12-31"}).content.decode()
    trend = trend.replace(",", "")  # the thousands separator is the locale's
    assert "52000" in trend and "+10000" in trend


def test_a_second_stale_edit_is_refused(support_a: SupportRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    url = reverse("support:income_edit", args=[support_a.income.pk])
    data = {"org": support_a.org.pk, "year": "2009", "total": "43000", "operating": "0", "version": "1"}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "total": "44000"})
    assert response.status_code == 400 and "已被他人修改" in response.content.decode()


def test_the_officer_deletes_funding_entered_by_mistake(
    support_a: SupportRecords, officer: Any, secretary_a: Any, client_for: Any
) -> None:
    url = reverse("support:funding_delete", args=[support_a.funding.pk])
    assert client_for(secretary_a).post(url).status_code == 403
    client = client_for(officer)
    summary = client.get(reverse("support:funding_list"), {"year": 2009}).content.decode().replace(",", "")
    assert "按年度汇总" in summary and "36000.00" in summary
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert not Funding.objects.filter(pk=support_a.funding.pk).exists()


def test_pension_end_and_subsidy_years(support_a: SupportRecords, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    response = client.post(
        reverse("support:pension_end", args=[support_a.pension.pk]),
        {"ended_on": "2010-12-01", "version": support_a.pension.version},
    )
    assert response.status_code == 302
    assert PensionEnrollment.objects.get(pk=support_a.pension.pk).ended_on == dt.date(2010, 12, 1)
    page = client.get(reverse("support:subsidy_edit", args=[support_a.subsidy.pk])).content.decode()
    assert "任职年限" in page and "9.0" in page  # 1999-01-01 to 2008-01-01, derived
    listing = client.get(reverse("support:subsidy_list")).content.decode()
    assert "9.0" in listing
    cadres = client.get(reverse("support:pension_list"), {"as_of": "2010-12-31"}).content.decode()
    assert "未参保" in cadres  # the secretary's enrollment ended on 2010-12-01
