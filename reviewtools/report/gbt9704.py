"""Official-style .docx building blocks (GB/T 9704): page, fonts, paragraph styles, tables, page numbers.

Shared by the review memo and the catalogue. Every style and every run names its East Asian font
(w:eastAsia) with a Latin fallback beside it, so Word and WPS show the right faces whether or not the
GB2312 fonts are installed.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt

# Font faces: (East Asian name, Latin fallback).
FANGSONG = ("仿宋_GB2312", "FangSong")
HEITI = ("黑体", "SimHei")
KAITI = ("楷体_GB2312", "KaiTi")
XIAOBIAOSONG = ("方正小标宋简体", "SimSun")
SONGTI = ("宋体", "SimSun")

SIZE_2, SIZE_3, SIZE_4, SIZE_5 = Pt(22), Pt(16), Pt(14), Pt(10.5)  # 二号, 三号, 四号, 五号
LINE = Pt(28.95)  # 22 lines to the 225 mm type area
CHAR = Pt(16)  # one character of 三号, for indents
# What follows w:autoSpaceDN in a w:pPr (ECMA-376 CT_PPrBase order), for inserting in the right place.
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                    "w:pPrChange")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Style:
    name: str
    font: tuple[str, str]
    size: Pt
    align: int = WD_ALIGN_PARAGRAPH.JUSTIFY
    indent: int = 2  # first-line indent, in characters of 三号
    outline: int | None = None  # heading level in Word's navigation pane
    keep: bool = False  # keep with the next paragraph
    line: Length | None = LINE  # exact line pitch; None for single spacing (tables, page numbers)
    space_after: Length | None = None
    autospace: bool = True  # Word's extra space between Chinese and digits; off keeps 2026年1月5日 narrow


def _style_id(style: Style) -> str:
    """The styleId python-docx gives a style it adds: the name without spaces. Setting it directly spares a
    look-up by name that scans every style in the document, once per paragraph."""
    return style.name.replace(" ", "")


PAGE_NUMBER = Style("Page Number", SONGTI, SIZE_4, indent=0, line=None)


def new(styles: Iterable[Style], landscape: bool = False):
    """A blank A4 document with GB/T 9704 margins, the given paragraph styles and "— N —" page numbers."""
    doc = new_document()
    section = doc.sections[0]
    _page(section, landscape)
    _base_styles(doc)
    for spec in (*styles, PAGE_NUMBER):
        _style(doc, spec)
    _page_numbers(doc, section)
    return doc


def properties(doc, title: str, subject: str, author: str) -> None:
    props = doc.core_properties
    props.title, props.subject = title, subject
    props.author = props.last_modified_by = author or "reviewtools"
    props.comments = ""


def to_bytes(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- paragraphs and runs -----------------------------------------------------------------------------------


def add(container, text: str, style: Style):
    """A paragraph of `style` holding `text` in one run that names its fonts itself."""
    p = container.add_paragraph()
    set_style(p, style)
    run(p, text, style)
    return p


def set_style(paragraph, style: Style) -> None:
    paragraph._p.get_or_add_pPr().style = _style_id(style)


def run(paragraph, text: str, style: Style):
    r = paragraph.add_run(_NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n")))
    fonts(r._r.get_or_add_rPr(), style.font)
    r.font.size = style.size
    return r


def fonts(rpr, font: tuple[str, str]) -> None:
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


def page_break_before(paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True


# ---- tables ------------------------------------------------------------------------------------------------


def table(doc, widths: Sequence[float], cell_margin: float | None = None):
    """An empty bordered table, centred, with fixed column `widths` in millimetres."""
    t = doc.add_table(rows=0, cols=len(widths))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    t.autofit = False
    for column, width in zip(t.columns, widths, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice and WPS follow
    if cell_margin is not None:
        _cell_margins(t, Mm(cell_margin))
    return t


def add_row(t, values: Sequence[str], widths: Sequence[float], style: Style, head: bool = False,
            centred: Iterable[int] = (), middle: bool = False):
    """One row that never breaks across pages; a `head` row repeats on every page the table runs onto.

    `centred`: the columns centred across; `middle`: every cell centred from top to bottom.
    """
    row = t.add_row()
    _row_flags(row, head)
    centred = set(centred)
    for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
        cell.width = Mm(widths[c])
        if middle:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        set_style(p, style)
        run(p, value, style)
        if c in centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return row


def add_band(t, text: str, widths: Sequence[float], style: Style):
    """A row of one cell across the whole table: a group heading inside a list."""
    row = add_row(t, [text] + [""] * (len(widths) - 1), widths, style, middle=True)
    row.cells[0].merge(row.cells[-1])
    for p in row.cells[0].paragraphs[1:]:  # merging keeps the empty paragraphs of the merged cells
        p._p.getparent().remove(p._p)
    row.cells[0].paragraphs[0].paragraph_format.keep_with_next = True  # never alone at a page foot
    return row


def _row_flags(row, head: bool) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", *(("w:tblHeader",) if head else ())):
        trpr.append(OxmlElement(tag))


def _cell_margins(t, margin: Length) -> None:
    tblpr = t._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(int(margin.twips)))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


# ---- page, styles, footer ----------------------------------------------------------------------------------


def _page(section, landscape: bool) -> None:
    """A4 with the type area 156 × 225 mm; a landscape page turns it with the binding edge on top."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(35), Mm(37)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(15 if landscape else 22)


def _base_styles(doc) -> None:
    """Document defaults and Normal in 仿宋_GB2312 三号, zh-CN, so that every unstyled bit matches."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts(rpr, FANGSONG)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    normal = doc.styles["Normal"]
    fonts(normal.element.get_or_add_rPr(), FANGSONG)
    normal.font.size = SIZE_3
    fmt = normal.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _style(doc, spec: Style) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    assert style.style_id == _style_id(spec), spec.name
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    fonts(style.element.get_or_add_rPr(), spec.font)
    style.font.size = spec.size
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.first_line_indent = CHAR * spec.indent if spec.indent else None
    fmt.keep_with_next = spec.keep
    if spec.line is not None:
        fmt.line_spacing, fmt.line_spacing_rule = spec.line, WD_LINE_SPACING.EXACTLY
    if spec.space_after is not None:
        fmt.space_after = spec.space_after
    if not spec.autospace:
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
            el = OxmlElement(tag)
            el.set(qn("w:val"), "0")
            ppr.insert_element_before(el, *_AFTER_AUTOSPACE)
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
        set_style(p, PAGE_NUMBER)
        p.alignment = align
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            p.paragraph_format.right_indent = SIZE_4
        else:
            p.paragraph_format.left_indent = SIZE_4
        run(p, "— ", PAGE_NUMBER)
        _field(p, "PAGE", PAGE_NUMBER)
        run(p, " —", PAGE_NUMBER)


def _field(paragraph, instruction: str, spec: Style) -> None:
    """A Word field as its five runs: begin, instruction, separate, placeholder result, end."""
    for tag, value in (("w:fldChar", "begin"), ("w:instrText", f" {instruction} "), ("w:fldChar", "separate"),
                       ("w:t", "1"), ("w:fldChar", "end")):
        el = OxmlElement(tag)
        if tag == "w:fldChar":
            el.set(qn("w:fldCharType"), value)
        else:
            el.set(qn("xml:space"), "preserve")
            el.text = value
        run(paragraph, "", spec)._r.append(el)
