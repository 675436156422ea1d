"""The cleanup workbook the office edits: one row per document with the proposal and its reasons, and a
决定 column (a drop-down) that starts filled with the proposal; a 说明 sheet says how to fill it in."""

from __future__ import annotations

import json
from datetime import date

from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reviewtools.cleanup.decisions import COLUMNS, HIDDEN, NOTES, SHEET
from reviewtools.report.workbook import WRAP, append, new, sheet, to_bytes
from reviewtools.terms import CLEANUP_STATUSES

DECISION_FILL = PatternFill("solid", fgColor="FFF2CC")  # the columns the office fills in
_DECIDED = ("决定", "决定理由", "备注")
_DATES = ("成文日期", "有效期至")


def render(year: int, rows: list) -> bytes:
    """The workbook of `year`'s proposals (rows of cleanup.decisions.worklist)."""
    wb = new()
    ws = sheet(wb, SHEET, [width for _, width, _ in COLUMNS], [header for header, _, _ in COLUMNS],
               hidden=[_index(HIDDEN) - 1])
    for n, r in enumerate(rows, 1):
        row = append(ws, [n, r["title"], r["doc_number"], r["issuer"], _day(r["issued_on"]), _day(r["expires_on"]),
                          r["proposed"], "\n".join(json.loads(r["reasons"])), r["decided"] or r["proposed"],
                          r["decision_reason"] or "", r["decision_note"] or "", r["path"], r["doc_key"]],
                     centred=[j for j, (_, _, wraps) in enumerate(COLUMNS) if not wraps])
        for j, (header, _, _) in enumerate(COLUMNS, 1):
            cell = ws.cell(row, j)
            if header in _DECIDED:
                cell.fill = DECISION_FILL
            if header in _DATES:
                cell.number_format = "yyyy-mm-dd"
    decision = get_column_letter(_index("决定"))
    choices = DataValidation(type="list", formula1='"' + ",".join(CLEANUP_STATUSES) + '"', allow_blank=True,
                             showErrorMessage=True, errorTitle="决定无效", error="请从下拉列表中选择：" + "、".join(CLEANUP_STATUSES),
                             promptTitle="决定", prompt="继续有效 / 修改 / 废止 / 宣布失效", showInputMessage=True)
    ws.add_data_validation(choices)
    choices.add(f"{decision}2:{decision}{max(len(rows) + 1, 2)}")
    ws.freeze_panes = "C2"  # the number and the title stay in view when scrolling right
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS) - 1)}{len(rows) + 1}"
    notes = sheet(wb, NOTES, [12, 90])
    for line in (("清理年度", year), ("说明", "“决定”列已按“建议”预先填写；不同意的，从下拉列表中改选，并填写“决定理由”。"),
                 ("", "决定为废止或宣布失效的须有理由；与建议相同时可不填，导入时沿用建议的理由。"),
                 ("", "请勿修改隐藏的“标识”列，导入时据此找到对应文件。"),
                 ("导入", "reviewtools cleanup import 本文件.xlsx --by 经办人")):
        append(notes, list(line), align=WRAP)
    return to_bytes(wb)


def _day(iso: str | None):
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:
        return iso


def _index(header: str) -> int:
    return next(j for j, (h, _, _) in enumerate(COLUMNS, 1) if h == header)
