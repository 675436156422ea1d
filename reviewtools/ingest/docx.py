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
from reviewtools.ingest.docx_package import BODY_OUTLINE, MC, PARSER, PPR, TYPE, M, Package, W, val
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
# Elements that stand for one character (a soft hyphen, w:softHyphen, stands for none: it is left out).
CHARS = {W + "tab": "\t", W + "ptab": "\t", W + "noBreakHyphen": "-"}
BREAKS = frozenset({W + "br", W + "cr"})
# The elements the reader looks at.
STREAM = (P, TBL, *TEXTS, *CHARS, *BREAKS, RENDERED_BREAK, FLD_CHAR, SYM, TXBX, *HIDDEN, CHOICE, FALLBACK)
STREAM_TAGS = frozenset(STREAM)
# Common symbols Word stores in the private-use area of symbol fonts (w:sym), by font and low byte.
SYMBOLS = {
    ("symbol", 0xB7): "•", ("symbol", 0xB4): "×", ("symbol", 0xB8): "÷", ("symbol", 0xB1): "±",
    ("symbol", 0xA3): "≤", ("symbol", 0xB3): "≥", ("symbol", 0xAE): "→", ("symbol", 0xB0): "°",
    ("wingdings", 0xA8): "□", ("wingdings", 0xFE): "☑", ("wingdings", 0xFD): "☒", ("wingdings", 0x6C): "●",
    ("wingdings", 0x9F): "•", ("wingdings 2", 0xA3): "□", ("wingdings 2", 0x52): "☑",
}


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
    walker = _Walker(pkg.heading_styles(), rendered=rendered, pages=rendered or explicit, height=page_height(body))
    for item in page_heads_first(walker.items(body)):
        if item.kind != "paragraph" or not is_page_number(item.text, bare=False):
            out.add(SYMBOL_GLYPHS.sub("", item.text) if symbols else item.text, item.kind, page=item.page, table=item.table, row=item.row,
                    cell=item.cell)
    seen: set[tuple[str, tuple[str, ...]]] = set()
    for kind, root in pkg.furniture(body):  # each distinct header and footer once
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
        self.props: dict[str, etree._Element] = {}
        self.page = page  # where it starts
        self.pieces: list[str] = []
        self.page_from = 0  # index into pieces where the current page began, if it began in this paragraph
        self.marks: list[tuple[int, int | None, bool]] = []  # (index into pieces, page from there, line ends)
        self.boxes: list[etree._Element] = []


class _Read(NamedTuple):
    """A paragraph read: its items, the text boxes it anchors, whether its mark was deleted (it runs on)."""

    items: list[_Item]
    boxes: list[etree._Element]
    joined: bool


class _Walker:
    """Walks block-level content (a body, cell, text box, header or note) into Items in reading order."""

    def __init__(self, headings: frozenset[str], *, rendered: bool, pages: bool = True,
                 height: float = A4_HEIGHT_PT):
        self.headings = headings
        self.height = height
        self.rendered = rendered  # count Word's rendered page breaks, not explicit ones
        self.page = 1 if pages else None
        self.blank = True  # nothing read yet on the current page
        self.tables = 0
        self.fields: list[bool] = []  # open complex fields, innermost last: True while in the field code
        self.in_code = False  # inside some field's code, whose text is not displayed

    def items(self, container: etree._Element, top: bool = True) -> Iterator[_Item]:
        """Items of the paragraphs and tables inside `container`. Only top-level tables are numbered."""
        carry: _Item | None = None  # the last line of a paragraph whose mark was deleted runs on into the next
        for block in self._blocks(container):
            if isinstance(block, _Read):
                lines = block.items
                if carry is not None:
                    lines[:1] = [lines[0]._replace(text=carry.text + lines[0].text, page=carry.page)] if lines else [carry]
                    carry = None
                if block.joined and lines:
                    carry = lines.pop()
                yield from lines
                for box in block.boxes:
                    place = box_top(box)
                    head = place is not None and place < HEAD_BAND * self.height
                    page = lines[-1].page if lines else self.page
                    for item in self.items(box, top):
                        if not is_page_number(item.text):
                            yield item._replace(head=True, page=page) if head else item
                continue
            if carry is not None:
                yield carry
                carry = None
            if top:
                self.tables += 1
            yield from self._table(block, self.tables if top else None)
        if carry is not None:
            yield carry

    def _blocks(self, container: etree._Element) -> Iterator[_Read | etree._Element]:
        """The paragraphs (read) and tables (to read) inside `container`, in order.

        One pass over the elements of interest, which lxml picks out in C (the hot loop of the reader; the
        commonest tags are tested first). A w:p starts a paragraph that runs until the next w:p or table. The
        stream passes over a table (read by _table), a text box (read after its paragraph) and a subtree that
        is not displayed, by skipping the elements of interest inside it.
        """
        if container.tag == BODY:
            stream = container.iterdescendants(*STREAM)
        else:  # a cell, a text box, a header: too small to repay setting up lxml's filter (see _skip)
            stream = (el for el in container.iterdescendants() if el.tag in STREAM_TAGS)
        para = None
        add = _drop  # text outside any paragraph (none in a valid file)
        for el in stream:
            tag = el.tag
            if tag in TEXTS:
                if not self.in_code:
                    add(el.text or "")
            elif tag == P:
                if para is not None:
                    yield self._close(para)
                para = _Para(self.page)
                add = para.pieces.append
            elif (char := CHARS.get(tag)) is not None:
                add(char)
            elif tag == FLD_CHAR:
                self._field(el.get(W + "fldCharType"))
            elif tag == TBL:
                if para is not None:
                    yield self._close(para)
                para, add = None, _drop
                yield el
                _skip(stream, el)
            elif tag in HIDDEN or _other_alternative(el):
                if tag == PPR and para is not None:
                    self._properties(para, el)
                _skip(stream, el)
            elif para is None:
                continue
            elif tag in BREAKS:
                if el.get(TYPE) == "page":
                    self._explicit_break(para)
                para.marks.append((len(para.pieces), self.page, True))
            elif tag == RENDERED_BREAK:
                if self.rendered and self.page is not None:
                    self.page += 1
                    para.marks.append((len(para.pieces), self.page, False))
            elif tag == SYM:
                add(_symbol(el))
            elif tag == TXBX:
                para.boxes.append(el)
                _skip(stream, el)
        if para is not None:
            yield self._close(para)

    def _properties(self, para: _Para, ppr: etree._Element) -> None:
        para.props = {el.tag: el for el in ppr}
        if _on(para.props.get(W + "pageBreakBefore")):
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

    def _close(self, para: _Para) -> _Read:
        lines = _lines(para.pieces, para.marks, para.page)
        props = para.props
        if props and self._is_heading(props):
            items = [_Item("heading", "\n".join(text for text, _ in lines), lines[0][1])] if lines else []
        else:
            items = [_Item("paragraph", text, page) for text, page in lines]
        if lines and lines[-1][1] == self.page:
            self.blank = False
        if not props:  # most paragraphs of a long file: none of what follows
            return _Read(items, para.boxes, False)
        mark = props.get(RPR)
        joined = mark is not None and (mark.find(W + "del") is not None or mark.find(W + "moveFrom") is not None)
        sect = props.get(W + "sectPr")  # a section break: the next section starts on a new page unless continuous
        if sect is not None and val(sect.find(TYPE)) not in ("continuous", "nextColumn"):
            self._explicit_break()
        return _Read(items, para.boxes, joined)

    def _is_heading(self, props: dict[str, etree._Element]) -> bool:
        level = val(props.get(W + "outlineLvl"))
        if level is not None and level.isdigit():
            return int(level) < BODY_OUTLINE
        return val(props.get(W + "pStyle")) in self.headings

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self.fields.append(True)
        elif kind == "separate" and self.fields:
            self.fields[-1] = False
        elif kind == "end" and self.fields:
            self.fields.pop()
        self.in_code = True in self.fields

    def _table(self, tbl: etree._Element, number: int | None) -> Iterator[_Item]:
        """One item per non-empty cell: `row` counts the rows, `cell` is the grid column where the cell starts."""
        row_no = 0
        for tr in _children(tbl, TR):
            trpr = tr.find(W + "trPr")
            if trpr is not None and trpr.find(W + "del") is not None:
                continue  # a deleted row
            row_no += 1
            column = 1 + (_int(trpr.find(W + "gridBefore"), 0) if trpr is not None else 0)
            for tc in _children(tr, TC):
                tcpr = tc.find(W + "tcPr")
                span, merged = _span(tcpr)
                if not merged:
                    inner = list(self.items(tc, top=False))
                    if inner:
                        yield _Item("cell", "\n".join(i.text for i in inner), inner[0].page, number, row_no, column)
                column += span


def _lines(pieces: list[str], marks: list[tuple[int, int | None, bool]],
           page: int | None) -> list[tuple[str, int | None]]:
    """Split a paragraph's text pieces into lines with the page each starts on.

    `marks` are (index into pieces, page from there on, whether a line ends there), in order.
    """
    if not marks:
        text = "".join(pieces).strip()
        return [(text, page)] if text else []
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
    vmerge = tcpr.find(W + "vMerge")
    hmerge = tcpr.find(W + "hMerge")
    merged = (vmerge is not None and val(vmerge) != "restart") or (hmerge is not None and val(hmerge) != "restart")
    return _int(tcpr.find(W + "gridSpan"), 1), merged


def _symbol(sym: etree._Element) -> str:
    try:
        code = int(sym.get(W + "char", ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol-font private-use area: a glyph without a meaning is left out
        return SYMBOLS.get(((sym.get(W + "font") or "").lower(), code - 0xF000), "")
    return chr(code)


def _texts(root: etree._Element) -> tuple[str, ...]:
    """The block texts of a header, footer or note, without pages."""
    return tuple(item.text for item in _Walker(frozenset(), rendered=False, pages=False).items(root))


def _int(el: etree._Element | None, default: int) -> int:
    value = val(el)
    return int(value) if value and value.isdigit() else default


def _on(el: etree._Element | None) -> bool:
    """A toggle property: present and not switched off."""
    return el is not None and val(el) not in ("0", "false", "off")
