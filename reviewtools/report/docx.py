"""The review memo as .docx: a 合法性审查意见书 laid out per GB/T 9704, ready to send as it is.

A4 with the standard margins, 22 lines of 仿宋_GB2312 三号 to the page, headings 黑体 (一、) and
楷体_GB2312 (（一）), the title 方正小标宋简体 二号, page numbers "— N —" outside on odd and even pages.
Every style and every run names its East Asian font (w:eastAsia) with a Latin fallback beside it, so
Word and WPS show the right faces whether or not the GB2312 fonts are installed.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from docx import Document as new_document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from reviewtools.report import common
from reviewtools.review import Review

# Font faces: (East Asian name, Latin fallback).
FANGSONG = ("仿宋_GB2312", "FangSong")
HEITI = ("黑体", "SimHei")
KAITI = ("楷体_GB2312", "KaiTi")
XIAOBIAOSONG = ("方正小标宋简体", "SimSun")
SONGTI = ("宋体", "SimSun")

SIZE_2, SIZE_3, SIZE_4 = Pt(22), Pt(16), Pt(14)  # 二号, 三号, 四号
LINE = Pt(28.95)  # 22 lines to the 225 mm type area
CHAR = Pt(16)  # one character of 三号, for indents
_BLANK = "＿" * 8
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class _Style:
    font: tuple[str, str]
    size: Pt
    align: int = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: int = 2  # first-line indent, in characters
    outline: int | None = None  # heading level in Word's navigation pane
    keep: bool = False  # keep with the next paragraph


STYLES = {
    "Memo Title": _Style(XIAOBIAOSONG, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, indent=0, outline=0, keep=True),
    "Memo Heading 1": _Style(HEITI, SIZE_3, outline=1, keep=True),
    "Memo Heading 2": _Style(KAITI, SIZE_3, outline=2, keep=True),
    "Memo Body": _Style(FANGSONG, SIZE_3),
    "Memo Signature": _Style(FANGSONG, SIZE_3, WD_ALIGN_PARAGRAPH.RIGHT, indent=0),
    "Memo Table": _Style(FANGSONG, SIZE_4, WD_ALIGN_PARAGRAPH.LEFT, indent=0),
    "Memo Table Head": _Style(HEITI, SIZE_4, WD_ALIGN_PARAGRAPH.CENTER, indent=0),
    "Memo Page Number": _Style(SONGTI, SIZE_4, indent=0),
}


def render(review: Review, office: str = "") -> bytes:
    office = office or review.analysis.settings.office
    doc = new_document()
    _setup(doc, review, office)
    _add(doc, common.memo_title(review), "Memo Title")
    _add(doc, f"经对{_cited(review)}进行合法性审查，现提出如下意见：", "Memo Body")
    _particulars(doc, review)
    _conclusion(doc, review)
    _findings(doc, review)
    _signature(doc, review, office)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- sections ----------------------------------------------------------------------------------------------


def _cited(review: Review) -> str:
    """《标题》（文号）: title first, then the 文号 in round brackets."""
    number = review.to_dict()["document"]["doc_number"]
    return f"《{common.doc_title(review)}》" + (f"（{number}）" if number else "")


def _particulars(doc, review: Review) -> None:
    _add(doc, "一、送审文件基本情况", "Memo Heading 1")
    # The file path is for the officer's screen, not for a memo that leaves the office.
    _table(doc, common.memo_lines(review, path=False), widths=(38, 118))


def _conclusion(doc, review: Review) -> None:
    _add(doc, "二、审查结论", "Memo Heading 1")
    _add(doc, f"{common.summary_sentence(review)}审查结论（建议）：{common.verdict_name(review)}。"
              f"审查日期：{common.review_date(review)}。", "Memo Body")
    rows = common.count_rows(review)
    if rows:
        _add(doc, "问题分类统计如下：", "Memo Body").paragraph_format.keep_with_next = True
        _table(doc, [common.COUNT_HEADER, *((name, *map(str, nums)) for name, *nums in rows)],
               widths=(48, 27, 27, 27, 27), header=True, numeric=True)


def _findings(doc, review: Review) -> None:
    _add(doc, "三、具体审查意见", "Memo Heading 1")
    if not review.findings:
        _add(doc, "未发现需要修改的问题。", "Memo Body")
    for n, f in enumerate(review.findings, 1):
        _add(doc, f"（{common.cn_number(n)}）{common.finding_heading(f)}", "Memo Heading 2")
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
    """A paragraph of `style` holding `text` in one run that names its fonts itself."""
    p = container.add_paragraph(style=style)
    _run(p, text, STYLES[style])
    return p


def _run(paragraph, text: str, style: _Style):
    run = paragraph.add_run(_NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    _fonts(run._r.get_or_add_rPr(), style.font)
    run.font.size = style.size
    return run


def _fonts(rpr, font: tuple[str, str]) -> None:
    """Name the East Asian face and its Latin fallback, dropping theme fonts that would override them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    east, latin = font
    for attr, name in (("w:eastAsia", east), ("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin)):
        rfonts.set(qn(attr), name)


def _table(doc, rows, widths: tuple[int, ...], header: bool = False, numeric: bool = False) -> None:
    """A bordered table, centred, `widths` in millimetres; numbers centred when `numeric`."""
    table = doc.add_table(rows=0, cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice and WPS follow
    for r, values in enumerate(rows):
        row = table.add_row()
        head = header and r == 0
        _row_flags(row, head)
        style = "Memo Table Head" if head else "Memo Table"
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = Mm(widths[c])
            p = cell.paragraphs[0]
            p.style = doc.styles[style]
            _run(p, value, STYLES[style])
            if numeric and c > 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = r < len(rows) - 1  # a short table stays on one page
    doc.add_paragraph(style="Memo Body")  # breathing room after the table


def _row_flags(row, head: bool) -> None:
    """Rows never break across pages; a header row repeats on the next page if the table must break."""
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", *(("w:tblHeader",) if head else ())):
        trpr.append(OxmlElement(tag))


# ---- page, styles, footer ----------------------------------------------------------------------------------


def _setup(doc, review: Review, office: str) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(22)
    _base_styles(doc)
    for name, spec in STYLES.items():
        _style(doc, name, spec)
    _page_numbers(doc, section)
    props = doc.core_properties
    props.title, props.subject = common.memo_title(review), common.MEMO_KIND
    props.author = props.last_modified_by = office or "reviewtools"
    props.comments = ""


def _base_styles(doc) -> None:
    """Document defaults and Normal in 仿宋_GB2312 三号, zh-CN, so that every unstyled bit matches."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, FANGSONG)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), FANGSONG)
    normal.font.size = SIZE_3
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _style(doc, name: str, spec: _Style) -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    _fonts(style.element.get_or_add_rPr(), spec.font)
    style.font.size = spec.size
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = CHAR * spec.indent if spec.indent else None
    fmt.keep_with_next = spec.keep
    if spec.size != SIZE_4:  # tables and page numbers keep single spacing
        fmt.line_spacing, fmt.line_spacing_rule = LINE, WD_LINE_SPACING.EXACTLY
    if name == "Memo Title":
        fmt.space_after = LINE
    if spec.outline is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline))
        style.element.get_or_add_pPr().append(outline)


def _page_numbers(doc, section) -> None:
    """— N — in 4号宋体: odd pages right, even pages left, one character in from the edge (GB/T 9704 7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                          (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.style = doc.styles["Memo Page Number"]
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = SIZE_4
        else:
            p.paragraph_format.left_indent = SIZE_4
        spec = STYLES["Memo Page Number"]
        _run(p, "— ", spec)
        _field(p, "PAGE", spec)
        _run(p, " —", spec)


def _field(paragraph, instruction: str, spec: _Style) -> None:
    """A Word field as its five runs: begin, instruction, separate, placeholder result, end."""
    for tag, value in (("w:fldChar", "begin"), ("w:instrText", f" {instruction} "), ("w:fldChar", "separate"),
                       ("w:t", "1"), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if tag == "w:fldChar":
            el.set(qn("w:fldCharType"), value)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = value
        _run(paragraph, "", spec)._r.append(el)
