"""Item heads (reviewtools.text.items): one definition for every reader that asks "does a numbered item start here"."""

from __future__ import annotations

import re

import pytest

from reviewtools.analyze import wraps
from reviewtools.text import items


@pytest.mark.parametrize(("head", "style"), [
    ("（一）", "cn_paren"), ("(十二)", "cn_paren"), ("（3）", "num_paren"), ("(12)", "num_paren"),
    ("1.", "num"), ("12、", "num"), ("3．", "num"), ("⑤", "circle"), ("三、", "cn"), ("一.", "cn"),
])
def test_each_style_in_both_bracket_widths(head, style):
    m = re.match(items.STYLED, head + "加强管理")
    assert m and m.lastgroup == style and m.group() == head


@pytest.mark.parametrize("text", ["1.5亿元用于补助", "2024年起施行", "一般情况下", "（注：见附件）"])
def test_numbers_and_words_that_are_no_item(text):
    assert not re.match(items.HEAD, text)


def test_articles_and_divisions():
    assert re.match(items.ARTICLE, "第三十二条 违反本办法")
    assert re.match(items.DIVISION, "第二章 管理职责")
    assert not re.match(items.LISTED, "三、保障措施")  # a top-level heading heads no list item


def test_a_wrapped_line_that_starts_with_a_decimal_is_joined_and_an_item_is_not():
    width = "对符合条件的新建项目按照实际完成投资额给予一次性补助资金支持总额"  # one width, runs on
    joined = "\n".join([width, width, width, width + "共", "1.5亿元，由县财政统筹安排落实到位。"])
    item = "\n".join([width, width, width, width + "共", "1.按规定程序申报，由县财政统筹安排。"])
    assert len(wraps(joined)) == 4 and len(wraps(item)) == 3
