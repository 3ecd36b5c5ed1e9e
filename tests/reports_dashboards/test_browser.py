"""The dashboards in a real browser (Debian's Chromium through Playwright): every chart is drawn, no console
error, the number on the page is the engine's, the table behind a chart opens with one click and prints.

Skipped where /usr/bin/chromium is missing, except when WUJI_REQUIRE_BROWSER=1. Set WUJI_SCREENSHOT_DIR to
keep the screenshots (1280 px, 375 px and print) for a person to look at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import PASSWORD, Township
from tests.reports_dashboards.conftest import AS_OF
from wuji.assessment.services import campaign_run
from wuji.campaigns.models import Campaign

CHROMIUM = "/usr/bin/chromium"

# serialized_rollback: the flush of a transactional test would take the reference lists the migrations seed.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

if not Path(CHROMIUM).exists():
    if os.environ.get("WUJI_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is required (apt-get install chromium fonts-wqy-microhei)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the live server's ORM runs in its own thread
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield browser
        browser.close()


def shoot(page: Any, tmp: Path, name: str) -> None:
    path = tmp / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5000
    keep = os.environ.get("WUJI_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)


def open_dashboard(browser: Any, base: str, username: str, width: int) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in {"error", "warning"} else None)
    page.on("pageerror", lambda e: problems.append(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    page.goto(f"{base}/reports/")
    page.wait_for_load_state("networkidle")
    return context, page, problems


@pytest.mark.parametrize("width", [1280, 375])
def test_township_dashboard_draws_the_engines_numbers(
    browser: Any,
    live_server: Any,
    township: Township,
    dash_campaign: Campaign,
    officer: Any,
    tmp_path: Path,
    width: int,
) -> None:
    context, page, problems = open_dashboard(browser, live_server.url, "officer", width)
    charts = page.locator("[data-wuji-chart]")
    assert charts.count() >= 5
    # Every chart is drawn (its figure marked) and holds an SVG.
    assert page.locator(".wuji-figure--charted").count() == charts.count()
    assert page.locator("[data-wuji-chart] svg").count() >= charts.count()
    run = campaign_run(dash_campaign, as_of=AS_OF)
    dual = next(a.indicator for a in run.aggregates if a.indicator.code == "T-DUAL")
    tile = page.locator('[data-engine-code="T-DUAL"]')
    assert float(tile.get_attribute("data-engine-value")) == float(dual.value)
    assert "50%" in tile.inner_text()
    # The table behind a chart: folded, one click away, and printed.
    table = page.locator("#figure-ranking-table")
    assert not table.is_visible()
    page.locator("#figure-ranking .wuji-figure-toggle").click()
    assert table.is_visible() and "甲村党支部" in table.inner_text()
    page.locator("#figure-ranking .wuji-figure-toggle").click()
    assert not table.is_visible()
    shoot(page, tmp_path, f"township-{width}")
    page.emulate_media(media="print")
    assert table.is_visible() and page.locator("#figure-targets-table").is_visible()
    if width == 1280:
        shoot(page, tmp_path, "township-print")
    assert problems == []
    context.close()


def test_branch_page_for_the_secretary(
    browser: Any, live_server: Any, township: Township, dash_campaign: Campaign, secretary_a: Any, tmp_path: Path
) -> None:
    context, page, problems = open_dashboard(browser, live_server.url, "secretary_a", 375)
    assert page.get_by_role("heading", name="甲村党支部").is_visible()
    assert page.get_by_text("下一步要做的事").is_visible()
    assert page.locator(".wuji-gauge svg").count() >= 3
    card = next(c for c in campaign_run(dash_campaign, as_of=AS_OF).cards if c.org_id == township.village_a.pk)
    assert float(page.locator('[data-engine-code="score"]').get_attribute("data-engine-value")) == float(card.score)
    shoot(page, tmp_path, "branch-375")
    assert problems == []
    context.close()


def test_county_page_for_the_county_officer(
    browser: Any, live_server: Any, township: Township, dash_campaign: Campaign, county_officer: Any, tmp_path: Path
) -> None:
    context, page, problems = open_dashboard(browser, live_server.url, county_officer.username, 1280)
    assert page.get_by_role("link", name="测试乡党委").is_visible()
    assert page.locator(".wuji-figure--charted").count() == page.locator("[data-wuji-chart]").count() >= 3
    shoot(page, tmp_path, "county-1280")
    page.set_viewport_size({"width": 375, "height": 900})
    shoot(page, tmp_path, "county-375")
    assert problems == []
    context.close()
