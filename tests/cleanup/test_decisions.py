"""The cleanup workbook: exported as the office needs it, read back with openpyxl, imported unchanged into
decisions equal to the proposals; a decision that needs a reason and has none is refused, naming the row."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewtools import cleanup
from reviewtools.cleanup.catalogue import catalogue_data
from reviewtools.cleanup.decisions import COLUMNS
from reviewtools.cli import main
from reviewtools.registry import Registry
from tests import cleanup_batch as batch

HEADERS = ["序号", "文件名称", "文号", "发文机关", "成文日期", "有效期至", "建议", "理由", "决定", "决定理由", "备注",
           "文件路径", "标识"]


@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> bytes:
    """A registry holding the batch's proposals, as bytes: built once, copied for each test that edits it."""
    folder = tmp_path_factory.mktemp("proposed")
    cleanup.run(batch.build(folder / "docs"), batch.YEAR, batch.AS_OF, db=folder / "r.sqlite", workers=1)
    with Registry(folder / "r.sqlite") as reg:
        reg.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder / "r.sqlite").read_bytes()


@pytest.fixture
def db(proposed, tmp_path):
    path = tmp_path / "r.sqlite"
    path.write_bytes(proposed)
    return path


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


def export(db, path) -> list[dict]:
    result = cli("cleanup", "export", "-o", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"已导出2026年度清理建议 31 件 → {path}"
    ws = load_workbook(path)["清理建议"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def proposals(db) -> dict[str, tuple[str, list[str]]]:
    with Registry(db) as reg:
        return {r["doc_key"]: (r["status"], json.loads(r["reasons"])) for r in reg.all(
            "SELECT d.doc_key, p.status, p.reasons FROM proposals p JOIN documents d ON d.id = p.document_id")}


def decisions(db) -> dict[str, tuple]:
    with Registry(db) as reg:
        return {r["doc_key"]: (r["status"], r["reason"], r["note"], r["who"]) for r in reg.all(
            "SELECT d.doc_key, x.status, x.reason, x.note, x.who FROM decisions x JOIN documents d ON d.id = x.document_id "
            "WHERE x.id IN (SELECT max(id) FROM decisions GROUP BY year, document_id)")}


def test_the_workbook_is_what_the_office_edits(db, tmp_path):
    path = tmp_path / "清理建议.xlsx"
    rows = export(db, path)
    wb = load_workbook(path)
    ws = wb["清理建议"]
    assert [c.value for c in ws[1]] == HEADERS == [h for h, _, _ in COLUMNS]
    assert len(rows) == 31 and [r["序号"] for r in rows] == list(range(1, 32))
    # the decision starts as the proposal, and the proposal is the registry's
    assert all(r["决定"] == r["建议"] for r in rows)
    assert {r["标识"]: (r["建议"], r["理由"] or "") for r in rows} == {
        k: (s, "\n".join(reasons)) for k, (s, reasons) in proposals(db).items()}
    by_path = {r["文件路径"]: r for r in rows}
    assert by_path["r1_old.txt"]["文号"] == "某政发〔2016〕5号" and by_path["r1_old.txt"]["发文机关"] == "某县人民政府"
    assert by_path["r1_old.txt"]["成文日期"].date().isoformat() == "2016-03-01"
    assert by_path["e5.docx"]["有效期至"].date().isoformat() == "2021-06-30"
    # a drop-down of the four statuses over the whole 决定 column
    (dv,) = ws.data_validations.dataValidation
    assert dv.type == "list" and dv.formula1 == '"继续有效,修改,废止,宣布失效"' and str(dv.sqref) == "I2:I32"
    # frozen header, widths, hidden key column, A4 landscape fitted to the width, header repeated on each page
    assert ws.freeze_panes == "C2" and ws.print_title_rows == "$1:$1"
    # narrowed in proportion to print at ≥ 9 pt (tests/report/test_print_size.py prints it), the key not counted
    b, h = ws.column_dimensions["B"].width, ws.column_dimensions["H"].width
    assert 15 < b < 40 and abs(b / h - 40 / 48) < 0.01 and ws.column_dimensions["M"].hidden
    assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.cell(2, 8).alignment.wrap_text and ws.cell(1, 1).font.bold
    notes = {r[0]: r[1] for r in wb["说明"].iter_rows(values_only=True)}
    assert notes["清理年度"] == 2026


def test_imported_unchanged_the_decisions_are_the_proposals(db, tmp_path):
    path = tmp_path / "清理建议.xlsx"
    export(db, path)
    result = cli("cleanup", "import", str(path), "--by", "张三", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "已导入2026年度决定 31 件（新记录 31 条）。"
    got, wanted = decisions(db), proposals(db)
    assert {k: v[0] for k, v in got.items()} == {k: v[0] for k, v in wanted.items()}
    assert all(who == "张三" for _, _, _, who in got.values())
    # 废止 and 宣布失效 take the proposal's reasons when the decision agrees and gives none
    for key, (status, reason, _, _) in got.items():
        assert reason == ("；".join(wanted[key][1]) if status in ("废止", "宣布失效") else "")
    # proposals are untouched, and importing again records nothing new
    assert proposals(db) == wanted
    again = cli("cleanup", "import", str(path), "--by", "张三", "--db", str(db))
    assert again.exit_code == 0 and "新记录 0 条" in again.stdout
    with Registry(db) as reg:
        assert reg.one("SELECT count(*) FROM decisions")[0] == 31


def _edit(path, by_path: str, **cells) -> int:
    """Set cells of the row read from `by_path`; returns its row number."""
    wb = load_workbook(path)
    ws = wb["清理建议"]
    column = {c.value: c.column for c in ws[1]}
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column["文件路径"]).value == by_path)
    for header, value in cells.items():
        ws.cell(row, column[header]).value = value
    wb.save(path)
    return row


def test_a_repeal_without_a_reason_is_refused_naming_the_row(db, tmp_path):
    path = tmp_path / "清理建议.xlsx"
    export(db, path)
    row = _edit(path, "c03.txt", 决定="废止")
    result = cli("cleanup", "import", str(path), "--db", str(db))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"错误：第{row}行：决定为废止但未填写理由"
    assert decisions(db) == {}  # nothing recorded: all or nothing
    _edit(path, "c03.txt", 决定="宣布失效")
    assert f"第{row}行：决定为宣布失效但未填写理由" in cli("cleanup", "import", str(path), "--db", str(db)).stderr
    _edit(path, "c03.txt", 决定="作废")
    assert f"第{row}行：决定“作废”无效" in cli("cleanup", "import", str(path), "--db", str(db)).stderr


def test_the_offices_decisions_and_notes_reach_the_catalogue(db, tmp_path):
    path = tmp_path / "清理建议.xlsx"
    export(db, path)
    _edit(path, "c03.txt", 决定="废止", 决定理由="全民阅读工作已纳入新的规划。", 备注="科室意见")
    _edit(path, "m2.txt", 决定="继续有效", 备注="机构名称在下次修订时一并修改")
    _edit(path, "c04.txt", 决定=None)  # left undecided: the proposal stands
    result = cli("cleanup", "import", str(path), "--by", "李四", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "已导入2026年度决定 30 件，其中 2 件与建议不同（新记录 30 条）；1 件未填决定。"
    cat = catalogue_data(db, batch.YEAR)
    titles = {name: spec[0] for name, spec in batch.DOCS.items()}
    repealed = {e.path: e for e in cat.repealed}
    assert set(repealed) == {"c03.txt", "p1.txt", "r1_old.txt", "r2_old.txt", "r3_old.txt", "r4_old.txt"}
    c03 = repealed["c03.txt"]
    assert (c03.status, c03.proposed, c03.reason, c03.note, c03.decided) == (
        "废止", "继续有效", "全民阅读工作已纳入新的规划。", "科室意见", True)
    assert repealed["r1_old.txt"].replaced_by == "《某县城区停车管理办法》（某政发〔2023〕8号）"
    assert {e.path for e in cat.expired} == {"e1.txt", "e2.txt", "e3.txt", "e4.txt", "e5.docx"}
    valid = {e.path: e for e in cat.valid}
    assert valid["m2.txt"].status == "继续有效" and valid["m2.txt"].note == "机构名称在下次修订时一并修改"
    assert valid["m1.txt"].status == "修改" and "合同法" in valid["m1.txt"].reason
    assert valid["c04.txt"].decided is False and cat.undecided == 1
    assert len(cat.valid) == 31 - 6 - 5 and [e.seq for e in cat.valid] == list(range(1, len(cat.valid) + 1))
    c01 = valid["c01.txt"]
    assert (c01.title, c01.doc_number, c01.issuer, c01.issued_on, c01.effective_on, c01.expires_on, c01.doc_key) == (
        titles["c01.txt"], "某政发〔2024〕1号", "某县人民政府", "2024-01-10", "2024-02-01", "2029-01-31", "某政发〔2024〕1号")
    assert c01.text.startswith(titles["c01.txt"]) and c01.reason is None
    assert cat.changes == []  # no previous catalogue imported


def test_a_workbook_that_is_not_one_is_refused(db, tmp_path):
    from openpyxl import Workbook

    other = tmp_path / "别的.xlsx"
    Workbook().save(other)
    result = cli("cleanup", "import", str(other), "--db", str(db))
    assert result.exit_code == 2 and "不是清理建议工作簿" in result.stderr
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04broken")
    result = cli("cleanup", "import", str(tmp_path / "坏.xlsx"), "--db", str(db))
    assert result.exit_code == 2 and "文件已损坏" in result.stderr


def test_importing_while_a_cleanup_holds_the_registry_refuses_then_waits(db, tmp_path):
    from tests.registry.test_lock import holder

    book = tmp_path / "决定.xlsx"
    export(db, book)
    proc = holder(db, 1.0)
    try:
        refused = cli("cleanup", "import", str(book), "--db", str(db))
        assert refused.exit_code == 2 and f"正由另一个清理进程（cleanup run，pid {proc.pid}，" in refused.stderr
        assert decisions(db) == {}
        waited = cli("cleanup", "import", str(book), "--db", str(db), "--wait", "30")
    finally:
        proc.kill()
        proc.wait()
    assert waited.exit_code == 0, waited.output
    assert len(decisions(db)) == 31
