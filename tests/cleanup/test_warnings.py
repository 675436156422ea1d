"""What was repaired while reading a file (undecodable bytes, unusable characters) is recorded per document
in the cleanup registry and shown after the run, the document read all the same."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

from reviewtools import cleanup
from reviewtools.cli import main
from reviewtools.document import unusable_replaced
from reviewtools.ingest.decode import bytes_replaced
from tests.ingest.damaged_pdf import damaged_pdf

DRAFT = "某县停车场管理办法\n第一条 为规范停车场管理，根据有关法律法规，制定本办法。\n第二条 本办法自2024年1月1日起施行。\n"
LINES = ["某县公园管理办法", "第一条 为规范公园~管理，根据有关法律法规，制定本办法。", "第二条 本办法自印发之日起施行。"]


def test_repairs_are_recorded_per_document_and_shown(tmp_path):
    docs = tmp_path / "现行文件"
    docs.mkdir()
    data = (DRAFT * 20).encode("utf-8")
    at = data.index("第二条".encode())
    (docs / "a_停车.txt").write_bytes(data[:at] + b"\xff" + data[at:])  # one damaged byte in a UTF-8 file
    (docs / "b_公园.pdf").write_bytes(damaged_pdf(LINES))  # a lone surrogate in its text
    (docs / "c_干净.txt").write_text(DRAFT.replace("停车场", "菜市场"), encoding="utf-8")
    db = tmp_path / "r.sqlite"
    result = cleanup.run(docs, 2026, db=db, workers=1)
    assert result.unreadable == []
    assert result.warnings == [("a_停车.txt", bytes_replaced(1)), ("b_公园.pdf", unusable_replaced(1))]
    with sqlite3.connect(db) as conn:
        assert sorted(conn.execute("SELECT source, warnings FROM run_items")) == [
            ("a_停车.txt", f'["{bytes_replaced(1)}"]'), ("b_公园.pdf", f'["{unusable_replaced(1)}"]'),
            ("c_干净.txt", "[]")]
    shown = CliRunner().invoke(main, ["cleanup", "run", str(docs), "--year", "2026", "--db", str(db), "--workers", "1"])
    assert shown.exit_code == 0, shown.output
    assert "读取时有修复的文件（2 个）" in shown.stdout and "无法按文字编码解读" in shown.stdout
