"""发文字号 found around brackets only: the same matches as the pattern tried at every character."""

from __future__ import annotations

from reviewtools.extract.docnumber import DOC_NUMBER, find_all, finditer

TEXT = ("根据《国务院办公厅关于印发〈纲要(试行)〉的通知》（国办发〔1994〕36号）和中发〔1994〕8号文件，"
        "参照法治政府建设实施纲要(2015—2020年)，按照大政办发〔2016〕84号执行，"
        "见 （一）〔 〕 甲〔2018〕第5号、乙［19］7号，丙〔20XX〕3号\n〔2020〕5号" + "字" * 300 + "丁发〔2021〕12号")


def test_bracket_windows_find_what_the_pattern_finds_everywhere():
    assert [m.span() for m in finditer(TEXT)] == [m.span() for m in DOC_NUMBER.finditer(TEXT)]
    written = [n.written for n in find_all(TEXT)]
    assert written[:3] == ["国办发〔1994〕36号", "中发〔1994〕8号", "大政办发〔2016〕84号"]
    assert written[-1].endswith("丁发〔2021〕12号")  # after 300 characters with no bracket


def test_the_look_ahead_changes_no_match():
    import random
    import re

    from reviewtools.extract.docnumber import DOC_NUMBER

    bare = re.compile(DOC_NUMBER.pattern[DOC_NUMBER.pattern.index("(?P<code>"):])
    rng = random.Random(4)
    pieces = ["某", "政", "发", "〔", "2018", "〕", "3", "号", " ", "ab", "X", "（", "）", "19", "年", "第", "办", "[", "【"]
    texts = ["按照国办发〔2018〕37号文件", "某市人民政府关于加强管理的若干意见（某政发〔2024〕3号）", "ABCDE某政发〔2019〕2号"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 16))) for _ in range(20000)]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in DOC_NUMBER.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in bare.finditer(text)]
        assert bool(DOC_NUMBER.fullmatch(text)) == bool(bare.fullmatch(text))
