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
