"""The "十有" list is data kept by the officer at the top of the tree; everyone with member data reads it.

ROUTES lists the three pages for tests/test_every_url_is_covered.py. They are not per-branch records:
one list serves the whole tree, so a township officer or a secretary gets 403 (not 404) on the forms.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.factories import Township
from wuji.support import selectors
from wuji.support.models import ChecklistItem, Facility, FacilityCheck
from wuji.support.services import Tick, facility_check_record

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str


ROUTES = [
    Route("support:checklist_items"),
    Route("support:checklist_item_create"),
    Route("support:checklist_item_edit"),
]


def edit_url(item: ChecklistItem) -> str:
    return reverse("support:checklist_item_edit", args=[item.pk])


def test_everyone_with_member_data_reads_the_list_and_only_the_top_officer_gets_the_buttons(
    township: Township, secretary_a: Any, officer: Any, client_for: Any
) -> None:
    first = ChecklistItem.objects.filter(active=True).order_by("order", "id").first()
    assert first is not None
    for user in (secretary_a, officer):
        page = client_for(user).get(reverse("support:checklist_items")).content.decode()
        assert first.name in page and "由最上级党委的组织委员维护" in page
        assert reverse("support:checklist_item_create") not in page and edit_url(first) not in page
    page = client_for(township.county_officer).get(reverse("support:checklist_items")).content.decode()
    assert reverse("support:checklist_item_create") in page and edit_url(first) in page
    overview = client_for(secretary_a).get(reverse("support:facility_overview")).content.decode()
    assert reverse("support:checklist_items") in overview


def test_a_township_officer_or_a_secretary_cannot_change_the_list(
    township: Township, secretary_a: Any, officer: Any, client_for: Any
) -> None:
    item = ChecklistItem.objects.order_by("id").first()
    assert item is not None
    before = list(ChecklistItem.objects.values_list("pk", "name", "order", "active"))
    audit = LogEntry.objects.count()
    for user in (secretary_a, officer):
        client = client_for(user)
        assert client.get(reverse("support:checklist_item_create")).status_code == 403
        assert (
            client.post(reverse("support:checklist_item_create"), {"name": "有Wi-Fi", "order": 11}).status_code == 403
        )
        assert client.post(edit_url(item), {"name": "改名", "order": 1, "active": ""}).status_code == 403
        assert client.get(reverse("support:checklist_item_edit", args=[999999])).status_code == 403
    assert list(ChecklistItem.objects.values_list("pk", "name", "order", "active")) == before
    assert LogEntry.objects.count() == audit


def test_the_top_officer_adds_renames_and_switches_off_an_item_and_every_room_follows(
    township: Township, client_for: Any
) -> None:
    county = township.county_officer
    client = client_for(county)
    room = Facility.objects.create(org=township.village_a, kind="activity_room", name="甲村党员活动室")
    active = list(ChecklistItem.objects.filter(active=True).order_by("order", "id"))
    facility_check_record(
        user=county, facility=room, checked_on=dt.date(2010, 6, 1), ticks=[Tick(item, True) for item in active]
    )
    assert selectors.facility_checklist(room, dt.date(2010, 6, 2)).complete

    response = client.post(
        reverse("support:checklist_item_create"), {"name": " 有应急物资柜 ", "order": 20, "active": "on"}
    )
    assert response.status_code == 302, response.content.decode()
    added = ChecklistItem.objects.get(name="有应急物资柜")
    assert added.code.startswith("item-") and added.active
    # a new item is not yet checked in any room
    assert not selectors.facility_checklist(room, dt.date(2010, 6, 2)).complete

    clash = client.post(reverse("support:checklist_item_create"), {"name": active[0].name, "order": 21, "active": "on"})
    assert clash.status_code == 400 and "已有同名" in clash.content.decode()

    stale = client.post(
        edit_url(added), {"name": "有应急柜", "order": 20, "active": "on", "version": added.version + 1}
    )
    assert stale.status_code == 400 and "已被他人修改" in stale.content.decode()  # someone saved it meanwhile
    response = client.post(  # switched off
        edit_url(added), {"name": "有应急物资柜", "order": 20, "active": "", "version": added.version}
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert not added.active
    assert selectors.facility_checklist(room, dt.date(2010, 6, 2)).complete  # the room is complete again
    assert FacilityCheck.objects.filter(facility=room).count() == len(active)  # no check was deleted
    changes = [e.changes for e in LogEntry.objects.filter(object_pk=str(added.pk)).order_by("id")]
    assert changes[-1]["active"] == ["True", "False"]
