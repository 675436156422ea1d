"""Shared .xlsx building blocks: a header row, column widths, wrapped bordered cells, A4 landscape print
setup with the header frozen and repeated on every printed page.

A sheet printed one page wide is shrunk until its columns fit: 280 widths of "0" came out at about 4 pt.
`sheet` narrows the printed columns instead (the text wraps onto more lines), so that the 11 pt body never
prints below `MIN_PRINT_PT`."""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

BODY = Font(name="宋体", size=11)
HEAD = Font(name="黑体", size=11, bold=True)
TITLE = Font(name="黑体", size=16)
BAND = Font(name="黑体", size=11)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
_SIDE = Side(style="thin", color="808080")
BORDER = Border(left=_SIDE, right=_SIDE, top=_SIDE, bottom=_SIDE)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
BAND_FILL = PatternFill("solid", fgColor="F2F2F2")

MIN_PRINT_PT = 9.5  # the smallest body text on paper (9 pt and a margin for rounding in the spreadsheet)
# A4 landscape less the 0.5 in side margins, in pixels at 96 dpi. A column of width w takes about 9.4w + 5
# pixels in LibreOffice with the CJK fonts of a Linux machine (measured by printing to PDF); Excel with
# Calibri takes 7w + 5, so there the sheet prints narrower than the page, never smaller.
_PRINTABLE_PX = (297 / 25.4 - 1.0) * 96
_PX_PER_WIDTH, _PX_PADDING = 9.4, 5
# Neither Excel nor LibreOffice grows a row to its wrapped text when it opens a file: every row is given the
# height of its lines, one line of 11 pt text with its leading, a 汉字 counted two widths of "0".
LINE_PT, ROW_PAD_PT = 15.5, 4


def new() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def sheet(wb: Workbook, title: str, widths: Sequence[float], header: Sequence[str] | None = None,
          hidden: Sequence[int] = ()):
    """A sheet with column `widths` (in widths of "0", narrowed by `printable`), printed A4 landscape;
    `header` as row 1, frozen; the columns at the 0-based indexes `hidden` are hidden and not printed."""
    ws = wb.create_sheet(title)
    for i, width in enumerate(printable(widths, hidden), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
        ws.column_dimensions[get_column_letter(i)].hidden = i - 1 in hidden
    print_landscape(ws)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if header:
        append(ws, header, font=HEAD, fill=HEAD_FILL, align=CENTRE)
        freeze(ws, 1)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}1"
    return ws


def printable(widths: Sequence[float], hidden: Sequence[int] = ()) -> list[float]:
    """`widths` narrowed in proportion, where needed, so that the visible columns fit one A4 landscape page
    at a print scale that keeps 11 pt text at `MIN_PRINT_PT` or more."""
    shown = [w for i, w in enumerate(widths) if i not in hidden]
    budget = _PRINTABLE_PX * BODY.size / MIN_PRINT_PT
    if sum(_PX_PER_WIDTH * w + _PX_PADDING for w in shown) <= budget:
        return list(widths)
    factor = (budget - _PX_PADDING * len(shown)) / (_PX_PER_WIDTH * sum(shown))
    return [w if i in hidden else round(w * factor, 1) for i, w in enumerate(widths)]


def print_landscape(ws, footer: str = "第 &P 页，共 &N 页") -> None:
    """A4 landscape, one page wide and as many long as needed, centred, numbered in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = footer


def freeze(ws, rows: int) -> None:
    """Keep the first `rows` rows on screen and on every printed page."""
    ws.freeze_panes = f"A{rows + 1}"
    ws.print_title_rows = f"1:{rows}"


def append(ws, values: Sequence[object], *, font: Font = BODY, fill: PatternFill | None = None,
           align: Alignment = WRAP, centred: Sequence[int] = ()) -> int:
    """Append a row of bordered, wrapped cells, as high as its text needs; text is always text (never a
    formula). Returns the row number."""
    ws.append([_clean(v) for v in values])
    row = ws.max_row
    for c in range(1, len(values) + 1):
        cell = ws.cell(row=row, column=c)
        fit(ws, row, cell.value, width(ws, c), font)
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"
        cell.font, cell.border = font, BORDER
        cell.alignment = CENTRE if c - 1 in centred else align
        if fill is not None:
            cell.fill = fill
    return row


def band(ws, text: str, columns: int, *, font: Font = BODY, fill: PatternFill | None = None,
         align: Alignment = WRAP) -> int:
    """A row of one cell across `columns` columns holding `text`."""
    row = append(ws, [text] + [""] * (columns - 1), font=font, fill=fill, align=align)
    span(ws, row, 1, columns)
    return row


def span(ws, row: int, first: int, last: int) -> None:
    """Merge the cells of `row` from column `first` to `last` (1-based); the row fits the merged text."""
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = ws.cell(row=row, column=first)
        fit(ws, row, cell.value, sum(width(ws, c) for c in range(first, last + 1)), cell.font, grow_only=False)


def width(ws, column: int) -> float:
    """The width of `column` (1-based) in widths of "0"."""
    return ws.column_dimensions[get_column_letter(column)].width or 13


def lines(text: str, chars: float) -> int:
    """How many lines `text` wraps to in a column `chars` widths of "0" wide (a 汉字 is two)."""
    room = max(int(chars) - 1, 1)
    return sum(max(1, math.ceil(_width(line) / room)) for line in text.split("\n"))


def fit(ws, row: int, value: object, chars: float, font: Font = BODY, grow_only: bool = True) -> None:
    """Make `row` high enough for `value` in a cell `chars` wide (never lower than it is, unless `grow_only`
    is false: a merged cell's own measure replaces those of the cells merged into it)."""
    text = "" if value is None else str(value)
    need = lines(text, chars) * LINE_PT * (font.size or BODY.size) / BODY.size + ROW_PAD_PT
    current = ws.row_dimensions[row].height
    if not grow_only or current is None or need > current:
        ws.row_dimensions[row].height = need


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _clean(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
