"""The three title keys side by side: where they agree and where they differ, pair by pair."""

from __future__ import annotations

import pytest

from reviewtools.text.titles import law_key, loose_key, nest_titles, title_key

# (a, b, same by title_key, same by loose_key, same by law_key)
PAIRS = [
    ("关于加强管理的通知", "关于加强管理的通知", True, True, True),
    ("关于加强 管理的通知", "关于加强管理的通知", True, True, True),  # a space
    ("《某市停车管理办法》", "某市停车管理办法", True, True, True),  # 书名号
    ("中华人民共和国行政许可法", "行政许可法", False, False, True),  # the PRC prefix: only laws drop it
    ("某市“十四五”规划", "某市十四五规划", True, True, False),  # quotes
    ("某市办法（试行）", "某市办法(试行)", True, True, False),  # full/half-width brackets: the law key keeps them apart
    ("某市办法（试行）", "某市办法试行", False, True, False),  # parentheses dropped only by loose_key
    ("ＡＢＣ管理办法", "ABC管理办法", True, False, False),  # full-width letters
    ("某市管理办法—修订稿", "某市管理办法修订稿", False, True, False),  # a dash
    ("某市管理办法", "某县管理办法", False, False, False),  # different titles stay different
]


@pytest.mark.parametrize("a, b, by_title, by_loose, by_law", PAIRS)
def test_where_the_keys_agree_and_differ(a, b, by_title, by_loose, by_law):
    assert (title_key(a) == title_key(b), loose_key(a) == loose_key(b), law_key(a) == law_key(b)) == \
        (by_title, by_loose, by_law)


def test_an_empty_title_has_no_registry_key():
    assert title_key("") is None and title_key("《》") is None and title_key(None) is None


@pytest.mark.parametrize(("written", "nested"), [
    ("引用的《关于印发《某市停车场管理办法》的通知》已废止", "引用的《关于印发〈某市停车场管理办法〉的通知》已废止"),
    ("《甲办法》和《乙办法》", "《甲办法》和《乙办法》"),
    ("《关于转发《关于印发《某办法》的通知》的通知》", "《关于转发〈关于印发〈某办法〉的通知〉的通知》"),
    ("《未闭合的《标题》", "《未闭合的〈标题〉"),
    ("多出的》在外面《甲》", "多出的》在外面《甲》"),
])
def test_titles_inside_titles_take_angle_brackets(written, nested):
    assert nest_titles(written) == nested
