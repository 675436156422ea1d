"""The catalogue as an .xlsx workbook ready to print: one sheet per list.

Sheets 现行有效目录, 废止目录, 宣布失效目录, 与上年相比. Each: the title in row 1, the column header in row
2 (frozen, and repeated at the top of every printed page), then the rows; entries of several issuers
go under a heading row per issuer (merged across the sheet — it prints as a band and never splits a
merged cell across pages). Every data row is complete on its own, 发文机关 included, so filtering and
reading the sheet back need not know about the heading rows: they are the rows whose 序号 is not a number.
Dates are real dates shown as 2026年1月5日. A4 landscape, fitted to the page width, page numbers below.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins

from reviewtools.atomic import write_atomic
from reviewtools.report.catalogue import fields as common
from reviewtools.report.catalogue.fields import Catalogue, Listing
from reviewtools.report.workbook import LINE_PT, ROW_PAD_PT, lines, print_landscape, printable

HEADER_ROW = 2
DATE_FORMAT = 'yyyy"年"m"月"d"日"'

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="黑体", size=16)
_HEAD_FONT = Font(name="黑体", size=11)
_BODY_FONT = Font(name="宋体", size=11)
_GROUP_FONT = Font(name="黑体", size=11)
_SHADE = PatternFill("solid", start_color="F2F2F2")
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)


def file_name(year: int) -> str:
    return f"catalogue-{year}.xlsx"


def write(catalogue: Catalogue, out_dir: Path, office: str, year: int) -> list[Path]:
    target = Path(out_dir) / file_name(year)
    write_atomic(target, render(catalogue, office, year))
    return [target]


def render(catalogue: Catalogue, office: str, year: int) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    listings = common.listings(catalogue, office, year)
    for listing in listings:
        _sheet(wb.create_sheet(listing.name), listing)
    wb.properties.title = listings[0].title
    wb.properties.creator = office or "reviewtools"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet(ws, listing: Listing) -> None:
    width = len(listing.columns)
    chars = printable([column.chars for column in listing.columns])
    _band(ws, 1, listing.title, width, _TITLE_FONT, _CENTRE, border=False)
    ws.row_dimensions[1].height = 36
    for c, column in enumerate(listing.columns, 1):
        _cell(ws, HEADER_ROW, c, column.header, _HEAD_FONT, _CENTRE, fill=_SHADE)
        ws.column_dimensions[get_column_letter(c)].width = chars[c - 1]
    r = HEADER_ROW
    for issuer, rows in listing.groups():
        if issuer is not None:
            r += 1
            _band(ws, r, common.group_heading(issuer, rows), width, _GROUP_FONT, _LEFT, fill=_SHADE)
        for n, item in rows:
            r += 1
            values = [column.value(item, n) for column in listing.columns]
            for c, (column, value) in enumerate(zip(listing.columns, values, strict=True), 1):
                _cell(ws, r, c, value, _BODY_FONT, _CENTRE if column.centre else _LEFT)
            need = max(lines(common.text(v), w) for v, w in zip(values, chars, strict=True))
            ws.row_dimensions[r].height = need * LINE_PT + ROW_PAD_PT
    if not listing.items:
        _band(ws, r + 1, common.NONE, width, _BODY_FONT, _CENTRE)
    _print_setup(ws, listing)


def _cell(ws, row: int, column: int, value, font: Font, align: Alignment, fill: PatternFill | None = None):
    cell = ws.cell(row, column)
    day = common.as_date(value)
    if day is not None:
        cell.value, cell.number_format = day, DATE_FORMAT
    elif isinstance(value, int):
        cell.value = value
    elif value is not None:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        cell.data_type = "s"  # a title starting with "=" is text, never a formula
    cell.font, cell.alignment, cell.border = font, align, _BORDER
    if fill is not None:
        cell.fill = fill
    return cell


def _band(ws, row: int, value: str, width: int, font: Font, align: Alignment,
          fill: PatternFill | None = None, border: bool = True) -> None:
    """One line across the sheet: the title, an issuer heading, （无）."""
    for c in range(1, width + 1):
        cell = _cell(ws, row, c, value if c == 1 else None, font, align, fill)
        if not border:
            cell.border = Border()
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 24  # merged cells do not grow to fit their text


def _print_setup(ws, listing: Listing) -> None:
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    print_landscape(ws, f"{listing.name}　第 &P 页，共 &N 页")
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.6, bottom=0.7, header=0.3, footer=0.3)
    ws.oddFooter.center.font = "宋体"
    ws.oddFooter.center.size = 11  # printed at the sheet's scale, like the body
