"""The .docx memo: read back with python-docx — title, findings, conclusion, page set-up, fonts."""

from __future__ import annotations

import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from reviewtools.report.memo import docx as memo
from reviewtools.report.memo.fields import split_suspected
from reviewtools.review import Review
from reviewtools.terms import SEVERITY_NAMES, VERDICT_NAMES, cn_number
from tests.drafts import SEEDS, draft_review, example_review, overlapping_review, seed_review


def read_back(review: Review, office: str = "") -> docx.document.Document:
    return docx.Document(io.BytesIO(memo.render(review, office)))


def all_text(d) -> str:
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in d.paragraphs] + cells)


def east_asian(run_or_style_element) -> str | None:
    rpr = run_or_style_element.find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def assert_memo(review: Review) -> None:
    d = read_back(review)
    title = d.paragraphs[0]
    assert title.text.startswith("关于《") and title.text.endswith("》的合法性审查意见书")
    assert title.style.name == "Memo Title"
    text = all_text(d)
    rules, suspected = split_suspected(review.findings)
    for n, f in enumerate(rules + suspected, 1):
        if f.quote:
            assert f"原文：“{f.quote}”" in text
        assert f"依据：{f.basis}" in text
        assert f"（{cn_number(n)}）{f.title}" in text
    assert f"审查结论（建议）：{review.verdict_name}" in text
    # the gravest first: the headings of the rule findings go 严重, 警告, 提示
    printed = [m[1] for p in d.paragraphs if (m := re.search(r"（(严重|警告|提示)·", p.text))]
    order = list(SEVERITY_NAMES.values())
    assert len(printed) == len(rules) and printed == sorted(printed, key=order.index)
    assert_page(d)
    assert_fonts(d)


def assert_page(d) -> None:
    s = d.sections[0]
    for value, mm in ((s.page_width, 210), (s.page_height, 297), (s.top_margin, 37), (s.bottom_margin, 35),
                      (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(value.mm - mm) < 0.1
    footer = s.footer._element.xml + s.even_page_footer._element.xml
    assert "PAGE" in footer and "w:fldChar" in footer


def assert_fonts(d) -> None:
    """Every run, in the body and in tables, names its East Asian font; so do the memo's styles."""
    paragraphs = d.paragraphs + [p for t in d.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    runs = [r for p in paragraphs for r in p.runs if r.text]
    assert runs
    for r in runs:
        assert east_asian(r._r), f"run without w:eastAsia: {r.text[:20]}"
    body = [r for p in d.paragraphs if p.style.name == "Memo Body" for r in p.runs]
    assert body and all(east_asian(r._r) == "仿宋_GB2312" for r in body)
    assert all(r._r.rPr.rFonts.get(qn("w:ascii")) == "FangSong" for r in body)
    expected = {"Normal": "仿宋_GB2312", "Memo Title": "方正小标宋简体", "Memo Heading 1": "黑体",
                "Memo Heading 2": "楷体_GB2312", "Memo Body": "仿宋_GB2312"}
    for name, font in expected.items():
        assert east_asian(d.styles[name].element) == font
    assert d.styles["Memo Title"].font.size.pt == 22
    assert d.styles["Memo Body"].font.size.pt == 16


def test_draft_memo():
    review = draft_review()
    assert len(review.findings) >= 3 and len({f.category for f in review.findings}) >= 2
    assert_memo(review)


def test_example_memo():
    assert_memo(example_review())


def test_sections_counts_and_signature():
    review = overlapping_review()
    d = read_back(review, office="某某县司法局")
    headings = [p.text for p in d.paragraphs if p.style.name == "Memo Heading 1"]
    assert headings == ["一、送审文件基本情况", "二、审查结论", "三、具体审查意见"]
    assert len([p for p in d.paragraphs if p.style.name == "Memo Heading 2"]) == len(review.findings)
    counts = d.tables[1]
    assert [c.text for c in counts.rows[0].cells] == ["类别", "严重", "警告", "提示", "合计"]
    assert [c.text for c in counts.rows[-1].cells] == ["合计", "3", "3", "2", "8"]
    text = all_text(d)
    assert "审查机构：某某县司法局" in text and "审查人：" in text
    assert d.paragraphs[-1].text == "2026年11月22日"
    assert "说明：同一位置的第二条意见" in text
    assert "位置：全文" in text
    assert "测试<competition>" in text and "问题：问题说明 & <i>" in text  # as text, not markup
    # A quote over a line break keeps its break.
    assert "原文：“辛。\n第二条”" in text


def test_no_findings_and_blank_office():
    review = overlapping_review()
    review.findings = []
    d = read_back(review)
    text = all_text(d)
    assert "未发现需要修改的问题" in text
    assert f"审查结论（建议）：{VERDICT_NAMES['pass']}" in text
    assert "审查机构：＿＿" in text
    assert len(d.tables) == 1  # no count table without findings


def test_control_characters_do_not_break_the_file():
    review = overlapping_review()
    review.findings[0].message = "含控制字符\x0b与\x01的说明"
    assert "含控制字符与的说明" in all_text(read_back(review))


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_memo(prefix: str):
    assert_memo(seed_review(prefix))
