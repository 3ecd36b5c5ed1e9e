"""Scope on the document pages: a branch secretary downloads only their own branch's 整改通知书.

The table ROUTES lists every document URL (tests/test_every_url_is_covered.py fails for one missing
here). Side A is 甲村 (secretary_a), side B is 乙村. The township's documents (书面总结, 实施方案,
排名通报) are the officer's and the inspector's: 403 for a secretary; another branch's notice is a 404;
the auditor and the sysadmin get 403 everywhere. Every download is an export in the audit trail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from tests.rectification.conftest import RectRecords
from wuji.audit.models import SecurityEvent

from .docx_checks import open_docx

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TOWNSHIP = 403  # a township document: not a secretary's
QUERIES = 8  # session, user, campaigns, the current campaign, published assessments, open items, their orgs


@dataclass(frozen=True)
class Route:
    name: str
    args: Callable[[RectRecords], list[Any]] | None  # the URL's arguments, or None for the index
    own: int = 200  # what secretary_a gets on side A's URL
    branch: bool = False  # the URL names a branch (another branch: 404)

    def url(self, records: RectRecords) -> str:
        return reverse(self.name, args=self.args(records) if self.args else [])


ROUTES = [
    Route("reports:documents", None),
    Route("reports:summary_docx", lambda r: [r.final.campaign.code], own=TOWNSHIP),
    Route("reports:implementation_plan_docx", lambda r: [r.final.campaign.code], own=TOWNSHIP),
    Route("reports:ranking_docx", lambda r: [r.final.pk], own=TOWNSHIP),
    Route("reports:rectification_notice_docx", lambda r: [r.final.pk, r.org.pk], branch=True),
]
DOWNLOADS = [r for r in ROUTES if r.args is not None]


def exports() -> int:
    return SecurityEvent.objects.filter(action="export").count()


def test_the_officer_and_the_inspector_download_every_document(
    both: tuple[RectRecords, RectRecords], officer: Any, inspector: Any, client_for: Any
) -> None:
    _, side_b = both
    for user in (officer, inspector):
        client = client_for(user)
        assert client.get(reverse("reports:documents")).status_code == 200
        for route in DOWNLOADS:
            before = exports()
            response = client.get(route.url(side_b))
            assert response.status_code == 200, route.name
            assert response["Content-Type"] == DOCX and "attachment" in response["Content-Disposition"]
            data = b"".join(response.streaming_content)
            assert open_docx(data).paragraphs[0].text  # a real .docx
            assert exports() == before + 1, f"{route.name}: no export event"
    event = SecurityEvent.objects.filter(action="export").latest("pk")
    assert event.actor == inspector and "整改通知书" in event.object_repr


def test_a_secretary_downloads_only_their_own_branchs_notice(
    both: tuple[RectRecords, RectRecords], secretary_a: Any, client_for: Any
) -> None:
    side_a, side_b = both
    client = client_for(secretary_a)
    for route in ROUTES:
        assert client.get(route.url(side_a)).status_code == route.own, route.name
    before = exports()
    for route in DOWNLOADS:
        expected = 404 if route.branch else TOWNSHIP
        assert client.get(route.url(side_b)).status_code == expected, route.name
    assert exports() == before

    page = client.get(reverse("reports:documents")).content.decode()
    assert reverse("reports:rectification_notice_docx", args=[side_a.final.pk, side_a.org.pk]) in page
    assert reverse("reports:rectification_notice_docx", args=[side_b.final.pk, side_b.org.pk]) not in page
    assert side_b.org.name not in page
    assert reverse("reports:summary_docx", args=[side_a.final.campaign.code]) not in page


@pytest.mark.parametrize("persona", ["auditor", "sysadmin"])
def test_auditor_and_sysadmin_get_no_document(
    persona: str, both: tuple[RectRecords, RectRecords], request: Any, client_for: Any
) -> None:
    side_a, _ = both
    client = client_for(request.getfixturevalue(persona))
    for route in ROUTES:
        response = client.get(route.url(side_a))
        assert response.status_code == 403, f"{persona} {route.name}"
        assert "甲村" not in response.content.decode()


def test_anonymous_is_sent_to_login(both: tuple[RectRecords, RectRecords], client: Any) -> None:
    side_a, _ = both
    for route in ROUTES:
        response = client.get(route.url(side_a))
        assert response.status_code == 302 and reverse("login") in response["Location"], route.name


def test_a_draft_has_no_ranking_or_notice_and_an_unknown_campaign_no_summary(
    draft_assessment: Any, township: Any, officer: Any, client_for: Any
) -> None:
    client = client_for(officer)
    assert client.get(reverse("reports:ranking_docx", args=[draft_assessment.pk])).status_code == 404
    notice = reverse("reports:rectification_notice_docx", args=[draft_assessment.pk, township.village_a.pk])
    assert client.get(notice).status_code == 404
    assert client.get(reverse("reports:summary_docx", args=["no-such-campaign"])).status_code == 404


def test_the_index_lists_each_published_assessment_in_a_fixed_number_of_queries(
    both: tuple[RectRecords, RectRecords], officer: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    side_a, side_b = both
    client = client_for(officer)
    client.get(reverse("reports:documents"))  # the session and the as-of day settle
    with django_assert_num_queries(QUERIES):
        page = client.get(reverse("reports:documents")).content.decode()
    for side in (side_a, side_b):
        for assessment in (side.assessment, side.final):
            assert reverse("reports:rectification_notice_docx", args=[assessment.pk, side.org.pk]) in page
        assert reverse("reports:ranking_docx", args=[side.final.pk]) in page
    assert reverse("reports:summary_docx", args=[side_a.final.campaign.code]) in page
