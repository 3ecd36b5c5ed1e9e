"""A real browser (Debian's Chromium through Playwright) walks the demo as its users do.

Skipped where /usr/bin/chromium is missing, except when WUJI_REQUIRE_BROWSER=1
(CI installs Chromium and sets it). Set WUJI_SCREENSHOT_DIR to keep the
screenshots (desktop and 375 px phone width) for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from wuji.accounts.models import User
from wuji.people.models import Person

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "Wuji-demo-2010"

# serialized_rollback: a transactional test flushes the tables, and with them the reference
# lists the migrations seed (activity types, "十有" items, source tags) that load_demo needs.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

if not Path(CHROMIUM).exists():
    if os.environ.get("WUJI_REQUIRE_BROWSER") == "1":
        raise RuntimeError(f"{CHROMIUM} is required (apt-get install chromium fonts-wqy-microhei)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)


@pytest.fixture
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # live server makes happen in its own thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Shots:
    def __init__(self, tmp: Path) -> None:
        self.dir = tmp
        self.keep = os.environ.get("WUJI_SCREENSHOT_DIR")

    def take(self, page: Any, name: str) -> None:
        path = self.dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5000  # a blank page is far smaller
        if self.keep:
            Path(self.keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(self.keep) / path.name)


def login(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()


def logout(page: Any) -> None:
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():  # on a phone the menu is folded
        toggler.click()
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width,height,label", [(1280, 900, "desktop"), (375, 812, "phone")])
def test_officer_and_secretaries_walk_the_demo(
    settings: Any, browser: Any, live_server: Any, tmp_path: Path, width: int, height: int, label: str
) -> None:
    settings.WUJI_DEFAULT_AS_OF = dt.date(2010, 10, 31)  # the demo township at the end of its 2010 campaign
    call_command("load_demo", verbosity=0)
    village1 = User.objects.get(username="village1").org
    village2 = User.objects.get(username="village2").org
    own_person = Person.objects.filter(org=village1).order_by("pk").first()
    other_person = Person.objects.filter(org=village2).order_by("pk").first()
    assert own_person is not None and other_person is not None
    shots = Shots(tmp_path)
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    page = context.new_page()
    base = live_server.url

    # The officer sees the township: home, the org tree, an org page and a person page.
    login(page, base, "officer")
    assert "傅家堰" in page.content()
    shots.take(page, f"{label}-officer-home")
    page.goto(f"{base}/orgs/")
    tree = page.content()
    for name in ("中共傅家堰乡委员会", village1.name, village2.name):
        assert name in tree
    shots.take(page, f"{label}-officer-tree")
    page.get_by_role("link", name=village2.name).first.click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=village2.name).is_visible()
    assert "缺项" in page.content()
    shots.take(page, f"{label}-officer-org")
    page.goto(f"{base}/people/{other_person.pk}/")
    assert other_person.name in page.content()
    shots.take(page, f"{label}-officer-person")
    page.goto(f"{base}/people/?q=")
    shots.take(page, f"{label}-officer-people")
    logout(page)

    # village1's secretary sees their branch, and nothing of village2.
    login(page, base, "village1")
    shots.take(page, f"{label}-village1-home")
    page.goto(f"{base}/people/{own_person.pk}/")
    assert own_person.name in page.content()
    shots.take(page, f"{label}-village1-person")
    response = page.goto(f"{base}/people/{other_person.pk}/")
    assert response is not None and response.status == 404
    assert other_person.name not in page.content()
    shots.take(page, f"{label}-village1-other-person-404")
    page.goto(f"{base}/people/")
    assert other_person.name not in page.content()
    assert village2.name not in page.content()
    context.close()
