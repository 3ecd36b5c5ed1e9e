"""Scope on every 基本保障 page: a branch secretary never sees or touches another branch.

The table ROUTES lists every page of the support app (tests/test_every_url_is_covered.py
fails for a URL name missing here). Township things — the leading group and its members,
村财乡管 funding — are the officer's: a secretary gets 404 on the township's group (it
lies outside their branch) and 403 on writing funding of their own village.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from tests.support.conftest import SupportRecords
from wuji.core.models import Attachment
from wuji.support.models import (
    CollectiveIncome,
    Facility,
    FacilityCheck,
    Funding,
    LeadingGroup,
    LeadingGroupMember,
    PensionEnrollment,
    RemoteEducationSite,
    RetirementSubsidy,
    SiteInspection,
)

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Route:
    name: str
    target: Callable[[SupportRecords], Any] | None  # the record in the URL, or None for list/create pages
    writes: bool  # a form or action that changes data
    methods: tuple[str, ...] = ("GET", "POST")
    query: Callable[[SupportRecords], str] | None = None
    own: int = 200  # what village A's secretary gets on a GET of village A's record (or of the page)

    def url(self, records: SupportRecords) -> str:
        args = [self.target(records).pk] if self.target else []
        url = reverse(self.name, args=args)
        return url + (self.query(records) if self.query else "")


TOWNSHIP = 404  # the township's group is outside a branch secretary's subtree
OFFICER_ONLY = 403

ROUTES = [
    Route("support:index", None, False, ("GET",)),
    Route("support:group_list", None, False, ("GET",)),
    Route("support:group_create", None, True, own=OFFICER_ONLY),
    Route("support:group_detail", lambda r: r.group, False, ("GET",), own=TOWNSHIP),
    Route("support:group_edit", lambda r: r.group, True, own=TOWNSHIP),
    Route("support:member_create", lambda r: r.group, True, own=TOWNSHIP),
    Route("support:member_edit", lambda r: r.member, True, own=TOWNSHIP),
    Route("support:member_end", lambda r: r.member, True, own=TOWNSHIP),
    Route("support:facility_overview", None, False, ("GET",)),
    Route("support:facility_list", None, False, ("GET",)),
    Route("support:facility_create", None, True, query=lambda r: f"?org={r.org.pk}&kind=office"),
    Route("support:facility_detail", lambda r: r.room, False, ("GET",)),
    Route("support:facility_edit", lambda r: r.room, True),
    Route("support:facility_check", lambda r: r.room, True),
    Route("support:site_list", None, False, ("GET",)),
    Route("support:site_create", None, True),
    Route("support:site_detail", lambda r: r.site, False, ("GET",)),
    Route("support:site_edit", lambda r: r.site, True),
    Route("support:site_inspect", lambda r: r.site, True),
    Route("support:income_list", None, False, ("GET",)),
    Route("support:income_trend", None, False, ("GET",)),
    Route("support:income_create", None, True),
    Route("support:income_edit", lambda r: r.income, True),
    Route("support:funding_list", None, False, ("GET",)),
    Route("support:funding_create", None, True, own=OFFICER_ONLY),
    Route("support:funding_edit", lambda r: r.funding, True, own=OFFICER_ONLY),
    Route("support:funding_delete", lambda r: r.funding, True, own=OFFICER_ONLY),
    Route("support:pension_list", None, False, ("GET",)),
    Route("support:pension_create", None, True),
    Route("support:pension_edit", lambda r: r.pension, True),
    Route("support:pension_end", lambda r: r.pension, True),
    Route("support:subsidy_list", None, False, ("GET",)),
    Route("support:subsidy_create", None, True),
    Route("support:subsidy_edit", lambda r: r.subsidy, True),
    Route("support:subsidy_end", lambda r: r.subsidy, True),
]
OBJECT_ROUTES = [r for r in ROUTES if r.target is not None]
MODELS = [
    LeadingGroup,
    LeadingGroupMember,
    Facility,
    FacilityCheck,
    RemoteEducationSite,
    SiteInspection,
    CollectiveIncome,
    Funding,
    PensionEnrollment,
    RetirementSubsidy,
    Attachment,
]
VERSIONED = [
    LeadingGroup,
    LeadingGroupMember,
    Facility,
    RemoteEducationSite,
    CollectiveIncome,
    Funding,
    PensionEnrollment,
    RetirementSubsidy,
]


def snapshot() -> dict[str, Any]:
    """Everything a page could change, to show that a refused request changed nothing."""
    state: dict[str, Any] = {m.__name__: sorted(m.objects.values_list("pk", flat=True)) for m in MODELS}
    state["versions"] = sorted(
        (m.__name__, pk, v) for m in VERSIONED for pk, v in m.objects.values_list("pk", "version")
    )
    state["audit"] = LogEntry.objects.count()
    return state


def request(client: Any, method: str, url: str) -> Any:
    return client.get(url) if method == "GET" else client.post(url, {})


@pytest.mark.parametrize("route", OBJECT_ROUTES, ids=lambda r: r.name)
def test_secretary_gets_404_on_another_branchs_record(
    route: Route, both_support: Any, secretary_a: Any, client_for: Any
) -> None:
    _, records_b = both_support
    client = client_for(secretary_a)
    before = snapshot()
    for method in route.methods:
        response = request(client, method, route.url(records_b))
        assert response.status_code == 404, f"{method} {route.name}: {response.status_code}"
        assert "乙" not in response.content.decode(), route.name
    assert snapshot() == before


@pytest.mark.parametrize("route", [r for r in ROUTES if "GET" in r.methods], ids=lambda r: r.name)
def test_secretary_reaches_their_own(route: Route, both_support: Any, secretary_a: Any, client_for: Any) -> None:
    records_a, _ = both_support
    response = client_for(secretary_a).get(route.url(records_a))
    assert response.status_code == route.own, route.name


@pytest.mark.parametrize("route", [r for r in ROUTES if "GET" in r.methods], ids=lambda r: r.name)
def test_officer_reaches_every_page(route: Route, support_b: SupportRecords, officer: Any, client_for: Any) -> None:
    assert client_for(officer).get(route.url(support_b)).status_code == 200, route.name


CREATE_POSTS = {
    "support:facility_create": {"kind": "office", "name": "越界办公室"},
    "support:site_create": {"name": "越界站点", "equipment": "电视", "established_on": "2009-01-01"},
    "support:income_create": {"year": "2008", "total": "1000", "operating": "0"},
    "support:pension_create": {"scheme": "rural_basic", "enrolled_on": "2009-01-01"},
    "support:subsidy_create": {"started_on": "2009-01-01", "monthly_amount": "100"},
}


@pytest.mark.parametrize("name", sorted(CREATE_POSTS))
def test_create_pages_refuse_another_branch(name: str, both_support: Any, secretary_a: Any, client_for: Any) -> None:
    _, records_b = both_support
    data = {**CREATE_POSTS[name], "org": records_b.org.pk}
    if name in {"support:pension_create", "support:subsidy_create"}:
        data["person"] = (records_b.secretary if name == "support:pension_create" else records_b.former_chair).pk
    before = snapshot()
    response = client_for(secretary_a).post(reverse(name), data)
    assert response.status_code == 400, name
    assert "选择一个有效的选项" in response.content.decode() or "有效" in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize(
    "url_name",
    [
        "support:index",
        "support:group_list",
        "support:facility_overview",
        "support:facility_list",
        "support:site_list",
        "support:income_list",
        "support:income_trend",
        "support:funding_list",
        "support:pension_list",
        "support:subsidy_list",
    ],
)
def test_lists_never_show_another_branch(url_name: str, both_support: Any, secretary_a: Any, client_for: Any) -> None:
    page = client_for(secretary_a).get(reverse(url_name), {"as_of": "2010-12-31"}).content.decode()
    assert "乙" not in page, url_name
    if url_name != "support:group_list":
        assert "甲" in page, url_name


def test_filters_never_reach_another_branch(both_support: Any, secretary_a: Any, client_for: Any) -> None:
    _, records_b = both_support
    client = client_for(secretary_a)
    for name in ["support:facility_list", "support:income_list", "support:funding_list", "support:pension_list"]:
        page = client.get(reverse(name), {"org": records_b.org.pk}, HTTP_HX_REQUEST="true").content.decode()
        assert "乙" not in page, name


def test_forms_offer_only_the_secretarys_people_and_orgs(both_support: Any, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    for name in [
        "support:pension_create",
        "support:subsidy_create",
        "support:facility_create",
        "support:income_create",
    ]:
        page = client.get(reverse(name)).content.decode()
        assert "乙" not in page and "甲" in page, name


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_anonymous_is_sent_to_login(route: Route, support_a: SupportRecords, client: Any) -> None:
    for method in route.methods:
        response = request(client, method, route.url(support_a))
        assert response.status_code == 302 and reverse("login") in response["Location"], route.name


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_auditor_and_sysadmin_see_no_member_data(
    route: Route, both_support: Any, auditor: Any, sysadmin: Any, client_for: Any
) -> None:
    records_a, _ = both_support
    before = snapshot()
    for persona in (auditor, sysadmin):
        client = client_for(persona)
        for method in route.methods:
            response = request(client, method, route.url(records_a))
            assert response.status_code == 403, f"{persona.username} {method} {route.name}: {response.status_code}"
            assert "甲书记" not in response.content.decode()
    assert snapshot() == before


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.name)
def test_inspector_reads_everything_and_writes_nothing(
    route: Route, both_support: Any, inspector: Any, client_for: Any
) -> None:
    _, records_b = both_support
    client = client_for(inspector)
    before = snapshot()
    if route.writes:
        for method in route.methods:
            response = request(client, method, route.url(records_b))
            assert response.status_code == 403, f"{method} {route.name}: {response.status_code}"
    else:
        assert client.get(route.url(records_b)).status_code == 200
    assert snapshot() == before


def test_inspector_sees_no_write_buttons(both_support: Any, inspector: Any, client_for: Any) -> None:
    _, records_b = both_support
    client = client_for(inspector)
    for url in [
        reverse("support:facility_detail", args=[records_b.room.pk]),
        reverse("support:site_detail", args=[records_b.site.pk]),
        reverse("support:group_detail", args=[records_b.group.pk]),
        reverse("support:income_list"),
    ]:
        page = client.get(url).content.decode()
        assert "/edit/" not in page and "/check/" not in page and "/inspect/" not in page, url
