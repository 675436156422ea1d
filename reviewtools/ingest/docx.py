"""Read .docx with zipfile + lxml: body in reading order, then headers, footers and notes.

What the reader sees is what is extracted:
- tracked changes are read as accepted (insertions and moves in, deletions out), comments are left out;
- fields give their displayed result, never their code;
- a line break (w:br, w:cr) inside a body paragraph starts a new paragraph block, because the reader sees
  a new line (documents pasted from the web often use line breaks for paragraphs); inside a heading or a
  table cell it stays "\n" within the one block;
- a table gives one "cell" block per non-empty cell; `cell` is the grid column where the cell starts, so
  merged cells are read once; a nested table's cells are flattened into the enclosing cell's text;
- a text box is read once, right after the paragraph that anchors it, unless it is placed by its position on
  the page near the page's top (WPS puts the 份号, 密级 and 紧急程度 in such boxes and anchors them to any
  paragraph, often the signature): then it is read first on its page; the same text twice on a page once;
- symbol-font glyphs in the private-use area (U+F000–U+F0FF: bullets, check marks) stand for no text and are left
  out, except the few w:sym characters that have a Unicode meaning (☑, →, ≤ …);
- page numbers are page furniture, left out: a header or footer block, or a text box, that is only a page
  number, and a body paragraph that is only a page number set off as one (- 3 -, — 5 —, 第3页), as
  conversions from WPS and from print leave them in the body;
- pages come from Word's rendered page breaks when the file has them, else from explicit breaks (page
  breaks, page-break-before, section breaks; a break on a page still empty does not count); they count from 1.
  A file with neither says nothing of where its pages end: its pages are unknown (None), never guessed as 1.
  Document.pages stays None: a .docx does not reliably say how many pages it has.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from typing import NamedTuple

from lxml import etree

from reviewtools import errors
from reviewtools.document import Builder, Document
from reviewtools.errors import ReadError
from reviewtools.ingest.docx_boxes import A4_HEIGHT_PT, HEAD_BAND, box_top, page_heads_first, page_height
from reviewtools.ingest.docx_package import BODY_OUTLINE, MC, PARSER, PPR, TYPE, VAL, M, Package, W, val
from reviewtools.ingest.docx_symbols import symbol_text
from reviewtools.ingest.layout import SYMBOL_BYTES, SYMBOL_GLYPHS, is_page_number

BODY, P, TBL, TR, TC = W + "body", W + "p", W + "tbl", W + "tr", W + "tc"
TEXTS = frozenset({W + "t", M + "t"})
RPR = W + "rPr"
TXBX, CHOICE, FALLBACK = W + "txbxContent", MC + "Choice", MC + "Fallback"
# Containers whose children belong to the level they sit in (a row, a cell).
WRAPPERS = frozenset({W + "sdt", W + "sdtContent", W + "customXml"})
# Inside a paragraph, subtrees that are not displayed: paragraph properties (with their tab stops), tracked
# deletions and moves away, ruby annotations. (Field codes, w:instrText, and deleted text, w:delText, are not
# among the elements read at all.)
HIDDEN = frozenset({PPR, W + "del", W + "moveFrom", W + "rt"})
SYM, FLD_CHAR, RENDERED_BREAK = W + "sym", W + "fldChar", W + "lastRenderedPageBreak"
FLD_CHAR_TYPE, PAGE_BREAK_BEFORE, SECT_PR = W + "fldCharType", W + "pageBreakBefore", W + "sectPr"
STYLE, OUTLINE_LEVEL, TR_PR, TC_PR = W + "pStyle", W + "outlineLvl", W + "trPr", W + "tcPr"
ALTERNATIVES = frozenset({CHOICE, FALLBACK})
SWITCHED_OFF = ("0", "false", "off")  # a toggle property present with one of these values is off
# Elements that stand for one character (a soft hyphen, w:softHyphen, stands for none: it is left out).
CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "noBreakHyphen": "-"}
BREAKS = frozenset({W + "br", W + "cr"})
# The elements the reader looks at.
STREAM = (P, TBL, *TEXTS, *CHARS, *BREAKS, RENDERED_BREAK, FLD_CHAR, SYM, TXBX, *HIDDEN, CHOICE, FALLBACK)
STREAM_TAGS = frozenset(STREAM)
_NO_PROPS: dict[str, etree._Element] = {}  # a paragraph without properties


class _Item(NamedTuple):
    """One block-to-be: its kind, text and where it came from."""

    kind: str
    text: str
    page: int | None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    head: bool = False  # in a text box placed at the top of its page: read first on that page


def read(data: bytes, path: str) -> Document:
    try:
        return _document(Package(zipfile.ZipFile(BytesIO(data)), path))
    # A damaged zip or part, a missing part, bad XML; an encrypted or oddly compressed zip entry.
    except (zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, EOFError, zlib.error, RuntimeError,
            NotImplementedError) as exc:
        raise ReadError(path, errors.CORRUPT) from exc


def _document(pkg: Package) -> Document:
    raw = pkg.read(pkg.main)
    body = etree.fromstring(raw, PARSER).find(BODY)
    if body is None:
        raise ReadError(pkg.path, errors.CORRUPT)
    out = Builder()
    rendered = b"lastRenderedPageBreak" in raw
    explicit = b'type="page"' in raw or b"pageBreakBefore" in raw or raw.count(b"<w:sectPr") > 1  # 1: the body's own
    symbols = SYMBOL_BYTES.search(raw) is not None  # U+F000–U+F0FF in UTF-8: rare, so looked for once
    walker = _Walker(pkg.heading_styles(), rendered=rendered, pages=rendered or explicit, body=body)
    items = walker.items(body)
    # The sections in order: those the paragraphs end, then the body's own (each with those nested in it).
    sections = [sect for end in [*walker.sections, *body.iterchildren(SECT_PR)] for sect in end.iter(SECT_PR)]
    add = out.add
    for item in page_heads_first(items) if walker.heads else items:
        text = item.text
        if item.kind != "paragraph" or not is_page_number(text, bare=False):
            add(SYMBOL_GLYPHS.sub("", text) if symbols else text, item.kind, page=item.page, table=item.table,
                row=item.row, cell=item.cell)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for kind, root in pkg.furniture(sections):  # each distinct header and footer once
        texts = tuple(text for text in _texts(root) if kind == "footnote" or not is_page_number(text))
        if kind == "footnote" or (kind, texts) not in seen:
            seen.add((kind, texts))
            for text in texts:
                out.add(SYMBOL_GLYPHS.sub("", text), kind)
    return out.build(pkg.path, "docx")


class _Para:
    """A paragraph as the stream reads it: properties, text pieces, line and page marks, text boxes."""

    __slots__ = ("props", "page", "pieces", "page_from", "marks", "boxes")

    def __init__(self, page: int | None):
        self.props: dict[str, etree._Element] = _NO_PROPS  # replaced, never changed
        self.page = page  # where it starts
        self.pieces: list[str] = []
        self.page_from = 0  # index into pieces where the current page began, if it began in this paragraph
        # (index into pieces, page from there, line ends); tuples, grown in the few paragraphs that have any
        self.marks: tuple[tuple[int, int | None, bool], ...] = ()
        self.boxes: tuple[etree._Element, ...] = ()


class _Walker:
    """Walks block-level content (a body, cell, text box, header or note) into Items in reading order."""

    def __init__(self, headings: frozenset[str], *, rendered: bool, pages: bool = True,
                 body: etree._Element | None = None):
        self.headings = headings
        self.body = body  # the document body, whose first section gives the page height
        self.height: float | None = None  # found when a text box first needs it (a walk of the whole body)
        self.sections: list[etree._Element] = []  # the w:sectPr of paragraphs that end a section, in order
        self.rendered = rendered  # count Word's rendered page breaks, not explicit ones
        self.page = 1 if pages else None
        self.blank = True  # nothing read yet on the current page
        self.tables = 0
        self.fields: list[bool] = []  # open complex fields, innermost last: True while in the field code
        self.in_code = False  # inside some field's code, whose text is not displayed
        self.heads = False  # some item is in a text box placed at the top of its page

    def items(self, container: etree._Element, top: bool = True) -> list[_Item]:
        """Items of the paragraphs and tables inside `container`, in order. Only top-level tables are numbered.

        One pass over the elements of interest, which lxml picks out in C (the hot loop of the reader; the
        commonest tags are tested first). A w:p starts a paragraph that runs until the next w:p or table. The
        stream passes over a table (read by _table), a text box (read after its paragraph) and a subtree that
        is not displayed, by skipping the elements of interest inside it.
        """
        if container.tag == BODY:
            stream = container.iterdescendants(*STREAM)
        else:  # a cell, a text box, a header: too small to repay setting up lxml's filter (see _skip)
            stream = (el for el in container.iterdescendants() if el.tag in STREAM_TAGS)
        out: list[_Item] = []
        carry: _Item | None = None  # the last line of a paragraph whose mark was deleted runs on into the next
        para = None
        add = _drop  # text outside any paragraph (none in a valid file)
        for el in stream:
            tag = el.tag
            if tag in TEXTS:
                if not self.in_code:
                    add(el.text or "")
            elif tag == P:
                if para is not None:
                    carry = self._close(para, carry, out, top)
                para = _Para(self.page)
                add = para.pieces.append
            elif tag == PPR:  # its children are the properties; the stream passes over what is inside them
                props = {}
                for child in el:
                    key = child.tag
                    props[key] = child
                    if key in STREAM_TAGS:
                        next(stream)
                    if len(child):
                        _skip(stream, child)
                if para is not None:
                    self._properties(para, props)
            elif (char := CHARS.get(tag)) is not None:
                add(char)
            elif tag == FLD_CHAR:
                self._field(el.get(FLD_CHAR_TYPE))
            elif tag == TBL:
                if para is not None:
                    carry = self._close(para, carry, out, top)
                para, add = None, _drop
                if carry is not None:
                    out.append(carry)
                    carry = None
                if top:
                    self.tables += 1
                self._table(el, self.tables if top else None, out)
                _skip(stream, el)
            elif tag in HIDDEN or (tag in ALTERNATIVES and _other_alternative(el)):
                _skip(stream, el)
            elif para is None:
                continue
            elif tag in BREAKS:
                if el.get(TYPE) == "page":
                    self._explicit_break(para)
                para.marks += ((len(para.pieces), self.page, True),)
            elif tag == RENDERED_BREAK:
                if self.rendered and self.page is not None:
                    self.page += 1
                    para.marks += ((len(para.pieces), self.page, False),)
            elif tag == SYM:
                add(symbol_text(el))
            elif tag == TXBX:
                para.boxes += (el,)
                _skip(stream, el)
        if para is not None:
            carry = self._close(para, carry, out, top)
        if carry is not None:
            out.append(carry)
        return out

    def _properties(self, para: _Para, props: dict[str, etree._Element]) -> None:
        para.props = props
        if PAGE_BREAK_BEFORE in props and val(props[PAGE_BREAK_BEFORE]) not in SWITCHED_OFF:
            self._explicit_break()
            if not para.pieces:
                para.page = self.page

    def _explicit_break(self, para: _Para | None = None) -> None:
        """Count an explicit page break (a page break, page-break-before, a section break), unless the file has
        rendered ones. A break on a page with nothing on it yet does not count: for one new page, LibreOffice
        writes a page break and then page-break-before on the next paragraph."""
        if self.page is None or self.rendered:
            return
        if self.blank and (para is None or len(para.pieces) == para.page_from):
            return
        self.page += 1
        self.blank = True
        if para is not None:
            para.page_from = len(para.pieces)

    def _close(self, para: _Para, carry: _Item | None, out: list[_Item], top: bool) -> _Item | None:
        """Put the items of `para` on `out`, then those of the text boxes it anchors; `carry` is the last line of
        the paragraph before if its mark was deleted: it runs on into this one. Returns this paragraph's last
        line if its own mark was deleted (not put on `out`), else None."""
        props = para.props
        heading = props is not _NO_PROPS and self._is_heading(props)
        if para.marks:
            lines = _lines(para.pieces, para.marks, para.page)
            if heading:
                items = [_Item("heading", "\n".join(text for text, _ in lines), lines[0][1])] if lines else []
            else:
                items = [_Item("paragraph", text, page) for text, page in lines]
            if lines and lines[-1][1] == self.page:
                self.blank = False
        else:  # most paragraphs: one line
            text = "".join(para.pieces).strip()
            items = [_Item("heading" if heading else "paragraph", text, para.page)] if text else []
            if text and para.page == self.page:
                self.blank = False
        joined = False
        if props is not _NO_PROPS:
            mark = props.get(RPR)
            joined = mark is not None and (mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None)
            sect = props.get(SECT_PR)  # a section break: the next section starts on a new page unless continuous
            if sect is not None:
                self.sections.append(sect)
                if val(sect.find(TYPE)) not in ("continuous", "nextColumn"):
                    self._explicit_break()
        if carry is not None:
            items[:1] = [items[0]._replace(text=carry.text + items[0].text, page=carry.page)] if items else [carry]
        carry = items.pop() if joined and items else None
        out += items
        for box in para.boxes:
            place = box_top(box)
            head = place is not None and place < HEAD_BAND * self._page_height()
            page = items[-1].page if items else self.page
            for item in self.items(box, top):
                if not is_page_number(item.text):
                    out.append(item._replace(head=True, page=page) if head else item)
                    self.heads = self.heads or head
        return carry

    def _page_height(self) -> float:
        if self.height is None:
            self.height = page_height(self.body) if self.body is not None else A4_HEIGHT_PT
        return self.height

    def _is_heading(self, props: dict[str, etree._Element]) -> bool:
        level = props.get(OUTLINE_LEVEL)
        if level is not None:
            level = level.get(VAL)
            if level is not None and level.isdigit():
                return int(level) < BODY_OUTLINE
        style = props.get(STYLE)
        return style is not None and style.get(VAL) in self.headings

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False
        elif kind == "end" and self.fields:
            self.fields.pop()
        self.in_code = True in self.fields

    def _table(self, tbl: etree._Element, number: int | None, out: list[_Item]) -> None:
        """One item per non-empty cell, onto `out`: `row` counts the rows, `cell` is the grid column where the
        cell starts."""
        row_no = 0
        for tr in _children(tbl, TR):
            trpr = tr.find(TR_PR)
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a deleted row
            row_no += 1
            column = 1 + (_int(trpr.find(W + "gridBefore"), 0) if trpr is not None else 0)
            for tc in _children(tr, TC):
                span, merged = _span(tc.find(TC_PR))
                if not merged:
                    inner = self.items(tc, top=False)
                    if inner:
                        out.append(_Item("cell", "\n".join([i.text for i in inner]), inner[0].page, number, row_no,
                                         column))
                column += span


def _lines(pieces: list[str], marks: tuple[tuple[int, int | None, bool], ...],
           page: int | None) -> list[tuple[str, int | None]]:
    """Split a paragraph's text pieces into lines with the page each starts on.

    `marks` are (index into pieces, page from there on, whether a line ends there), in order.
    """
    lines = []
    begin = 0
    for at, new_page, cut in [*marks, (len(pieces), page, True)]:
        if cut:
            text = "".join(pieces[begin:at]).strip()
            if text:
                lines.append((text, page))
            begin = at
        if cut or at == begin:  # a new page before the line has any text: the line is on it
            page = new_page
    return lines


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children of `parent` with `tag` (rows of a table, cells of a row), looking through content controls."""
    for el in parent:
        if el.tag == tag:
            yield el
        elif el.tag in WRAPPERS:
            yield from _children(el, tag)


def _skip(stream: Iterator[etree._Element], el: etree._Element) -> None:
    """Advance `stream` past the elements of interest inside `el`.

    The subtree is walked unfiltered: an lxml iterator filtered by tags costs more to set up (it looks every
    tag up in the document's name table) than a paragraph's properties cost to walk, and this runs once for
    nearly every paragraph."""
    for inner in el.iterdescendants():
        if inner.tag in STREAM_TAGS:
            next(stream)


def _drop(text: str) -> None:
    """Where text outside any paragraph goes."""


def _other_alternative(el: etree._Element) -> bool:
    """Whether `el` is an alternative of mc:AlternateContent besides the one read (the first mc:Choice, else
    mc:Fallback): each alternative holds the same content."""
    if el.tag == CHOICE:
        return el.getprevious() is not None
    return el.tag == FALLBACK and el.getparent().find(CHOICE) is not None


def _span(tcpr: etree._Element | None) -> tuple[int, bool]:
    """How many grid columns a cell spans, and whether it continues a merge (so its text was read already)."""
    if tcpr is None:
        return 1, False
    props = {el.tag: el for el in reversed(tcpr)}  # the first of each, as find gives it
    vmerge = props.get(W + "vMerge")
    hmerge = props.get(W + "hMerge")
    merged = (vmerge is not None and val(vmerge) != "restart") or (hmerge is not None and val(hmerge) != "restart")
    return _int(props.get(W + "gridSpan"), 1), merged


def _texts(root: etree._Element) -> tuple[str, ...]:
    """The block texts of a header, footer or note, without pages."""
    return tuple(item.text for item in _Walker(frozenset(), rendered=False, pages=False).items(root))


def _int(el: etree._Element | None, default: int) -> int:
    value = val(el)
    return int(value) if value and value.isdigit() else default
