"""The pages in 繁體 (by the browser's Accept-Language or the footer's switch) and, by default, in 简体."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PersonFactory, Township
from wuji.core import idcard

pytestmark = pytest.mark.django_db

HANT = {"HTTP_ACCEPT_LANGUAGE": "zh-hant"}
VALID_ID = idcard.make("420529", dt.date(1985, 3, 8), 123, "F")


def person_form(org: Any, **overrides: Any) -> dict[str, Any]:
    data = {"name": "向秀英", "id_number": VALID_ID, "org": org.pk, "ethnicity": "土家族"}
    return {**data, **overrides}


def test_tree_in_traditional_when_the_browser_asks_for_it(township: Township, officer: Any, client_for: Any) -> None:
    page = client_for(officer).get(reverse("orgs:tree"), **HANT).content.decode()
    assert '<html lang="zh-hant">' in page
    assert "<title>組織體系 · 五基</title>" in page
    assert "基本組織 · 組織體系" in page
    assert "書記空缺" in page  # a gap text, made in a selector
    assert "村委會主任空缺" in page
    assert "農村" in page  # a TextChoices label (Category.VILLAGE)
    assert "甲村党支部" in page  # data is never converted
    assert "组织体系" not in page and "书记空缺" not in page


def test_tree_in_simplified_by_default(township: Township, officer: Any, client_for: Any) -> None:
    page = client_for(officer).get(reverse("orgs:tree")).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "<title>组织体系 · 五基</title>" in page
    assert "书记空缺" in page and "村委会主任空缺" in page
    assert "組織體系" not in page and "書記空缺" not in page


def test_taiwan_and_hong_kong_browsers_get_traditional(township: Township, officer: Any, client_for: Any) -> None:
    client = client_for(officer)
    for header in ["zh-TW", "zh-HK,zh;q=0.9", "zh-Hant-TW"]:
        page = client.get(reverse("orgs:tree"), HTTP_ACCEPT_LANGUAGE=header).content.decode()
        assert "組織體系" in page, header
    assert "组织体系" in client.get(reverse("orgs:tree"), HTTP_ACCEPT_LANGUAGE="zh-CN").content.decode()


def test_the_footer_switch_sets_the_language_for_later_pages(township: Township, officer: Any) -> None:
    client = Client()
    client.force_login(officer)
    tree = reverse("orgs:tree")
    footer = client.get(tree).content.decode()
    assert f'action="{reverse("set_language")}"' in footer
    assert 'name="language"' in footer and "繁體中文" in footer and "简体中文" in footer

    response = client.post(reverse("set_language"), {"language": "zh-hant", "next": tree})
    assert response.status_code == 302 and response["Location"] == tree
    page = client.get(tree).content.decode()
    assert "<title>組織體系 · 五基</title>" in page and "書記空缺" in page
    assert '<option value="zh-hant" lang="zh-hant" selected>' in page

    client.post(reverse("set_language"), {"language": "zh-hans", "next": tree})
    assert "<title>组织体系 · 五基</title>" in client.get(tree).content.decode()


def test_the_switch_needs_the_csrf_token(township: Township, officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(reverse("set_language"), {"language": "zh-hant", "next": "/"}).status_code == 403


def test_form_labels_help_and_choices_in_traditional(township: Township, officer: Any, client_for: Any) -> None:
    url = reverse("orgs:create") + f"?parent={township.township.pk}"
    page = client_for(officer).get(url, **HANT).content.decode()
    assert "組織名稱" in page and "全縣唯一" in page  # label and help text of OrgForm
    assert "黨支部" in page and "（黨委可不選）" in page  # OrgKind choice and the blank choice
    assert f"在“{township.township.name}”下新建黨組織" in page  # a title with the org's name kept as it is


def test_an_id_number_error_comes_back_in_traditional(township: Township, secretary_a: Any, client_for: Any) -> None:
    bad = VALID_ID[:-1] + ("0" if VALID_ID[-1] != "0" else "1")
    response = client_for(secretary_a).post(
        reverse("people:create"), person_form(township.village_a, id_number=bad), **HANT
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "公民身份號碼校驗位不正確，請核對號碼" in page
    assert "填寫的內容有誤，請按紅色提示修改後再提交。" in page  # the form partial's own text
    assert "公民身份号码" not in page


def test_a_service_refusal_comes_back_in_traditional(township: Township, secretary_a: Any, client_for: Any) -> None:
    other = PersonFactory(org=township.village_a, name="王建国")
    client = client_for(secretary_a)
    response = client.post(reverse("people:create"), person_form(township.village_a, id_number=other.id_number), **HANT)
    assert response.status_code == 400
    assert f"該公民身份號碼已登記：王建国（{township.village_a.name}）" in response.content.decode()

    response = client.post(reverse("people:create"), person_form(township.village_a, gender="M"), **HANT)
    assert response.status_code == 400
    assert "性別與公民身份號碼不符（號碼顯示為女）" in response.content.decode()


def test_the_same_refusals_in_simplified_by_default(township: Township, secretary_a: Any, client_for: Any) -> None:
    other = PersonFactory(org=township.village_a, name="王建国")
    client = client_for(secretary_a)
    response = client.post(reverse("people:create"), person_form(township.village_a, id_number=other.id_number))
    assert f"该公民身份号码已登记：王建国（{township.village_a.name}）" in response.content.decode()
    response = client.post(reverse("people:create"), person_form(township.village_a, gender="M"))
    assert "性别与公民身份号码不符（号码显示为女）" in response.content.decode()


def test_success_message_in_traditional(township: Township, secretary_a: Any, client_for: Any) -> None:
    client = client_for(secretary_a)
    response = client.post(reverse("people:create"), person_form(township.village_a), follow=True, **HANT)
    page = response.content.decode()
    assert "已登記，請繼續登記其發展階段或職務" in page
    assert "向秀英" in page and "出生日期" in page and "（" in page


def test_english_is_not_offered_before_it_has_a_catalogue_so_an_english_browser_reads_simplified_chinese(
    township: Township, officer: Any, client_for: Any
) -> None:
    """Text, dates and the page's language agree: no "截至 Oct. 31, 2010" in a Chinese sentence."""
    client = client_for(officer)
    page = client.get(reverse("home"), {"as_of": "2010-10-31"}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "2010年10月31日" in page and "Oct." not in page
    assert 'value="en"' not in page  # the language switch offers 简体 and 繁體 only


def test_error_pages_in_traditional(township: Township, officer: Any, client_for: Any) -> None:
    response = client_for(officer).get("/no-such-page/", **HANT)
    assert response.status_code == 404 and "頁面不存在" in response.content.decode()
