"""PDF: text and line positions from pypdfium2, page by page; pdfplumber only for garbled pages (pdf_garbled).

pypdfium2 reads a few hundred pages a second and gives each character's box, font size and colour,
so the layout (paragraphs, title, page furniture) needs no second pass. pdfplumber (pdfminer) is
slow and is tried only on pages whose text comes out garbled.
"""

from __future__ import annotations

import ctypes
import logging
import math
import re

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reviewtools import errors
from reviewtools.document import Document
from reviewtools.errors import ReadError
from reviewtools.ingest import ocr
from reviewtools.ingest.grid import CELL_GAP
from reviewtools.ingest.layout import Line, Page, assemble, is_red
from reviewtools.ingest.pdf_garbled import repair_garbled

_LINE = re.compile(r"[^\r\n]+")
_DIGIT = re.compile(r"[0-9]")
SUPERSCRIPT, SUBSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"), str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
SMALL_PRINT = 0.85  # a digit printed below this share of its line's font size and off the baseline is a mark
OFF_BASELINE = 0.15  # … raised or lowered by more than this share of the line's font size
SAME_LINE_OVERLAP = 0.3  # two pdfium lines overlapping this share of their height, side by side, are one line
JOIN_GAP = 1.5  # … when no wider white space than this many characters lies between them

# The PDF libraries log, in English, each damaged operator or object they skip; with no handler configured
# Python prints those lines on stderr. The user hears about the file from the reader (the text read, or one
# Chinese line why not), so these loggers are silenced here, where the libraries are used.
for _library in ("pdfminer", "pdfplumber", "pypdfium2"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
    logging.getLogger(_library).propagate = False


def read(data: bytes, path: str) -> Document:
    pages, unread = _read_pdfium(data, path)
    pages = repair_garbled(data, pages, path)
    warnings = [ocr.unread(unread)] if unread else []
    return assemble(pages, path, "pdf", warnings=warnings)


# --- pypdfium2 ----------------------------------------------------------------------------------

def _read_pdfium(data: bytes, path: str) -> tuple[list[Page], list[int]]:
    """The pages, each page without a text layer recognised; and the numbers of those left unread (no OCR)."""
    pdf = _open(data, path)
    try:
        pages = [_page(pdf[i], i + 1) for i in range(len(pdf))]
        bare = _bare(pdf, pages)
        if not bare:
            return pages, []
        if not ocr.available():
            if len(bare) == len(pages):
                raise ReadError(path, errors.SCANNED)
            return pages, [page.number for page in bare]
        return _recognized(pdf, pages, bare, path), []
    except pdfium.PdfiumError as exc:
        raise ReadError(path, errors.CORRUPT) from exc
    finally:
        pdf.close()


def _open(data: bytes, path: str):
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if pdfium_c.FPDF_GetLastError() in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise ReadError(path, errors.ENCRYPTED) from exc
        raise ReadError(path, errors.CORRUPT) from exc


def _bare(pdf, pages: list[Page]) -> list[Page]:
    """The pages with no text layer, page by page: (almost) no characters on a page that draws an image (a
    scanned page, a signed or stamped page, an attachment scanned in); every page when the whole document
    has no character at all (a scan drawn as shapes)."""
    def chars(page: Page) -> int:
        return sum(len(line.text.strip()) for line in page.lines)

    if not any(chars(page) for page in pages):
        return list(pages)
    return [page for page in pages if chars(page) < ocr.BARE_PAGE_CHARS and _draws_image(pdf[page.number - 1])]


def _draws_image(page) -> bool:
    return next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4), None) is not None


def _recognized(pdf, pages: list[Page], bare: list[Page], path: str) -> list[Page]:
    """`pages` with the text of each bare page recognised from its image, each in its place."""
    images = [(page.number, page.width, page.height,
               pdf[page.number - 1].render(scale=ocr.DPI / 72, grayscale=True).to_pil()) for page in bare]
    for page in ocr.recognize(images):
        pages[page.number - 1] = page
    if not any(page.lines for page in pages):
        raise ReadError(path, errors.NOTHING_RECOGNIZED)
    return pages


def _page(page, number: int) -> Page:
    _box_fontless_text(page.raw)
    textpage = page.get_textpage()
    try:
        box = page.get_bbox()
        rotation = page.get_rotation() % 360
        width, height = box[2] - box[0], box[3] - box[1]
        if rotation in (90, 270):
            width, height = height, width
        text = _page_text(textpage)
        lines: list[Line] = []
        for match in _LINE.finditer(text):
            line = _line(textpage, text, match.start(), match.end(), box, rotation)
            if line is None:
                continue
            if lines and _same_printed_line(lines[-1], line):
                lines[-1] = _joined(lines[-1], line)
            else:
                lines.append(line)
        return Page(number, width, height, lines)
    finally:
        textpage.close()
        page.close()


def _box_fontless_text(page) -> None:
    """Give text objects whose font pdfium lacks a box about one character tall, so no text is lost.

    pdfium measures a text object by its glyphs' boxes and its text page leaves out every object
    less than 0.01 pt wide. A font that is neither embedded nor installed (a Chinese font read on a
    machine without Chinese fonts) has no glyphs: its objects come out 0 pt high, and those of one
    character (a "。" wrapped onto a line of its own, a lone "〔" in another font) 0 pt wide, so they
    vanished from the text. pdfium widens the box of stroked text by half the line width, so on a
    page that would lose text every such object is set stroked with a line of its font size and
    re-placed where it is, which makes pdfium measure it again (all of them, not only the lost
    ones: pdfium tells lines apart by these boxes). The document is only read, never drawn or saved.
    """
    bounds = [ctypes.c_float() for _ in range(4)]
    refs = [ctypes.byref(v) for v in bounds]
    empty = []  # (object, lost): boxes 0 pt high or wide; those 0 pt wide are left out
    for obj in _text_objects(page):
        pdfium_c.FPDFPageObj_GetBounds(obj, *refs)
        left, bottom, right, top = (v.value for v in bounds)
        if right - left < 0.01 or top - bottom < 0.01:
            empty.append((obj, right - left < 0.01))
    if not any(lost for _, lost in empty):
        return
    fontless = [(obj, lost) for obj, lost in empty
                if not pdfium_c.FPDFFont_GetIsEmbedded(pdfium_c.FPDFTextObj_GetFont(obj))]
    if not any(lost for _, lost in fontless):
        return
    size, matrix = ctypes.c_float(), pdfium_c.FS_MATRIX()
    for obj, _ in fontless:
        pdfium_c.FPDFTextObj_GetFontSize(obj, ctypes.byref(size))
        pdfium_c.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))
        pdfium_c.FPDFTextObj_SetTextRenderMode(obj, pdfium_c.FPDF_TEXTRENDERMODE_STROKE)
        pdfium_c.FPDFPageObj_SetStrokeWidth(obj, size.value * abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5)
        pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, 0, 0)


def _text_objects(holder, form: bool = False):
    """The text objects of a page, those inside form XObjects included."""
    count, get = ((pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject) if form
                  else (pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject))
    for i in range(count(holder)):
        obj = get(holder, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            yield obj
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            yield from _text_objects(obj, form=True)


def _page_text(textpage) -> str:
    count = textpage.count_chars()
    if count <= 0:
        return ""
    text = textpage.get_text_range()
    if len(text) != count:  # pdfium left out or added characters: rebuild index by index
        text = "".join(_char(pdfium_c.FPDFText_GetUnicode(textpage, i)) for i in range(count))
    return text


def _char(code: int) -> str:
    return chr(code) if 0 <= code <= 0x10FFFF else "\ufffd"


def _line(textpage, text: str, start: int, end: int, box, rotation: int) -> Line | None:
    """The Line for text[start:end] (one pdfium line), measured at the character of the median font size among its
    first, middle and last characters."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return None
    middle = (start + end - 1) // 2
    if text[middle].isspace():
        middle = start
    if _diagonal(textpage, middle):
        return None
    sizes = sorted((_font_size(textpage, i), i) for i in {start, middle, end - 1})
    size, middle = sizes[len(sizes) // 2]  # measured where the print is of the line's size, not at a mark
    if size <= 0:  # no usable font size (Type3 fonts): the glyph box height will do
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetLooseCharBox(textpage, middle, ctypes.byref(rect))
        size = max(abs(rect.top - rect.bottom), 1.0)
    x0 = _char_box(textpage, start, box, rotation)[0]
    x1 = _char_box(textpage, end - 1, box, rotation)[1]
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, middle, ctypes.byref(origin_x), ctypes.byref(origin_y))
    baseline = _display(origin_x.value, origin_y.value, box, rotation)[1]
    line_text, segments = _line_text(textpage, text, start, end, size, baseline, box, rotation, x0, x1)
    return Line(
        text=line_text,
        segments=segments,
        x0=x0,
        x1=x1,
        top=baseline - 0.88 * size,
        bottom=baseline + 0.12 * size,
        size=size,
        red=_red(textpage, middle),
    )


def _diagonal(textpage, index: int) -> bool:
    """Text set at a slant (a watermark such as 征求意见稿 across the page), not upright or turned 90°."""
    angle = pdfium_c.FPDFText_GetCharAngle(textpage, index)
    return angle >= 0 and 10 < math.degrees(angle) % 90 < 80


def _font_size(textpage, index: int) -> float:
    """The size a character is printed at: its font size scaled by its text and graphics matrices."""
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(textpage, index, ctypes.byref(matrix))
    scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
    return pdfium_c.FPDFText_GetFontSize(textpage, index) * (scale or 1.0)


def _display(x: float, y: float, box, rotation: int) -> tuple[float, float]:
    """A point of PDF user space as (x from the left, y from the top) of the page as displayed."""
    left, bottom, right, top = box
    if rotation == 90:
        return y - bottom, x - left
    if rotation == 180:
        return right - x, y - bottom
    if rotation == 270:
        return top - y, right - x
    return x - left, top - y


def _char_box(textpage, index: int, box, rotation: int) -> tuple[float, float]:
    """(left, right) of a character on the page as displayed."""
    rect = pdfium_c.FS_RECTF()
    pdfium_c.FPDFText_GetLooseCharBox(textpage, index, ctypes.byref(rect))
    xs = [_display(x, y, box, rotation)[0] for x in (rect.left, rect.right) for y in (rect.bottom, rect.top)]
    return min(xs), max(xs)


def _red(textpage, index: int) -> bool:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFText_GetFillColor(textpage, index, *(ctypes.byref(c) for c in (r, g, b, a))):
        return False
    return is_red(r.value, g.value, b.value)


def _line_text(textpage, text: str, start: int, end: int, size: float, baseline: float, box, rotation: int,
               x0: float, x1: float) -> tuple[str, tuple[tuple[str, float, float], ...]]:
    """text[start:end] as printed — footnote marks apart from the figures, no spaces pdfium made up — and, when
    wide white space splits it (table cells side by side), its parts as (text, x0, x1).

    A digit in small print above (below) the baseline is a footnote mark or an exponent (m²): it is given
    as a superscript (subscript) digit, so that a mark before a figure (人口¹1761.48万) never reads as part of it.
    Word, WPS and LibreOffice leave a small gap between Chinese and Latin text and spread out
    justified lines; pdfium reports such gaps as "generated" spaces that are not in the file.
    Those next to a CJK character and narrower than half a character are left out; wider gaps
    (visible white space) stay, and every character the file holds is kept.
    """
    piece = text[start:end]
    if " " not in piece and not _DIGIT.search(piece):
        return piece, ()
    out: list[str] = []
    cuts: list[tuple[int, float, float]] = []  # (index into out where a part begins, its x0, the x1 before it)
    i = start
    while i < end:
        ch = text[i]
        if ch == " ":
            j = i
            while text[j] == " ":  # the line is stripped: a character follows
                j += 1
            left, right = _char_box(textpage, i - 1, box, rotation)[1], _char_box(textpage, j, box, rotation)[0]
            if right - left >= CELL_GAP * size:
                cuts.append((len(out) + j - i, right, left))
            elif (j == i + 1 and (_cjk(text[i - 1]) or _cjk(text[j])) and right - left < 0.5 * size
                    and pdfium_c.FPDFText_IsGenerated(textpage, i) == 1):
                i = j
                continue
            out.extend(text[i:j])
            i = j
            continue
        if "0" <= ch <= "9" and _font_size(textpage, i) < SMALL_PRINT * size:
            ch = _mark(textpage, i, ch, size, baseline, box, rotation)
        out.append(ch)
        i += 1
    if not cuts:
        return "".join(out), ()
    bounds = [(0, x0), *((at, right) for at, right, _ in cuts)]
    ends = [left for _, _, left in cuts] + [x1]
    parts = tuple(("".join(out[at:until]).strip(), left, right)
                  for (at, left), until, right in zip(bounds, [at for at, _, _ in cuts] + [len(out)], ends, strict=True))
    return "".join(out), parts


def _mark(textpage, index: int, digit: str, size: float, baseline: float, box, rotation: int) -> str:
    """A digit in small print: superscript above the baseline, subscript below it, else as it is."""
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
    shift = baseline - _display(x.value, y.value, box, rotation)[1]
    if shift > OFF_BASELINE * size:
        return digit.translate(SUPERSCRIPT)
    if shift < -OFF_BASELINE * size:
        return digit.translate(SUBSCRIPT)
    return digit


def _same_printed_line(prev: Line, line: Line) -> bool:
    """Whether pdfium broke one printed line in two: a footnote mark, or a bracket from another font set a little
    off the baseline, starts a new pdfium line. The two overlap in height and the second goes on to the right."""
    overlap = min(prev.bottom, line.bottom) - max(prev.top, line.top)
    if overlap < SAME_LINE_OVERLAP * min(prev.bottom - prev.top, line.bottom - line.top):
        return False
    size = max(prev.size, line.size)
    return -0.5 * size <= line.x0 - prev.x1 < JOIN_GAP * size


def _joined(prev: Line, line: Line) -> Line:
    """The two parts of one printed line as one, measured as its longer part."""
    gap = line.x0 - prev.x1 >= 0.5 * max(prev.size, line.size)
    main = prev if len(prev.text) >= len(line.text) else line
    return Line(prev.text + " " * gap + line.text, prev.x0, line.x1, main.top, main.bottom, main.size,
                main.red)


def _cjk(ch: str) -> bool:
    return ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"
            or ch >= "\U00020000" or ch in "“”‘’—…·")
