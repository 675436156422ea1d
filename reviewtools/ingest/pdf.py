"""PDF: text and line positions from pypdfium2, page by page; pdfplumber only for garbled pages.

pypdfium2 reads a few hundred pages a second and gives each character's box, font size and colour,
so the layout (paragraphs, title, page furniture) needs no second pass. pdfplumber (pdfminer) is
slow and is tried only on pages whose text comes out garbled.
"""

from __future__ import annotations

import ctypes
import logging
import math
import re
from io import BytesIO

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reviewtools import errors
from reviewtools.document import Document
from reviewtools.errors import ReadError
from reviewtools.ingest import ocr
from reviewtools.ingest.layout import Line, Page, assemble, is_red

GARBLED_SHARE = 0.03  # share of unusable characters above which a text layer counts as garbled
SCANNED_CHARS_PER_PAGE = 10  # fewer characters than this per page, plus images: a scan

_CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_RUN = re.compile(r"[\ue000-\uf8ff]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")
_LINE = re.compile(r"[^\r\n]+")

# The PDF libraries log, in English, each damaged operator or object they skip; with no handler configured
# Python prints those lines on stderr. The user hears about the file from the reader (the text read, or one
# Chinese line why not), so these loggers are silenced here, where the libraries are used.
for _library in ("pdfminer", "pdfplumber", "pypdfium2"):
    logging.getLogger(_library).addHandler(logging.NullHandler())
    logging.getLogger(_library).propagate = False


def read(data: bytes, path: str) -> Document:
    pages = _read_pdfium(data, path)
    pages = _repair_garbled(data, pages, path)
    return assemble(pages, path, "pdf")


# --- pypdfium2 ----------------------------------------------------------------------------------

def _read_pdfium(data: bytes, path: str) -> list[Page]:
    pdf = _open(data, path)
    try:
        pages = [_page(pdf[i], i + 1) for i in range(len(pdf))]
        if _scanned(pdf, pages):
            return _recognized(pdf, pages, path)
        return pages
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


def _scanned(pdf, pages: list[Page]) -> bool:
    """No text layer: no characters at all, or almost none on pages that carry images."""
    chars = sum(len(line.text.strip()) for page in pages for line in page.lines)
    if chars == 0:
        return True
    if chars >= SCANNED_CHARS_PER_PAGE * len(pages):
        return False
    return any(next(pdf[i].get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) for i in range(len(pdf)))


def _recognized(pdf, pages: list[Page], path: str) -> list[Page]:
    """A scan's pages with text recognised on each page that has (almost) no text layer."""
    if not ocr.available():
        raise ReadError(path, errors.SCANNED)
    bare = [page for page in pages if _chars(page) < SCANNED_CHARS_PER_PAGE]
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
        lines = []
        for match in _LINE.finditer(text):
            line = _line(textpage, text, match.start(), match.end(), box, rotation)
            if line is not None:
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
    """The Line for text[start:end] (one pdfium line), measured at its first, middle and last characters."""
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
    sizes = sorted(_font_size(textpage, i) for i in {start, middle, end - 1})
    size = sizes[len(sizes) // 2]
    if size <= 0:  # no usable font size (Type3 fonts): the glyph box height will do
        rect = pdfium_c.FS_RECTF()
        pdfium_c.FPDFText_GetLooseCharBox(textpage, middle, ctypes.byref(rect))
        size = max(abs(rect.top - rect.bottom), 1.0)
    x0 = _char_box(textpage, start, box, rotation)[0]
    x1 = _char_box(textpage, end - 1, box, rotation)[1]
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(textpage, middle, ctypes.byref(origin_x), ctypes.byref(origin_y))
    baseline = _display(origin_x.value, origin_y.value, box, rotation)[1]
    return Line(
        text=_drop_generated_spaces(textpage, text, start, end, size, box, rotation),
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


def _drop_generated_spaces(textpage, text: str, start: int, end: int, size: float, box, rotation: int) -> str:
    """text[start:end] without the narrow gaps pdfium turns into spaces next to Chinese characters.

    Word, WPS and LibreOffice leave a small gap between Chinese and Latin text and spread out
    justified lines; pdfium reports such gaps as "generated" spaces that are not in the file.
    Those next to a CJK character and narrower than half a character are left out; wider gaps
    (visible white space) stay, and every character the file holds is kept.
    """
    piece = text[start:end]
    if " " not in piece:
        return piece
    out = []
    for i in range(start, end):
        ch = text[i]
        if (ch == " " and (_cjk(text[i - 1]) or _cjk(text[i + 1]))
                and pdfium_c.FPDFText_IsGenerated(textpage, i) == 1
                and _gap(textpage, i, box, rotation) < 0.5 * size):
            continue
        out.append(ch)
    return "".join(out)


def _gap(textpage, index: int, box, rotation: int) -> float:
    """The white space between the characters either side of `index`."""
    before = _char_box(textpage, index - 1, box, rotation)
    after = _char_box(textpage, index + 1, box, rotation)
    return after[0] - before[1]


def _cjk(ch: str) -> bool:
    return ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"
            or ch >= "\U00020000" or ch in "“”‘’—…·")


# --- garbled text -------------------------------------------------------------------------------

def garbled_share(text: str) -> float:
    """Share of characters that are no text: (cid:NNN), U+FFFD, control characters, runs of private-use characters."""
    total = len("".join(text.split()))
    if not total:
        return 0.0
    bad = sum(len(m) for m in _CID.findall(text)) + len(_CONTROL.findall(text))
    bad += sum(len(m) for m in _PRIVATE_RUN.findall(text))
    return bad / total if bad >= 3 else 0.0


def _page_share(page: Page) -> float:
    return garbled_share("\n".join(line.text for line in page.lines))


def _chars(page: Page) -> int:
    return sum(len("".join(line.text.split())) for line in page.lines)


def _better(again: Page, first: Page) -> bool:
    """pdfplumber's page is less garbled and not much shorter (a mis-decoded CMap can shrink the text)."""
    return _page_share(again) < _page_share(first) and _chars(again) >= 0.8 * _chars(first)


def _repair_garbled(data: bytes, pages: list[Page], path: str) -> list[Page]:
    """Re-read garbled pages with pdfplumber; give up with GARBLED if the text is still unusable."""
    bad = [page.number for page in pages if _page_share(page) > GARBLED_SHARE]
    if not bad:
        return pages
    for number, again in _read_plumber(data, bad).items():
        if _better(again, pages[number - 1]):
            pages[number - 1] = again
    text = "\n".join(line.text for page in pages for line in page.lines)
    if garbled_share(text) > GARBLED_SHARE:
        raise ReadError(path, errors.GARBLED)
    return pages


def _read_plumber(data: bytes, numbers: list[int]) -> dict[int, Page]:
    """Pages `numbers` as pdfplumber reads them; pages it cannot read are left out."""
    import pdfplumber

    out = {}
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                lines = [_plumber_line(tl) for tl in page.extract_text_lines(return_chars=True, strip=True)]
                out[number] = Page(number, float(page.width), float(page.height), [ln for ln in lines if ln])
    except Exception:  # pdfminer failing is no worse than the garbled text we already have
        return out
    return out


def _plumber_line(tl: dict) -> Line | None:
    chars = tl.get("chars") or []
    if not tl.get("text", "").strip() or not chars:
        return None
    sizes = sorted(float(c.get("size", 0)) for c in chars)
    return Line(tl["text"], float(tl["x0"]), float(tl["x1"]), float(tl["top"]), float(tl["bottom"]),
                sizes[len(sizes) // 2], _red_colour(chars[len(chars) // 2].get("non_stroking_color")))


def _red_colour(colour) -> bool:
    """Whether a pdfminer colour (gray, RGB or CMYK components from 0 to 1) is red."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(c, (int, float)) for c in colour):
        return False
    if len(colour) == 3:
        return is_red(*(255 * c for c in colour))
    if len(colour) == 4:  # CMYK
        c, m, y, k = colour
        return is_red(*(255 * (1 - v) * (1 - k) for v in (c, m, y)))
    return False
