"""Shared .xlsx building blocks: a header row, column widths, wrapped bordered cells, A4 landscape print
setup with the header frozen and repeated on every printed page."""

from __future__ import annotations

import io
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


def new() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    return wb


def sheet(wb: Workbook, title: str, widths: Sequence[float], header: Sequence[str] | None = None):
    """A sheet with column `widths` (in widths of "0"), printed A4 landscape; `header` as row 1, frozen."""
    ws = wb.create_sheet(title)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    print_landscape(ws)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    if header:
        append(ws, header, font=HEAD, fill=HEAD_FILL, align=CENTRE)
        freeze(ws, 1)
        ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}1"
    return ws


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
    """Append a row of bordered, wrapped cells; text is always text (never a formula). Returns the row number."""
    ws.append([_clean(v) for v in values])
    row = ws.max_row
    for c in range(1, len(values) + 1):
        cell = ws.cell(row=row, column=c)
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
    """Merge the cells of `row` from column `first` to `last` (1-based)."""
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def to_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _clean(value: object) -> object:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value
