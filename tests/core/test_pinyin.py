"""Pinyin keys: a secretary types initials and finds the person."""

from __future__ import annotations

import pytest

from wuji.core.pinyin import name_keys


def test_initials_of_a_common_name() -> None:
    assert name_keys("张三") == ("zhangsan", "zs")


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("曾国藩", "zengguofan", "zgf"),  # not céng
        ("单田芳", "shantianfang", "stf"),  # not dān
        ("仇英", "qiuying", "qy"),  # not chóu
        ("解缙", "xiejin", "xj"),  # not jiě
    ],
)
def test_surnames_are_read_as_surnames(name: str, full: str, initials: str) -> None:
    assert name_keys(name) == (full, initials)


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("尉迟恭", "yuchigong", "ycg"),
        ("长孙无忌", "zhangsunwuji", "zswj"),
        ("万俟卨", "moqixie", "mqx"),
        ("欧阳修", "ouyangxiu", "oyx"),
    ],
)
def test_a_compound_surname_gives_one_initial_per_character(name: str, full: str, initials: str) -> None:
    assert name_keys(name) == (full, initials)


def test_surrounding_spaces_do_not_change_the_keys() -> None:
    assert name_keys(" 张三 ") == name_keys("张三")


def test_a_common_character_that_is_also_a_surname_is_only_special_at_the_start() -> None:
    # 单 inside a given name keeps its common reading.
    assert name_keys("王单") == ("wangdan", "wd")
