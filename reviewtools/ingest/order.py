"""Reading order of one page's lines (PDF, OFD, recognised scans), found from their positions alone.

Writers draw text in whatever order suits them: a form cell by cell down its columns, a journal's columns
row by row across the page (a CNKI OFD puts the lines of three columns that share a baseline into one row).
The page is cut recursively, XY-cut style: where white space at least MIN_GUTTER characters wide runs down
the whole of a region that holds columns of running text, the columns are read one after the other, left to
right; else where white space at least BAND_GAP characters high runs across the whole region, the bands are
read top to bottom (a band under one column only, where that column runs on below the others past a caption
or a picture, is put back into it); what cannot be cut is read row by row, top to bottom, each row left to
right. Parts of a line that stand apart by wide white space (Line.segments) are placed one by one, so a row
that runs across columns is split into one line per column; a line that stays whole keeps its segments.
Small print that straddles a gutter (a picture's caption) is read after the columns. Each line in a column
of running text is given the column's edges (Line.column), so that its wrapped lines are joined within the
column.

A table is not a set of columns: its cells fill their column unevenly, and its rows begin side by side, so
either test keeps a table's rows together for ingest/grid.py to read cell by cell.
"""

from __future__ import annotations

import bisect
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, replace

MIN_GUTTER = 1.0  # white space between two columns is at least this many characters wide
BAND_GAP = 1.0  # white space across a region at least this many characters high separates two bands
SMALL_PRINT = 0.8  # print smaller than this share of the body size (a picture's caption) does not block a gutter
MIN_PIECES = 10  # a region is cut into columns only when it has at least this many parts …
MIN_COLUMN = 3  # … each column at least this many of body size …
TEXT_CHARS = 6  # … with running text: the median part of each column has at least this many characters …
FILLED = 0.5  # … that fills the column: this share of its parts end where another one ends …
ALIGNED = 0.5  # … give or take this many characters (justified lines; the column may narrow beside a picture)
PARAGRAPH_GAP = 0.9  # a part further below the one above than this many characters starts a paragraph (or a row)
INDENT = 0.8  # a part set in this many characters from the next one begins a paragraph
SIDE_BY_SIDE = 0.6  # columns whose paragraphs begin side by side this often are a table's columns
SAME_ROW = 0.5  # parts overlapping this share of their height stand on one row


@dataclass(slots=True)
class Piece:
    """A line, or a part of it set apart by wide white space (Line.segments), as placed on the page."""

    line: int  # index of the line it is part of
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    column: tuple[float, float] | None = None  # (left, right) of the column of running text it is in


def weighted_median(pairs: list[tuple[float, int]]) -> float:
    """The median of values weighted by counts (font size weighted by characters)."""
    pairs = sorted(pairs)
    half, seen = sum(n for _, n in pairs) / 2, 0
    for value, n in pairs:
        seen += n
        if seen >= half:
            return value
    return pairs[-1][0]


def arrange(lines: list) -> list:
    """`lines` (layout.Line, one page's) in reading order; a line whose parts fall into different columns is
    split into one line per column."""
    pieces = [piece for i, line in enumerate(lines) for piece in line_pieces(line, i)]
    if len(pieces) < 2:
        return list(lines)
    body = weighted_median([(p.size, max(1, len(p.text))) for p in pieces]) or 1.0
    return _lines(_arrange(pieces, body), lines)


def line_pieces(line, index: int) -> list[Piece]:
    """The pieces of `line` (a layout.Line, number `index` on its page): its segments, or the whole line."""
    if not line.segments:
        return [Piece(index, line.text, line.x0, line.x1, line.top, line.bottom, line.size)]
    return [Piece(index, text, x0, x1, line.top, line.bottom, line.size) for text, x0, x1 in line.segments]


def _arrange(pieces: list[Piece], body: float) -> list[Piece]:
    if len(pieces) >= MIN_PIECES:
        columns = _columns(pieces, body)
        if columns:
            return [p for column in columns for p in _arrange(column, body)]
        bands = _bands(pieces, body)
        if len(bands) > 1:
            return [p for band in _tails_joined(bands, body) for p in _arrange(band, body)]
    return _by_rows(pieces)


def _bands(pieces: list[Piece], body: float) -> list[list[Piece]]:
    """The region cut where white space at least BAND_GAP characters high runs across it."""
    bands: list[list[Piece]] = []
    bottom = None
    for piece in sorted(pieces, key=lambda p: p.top):
        if bottom is None or piece.top - bottom >= BAND_GAP * body:
            bands.append([])
        bands[-1].append(piece)
        bottom = piece.bottom if bottom is None else max(bottom, piece.bottom)
    return bands


def _tails_joined(bands: list[list[Piece]], body: float) -> list[list[Piece]]:
    """`bands`, each one that carries on a column of the band above it put back into that band.

    Where one column runs on below the end of the others, the white space around a caption or a picture in it
    runs across the whole page and cuts it into bands; the lines under it, as wide as that column, are still
    its running text, to be read in it before the next column."""
    out = [bands[0]]
    for band in bands[1:]:
        split = _split(out[-1], body) if len(out[-1]) >= MIN_PIECES else None
        if split and any(_carries_on(column, band, body) for column in split[0]) and _split(out[-1] + band, body):
            out[-1] = out[-1] + band
        else:
            out.append(band)
    return out


def _carries_on(column: list[Piece], band: list[Piece], body: float) -> bool:
    """Whether `band` lies within `column` and has a line as wide as the column (running text of it)."""
    left, right = _edges(column)
    slack = ALIGNED * body
    return all(left - slack <= p.x0 and p.x1 <= right + slack for p in band) and any(
        p.x0 <= left + slack and p.x1 >= right - slack for p in band)


def _columns(pieces: list[Piece], body: float) -> list[list[Piece]] | None:
    """The region's columns of running text, left to right, if white space runs down the whole of it, each
    piece in one given the column's edges; small print across a gutter follows them as one more group."""
    split = _split(pieces, body)
    if split is None:
        return None
    columns, across = split
    for column in columns:
        bounds = _edges(column)
        for piece in column:
            piece.column = bounds
    return columns + [across] if across else columns


def _edges(column: list[Piece]) -> tuple[float, float]:
    return _kth([p.x0 for p in column], False), _kth([p.x1 for p in column], True)


def _split(pieces: list[Piece], body: float) -> tuple[list[list[Piece]], list[Piece]] | None:
    """The region's columns of running text, left to right, and the small print across their gutters, if
    white space runs down the whole of it."""
    spans = sorted((p.x0, p.x1) for p in pieces if p.size >= SMALL_PRINT * body)
    if not spans:  # small print only (a band of notes): no running text
        return None
    gutters, right = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - right >= MIN_GUTTER * body:
            gutters.append((right + x0) / 2)
        right = max(right, x1)
    if not gutters:
        return None
    columns: list[list[Piece]] = [[] for _ in range(len(gutters) + 1)]
    across = []  # small print across a gutter (a picture's caption): read after the columns
    for piece in pieces:
        k = bisect.bisect(gutters, piece.x0)
        if k == bisect.bisect(gutters, piece.x1):
            columns[k].append(piece)
        else:
            across.append(piece)
    if not all(_running_text(column, body) for column in columns) or _table(columns, body):
        return None
    return columns, across


def _kth(values: list[float], largest: bool) -> float:
    """The value with a tenth of the values beyond it: a column's edge, robust to a few lines set apart."""
    ordered = sorted(values, reverse=largest)
    return ordered[int(0.1 * len(ordered))]


def _running_text(column: list[Piece], body: float) -> bool:
    """Whether a column holds running text: enough lines, long enough, most of them filling its width."""
    lines = [p for p in column if p.size >= SMALL_PRINT * body]
    if len(lines) < MIN_COLUMN or statistics.median(len(p.text.strip()) for p in lines) < TEXT_CHARS:
        return False
    aligned = sum(any(q is not p and abs(q.x1 - p.x1) < ALIGNED * body for q in lines) for p in lines)
    return aligned >= FILLED * len(lines)


def _table(columns: list[list[Piece]], body: float) -> bool:
    """Whether the paragraphs of neighbouring columns mostly begin side by side, as a table's rows do."""
    starts = [_starts(column, body) for column in columns]
    for left, right in zip(starts, starts[1:], strict=False):
        if len(left) > 1 and sum(any(abs(a - b) < SAME_ROW * body for b in right) for a in left) >= SIDE_BY_SIDE * len(left):
            return True
    return False


def _starts(column: list[Piece], body: float) -> list[float]:
    """The tops of the parts of a column that begin a paragraph (or a row): the first, those after a gap, those
    indented from the line under them."""
    column = sorted(column, key=lambda p: p.top)
    return [p.top for i, p in enumerate(column)
            if i == 0 or p.top - column[i - 1].bottom > PARAGRAPH_GAP * body
            or (i + 1 < len(column) and p.x0 > column[i + 1].x0 + INDENT * body)]


def _by_rows(pieces: list[Piece]) -> list[Piece]:
    """Row by row, top to bottom, each row left to right."""
    return [p for row in group_rows(sorted(pieces, key=lambda p: p.top)) for p in row]


def group_rows(pieces: Iterable[Piece]) -> list[list[Piece]]:
    """`pieces` grouped into rows as they come: a piece that overlaps the first of the row before it by SAME_ROW
    of the lower one's height stands on that row, else it begins the next; each row left to right."""
    out: list[list[Piece]] = []
    for piece in pieces:
        if out:
            first = out[-1][0]
            overlap = min(first.bottom, piece.bottom) - max(first.top, piece.top)
            if overlap >= SAME_ROW * min(first.bottom - first.top, piece.bottom - piece.top):
                out[-1].append(piece)
                continue
        out.append([piece])
    return [sorted(row, key=lambda p: p.x0) for row in out]


def _lines(pieces: list[Piece], lines: list) -> list:
    """The lines the ordered pieces make: a line whose parts all follow each other is kept as it is."""
    runs: list[list[Piece]] = []
    for piece in pieces:
        if runs and runs[-1][-1].line == piece.line:
            runs[-1].append(piece)
        else:
            runs.append([piece])
    out = []
    for run in runs:
        line, column = lines[run[0].line], run[0].column
        if len(run) == max(1, len(line.segments)):
            out.append(line if column is None else replace(line, column=column))
            continue
        segments = tuple((p.text, p.x0, p.x1) for p in run) if len(run) > 1 else ()
        out.append(replace(line, text=" ".join(p.text for p in run), x0=run[0].x0, x1=run[-1].x1, segments=segments,
                           column=column))
    return out
