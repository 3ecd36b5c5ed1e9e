"""Review: the .docx documents of a county's campaign name every township's orgs; a township's officer or
inspector (who sees the campaign) must not download the county-wide ranking or summary."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from wuji.assessment.models import Assessment
from wuji.campaigns.models import Campaign

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who", ["officer", "inspector"])
def test_a_township_reader_cannot_download_the_county_ranking(
    county_final: Campaign, who: str, request: pytest.FixtureRequest, client_for: Any
) -> None:
    final = Assessment.objects.get(campaign=county_final, kind=Assessment.Kind.FINAL)
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("reports:ranking_docx", args=[final.pk])).status_code == 403
    assert client.get(reverse("reports:summary_docx", args=[county_final.code])).status_code == 403


def test_the_county_officer_downloads_them(county_final: Campaign, county_officer: Any, client_for: Any) -> None:
    final = Assessment.objects.get(campaign=county_final, kind=Assessment.Kind.FINAL)
    client = client_for(county_officer)
    assert client.get(reverse("reports:ranking_docx", args=[final.pk])).status_code == 200
    assert client.get(reverse("reports:summary_docx", args=[county_final.code])).status_code == 200


def test_the_documents_page_offers_a_township_reader_no_county_ranking(
    county_final: Campaign, officer: Any, client_for: Any
) -> None:
    final = Assessment.objects.get(campaign=county_final, kind=Assessment.Kind.FINAL)
    response = client_for(officer).get(reverse("reports:documents") + f"?campaign={county_final.code}")
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("reports:ranking_docx", args=[final.pk]) not in page
    assert reverse("reports:summary_docx", args=[county_final.code]) not in page
