"""Screen: the same answer as the pattern's own search, asked only of texts holding a required literal. Words: every
occurrence of every word, as a naive search finds them."""

from __future__ import annotations

import pickle
import random
import re

from reviewtools.ingest import portal
from reviewtools.text.literals import _FEW_PATHS, Screen, Words

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


def test_screen_possible_tells_whether_a_required_literal_is_there():
    screen = Screen(re.compile("(?:设立|注册)分公司"))
    assert screen.possible("须在本市设立分公司") and screen.possible("注册分公司，")
    assert not screen.possible("须在本市设立子公司")
    assert Screen(re.compile(r"\d+")).possible("")  # nothing required: always possible


def occurrences(words: list[str], text: str) -> list[tuple[int, int]]:
    ends, values = Words(words).positions(text)
    return sorted(zip(ends.tolist(), values.tolist(), strict=True))


def naive(words: list[str], text: str) -> list[tuple[int, int]]:
    return sorted((at + len(w) - 1, n) for n, w in enumerate(words) for at in range(len(text)) if text.startswith(w, at))


def test_words_finds_every_occurrence_with_its_last_characters_offset():
    words = ["报", "罚款", "处罚款", "本市", "本市企业", "在本市注册的企业", "注册"]
    text = "报请批准后，对在本市注册的企业处罚款；本市企业罚款报"
    assert occurrences(words, text) == naive(words, text)
    assert (text.index("处罚款") + 2, 2) in occurrences(words, text)  # 罚款 and 处罚款 end on one character
    assert occurrences(words, "在本市注") == [(2, 3)]  # a word cut off by the end of the text is no match
    assert occurrences([], "罚款") == [] and occurrences(["罚款"], "") == []


def test_words_follow_many_long_paths_by_level_and_few_one_character_at_a_time_alike():
    words = ["在本市注册的企业", "在本市注册", "本市注册的分公司", "注册"]
    for times in (1, _FEW_PATHS, 3 * _FEW_PATHS):  # a level's paths: few, at the limit, many
        text = "在本市注册的企业，本市注册的分公司；" * times + "在本市注"
        assert occurrences(words, text) == naive(words, text)


def test_words_count_characters_outside_the_bmp_as_one_and_kept_tables_are_rebuilt():
    words = ["\U00020000注册", "注册", "册"]
    assert occurrences(words, "甲\U00020000注册") == [(3, 0), (3, 1), (3, 2)]
    found = pickle.loads(pickle.dumps(Words(words))).positions("\U00020000注册")
    assert sorted(zip(*(a.tolist() for a in found), strict=True)) == [(2, 0), (2, 1), (2, 2)]


def test_words_agree_with_a_naive_search_on_random_words_and_texts():
    rng = random.Random(14)
    alphabet = "甲乙丙丁ab\U00020000"
    for _ in range(300):  # up to a few hundred trie nodes: node numbers beyond one byte
        words = sorted({"".join(rng.choices(alphabet, k=rng.randint(1, 8))) for _ in range(rng.randint(1, 80))})
        text = "".join(rng.choices(alphabet + "戊x", k=rng.randint(0, 60)))
        assert occurrences(words, text) == naive(words, text), (words, text)


def test_words_deeper_than_three_characters_are_found_where_node_times_width_passes_the_tables_small_type():
    # 400 characters and 2,000-odd nodes: the trie's tables fit 16 bits, a depth-3 node times the width does not.
    rng = random.Random(15)
    alphabet = [chr(0x4E00 + n) for n in range(400)]
    words = sorted({"".join(rng.choices(alphabet, k=rng.randint(4, 7))) for _ in range(400)})
    text = "".join(w + rng.choice(alphabet) for w in rng.sample(words, 120))
    assert len(occurrences(words, text)) >= 120
    assert occurrences(words, text) == naive(words, text)
