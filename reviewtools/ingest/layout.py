"""Turn positioned text lines (from PDF or OFD pages) into a Document.

Shared by the PDF and OFD readers: page numbers and running headers/footers are set apart by
position, the title is found by font size on page 1, and wrapped lines are joined into paragraphs.
Coordinates are in the page's own unit (pt, mm…) measured from the top-left corner; every
threshold is relative to the body font size, so the unit does not matter.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field

from reviewtools.document import Builder, Document
from reviewtools.ingest import grid
from reviewtools.ingest.grid import join_wrapped
from reviewtools.ingest.order import arrange, weighted_median
from reviewtools.text import items, regex_cache


@dataclass(slots=True)
class Line:
    """One visual line of text on a page."""

    text: str
    x0: float
    x1: float
    top: float  # distance of the line's top from the page's top edge
    bottom: float
    size: float  # font size (em height) in page units
    red: bool = False  # printed in red (the 红头 issuer mark)
    segments: tuple[tuple[str, float, float], ...] = ()  # (text, x0, x1) of parts set apart by wide white space
    cell: tuple[int, int, int] | None = None  # (table, row, column) once found to be a table cell
    column: tuple[float, float] | None = None  # (left, right) of the column of running text it is in (order.py)


@dataclass(slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    recognized: bool = False  # the lines come from text recognition of an image (ingest/ocr.py)


# A page number alone on its line: "3", "- 3 -", "— 3 —", "·3·", "第3页", "第3页 共10页", "3/10", "Page 3 of 10".
_PAGE_NUMBER = regex_cache.compile(
    r"""^(?:[-—–－~～_·•\s]*\d{1,4}[-—–－~～_·•\s]*
        |第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?
        |共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页
        |(?:page\s*)?\d{1,4}\s*(?:/|of)\s*\d{1,4})$""",
    re.X | re.I,
)


# Symbol-font glyphs in the private-use area (U+F06C, a Wingdings bullet): they stand for no text.
SYMBOL_GLYPHS = regex_cache.compile("[\uf000-\uf0ff]")
SYMBOL_BYTES = regex_cache.compile(rb"\xef[\x80-\x83][\x80-\xbf]")  # the same characters in UTF-8


def is_page_number(text: str, *, bare: bool = True) -> bool:
    """Whether `text` is a page number alone; with bare=False a figure alone ("3") does not count, only a
    page number set off as one (- 3 -, — 5 —, 第3页)."""
    if len(text) > 40:
        return False
    text = text.strip()
    return bool(_PAGE_NUMBER.match(text)) and (bare or not text.isdigit())


# Where a new paragraph starts even without indentation: 一、 （一） 1. 1、 ① 第一章/第三条 (followed by a space).
_ITEM_START = regex_cache.compile(rf"^(?:{items.HEAD}|{items.DIVISION}(?:[\s\u3000]|$)|附件\s*\d*\s*[:：]?$)")
_ISSUER_MARK = regex_cache.compile(r"文件$")
# A date alone on its line (the 成文日期 under the signature) ends its paragraph.
_DATE_LINE = regex_cache.compile(r"^[(（]?(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d一二三四五六七八九十]{1,3}\s*月"
                                 r"\s*[\d一二三四五六七八九十]{1,3}\s*日[)）]?$")
_LATIN_WORD = regex_cache.compile(r"[A-Za-z0-9][A-Za-z0-9.%/:_\-]*")
_NO_LINE_END = set("（《“‘〔【「『〈([")
_RUNS_ON = set("，、")  # a line ending so goes on, however short
_ENDS = set("。！？；：…”’）》」』】!?;:)")  # a paragraph may end after these
_NO_LINE_START = set("）》”’〕】」』〉)]，。、；：？！…")

EDGE_LINES = 2  # lines at the top and at the bottom of a page looked at as furniture
OUTER_BAND = 0.2  # page numbers sit in the top/bottom fifth of the page
FURNITURE_DRIFT = 0.015  # a running header may move this share of the page height between pages
MAX_TITLE_LINES = 4


@dataclass(slots=True)
class _Metrics:
    """The body text's geometry: margins per page width (portrait and landscape pages differ)."""

    lead_size: float  # the usual font size on the first pages, which the title must clearly exceed
    pitch: float | None  # line pitch within a paragraph, as a multiple of the font size
    margins: dict[int, tuple[float, float]]  # rounded page width -> (left, right)

    def left_right(self, page: Page) -> tuple[float, float]:
        return self.margins[round(page.width)]


def assemble(pages: list[Page], path: str, fmt: str, warnings: list[str] | None = None) -> Document:
    """The Document of `pages`: body paragraphs in reading order, running headers/footers after them."""
    for page in pages:
        for line in page.lines:
            if SYMBOL_GLYPHS.search(line.text):
                line.text = SYMBOL_GLYPHS.sub("", line.text)
        page.lines = [line for line in page.lines if line.text.strip()]
    drop, kept = _furniture(pages)
    body, tables = [], 0
    for page in pages:
        kept_lines = [line for i, line in enumerate(page.lines) if (page.number, i) not in drop]
        lines, tables = grid.find(arrange(kept_lines), tables)
        body += [(page, line) for line in lines]
    builder = Builder()
    recognized = {page.number for page in pages if page.recognized}
    if body:
        metrics = _metrics(body)
        for kind, page_no, text, cell in _blocks(body, _title(body, metrics), metrics):
            table, row, column = cell or (None, None, None)
            builder.add(text, kind, page=page_no, table=table, row=row, cell=column,
                        ocr=page_no in recognized or None)
    for kind, page_no, text in kept:
        builder.add(text, kind, page=page_no, ocr=page_no in recognized or None)
    return builder.build(path, fmt, pages=len(pages), warnings=warnings)


def is_red(r: float, g: float, b: float) -> bool:
    """Whether an RGB colour (0–255) is the red of a 红头 (pure to dark red, not orange or brown)."""
    return r >= 180 and g < 80 and b < 80 and r - max(g, b) >= 120


# --- page furniture ---------------------------------------------------------------------------

def _edges(page: Page) -> list[tuple[str, int]]:
    """(zone, index) of the top-most and bottom-most lines of a page, each in the half of the page it is on
    (a page with two lines has its page number at the bottom, not among its "top" lines)."""
    order = sorted(range(len(page.lines)), key=lambda i: page.lines[i].top)
    top = [i for i in order[:EDGE_LINES] if page.lines[i].top < page.height / 2]
    bottom = [i for i in order[-EDGE_LINES:] if i not in top and page.lines[i].top >= page.height / 2]
    return [("top", i) for i in top] + [("bottom", i) for i in bottom]


def _in_band(page: Page, line: Line, zone: str, band: float) -> bool:
    if zone == "top":
        return line.top < band * page.height
    return line.bottom > (1 - band) * page.height


def _furniture(pages: list[Page]) -> tuple[set[tuple[int, int]], list[tuple[str, int, str]]]:
    """Lines to leave out of the body: page numbers (dropped) and running headers/footers.

    A running header/footer is an edge line whose text (digits aside) comes back at the same height
    on at least half of the pages; each distinct one is kept once, as a header or footer block.
    """
    drop: set[tuple[int, int]] = set()
    seen: dict[tuple[str, str], list[tuple[Page, int]]] = {}
    for page in pages:
        for zone, i in _edges(page):
            line = page.lines[i]
            if is_page_number(line.text) and _in_band(page, line, zone, OUTER_BAND):
                drop.add((page.number, i))
                continue
            key = (zone, re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text)))
            seen.setdefault(key, []).append((page, i))
    kept = []
    need = max(2, math.ceil(len(pages) / 2))
    for (zone, _), hits in seen.items():
        tops = statistics.median(page.lines[i].top for page, i in hits)
        hits = [(page, i) for page, i in hits if abs(page.lines[i].top - tops) <= FURNITURE_DRIFT * page.height]
        if len({page.number for page, _ in hits}) < need:
            continue
        drop.update((page.number, i) for page, i in hits)
        first_page, first = hits[0]
        kept.append(("header" if zone == "top" else "footer", first_page.number, first_page.lines[first].text))
    return drop, kept


# --- geometry of the body -----------------------------------------------------------------------

def _kth(values: list[float], share: float, largest: bool) -> float:
    """The value with `share` of the values beyond it: a margin estimate robust to a few outliers."""
    ordered = sorted(values, reverse=largest)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _metrics(body: list[tuple[Page, Line]]) -> _Metrics:
    first = body[0][0].number
    lead = weighted_median([(ln.size, len(ln.text)) for page, ln in body if page.number < first + 3])
    steps = [(b.top - a.top) / b.size for (pa, a), (pb, b) in zip(body, body[1:], strict=False)
             if pa is pb and b.size > 0 and abs(a.size - b.size) < 0.1 * b.size and 0.5 < (b.top - a.top) / b.size < 3]
    groups: dict[int, list[Line]] = {}
    for page, line in body:
        groups.setdefault(round(page.width), []).append(line)
    margins = {w: (_kth([ln.x0 for ln in lines], 0.1, False), _kth([ln.x1 for ln in lines], 0.1, True))
               for w, lines in groups.items()}
    return _Metrics(lead or 1.0, statistics.median(steps) if steps else None, margins)


def _title(body: list[tuple[Page, Line]], m: _Metrics) -> list[int]:
    """Indices (in `body`) of the title's lines: the largest non-red font on the first page, clearly larger than
    the text around it, on at most MAX_TITLE_LINES lines."""
    runs: list[list[int]] = []
    for i, (page, line) in enumerate(body):
        if page.number != body[0][0].number:
            break
        if line.red or line.cell is not None or line.size < 1.15 * m.lead_size:
            continue
        last = runs[-1][-1] if runs else None
        if last == i - 1 and abs(body[last][1].size - line.size) <= 0.15 * line.size:
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = [r for r in runs if len(r) <= MAX_TITLE_LINES]
    # An issuer mark printed in black (…文件) is not the title when a title follows it.
    titles = [r for r in runs if not _ISSUER_MARK.search(body[r[-1]][1].text.strip())] or runs
    if not titles:
        return []
    return max(titles, key=lambda r: max(body[i][1].size for i in r))


# --- paragraphs ---------------------------------------------------------------------------------

def _blocks(body: list[tuple[Page, Line]], title: list[int], m: _Metrics):
    """(kind, page, text, cell) for every paragraph and table cell, in reading order."""
    title_set = set(title)
    current: list[tuple[Page, Line]] = []
    for i, (page, line) in enumerate(body):
        if i in title_set or line.cell is not None:
            if current:
                yield "paragraph", current[0][0].number, _join(current), None
                current = []
            if line.cell is not None:
                yield "cell", page.number, line.text, line.cell
            elif i == title[-1]:
                yield "heading", body[title[0]][0].number, _join([body[j] for j in title]), None
            continue
        if current and not _continues(current[-1], (page, line), m):
            yield "paragraph", current[0][0].number, _join(current), None
            current = []
        current.append((page, line))
    if current:
        yield "paragraph", current[0][0].number, _join(current), None


def _join(items: list[tuple[Page, Line]]) -> str:
    return join_wrapped(line.text for _, line in items)


def _continues(prev_item: tuple[Page, Line], item: tuple[Page, Line], m: _Metrics) -> bool:
    """Whether `line` goes on the paragraph that `prev` belongs to (a wrapped line, not a new paragraph).

    Distances are measured in the lines' own font size, so small print (tables, notes) and large
    print are judged alike.
    """
    (prev_page, prev), (page, line) = prev_item, item
    if prev.red != line.red or abs(prev.size - line.size) > 0.15 * max(prev.size, line.size):
        return False
    left, right = prev.column or m.left_right(prev_page)
    gap = right - prev.x1
    # In a column of running text (order.py) the edges are the column's own; where it narrows beside a picture,
    # the next line ends (or begins) where this one does. A line ending in ，、 goes on however short.
    in_column = line.column == prev.column is not None
    next_column = prev.column and line.column and line.column[0] > prev.column[1]  # read on at its top
    last = prev.text.rstrip()[-1:]
    if (gap > 1.2 * prev.size and last not in _RUNS_ON and not (in_column and abs(line.x1 - prev.x1) < 0.5 * prev.size)
            and not _pushed_down(line.text, gap, prev.size)):
        return False  # the line above stops short
    if prev.x0 > (line.x0 if in_column else left) + 2.5 * prev.size or _DATE_LINE.match(prev.text.strip()):
        return False  # the line above is set right or centred (a signature, a date), not a line that wraps
    # A sentence that runs on into the next column or page goes on there however its first line is set.
    runs_on = (next_column or prev_page is not page) and last not in _ENDS
    if line.x0 > (line.column or m.left_right(page))[0] + 0.8 * line.size and not (
            (in_column and line.x0 < prev.x0 + 0.5 * line.size and last not in _ENDS) or runs_on):
        return False  # indented
    if _ITEM_START.match(line.text.strip()) and not prev.text.rstrip().endswith("第"):
        return False
    if prev_page is page and not next_column:
        step = line.top - prev.top
        if step < 0.5 * prev.size or (m.pitch and step > 1.4 * m.pitch * line.size):
            return False  # a blank line between, or a jump back up the page
    return True


def _pushed_down(text: str, gap: float, em: float) -> bool:
    """Whether the start of `text` was pushed down from the line above, leaving that line short.

    Unjustified lines end short before a Latin word or number too wide for the rest of the line,
    and before punctuation that may not end a line (《 （ “) or may not start one (》 ） ， 。).
    """
    text = text.lstrip()
    word = _LATIN_WORD.match(text)
    if word:
        return gap < 0.6 * em * len(word.group()) + 0.5 * em
    return gap < 2.5 * em and (text[:1] in _NO_LINE_END or any(ch in _NO_LINE_START for ch in text[1:3]))
