"""The folder report as an .xlsx workbook ready to print: sheets 概况, 按发文机关, 按类别, 按规则, 严重问题 (and
无法读取 when files could not be read), each with its header frozen and repeated on every printed page, A4
landscape at 9 pt or more (report/workbook.py). Counts are numbers, so the office can sort and sum them."""

from __future__ import annotations

from reviewtools.report import workbook as wbk
from reviewtools.report.folder.fields import (
    CATEGORY_HEADER,
    GRAVE_HEADER,
    ISSUER_HEADER,
    RULE_HEADER,
    TITLE,
    Batch,
)

# Column widths in widths of "0".
_SHEETS = (("按发文机关", ISSUER_HEADER, (40, 10, 9, 9, 9, 9), "by_issuer"),
           ("按类别", CATEGORY_HEADER, (16, 9, 9, 9, 9, 12), "by_category"),
           ("按规则", RULE_HEADER, (12, 34, 30, 9, 9, 9, 12), "by_rule"),
           ("严重问题", GRAVE_HEADER, (6, 40, 26, 40, 16, 44), "grave"),
           ("无法读取", ("文件", "原因"), (60, 60), "unreadable"))


def render(batch: Batch) -> bytes:
    wb = wbk.new()
    ws = wbk.sheet(wb, "概况", (120,))
    wbk.append(ws, [TITLE], font=wbk.TITLE, align=wbk.CENTRE)
    for line in batch.overview():
        wbk.append(ws, [line])
    for name, header, widths, rows in _SHEETS:
        values = getattr(batch, rows)()
        if name == "无法读取" and not values:
            continue
        ws = wbk.sheet(wb, name, widths, header)
        numeric = [i for i, value in enumerate(values[0] if values else ()) if isinstance(value, int)]
        for row in values:
            wbk.append(ws, row, centred=numeric, font=wbk.HEAD if row[0] == "合计" else wbk.BODY)
    wb.properties.title = TITLE
    wb.properties.creator = batch.office or "reviewtools"
    return wbk.to_bytes(wb)
