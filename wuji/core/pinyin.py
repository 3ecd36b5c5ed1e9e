"""Pinyin keys for Chinese names, so that "zs" finds 张三."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# Surnames whose reading differs from the character's common one (compound ones space-separated).
_SURNAMES = {
    "曾": "zeng",
    "单": "shan",
    "仇": "qiu",
    "解": "xie",
    "区": "ou",
    "查": "zha",
    "朴": "piao",
    "盖": "ge",
    "乐": "yue",
    "尉迟": "yu chi",
    "覃": "qin",
    "缪": "miao",
    "翟": "zhai",
    "万俟": "mo qi",
    "长孙": "zhang sun",
    "秘": "bi",
    "繁": "po",
    "句": "gou",
}


def _syllables(name: str) -> list[str]:
    name = name.strip()
    for surname in sorted(_SURNAMES, key=len, reverse=True):
        if name.startswith(surname):
            rest = name[len(surname) :]
            head = _SURNAMES[surname].split()  # one syllable per character: 尉迟 gives "yc"
            return head + lazy_pinyin(rest, style=Style.NORMAL, errors="ignore")
    return lazy_pinyin(name, style=Style.NORMAL, errors="ignore")


def name_keys(name: str) -> tuple[str, str]:
    """(full pinyin, initials), lower case without spaces: ("zhangsan", "zs")."""
    syllables = [s.lower() for s in _syllables(name) if s]
    return "".join(syllables), "".join(s[0] for s in syllables)
