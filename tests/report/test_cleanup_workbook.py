"""The cleanup workbook writer on hostile titles: text stays text, characters Excel refuses are dropped."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from reviewtools.report.cleanup.workbook import render


def test_a_formula_or_a_control_character_in_a_title_is_written_as_text():
    row = {"title": '=HYPERLINK("http://x","点击")', "doc_number": "某政发〔2016〕5号", "issuer": "某县\x07人民政府",
           "issued_on": "2016-03-01", "expires_on": None, "proposed": "继续有效", "reasons": json.dumps(["未发现问题"]),
           "decided": None, "decision_reason": None, "decision_note": None, "path": "a.txt", "doc_key": "k1"}
    ws = load_workbook(io.BytesIO(render(2026, [row])))["清理建议"]
    title = ws.cell(2, 2)
    assert title.value == '=HYPERLINK("http://x","点击")' and title.data_type == "s"
    assert ws.cell(2, 4).value == "某县人民政府"
    assert ws.cell(2, 9).value == "继续有效" and ws.cell(2, 9).fill.fgColor.rgb.endswith("FFF2CC")
    assert ws.cell(2, 5).number_format == "yyyy-mm-dd"
