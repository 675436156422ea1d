"""The whole annual workflow from the command line: cleanup run → export → import → catalogue."""

from __future__ import annotations

import csv

from click.testing import CliRunner
from openpyxl import load_workbook

from reviewtools.cli import main
from reviewtools.registry import Registry
from tests import cleanup_batch


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cleanup_to_published_catalogue(tmp_path):
    folder = cleanup_batch.build(tmp_path / "docs")
    db = tmp_path / "registry.sqlite"
    expected = cleanup_batch.expected()
    first = run("cleanup", "run", folder, "--year", 2026, "--as-of", "2026-11-22", "--db", db, "--workers", 1)
    assert first.exit_code == 0, first.output
    book = tmp_path / "决定.xlsx"
    assert run("cleanup", "export", "-o", book, "--db", db).exit_code == 0
    imported = run("cleanup", "import", book, "--by", "法制科", "--db", db)
    assert imported.exit_code == 0, imported.output

    out = tmp_path / "目录"
    result = run("catalogue", "--year", 2026, "-o", out, "--db", db, "--office", "某县人民政府")
    assert result.exit_code == 0, result.output
    # 副本/c01.txt is a byte-identical copy of c01.txt: one document in the registry and the catalogue.
    valid = sum(1 for path, s in expected.items() if s in ("继续有效", "修改") and not path.startswith("副本/"))
    repealed = sum(1 for s in expected.values() if s == "废止")
    expired = sum(1 for s in expected.values() if s == "宣布失效")
    assert f"现行有效 {valid} 件，废止 {repealed} 件，宣布失效 {expired} 件" in result.output
    assert "尚未导入决定" not in result.stderr  # every document was decided by the import

    rows = list(csv.DictReader((out / "catalogue-2026-valid.csv").open(encoding="utf-8-sig")))
    assert len(rows) == valid
    sheet = load_workbook(out / "catalogue-2026.xlsx")["现行有效目录"]
    assert sheet.page_setup.orientation == "landscape"
    assert (out / "catalogue-2026.docx").is_file()
    index = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert all(r["文件名称"] in index for r in rows)
    with Registry(db) as registry:
        assert len(registry.edition(2026)) == valid  # the published edition is next year's starting point


def test_catalogue_without_a_registry_is_a_clear_error(tmp_path):
    result = run("catalogue", "--year", 2026, "-o", tmp_path / "out", "--db", tmp_path / "none.sqlite")
    assert result.exit_code == 2
    assert "登记库不存在" in result.stderr and "cleanup run" in result.stderr
