"""The committed 繁體 catalogue: complete, compiled, and what `make messages` keeps of hand edits."""

from __future__ import annotations

import gettext

import pytest
from django.utils import translation

from wuji.core.management.commands import translate_hant
from wuji.core.management.commands.translate_hant import PLACEHOLDER, Entry, fill, parse_po, translations, write_po

PO = translate_hant.catalogue_path()
MO = PO.with_suffix(".mo")


def entries() -> list[Entry]:
    return parse_po(PO.read_text(encoding="utf-8"))


def test_the_catalogue_lives_where_django_looks_for_zh_hant() -> None:
    assert PO.parts[-3:] == ("zh_Hant", "LC_MESSAGES", "django.po")
    assert PO.exists() and MO.exists()


def test_every_entry_is_translated_and_none_is_fuzzy() -> None:
    found = [e for e in entries() if not e.is_header]
    assert len(found) > 300
    for entry in found:
        assert "fuzzy" not in entry.flags, entry.msgid
        assert entry.msgstrs and all(text for _, text in entry.msgstrs), entry.msgid


def test_placeholders_come_through_unchanged() -> None:
    for entry in entries():
        if entry.is_header:
            continue
        for _, text in entry.msgstrs:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(entry.msgid)), entry.msgid


def test_the_mo_holds_exactly_what_the_po_says() -> None:
    """A .po edited (or regenerated) without recompiling would fail here."""
    expected = translations(entries())
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog = {k: v for k, v in compiled._catalog.items() if k != ""}  # type: ignore[attr-defined]
    assert catalog == expected
    assert compiled.info()["content-type"] == "text/plain; charset=UTF-8"


def test_django_translates_through_the_committed_mo() -> None:
    with translation.override("zh-hant"):
        assert translation.gettext("组织体系") == "組織體系"
        assert translation.gettext("该公民身份号码已登记：%(name)s（%(org)s）") % {"name": "張三", "org": "甲"} == (
            "該公民身份號碼已登記：張三（甲）"
        )
    with translation.override("zh-hans"):
        assert translation.gettext("组织体系") == "组织体系"


SAMPLE = """# header comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: zh_Hant\\n"

#: a.py
msgid "组织体系"
msgstr ""

#: a.py
#, python-format
msgid "该组织还有%(count)s名人员"
msgstr ""

#: b.html
msgid "发展对象"
msgstr "發展對象（人工校訂）"

#: b.html
#, fuzzy
#| msgid "旧的说法"
msgid "软弱涣散"
msgstr "舊的說法"
"""


@pytest.fixture
def converter() -> object:
    return translate_hant.make_converter(translate_hant.DEFAULT_CONFIG)


def test_fill_converts_empty_and_fuzzy_entries_and_keeps_hand_edits(converter: object) -> None:
    parsed = parse_po(SAMPLE)
    assert fill(parsed, converter, config="s2tw") == 3
    result = translations(parse_po(write_po(parsed)))
    assert result == {
        "组织体系": "組織體系",
        "该组织还有%(count)s名人员": "該組織還有%(count)s名人員",
        "发展对象": "發展對象（人工校訂）",  # corrected by hand: kept
        "软弱涣散": "軟弱渙散",  # was fuzzy: redone
    }
    text = write_po(parsed)
    assert "#, fuzzy" not in text and "#| msgid" not in text and "#, python-format" in text


def test_fill_twice_changes_nothing(converter: object) -> None:
    once = parse_po(SAMPLE)
    fill(once, converter, config="s2tw")
    text = write_po(once)
    again = parse_po(text)
    assert fill(again, converter, config="s2tw") == 0
    assert write_po(again) == text


def test_the_default_conversion_keeps_party_terms(converter: object) -> None:
    convert = translate_hant.convert
    assert convert(converter, "发展对象") == "發展對象"  # s2twp would say 發展物件
    assert convert(converter, "基本组织、基本队伍各项目标均已达到。") == "基本組織、基本隊伍各項目標均已達到。"


def test_multiline_strings_round_trip() -> None:
    text = 'msgid ""\nmsgstr ""\n"A: b\\n"\n\nmsgid "一\\n二"\nmsgstr ""\n"一\\n"\n"二"\n'
    parsed = parse_po(text)
    assert parsed[1].msgid == "一\n二" and parsed[1].msgstrs[0][1] == "一\n二"
    parsed[1].set_msgstrs({"msgstr": "壹\n貳"})
    assert translations(parse_po(write_po(parsed))) == {"一\n二": "壹\n貳"}


def test_plural_and_context_entries_are_keyed_as_the_mo_keys_them(converter: object) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=1; plural=0;\\n"\n\n'
        'msgctxt "按钮"\nmsgid "删除"\nmsgstr ""\n\n'
        'msgid "%(n)s个单位"\nmsgid_plural "%(n)s个单位"\nmsgstr[0] ""\n'
    )
    parsed = parse_po(text)
    assert fill(parsed, converter, config="s2tw") == 2
    assert translations(parse_po(write_po(parsed))) == {"按钮\x04删除": "刪除", ("%(n)s个单位", 0): "%(n)s個單位"}


def test_dates_are_written_the_way_each_language_writes_them() -> None:
    """Templates use the named formats; a month and day read 3月5日 (not Django's 03月5日) in Chinese."""
    import datetime as dt

    from django.template import Context, Template
    from django.utils import translation

    template = Template('{{ day|date:"MONTH_DAY_FORMAT" }}|{{ day|date:"DATE_FORMAT" }}')
    day = dt.date(2010, 3, 5)
    shown = {}
    for language in ("zh-hans", "zh-hant", "en"):
        with translation.override(language):
            shown[language] = template.render(Context({"day": day}))
    assert shown["zh-hans"] == shown["zh-hant"] == "3月5日|2010年3月5日"
    assert shown["en"] == "March 5|March 5, 2010"
