"""Records of 基本活动 for two villages (and the 机关 branch paired with both), for page and rule tests.

activity_records_a / activity_records_b   ActivityRecords of village_a / village_b
both_activities                           (records_a, records_b)
png_bytes, jpeg_bytes, pdf_bytes, docx_bytes   small real files of each accepted type
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import Township, make_full_member, writer_for
from wuji.activities import services
from wuji.activities.models import (
    Activity,
    ActivityType,
    DutyPost,
    Honor,
    Pairing,
    PartySpiritReview,
    Pledge,
    ProsperityPlanEntry,
)
from wuji.activities.services import Presence
from wuji.orgs.models import Organization
from wuji.people.models import Person

YEAR = 2021


def activity_type(code: str) -> ActivityType:
    return ActivityType.objects.get(code=code)


def days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


@dataclass
class ActivityRecords:
    """One village's records of every kind an activities page shows."""

    org: Organization
    members: list[Person]
    activity: Activity
    pairing: Pairing
    duty_post: DutyPost
    pledge: Pledge
    prosperity: ProsperityPlanEntry
    review: PartySpiritReview
    honor: Honor


def make_activity_records(org: Organization, organ: Organization, *, name: str) -> ActivityRecords:
    officer = writer_for(org)
    members = [make_full_member(org=org, name=f"{name}{i}", full_on=dt.date(2001 + i, 7, 1)) for i in (1, 2, 3)]
    activity = services.activity_record(
        user=officer,
        org=org,
        type=activity_type("group_study"),
        held_on=days_ago(2),
        topic=f"{name}学习会",
        place="村委会",
        presence=[
            Presence(members[0], True),
            Presence(members[1], True),
            Presence(members[2], False, "illness"),
        ],
    )
    pairing = services.pairing_save(
        user=officer, pairing=Pairing(organ_org=organ, village_org=org, started_on=dt.date(2020, 1, 1))
    )
    person = members[0]
    duty_post = services.member_year_record_save(
        user=officer, record=DutyPost(person=person, org=org, year=YEAR, post=f"{name}宣传岗", duty="政策宣传")
    )
    pledge = services.member_year_record_save(
        user=officer, record=Pledge(person=person, org=org, year=YEAR, content=f"{name}承诺修路")
    )
    prosperity = services.member_year_record_save(
        user=officer,
        record=ProsperityPlanEntry(person=person, org=org, year=YEAR, project=f"{name}茶叶", is_model=True),
    )
    review = services.party_spirit_review_save(
        user=officer,
        review=PartySpiritReview(person=person, org=org, reviewed_on=dt.date(YEAR, 6, 1), outcome="good"),
    )
    honor = services.honor_save(
        user=officer,
        honor=Honor(org=org, title=f"{name}五好支部", year=YEAR, level="county", awarded_by="县委"),
    )
    return ActivityRecords(org, members, activity, pairing, duty_post, pledge, prosperity, review, honor)


@pytest.fixture
def activity_records_a(township: Township) -> ActivityRecords:
    return make_activity_records(township.village_a, township.organ_a, name="甲党员")


@pytest.fixture
def activity_records_b(township: Township) -> ActivityRecords:
    return make_activity_records(township.village_b, township.organ_a, name="乙党员")


@pytest.fixture
def both_activities(
    activity_records_a: ActivityRecords, activity_records_b: ActivityRecords
) -> tuple[ActivityRecords, ActivityRecords]:
    return activity_records_a, activity_records_b


# ---------------------------------------------------------------- small real files


def make_png() -> bytes:
    """A 1×1 PNG made by hand: signature, IHDR, IDAT, IEND."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xb7\x1c\x1c")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def make_jpeg() -> bytes:
    """The smallest JFIF a reader would take (SOI, APP0, EOI)."""
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def make_pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


def make_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("甲村党支部集中学习会议记录")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def png_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("照片.png", make_png(), content_type="image/png")
