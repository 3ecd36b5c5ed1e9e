"""Every list page exports what it shows (its filters, its scope) to .xlsx; masked unless permitted; audited."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_full_member
from wuji.audit.models import SecurityEvent
from wuji.ledgers import exports
from wuji.support import services as support_services
from wuji.support.models import CollectiveIncome

pytestmark = pytest.mark.django_db


def rows_of(response: Any) -> list[list[Any]]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.fixture
def incomes(township: Any, officer: Any) -> None:
    for org, year, total in [
        (township.village_a, 2008, "10000"),
        (township.village_a, 2009, "60000"),
        (township.village_b, 2009, "70000"),
    ]:
        support_services.income_save(
            user=officer, income=CollectiveIncome(org=org, year=year, total=Decimal(total), operating=Decimal(0))
        )


def test_the_list_exports_with_its_filters_and_the_export_is_audited(
    incomes: None, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    page = client.get(reverse("support:income_list"), {"year": "2009"}).content.decode()
    assert reverse("ledgers:export", args=["income"]) + "?year=2009" in page

    response = client.get(reverse("ledgers:export", args=["income"]), {"year": "2009"})
    assert response.status_code == 200
    rows = rows_of(response)
    assert rows[0][0] == "村级集体经济收入台账"
    header = rows.index(next(r for r in rows if r[0] == "所在党组织"))
    body = rows[header + 1 :]
    assert sorted((r[0], r[1], r[2]) for r in body) == [("T01V1", 2009, 60000), ("T01V2", 2009, 70000)]
    event = SecurityEvent.objects.filter(action="export").latest("timestamp")
    assert event.actor == officer and event.detail["rows"] == 2 and event.detail["filters"] == {"year": "2009"}


def test_a_secretary_exports_only_their_own_branch(incomes: None, secretary_a: Any, client_for: Any) -> None:
    rows = rows_of(client_for(secretary_a).get(reverse("ledgers:export", args=["income"])))
    assert {r[0] for r in rows[3:]} == {"T01V1"}
    assert not any("T01V2" in str(c) or "乙村" in str(c) for r in rows for c in r)


def test_personal_data_is_masked_unless_the_role_may_see_it(
    township: Any, officer: Any, inspector: Any, client_for: Any
) -> None:
    person = make_full_member(org=township.village_a)
    full = rows_of(client_for(officer).get(reverse("ledgers:export", args=["people"])))
    masked = rows_of(client_for(inspector).get(reverse("ledgers:export", args=["people"])))
    cells_full = {str(c) for r in full for c in r}
    cells_masked = {str(c) for r in masked for c in r}
    assert person.id_number in cells_full
    assert person.id_number not in cells_masked
    assert person.id_number[:6] + "********" + person.id_number[-4:] in cells_masked
    event = SecurityEvent.objects.filter(action="export", actor=inspector).get()
    assert event.detail["masked"] is True


def test_formulas_in_exported_text_are_neutralised(township: Any, officer: Any, client_for: Any) -> None:
    support_services.income_save(
        user=officer,
        income=CollectiveIncome(
            org=township.village_a, year=2009, total=Decimal(1), operating=Decimal(0), note='=HYPERLINK("x")'
        ),
    )
    rows = rows_of(client_for(officer).get(reverse("ledgers:export", args=["income"])))
    notes = [r[4] for r in rows[3:]]
    assert notes == ['\'=HYPERLINK("x")']


@pytest.mark.parametrize(
    "url_name",
    [
        "people:list",
        "activities:list",
        "activities:pairing_list",
        "governance:rule_list",
        "governance:matter_list",
        "support:income_list",
        "support:funding_list",
        "support:facility_list",
        "support:pension_list",
        "orgs:tree",
        "rectification:list",
    ],
)
def test_every_list_page_has_an_export_button_that_works(
    url_name: str, township: Any, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    spec = exports.for_view(url_name)
    assert spec is not None
    page = client.get(reverse(url_name)).content.decode()
    assert "导出 Excel" in page and reverse("ledgers:export", args=[spec.key]) in page
    response = client.get(reverse("ledgers:export", args=[spec.key]))
    assert response.status_code == 200
    assert rows_of(response)[0][0] == spec.title


def test_roles_without_member_data_cannot_export(township: Any, auditor: Any, sysadmin: Any, client_for: Any) -> None:
    for user in (auditor, sysadmin):
        assert client_for(user).get(reverse("ledgers:export", args=["people"])).status_code == 403
        assert client_for(user).get(reverse("ledgers:workbook")).status_code == 403


def test_the_matters_export_shows_status_and_dates_and_still_imports_back_unchanged(
    township: Any, secretary_a: Any, client_for: Any
) -> None:
    """What the 五议五公开 list shows beyond the ledger (status, 提出, 办结) follows the ledger's columns under a
    read-only header, in words; the import does not read it, so the exported file re-imports unchanged."""
    import datetime as dt

    from wuji.governance import services as gov_services
    from wuji.ledgers import registry
    from wuji.ledgers.importer import import_workbook

    matter = gov_services.matter_create(user=secretary_a, org=township.village_a, title="修建村道")
    gov_services.matter_step_record(user=secretary_a, matter=matter, step=1, held_on=dt.date(2010, 3, 2))
    gov_services.matter_create(user=secretary_a, org=township.village_a, title="新建文化广场", description="规划")

    response = client_for(secretary_a).get(reverse("ledgers:export", args=["matters"]))
    rows = rows_of(response)
    header = next(r for r in rows if r[0] == "所在党组织")
    assert header[-3:] == ["状态（只读）", "提出日期（只读）", "办结日期（只读）"]
    body = {r[1]: r for r in rows[rows.index(header) + 1 :]}
    assert body["修建村道"][-3:] == ["办理中", dt.datetime(2010, 3, 2), None]
    assert body["新建文化广场"][-3:-1] == ["办理中", None]

    again = import_workbook(registry.get("matters"), response.content, user=secretary_a)
    assert again.errors == [] and (again.created, again.updated, again.unchanged) == (0, 0, 2)
