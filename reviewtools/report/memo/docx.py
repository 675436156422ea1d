"""The review memo as .docx: a 合法性审查意见书 laid out per GB/T 9704, ready to send as it is.

A4 with the standard margins, 22 lines of 仿宋_GB2312 三号 to the page, headings 黑体 (一、) and
楷体_GB2312 (（一）), the title 方正小标宋简体 二号, page numbers "— N —" outside on odd and even pages.
Every style and every run names its East Asian font (w:eastAsia) with a Latin fallback beside it, so
Word and WPS show the right faces whether or not the GB2312 fonts are installed.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from reviewtools.report import gbt9704 as gb
from reviewtools.report.gbt9704 import CHAR, FANGSONG, HEITI, KAITI, LINE, SIZE_2, SIZE_3, SIZE_4, Style
from reviewtools.report.memo import fields as common
from reviewtools.review import Review
from reviewtools.terms import cn_number

_BLANK = "＿" * 8

STYLES = {s.name: s for s in (
    Style("Memo Title", gb.XIAOBIAOSONG, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, indent=0, outline=0, keep=True,
          space_after=LINE),
    Style("Memo Heading 1", HEITI, SIZE_3, outline=1, keep=True),
    Style("Memo Heading 2", KAITI, SIZE_3, outline=2, keep=True),
    Style("Memo Body", FANGSONG, SIZE_3),
    Style("Memo Signature", FANGSONG, SIZE_3, WD_ALIGN_PARAGRAPH.RIGHT, indent=0),
    Style("Memo Table", FANGSONG, SIZE_4, WD_ALIGN_PARAGRAPH.LEFT, indent=0, line=None),
    Style("Memo Table Head", HEITI, SIZE_4, WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=None),
)}


def render(review: Review, office: str = "") -> bytes:
    office = office or review.analysis.settings.office
    doc = gb.new(STYLES.values())
    gb.properties(doc, common.memo_title(review), common.MEMO_KIND, office)
    _add(doc, common.memo_title(review), "Memo Title")
    _add(doc, f"经对{_cited(review)}进行{common.review_kind(review)}，现提出如下意见：", "Memo Body")
    _particulars(doc, review)
    _conclusion(doc, review)
    _findings(doc, review)
    _signature(doc, review, office)
    return gb.to_bytes(doc)


# ---- sections ----------------------------------------------------------------------------------------------


def _cited(review: Review) -> str:
    """《标题》（文号）: title first, then the 文号 in round brackets."""
    number = review.document["doc_number"]
    return f"《{review.title}》" + (f"（{number}）" if number else "")


def _particulars(doc, review: Review) -> None:
    _add(doc, "一、送审文件基本情况", "Memo Heading 1")
    # The file path is for the officer's screen, not for a memo that leaves the office.
    _table(doc, common.memo_lines(review, path=False), widths=(38, 118))


def _conclusion(doc, review: Review) -> None:
    _add(doc, "二、审查结论", "Memo Heading 1")
    _add(doc, f"{common.summary_sentence(review)}审查结论（建议）：{review.verdict_name}。"
              f"审查日期：{common.review_date(review)}。", "Memo Body")
    rows = common.count_rows(review)
    if rows:
        _add(doc, "问题分类统计如下：", "Memo Body").paragraph_format.keep_with_next = True
        _table(doc, [common.COUNT_HEADER, *((name, *map(str, nums)) for name, *nums in rows)],
               widths=(48, 27, 27, 27, 27), header=True, numeric=True)


def _findings(doc, review: Review) -> None:
    rules, suspected = common.split_suspected(review.findings)
    _add(doc, "三、具体审查意见", "Memo Heading 1")
    if not rules:
        _add(doc, "未发现需要修改的问题。", "Memo Body")
    _numbered(doc, rules)
    if suspected:
        _add(doc, f"四、{common.SUSPECTED_HEADING}", "Memo Heading 1")
        _numbered(doc, suspected)
    for n, (heading, lead, lines) in enumerate(common.sections(review), 5 if suspected else 4):
        _add(doc, f"{cn_number(n)}、{heading}", "Memo Heading 1")
        for line in ([lead] if lead else []) + lines:
            _add(doc, line, "Memo Body")


def _numbered(doc, findings) -> None:
    for n, f in enumerate(findings, 1):
        _add(doc, f"（{cn_number(n)}）{common.finding_heading(f)}", "Memo Heading 2")
        for label, text in common.finding_fields(f):
            _add(doc, f"{label}：{text}", "Memo Body")


def _signature(doc, review: Review, office: str) -> None:
    # The signature never stands alone on a page: it keeps with the paragraph before it.
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    lines = [f"审查机构：{office or _BLANK}", f"审查人：{_BLANK}", common.review_date(review)]
    for i, line in enumerate(lines):
        p = _add(doc, line, "Memo Signature")
        p.paragraph_format.right_indent = CHAR * 4  # 成文日期右空四字
        p.paragraph_format.keep_with_next = i < len(lines) - 1
        if i == 0:
            p.paragraph_format.space_before = LINE * 2


# ---- building blocks ---------------------------------------------------------------------------------------


def _add(container, text: str, style: str):
    return gb.add(container, text, STYLES[style])


def _table(doc, rows, widths: tuple[int, ...], header: bool = False, numeric: bool = False) -> None:
    """A short bordered table that stays on one page; numbers centred when `numeric`."""
    table = gb.table(doc, widths)
    for r, values in enumerate(rows):
        head = header and r == 0
        style = STYLES["Memo Table Head" if head else "Memo Table"]
        row = gb.add_row(table, values, widths, style, head=head, centred=range(1, len(widths)) if numeric else ())
        for cell in row.cells:
            cell.paragraphs[0].paragraph_format.keep_with_next = r < len(rows) - 1
    doc.add_paragraph(style="Memo Body")  # breathing room after the table
