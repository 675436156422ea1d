"""Damaged files and GBK file names through the commands a user runs: parse, review -o, cleanup run (twice).
Each goes through with a Chinese reminder, never 内部错误, and no library's English reaches the terminal."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.document import unusable_replaced
from tests.ingest.damaged_pdf import damaged_pdf

LINES = ["某市停车场管理办法", "第一条 为规范停车~场管理，根据有关法律法规，制定本办法。",
         "第二条 对违反本办法的，由市场监管部门处以罚款。"]
GBK_NAME = "关于加强停车管理的通知.txt"
DRAFT = "关于加强停车管理的通知\n各区人民政府：\n现就有关事项通知如下。对违反规定的，由市场监管部门处以罚款。\n"
ROOT = Path(__file__).resolve().parents[2]


def run(*args) -> object:
    return CliRunner().invoke(main, [str(a) for a in args])


def _gbk_named(folder: Path) -> None:
    fd = os.open(os.fsencode(folder) + b"/" + GBK_NAME.encode("gbk"), os.O_WRONLY | os.O_CREAT)
    os.write(fd, DRAFT.encode("utf-8"))
    os.close(fd)


def test_parse_and_memos_of_a_pdf_with_a_lone_surrogate(tmp_path):
    pdf = tmp_path / "损坏.pdf"
    pdf.write_bytes(damaged_pdf(LINES))
    reminder = f"提醒：{pdf}：{unusable_replaced(1)}"
    parsed = run("parse", pdf)
    assert parsed.exit_code == 0, parsed.output
    assert parsed.stderr.strip() == reminder
    assert "第一条 为规范停车\ufffd场管理" in parsed.stdout
    for suffix in ("html", "docx", "md", "json"):
        memo = tmp_path / f"意见书.{suffix}"
        result = run("review", pdf, "-o", memo)
        assert result.exit_code == 1, result.output  # 处以罚款 is a severe finding
        assert result.stderr.strip() == reminder
        assert memo.stat().st_size > 0
    assert "停车\ufffd场管理" in (tmp_path / "意见书.html").read_text(encoding="utf-8")


def test_cleanup_goes_past_a_damaged_pdf_and_a_gbk_name_and_resumes(tmp_path):
    docs = tmp_path / "现行文件"
    docs.mkdir()
    (docs / "损坏.pdf").write_bytes(damaged_pdf(LINES))
    _gbk_named(docs)
    db = tmp_path / "r.sqlite"
    first = run("cleanup", "run", docs, "--year", 2026, "--as-of", "2026-11-22", "--db", db, "--workers", 1)
    assert first.exit_code == 0, first.output
    assert "内部错误" not in first.output and "无法读取的文件" not in first.output
    with sqlite3.connect(db) as conn:
        files = dict(conn.execute("SELECT path, status FROM run_files"))
        versions = sorted(r[0] for r in conn.execute("SELECT path FROM versions"))
    assert files == {"损坏.pdf": "done", GBK_NAME: "done"}
    assert versions == sorted([GBK_NAME, "损坏.pdf"])
    assert (docs / os.fsdecode(GBK_NAME.encode("gb18030"))).is_file()  # the stored name gives the file back
    again = run("cleanup", "run", docs, "--year", 2026, "--as-of", "2026-11-22", "--db", db, "--workers", 1)
    assert again.exit_code == 0, again.output
    assert "均自上次清理后未改动，未重读" in again.output
    assert run("cleanup", "export", "-o", tmp_path / "清理.xlsx", "--db", db).exit_code == 0


def test_batch_review_of_a_folder_with_a_gbk_name(tmp_path):
    docs = tmp_path / "送审稿"
    docs.mkdir()
    _gbk_named(docs)
    out = tmp_path / "意见书"
    result = run("review", docs, "-o", out)
    assert result.exit_code == 1, result.output
    assert "内部错误" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "关于加强停车管理的通知.审查意见.docx", "审查汇总.docx",
                                                   "审查汇总.xlsx"]
    assert f"{docs}/{GBK_NAME}" in (out / "index.html").read_text(encoding="utf-8")


def test_pdfminer_warnings_never_reach_the_terminal(tmp_path):
    """A garbled page is read again with pdfplumber, whose pdfminer logs each damaged operator in English.
    Run as a process of its own: under pytest the log would go to pytest's handler, not to stderr."""
    pdf = tmp_path / "乱码.pdf"
    pdf.write_bytes(damaged_pdf(["~~~~~~~~~~~~"] * 3, broken_to="E001E002E003E004", operators=b"/X w"))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", "from reviewtools.cli import main; main()", "parse", str(pdf)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert done.stderr == f"错误：无法读取 {pdf}：文字层乱码（字体未嵌入编码映射），无法提取可用文字\n"
