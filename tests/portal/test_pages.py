"""The public disclosure pages: published things only, no personal data, no login, rate-limited.

Given a village whose records include drafts, people with ID numbers and phones and matters in every
state (conftest), when anyone opens /public/, then they see only what was published, and nothing a
secretary must keep to the branch.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import Township, writer_for
from tests.portal.conftest import ABANDON_REASON, DRAFT, UNSEEN, PublicVillage, make_public_village, png_upload
from wuji.activities import services as activity_services
from wuji.activities.models import ActivityType
from wuji.core.models import Attachment
from wuji.governance import services
from wuji.governance.choices import DisclosureKind
from wuji.governance.models import Disclosure
from wuji.orgs import services as org_services
from wuji.portal.selectors import redact, short_name

pytestmark = pytest.mark.django_db

PHONE = re.compile(r"(?<!\d)\d{11}(?!\d)")
ID_NUMBER = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")


def html(response: Any) -> str:
    return response.content.decode()


def public_pages(village: PublicVillage) -> list[str]:
    return [reverse("portal:index"), reverse("portal:org", args=[village.org.code])]


# ---------------------------------------------------------------- published only


def test_the_village_page_shows_published_items_and_nothing_else(public_village: PublicVillage) -> None:
    page = html(Client().get(reverse("portal:org", args=[public_village.org.code])))

    assert "测试乡 · 甲村" in page and "党务村务公开" in page
    assert "一季度财务收支" in page and "收入12000元" in page
    # The five steps of the completed matter and its five disclosures.
    assert "修通组公路" in page and "已办结" in page
    for n in range(1, 6):
        assert f"第{n}项公开内容" in page
    assert "提议事项公开" in page and "修通组公路·提议事项公开" not in page  # the default title says nothing more
    assert "村（居）民（代表）大会决议" in page and "应到 9 人" in page and "实到 8 人" in page
    # The stopped matter shows its failed vote; the abandoned one its published part only.
    assert "出租林地" in page and "未通过" in page and "反对 5" in page
    assert "维修办公楼" in page and "拟维修办公楼" in page and "已终止" in page

    assert DRAFT not in page  # the draft's title and text
    assert UNSEEN not in page  # a matter with no passed step and nothing published
    assert ABANDON_REASON not in page
    assert "说明" not in page and "纪要" not in page  # matter description and step minutes are internal
    assert "/people/" not in page and "/files/" not in page  # no link into the member records


def test_the_index_lists_villages_with_their_count_of_published_items(
    public_village: PublicVillage, township: Township
) -> None:
    page = html(Client().get(reverse("portal:index")))
    assert "测试乡 · 党务村务公开" in page
    assert reverse("portal:org", args=["T01V1"]) in page and reverse("portal:org", args=["T01V2"]) in page
    assert "甲村" in page and "乙村" in page
    # 1 村务公开 + 5 + 1 matter disclosures; the draft does not count.
    assert "已公开 7 项" in page
    assert "乡政府机关" not in page  # not a village: no public page
    assert DRAFT not in page


def test_no_id_number_or_phone_appears_on_any_public_page(public_village: PublicVillage) -> None:
    cadre = public_village.cadre
    assert PHONE.fullmatch(cadre.phone) and ID_NUMBER.fullmatch(cadre.id_number)
    for url in public_pages(public_village):
        page = html(Client().get(url))
        assert not PHONE.search(page), url
        assert not ID_NUMBER.search(page), url
        assert cadre.phone not in page and cadre.id_number not in page
    # What the secretary typed into the disclosure reaches the public masked.
    page = html(Client().get(reverse("portal:org", args=[public_village.org.code])))
    assert cadre.phone[:3] + "****" + cadre.phone[-4:] in page


def test_redact_masks_phone_and_id_numbers_in_free_text() -> None:
    assert redact("电话13812345678，身份证11010519491231002X。") == "电话138****5678，身份证110105********002X。"
    assert redact("旧证号110105491231002，金额1234567890元") == "旧证号110105*****1002，金额1234567890元"
    assert redact("2010年3月2日") == "2010年3月2日"


def test_short_names_are_the_places_villagers_say() -> None:
    assert short_name("中共傅家堰乡委员会") == "傅家堰乡"
    assert short_name("傅家堰村党支部") == "傅家堰村"
    assert short_name("堰窝子居委会党支部") == "堰窝子居委会"
    assert short_name("测试乡党委") == "测试乡"


# ---------------------------------------------------------------- the photo


def test_a_published_disclosures_photo_is_served_to_anyone(public_village: PublicVillage) -> None:
    response = Client().get(reverse("portal:photo", args=[public_village.published.photo_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    matter_photo = Disclosure.objects.get(matter=public_village.completed, kind=DisclosureKind.PROPOSAL).photo_id
    assert Client().get(reverse("portal:photo", args=[matter_photo])).status_code == 200


def test_the_photo_view_refuses_a_drafts_photo_and_any_other_attachment(
    public_village: PublicVillage, township: Township
) -> None:
    officer = writer_for(township.village_a)
    activity = activity_services.activity_record(
        user=officer,
        org=township.village_a,
        type=ActivityType.objects.get(code="deliberation"),
        held_on=dt.date(2021, 3, 1),
        topic="说事议事",
        presence=[activity_services.Presence(public_village.cadre, True)],
        uploads=[png_upload("minutes.png")],
        today=dt.date(2021, 3, 2),
    )
    other = activity.attachments.get().pk
    assert public_village.draft.photo_id is not None
    missing = (Attachment.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    for pk in (public_village.draft.photo_id, other, missing):
        response = Client().get(reverse("portal:photo", args=[pk]))
        assert response.status_code == 404, pk
    # Published later, the draft's photo becomes public.
    services.disclosure_publish(user=officer, disclosure=public_village.draft, published_on=dt.date(2021, 4, 1))
    assert Client().get(reverse("portal:photo", args=[public_village.draft.photo_id])).status_code == 200


# ---------------------------------------------------------------- who and which


def test_anonymous_visitors_need_no_login(public_village: PublicVillage) -> None:
    for url in public_pages(public_village):
        response = Client().get(url)
        assert response.status_code == 200, url
        assert "/accounts/login/" not in response.get("Location", "")
        assert 'id="wuji-nav"' not in html(response)  # anonymous users get no navigation


def test_an_unknown_code_or_a_branch_that_is_not_a_village_is_404(township: Township) -> None:
    for code in ("NOPE", township.organ_a.code, township.township.code):
        assert Client().get(reverse("portal:org", args=[code])).status_code == 404, code


def test_a_dissolved_village_is_not_listed_and_has_no_page(public_village: PublicVillage, township: Township) -> None:
    org_services.org_dissolve(
        user=writer_for(township.village_b), org=township.village_b, dissolved_on=dt.date(2021, 5, 1), reason="合并"
    )
    page = html(Client().get(reverse("portal:index")))
    assert reverse("portal:org", args=["T01V2"]) not in page and "乙村" not in page
    assert Client().get(reverse("portal:org", args=["T01V2"])).status_code == 404


def test_writes_are_refused(public_village: PublicVillage) -> None:
    for url in public_pages(public_village):
        assert Client().post(url).status_code == 405


# ---------------------------------------------------------------- rate limit


def test_the_rate_limit_answers_429_past_n_requests_per_address(
    public_village: PublicVillage, settings: Any, frozen_clock: None
) -> None:
    settings.WUJI_PUBLIC_RATE_PER_MINUTE = 3
    client = Client(REMOTE_ADDR="192.0.2.10")
    url = reverse("portal:org", args=[public_village.org.code])
    for _ in range(3):
        assert client.get(url).status_code == 200
    limited = client.get(reverse("portal:index"))
    assert limited.status_code == 429
    assert limited["Retry-After"] == "50"  # 10 s into the window
    assert "访问过于频繁" in html(limited) and "50 秒后再试" in html(limited)
    assert client.get(reverse("portal:photo", args=[public_village.published.photo_id])).status_code == 429
    # Another address is counted on its own; a forged X-Forwarded-For changes nothing.
    assert Client(REMOTE_ADDR="192.0.2.11").get(url).status_code == 200
    assert client.get(url, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_the_limit_resets_with_the_next_minute(
    public_village: PublicVillage, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wuji.portal import ratelimit

    settings.WUJI_PUBLIC_RATE_PER_MINUTE = 1
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_700_000_030.0)
    client = Client(REMOTE_ADDR="192.0.2.20")
    assert client.get(reverse("portal:index")).status_code == 200
    assert client.get(reverse("portal:index")).status_code == 429
    monkeypatch.setattr(ratelimit, "_now", lambda: 1_700_000_050.0)
    assert client.get(reverse("portal:index")).status_code == 200


def test_the_default_rate_is_120_a_minute(settings: Any) -> None:
    from wuji.portal import ratelimit

    del settings.WUJI_PUBLIC_RATE_PER_MINUTE
    assert ratelimit.rate_per_minute() == 120


# ---------------------------------------------------------------- fixed query counts

PINNED = {"portal:index": 2, "portal:org": 7}


def count_queries(url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = Client().get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow(township: Township, n: int) -> None:
    """n more published disclosures and n more full matters in village_a."""
    officer = writer_for(township.village_a)
    for i in range(n):
        disclosure = services.disclosure_save(
            user=officer,
            disclosure=Disclosure(
                org=township.village_a, kind=DisclosureKind.PARTY_AFFAIRS, title=f"党务{i}", content="内容"
            ),
            photo=png_upload(),
        )
        services.disclosure_publish(user=officer, disclosure=disclosure, published_on=dt.date(2021, 5, 1))


def test_the_pages_run_a_fixed_number_of_queries(township: Township) -> None:
    make_public_village(township.village_a)
    small = {name: count_queries(url) for name, url in _urls(township).items()}
    grow(township, 6)
    make_public_village(township.village_b, label="乙")
    large = {name: count_queries(url) for name, url in _urls(township).items()}
    assert small == large == PINNED


def _urls(township: Township) -> dict[str, str]:
    return {"portal:index": reverse("portal:index"), "portal:org": reverse("portal:org", args=["T01V1"])}
