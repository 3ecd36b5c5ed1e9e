"""基本制度 records of two sides of the test township, for page and scope tests.

Side A is 甲村党支部 (village_a) with 乡政府机关党支部 (organ_a); side B is 乙村党支部 (village_b) with
乙机关党支部 (organ_b, made here). Every record of side B carries "乙" in its text, so a page that leaks
one is easy to catch. Records are made through the services, as the pages make them.

    secretary_organ_a   支部书记 of organ_a (业绩登记 belongs to 机关 branches)
    gov_a, gov_b        GovRecords of each side
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PersonFactory, Township, UserFactory, writer_for
from wuji.accounts.choices import Role
from wuji.governance import services
from wuji.governance.choices import ArchiveCategory, AssetKind, DisclosureKind, RuleKind, StepKind
from wuji.governance.models import (
    ArchiveRecord,
    CollectiveAsset,
    Disclosure,
    FinanceArrangement,
    Matter,
    PerformanceRecord,
    RuleDocument,
)
from wuji.orgs import services as org_services
from wuji.orgs.choices import Category, OrgKind
from wuji.orgs.models import Organization

DAY = dt.date(2021, 3, 1)
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    """A real (1×1) PNG: the upload check reads the magic number, not the name."""
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def pdf_upload(name: str = "rule.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf"
    )


def vote(expected: int = 9, present: int = 8, votes_for: int = 7, votes_against: int = 1, abstentions: int = 0) -> dict:
    return {
        "expected": expected,
        "present": present,
        "votes_for": votes_for,
        "votes_against": votes_against,
        "abstentions": abstentions,
    }


def record_steps(matter: Matter, user: Any, upto: int, start: dt.date = DAY) -> None:
    """Record steps 1..upto, each passed, a week apart."""
    for step in range(1, upto + 1):
        numbers = vote() if step != StepKind.VILLAGER_PROPOSAL else {}
        services.matter_step_record(
            user=user,
            matter=matter,
            step=step,
            held_on=start + dt.timedelta(days=7 * (step - 1)),
            note=f"第{step}环节",
            **numbers,
        )


@dataclass
class GovRecords:
    """One side's 基本制度 records of every kind a page can show."""

    org: Organization  # the village
    organ: Organization
    rule: RuleDocument
    matter: Matter  # steps 1–3 passed: 提议事项公开 is due, and 党员大会审议 may be held
    disclosure: Disclosure  # a draft 党务公开
    published: Disclosure  # a published 村务公开
    performance: PerformanceRecord
    archive: ArchiveRecord
    asset: CollectiveAsset
    finance: FinanceArrangement


def make_gov_records(org: Organization, organ: Organization, *, mark: str) -> GovRecords:
    officer = writer_for(org)
    rule = services.rule_document_adopt(
        user=officer,
        org=org,
        kind=RuleKind.DELIBERATION_RULES,
        title=f"{mark}村议事规则",
        effective_on=dt.date(2020, 1, 1),
        text=f"{mark}村议事规则全文",
    )
    matter = services.matter_create(user=officer, org=org, title=f"{mark}村修路", description=f"{mark}村修建村组道路")
    record_steps(matter, officer, 3)
    disclosure = services.disclosure_save(
        user=officer,
        disclosure=Disclosure(
            org=org, kind=DisclosureKind.PARTY_AFFAIRS, title=f"{mark}村党费收缴", content=f"{mark}村党费情况"
        ),
    )
    published = services.disclosure_save(
        user=officer,
        disclosure=Disclosure(
            org=org, kind=DisclosureKind.VILLAGE_AFFAIRS, title=f"{mark}村财务公开", content=f"{mark}村一季度收支"
        ),
    )
    published = services.disclosure_publish(user=officer, disclosure=published, published_on=DAY)
    cadre = PersonFactory(org=organ, name=f"{mark}干部")
    performance = services.performance_record_save(
        user=officer,
        record=PerformanceRecord(person=cadre, org=organ, recorded_on=DAY, content=f"{mark}干部完成招商任务"),
    )
    archive = services.archive_record_save(
        user=officer,
        record=ArchiveRecord(
            org=org, category=ArchiveCategory.MEETINGS, year=2020, title=f"{mark}村2020年会议记录", file_no="2020-1"
        ),
    )
    asset = services.collective_asset_save(
        user=officer,
        asset=CollectiveAsset(
            org=org, kind=AssetKind.ASSET, description=f"{mark}村办公楼", value=200000, recorded_on=DAY
        ),
    )
    finance = services.finance_arrangement_save(
        user=officer,
        arrangement=FinanceArrangement(org=org, township_managed=True, started_on=dt.date(2019, 1, 1), note=f"{mark}"),
    )
    return GovRecords(org, organ, rule, matter, disclosure, published, performance, archive, asset, finance)


@pytest.fixture
def organ_b(township: Township) -> Organization:
    created = org_services.org_create(
        user=writer_for(township.township),
        parent=township.township,
        name="乙机关党支部",
        code="T01G2",
        kind=OrgKind.BRANCH,
        category=Category.ORGAN,
        founded_on=dt.date(1990, 1, 1),
    )
    return Organization.objects.get(pk=created.pk)


@pytest.fixture
def secretary_organ_a(township: Township) -> Any:
    return UserFactory(username="secretary_organ_a", role=Role.SECRETARY, org=township.organ_a)


@pytest.fixture
def gov_a(township: Township) -> GovRecords:
    return make_gov_records(township.village_a, township.organ_a, mark="甲")


@pytest.fixture
def gov_b(township: Township, organ_b: Organization) -> GovRecords:
    return make_gov_records(township.village_b, organ_b, mark="乙")


@pytest.fixture
def gov(gov_a: GovRecords, gov_b: GovRecords) -> tuple[GovRecords, GovRecords]:
    return gov_a, gov_b
