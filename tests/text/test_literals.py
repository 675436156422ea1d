"""Screen: the same answer as the pattern's own search, asked only of texts holding a required literal."""

from __future__ import annotations

import re

from reviewtools.ingest import portal
from reviewtools.text.literals import Screen

# The portal's boilerplate shapes in one pattern that ignores case: literals with and without a cased letter.
_BOILERPLATE = re.compile("|".join(p.pattern for p in (portal._BOILERPLATE, portal._BOILERPLATE_SPACED,
                                                       portal._BOILERPLATE_LATIN)), re.I)

TEXTS = ["当前位置：首页 > 政务公开", "版权所有：某市人民政府", "Copyright © 2020", "copyright 2020", "ICP备12345号",
         "icp证", "\u0130CP备", "  登录  ", "English", "english version", "字体：【大】【中】【小】", "打印  关闭",
         "主办：某市人民政府办公室", "为推进法治政府建设，制定本办法。", "本办法自发布之日起施行。", "", "确定 取消", "密码",
         "【打印】【关闭】", "建议使用IE9以上浏览器", "字号：", "文字号：", "密 码：", "[大] [中]", "ENGLISH", "ICP 备"]


def test_a_screened_search_answers_as_the_pattern_does():
    screen = Screen(_BOILERPLATE)
    assert [screen(t) for t in TEXTS] == [bool(_BOILERPLATE.search(t)) for t in TEXTS]
    assert screen("当前位置：首页") and not screen("为推进法治政府建设，制定本办法。")
    assert [bool(g.flags & re.IGNORECASE) for g in screen._gates] == [False, True]  # ICP, Copyright, English
    # The portal tries the shapes apart, each more cheaply: the same answers.
    assert [portal.is_boilerplate(t) for t in TEXTS] == [bool(_BOILERPLATE.search(t)) for t in TEXTS]


def test_a_pattern_without_required_literals_always_runs():
    screen = Screen(re.compile(r"\d+|[a-z]{3}"))
    assert screen._gates is None
    assert [screen(t) for t in ("x12", "abc", "ab", "")] == [True, True, False, False]
    assert screen._gates == ()


def test_case_is_ignored_only_where_the_pattern_ignores_it():
    assert [Screen(re.compile("ICP备"))(t) for t in ("ICP备", "icp备")] == [True, False]
    assert [Screen(re.compile("ICP备", re.I))(t) for t in ("ICP备", "icp备", "\u0131cp备")] == [True, True, True]
