"""The whole annual workflow from the command line: cleanup run → export → import → catalogue."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewtools import cleanup
from reviewtools.cleanup import publish
from reviewtools.cli import main
from reviewtools.registry import Registry
from reviewtools.report.catalogue import docx as docx_writer
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


# ---------------------------------------------------------------- published whole or not at all

@pytest.fixture(scope="module")
def proposed(tmp_path_factory) -> bytes:
    """A registry holding the batch's proposals, as bytes: built once, copied for each test."""
    folder = tmp_path_factory.mktemp("proposed")
    cleanup.run(cleanup_batch.build(folder / "docs"), cleanup_batch.YEAR, cleanup_batch.AS_OF,
                db=folder / "r.sqlite", workers=1)
    with Registry(folder / "r.sqlite") as reg:
        reg.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return (folder / "r.sqlite").read_bytes()


@pytest.fixture
def db(proposed, tmp_path):
    path = tmp_path / "r.sqlite"
    path.write_bytes(proposed)
    return path


def editions(db) -> int:
    with Registry(db) as reg:
        return reg.one("SELECT count(*) FROM catalogue_editions")[0]


def snapshot(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def beside(folder) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


KILLED = """
import os, signal, sys
from reviewtools.cli import main
from reviewtools.report.catalogue import docx

def killed(*args):  # the .xlsx is written by now: kill -9 in the middle of the set
    os.kill(os.getpid(), signal.SIGKILL)

docx.write = killed
sys.exit(main())
"""


def test_a_catalogue_killed_while_writing_leaves_nothing_at_the_target_and_no_edition(db, tmp_path):
    out = tmp_path / "目录"
    proc = subprocess.run([sys.executable, "-c", KILLED, "catalogue", "--year", "2026", "-o", str(out),
                           "--db", str(db)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists() and editions(db) == 0
    (hidden,) = beside(out)  # the half-written set is only in the hidden folder beside the target
    assert hidden.startswith(".目录.new-") and sorted(snapshot(tmp_path / hidden)) == ["catalogue-2026.xlsx"]
    result = run("catalogue", "--year", 2026, "-o", out, "--db", db)
    assert result.exit_code == 0, result.output
    assert {"catalogue-2026.xlsx", "catalogue-2026.docx", "catalogue-2026-valid.csv", "site/index.html"} \
        <= set(snapshot(out))
    assert editions(db) == 1


def test_a_failed_republish_leaves_the_previous_catalogue_as_it_was(db, tmp_path, monkeypatch):
    out = tmp_path / "目录"
    assert run("catalogue", "--year", 2026, "-o", out, "--db", db, "--format", "xlsx,docx").exit_code == 0
    before = snapshot(out)

    def interrupted(*args):
        raise KeyboardInterrupt  # as if stopped after the .xlsx was written

    monkeypatch.setattr(docx_writer, "write", interrupted)
    result = run("catalogue", "--year", 2026, "-o", out, "--db", db, "--office", "另一机关", "--format", "xlsx,docx")
    assert result.exit_code == 130
    assert snapshot(out) == before and editions(db) == 1 and beside(out) == []


def test_if_the_rename_fails_the_edition_is_not_recorded(db, tmp_path, monkeypatch):
    out = tmp_path / "目录"
    assert run("catalogue", "--year", 2026, "-o", out, "--db", db, "--format", "csv").exit_code == 0
    before = snapshot(out)
    rename = os.rename

    def refused(src, dst):
        if ".new-" in str(src):
            raise PermissionError(13, "Permission denied")
        return rename(src, dst)

    monkeypatch.setattr(publish.os, "rename", refused)
    result = run("catalogue", "--year", 2026, "-o", out, "--db", db, "--format", "csv")
    assert result.exit_code == 2
    assert result.stderr == f"错误：无法写出目录到 {out}：权限不足\n"
    assert snapshot(out) == before and editions(db) == 1 and beside(out) == []


def test_republishing_replaces_the_folder_whole(db, tmp_path):
    out = tmp_path / "目录"
    assert run("catalogue", "--year", 2026, "-o", out, "--db", db).exit_code == 0
    (out / "catalogue-2026.docx").write_bytes(b"stale")
    result = run("catalogue", "--year", 2026, "-o", out, "--db", db, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert sorted(snapshot(out)) == ["catalogue-2026-changes.csv", "catalogue-2026-expired.csv",
                                     "catalogue-2026-repealed.csv", "catalogue-2026-valid.csv"]
    assert editions(db) == 2 and beside(out) == []
    assert result.stdout.splitlines()[-1] == f"已写出 {out / 'catalogue-2026-changes.csv'}"


def test_a_folder_holding_other_files_is_not_replaced(db, tmp_path):
    out = tmp_path / "目录"
    out.mkdir()
    (out / "说明.txt").write_text("科室的笔记", encoding="utf-8")
    result = run("catalogue", "--year", 2026, "-o", out, "--db", db)
    assert result.exit_code == 2
    assert result.stderr == (f"错误：输出文件夹 {out} 中有不是目录生成的文件（说明.txt）：目录整体写出并替换该文件夹，"
                             "请另选新的文件夹或移走这些文件\n")
    assert snapshot(out) == {"说明.txt": "科室的笔记".encode()} and editions(db) == 0


def test_publishing_while_a_cleanup_holds_the_registry_is_refused(db, tmp_path):
    from tests.registry.test_lock import holder

    proc = holder(db, 60)
    try:
        result = run("catalogue", "--year", 2026, "-o", tmp_path / "目录", "--db", db)
    finally:
        proc.kill()
        proc.wait()
    assert result.exit_code == 2 and f"正由另一个清理进程（cleanup run，pid {proc.pid}，" in result.stderr
    assert not (tmp_path / "目录").exists() and editions(db) == 0
