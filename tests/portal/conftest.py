"""A village with everything the public page may and may not show, made through the services.

甲村党支部 (village_a) gets: people with ID numbers and phones (one of them a cadre), a published
村务 disclosure with a photo, a draft 党务 disclosure with its own photo, a matter that went through
all five steps and five disclosures, a matter stopped at a failed vote, an abandoned matter with a
published disclosure, and a matter nobody has deliberated yet. Every text that must stay private
carries a marker (DRAFT, UNSEEN) so a leak is easy to find.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import PersonFactory, Township, make_full_member, writer_for
from wuji.governance import services
from wuji.governance.choices import DisclosureKind, StepKind
from wuji.governance.models import Disclosure, Matter
from wuji.orgs.models import Organization
from wuji.people import services as people_services
from wuji.people.choices import Title
from wuji.people.models import Person
from wuji.portal import ratelimit

DAY = dt.date(2021, 3, 1)
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
DRAFT = "草稿不得公开的内容"
UNSEEN = "尚未议事的事项"
ABANDON_REASON = "终止原因不对外公开"


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


@pytest.fixture(autouse=True)
def fresh_rate_limit(settings: Any, tmp_path: Path) -> Iterator[None]:
    """Every test starts with no request counted, and keeps its uploads to itself."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the rate limiter in one window (10 s into it), whatever the wall clock does."""
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_699_999_990.0)


def vote(expected: int = 9, present: int = 8, votes_for: int = 7, against: int = 1, abstain: int = 0) -> dict:
    return {
        "expected": expected,
        "present": present,
        "votes_for": votes_for,
        "votes_against": against,
        "abstentions": abstain,
    }


def record_steps(matter: Matter, user: Any, upto: int, start: dt.date = DAY) -> dt.date:
    """Steps 1..upto, each passed, a week apart; the day of the last one."""
    day = start
    for step in range(1, upto + 1):
        day = start + dt.timedelta(days=7 * (step - 1))
        numbers = vote() if step != StepKind.VILLAGER_PROPOSAL else {}
        services.matter_step_record(user=user, matter=matter, step=step, held_on=day, note=f"纪要{step}", **numbers)
    return day


@dataclass
class PublicVillage:
    org: Organization
    cadre: Person
    published: Disclosure
    draft: Disclosure
    completed: Matter
    stopped: Matter
    abandoned: Matter
    unseen: Matter


def make_public_village(org: Organization, *, label: str = "") -> PublicVillage:
    officer = writer_for(org)
    cadre = make_full_member(org=org, name=f"李书记{label}")
    people_services.position_assign(
        user=officer, person=cadre, org=org, title=Title.SECRETARY, started_on=dt.date(2018, 1, 10)
    )
    for n in range(3):
        PersonFactory(org=org, name=f"村民{label}{n}")

    published = services.disclosure_save(
        user=officer,
        disclosure=Disclosure(
            org=org,
            kind=DisclosureKind.VILLAGE_AFFAIRS,
            title=f"一季度财务收支{label}",
            content=f"收入12000元，支出9000元。经办人：{cadre.name}，电话{cadre.phone}，身份证{cadre.id_number}。",
        ),
        photo=png_upload(),
    )
    services.disclosure_publish(user=officer, disclosure=published, published_on=DAY)
    draft = services.disclosure_save(
        user=officer,
        disclosure=Disclosure(org=org, kind=DisclosureKind.PARTY_AFFAIRS, title=f"{DRAFT}标题{label}", content=DRAFT),
        photo=png_upload("draft.png"),
    )

    completed = services.matter_create(user=officer, org=org, title=f"修通组公路{label}", description="说明")
    last = record_steps(completed, officer, 5)
    kinds = [
        DisclosureKind.PROPOSAL,
        DisclosureKind.PROCEDURE,
        DisclosureKind.RESULT,
        DisclosureKind.PLAN,
        DisclosureKind.OUTCOME,
    ]
    for n, kind in enumerate(kinds):
        services.matter_disclose(
            user=officer,
            matter=completed,
            kind=kind,
            content=f"第{n + 1}项公开内容{label}",
            published_on=last + dt.timedelta(days=n + 1),
            channel="board",
            photo=png_upload() if n == 0 else None,
        )

    stopped = services.matter_create(user=officer, org=org, title=f"出租林地{label}")
    record_steps(stopped, officer, 2)
    services.matter_step_record(
        user=officer,
        matter=stopped,
        step=StepKind.TWO_COMMITTEES,
        held_on=DAY + dt.timedelta(days=20),
        **vote(9, 8, 2, 5, 1),
    )

    abandoned = services.matter_create(user=officer, org=org, title=f"维修办公楼{label}")
    last = record_steps(abandoned, officer, 3)
    services.matter_disclose(
        user=officer,
        matter=abandoned,
        kind=DisclosureKind.PROPOSAL,
        content=f"拟维修办公楼{label}",
        published_on=last + dt.timedelta(days=1),
    )
    services.matter_abandon(user=officer, matter=abandoned, reason=ABANDON_REASON, on=last + dt.timedelta(days=3))

    unseen = services.matter_create(user=officer, org=org, title=f"{UNSEEN}{label}")
    return PublicVillage(
        org=org,
        cadre=cadre,
        published=published,
        draft=draft,
        completed=completed,
        stopped=stopped,
        abandoned=abandoned,
        unseen=unseen,
    )


@pytest.fixture
def public_village(township: Township) -> PublicVillage:
    return make_public_village(township.village_a)
