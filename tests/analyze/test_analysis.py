"""The shared mechanisms: normalization with its offset map, citations, the resolver, counting."""

from __future__ import annotations

import re

import pytest

from reviewtools.analyze.counts import _ASCII_WORD, count
from reviewtools.analyze.resolve import resolve
from reviewtools.extract.citations import find_citations
from reviewtools.text.normalize import normalize


def test_normalized_spans_map_back_to_the_text_as_written():
    original = "对在 大连市\u3000注册的企业 , 按（其）纳税额［2019］给予奖励"
    n = normalize(original, {"大连市": "本市"})
    assert n.text == "对在本市注册的企业，按（其）纳税额〔2019〕给予奖励"
    i = n.text.index("本市注册的企业")
    s, e = n.span(i, i + len("本市注册的企业"))
    assert original[s:e] == "大连市\u3000注册的企业"
    j = n.text.index("〔2019〕")
    s, e = n.span(j, j + 6)
    assert original[s:e] == "［2019］"


def test_fullwidth_letters_and_digits_become_ascii():
    assert normalize("ＡＢ１２３号").text == "AB123号"


def test_citations_with_nested_titles_numbers_and_articles():
    text = ("根据《大连市人民政府关于印发〈大连市法治政府建设实施方案(2016-2020年)〉的通知》(大政发〔2016〕79号)要求，"
            "依照《中华人民共和国行政许可法》第十七条和《某《内》规定》，")
    cites = find_citations(text)
    assert [c.title for c in cites] == ["大连市人民政府关于印发〈大连市法治政府建设实施方案(2016-2020年)〉的通知",
                                        "中华人民共和国行政许可法", "某《内》规定"]
    assert cites[0].doc_number.normalized == "大政发〔2016〕79号"
    assert text[cites[0].doc_number.start:cites[0].doc_number.end] == "大政发〔2016〕79号"
    assert cites[1].article == "第十七条" and cites[1].doc_number is None
    assert text[cites[1].start:cites[1].end] == "《中华人民共和国行政许可法》"


@pytest.mark.parametrize(("cited", "how", "title"), [
    ("中华人民共和国行政许可法", "exact", "中华人民共和国行政许可法"),
    ("行政许可法", "exact", "中华人民共和国行政许可法"),
    ("中华人民共和国 合同法", "exact", "中华人民共和国合同法"),
    ("行政处罚法（2021年修订）", "exact", "中华人民共和国行政处罚法"),
    ("中华人民共和国行政许可证法", "fuzzy", "中华人民共和国行政许可法"),
    # two issuers joined by 、 where the catalogue writes a space: the same title, not a miscopied one
    ("最高人民法院、最高人民检察院关于办理操纵证券、期货市场刑事案件适用法律若干问题的解释", "exact",
     "最高人民法院 最高人民检察院关于办理操纵证券、期货市场刑事案件适用法律若干问题的解释"),
    ("大连市城市市容管理条例", "not_lawlike", None),
    ("关于加强安全生产工作的通知", "not_lawlike", None),
])
def test_resolver(cited, how, title):
    r = resolve(cited)
    assert r.how == how
    found = r.law or r.closest
    assert (found.title if found else None) == title


def test_repealed_law_knows_its_successor():
    law = resolve("合同法").law
    assert (law.status, law.repealed_on, law.replaced_by) == ("已废止", "2021-01-01", "中华人民共和国民法典")


@pytest.mark.parametrize(("mode", "expected"), [("word", 17), ("nonspace", 26), ("cjk", 10)])
def test_counting_modes(mode, expected):
    # 10 汉字; 3 full-width marks (，、。); the Latin/digit words GB, T, 9704, 2012; "/" "-" and the space uncounted.
    assert count("公文格式，依据GB/T 9704-2012、规定执行。", mode) == expected


@pytest.mark.parametrize("text", ["v1.2.3版", "共1.5a.5万", ",5和a,b", "ａｂ1.５，12,000.50元", "１２3.x", "GB/T 9704-2012",
                                  "\U00020000A.1\U00020000", "第3.4条a..5", ""])
def test_latin_words_counted_as_the_regex_matches_them(text):
    text = "合" * 1000 + text + "。" + text * 2  # long enough to be counted on its compacted characters
    expected = len(_ASCII_WORD.findall(text)) + sum(1 for c in text if "\u4e00" <= c <= "\u9fff" or c in "，。、")
    assert count(text, "word") == expected


def test_prefilter_literals_are_really_required():
    """The automaton prefilter may skip a pattern only when none of its required literals occurs."""
    import re

    from reviewtools.data.agencies import agencies
    from reviewtools.data.tables import read_rows
    from reviewtools.text.literals import required_literals
    from reviewtools.text.matcher import Prefilter

    # Fixed items spell their strings together: every 工商…局 the pattern can match.
    assert required_literals(re.compile("(?:县|市)?工商(?:行政管理)?局(?!面)")) == frozenset(
        {"工商局", "县工商局", "市工商局", "工商行政管理局", "县工商行政管理局", "市工商行政管理局"})
    assert required_literals(re.compile("(?:国家教委|国家教育委员会)")) == frozenset({"国家教委", "国家教育委员会"})
    assert required_literals(re.compile("(?:法制办|司法局)")) == frozenset({"法制办", "司法局"})
    assert required_literals(re.compile(".*")) is None
    table = agencies()
    prefilter = Prefilter(a.pattern for a in table)
    for i, row in enumerate(read_rows("agencies.csv")):
        assert i in {k for k, _ in prefilter.finditer(row["example"])}, row["old"]
        assert table[i].pattern.search(row["example"]).group() in [m.group() for k, m in prefilter.finditer(row["example"]) if k == i]


def test_sentence_cut_class_holds_every_decimal_digit():
    # The cut's first class may hold more than its branches accept, never less: each \d the item branch takes.
    from reviewtools.analyze import DIGIT_BLOCKS

    blocks = re.compile(f"[{DIGIT_BLOCKS}]")
    assert all(blocks.match(chr(c)) for c in range(0x110000) if chr(c).isdecimal())


@pytest.mark.parametrize(("text", "cut"), [
    ("一、总则\n1.适用范围。2、职责分工；٣.外文数字\n第三条 本办法", ["一、总则", "1.适用范围。", "2、职责分工；", "٣.外文数字", "第三条 本办法"]),
    ("依照第八条第（一）项，1.5倍、1、2月", ["依照第八条第（一）项，1.5倍、1、2月"]),
    # A quoted article is one with the sentence that cites it; a quotation left open cuts as usual.
    ("依据第三十一条“责令改正；拒不改正的，处罚款”的规定处理。二、下一句；“未完；另一句", [
        "依据第三十一条“责令改正；拒不改正的，处罚款”的规定处理。", "二、下一句；", "“未完；", "另一句"]),
])
def test_sentences_cut_at_items_but_not_at_references(text, cut):
    from reviewtools.analyze import sentences

    assert [text[s:e].strip() for s, e in sentences(text)] == cut
