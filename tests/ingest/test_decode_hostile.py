"""Hostile text and undecodable file names, built here: `parse` never prints a control character of the file
raw (text or JSON), and a name in GBK bytes, or in bytes no encoding reads, goes through every writer — memo
.docx/.html/.md/.json, console lines, the batch index and the cleanup registry — never 内部错误."""

from __future__ import annotations

import json
import os
import sqlite3
import zipfile

import pytest
from click.testing import CliRunner

from reviewtools.cli import main

DRAFT = "关于加强停车管理的通知\n各区人民政府：\n现就有关事项通知如下。对违反规定的，由市场监管部门处以罚款。\n"
HOSTILE = "某市停车场管理办法\n第一条 \x1b]0;标题\x07为规范\x1b[31m停车\x9b2J场\u202e管理\x7f，制定本办法。\n"
UNSAFE = ("\x1b", "\x07", "\x9b", "\u202e", "\x7f")
GBK = "关于停车的通知.txt"
RAW = b"\xff\xfe\x81.txt"  # neither UTF-8 nor GB18030

posix = pytest.mark.skipif(os.name != "posix", reason="file names as bytes, as on Linux")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("as_json", [False, True])
def test_parse_never_prints_control_characters_raw(tmp_path, as_json):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    result = run("parse", *(["--json"] if as_json else []), path)
    assert result.exit_code == 0, result.output
    assert not [c for c in UNSAFE if c in result.output]
    if as_json:  # the JSON still carries what the file holds, escaped (C0 controls and DEL dropped at ingest)
        assert "停车\\u009b2J场\\u202e管理" in result.stdout
        assert json.loads(result.stdout)["text"].endswith("第一条 ]0;标题为规范[31m停车\x9b2J场\u202e管理，制定本办法。")
    else:
        assert "第一条 ]0;标题为规范[31m停车场管理，制定本办法。" in result.stdout


def _named(folder, raw: bytes) -> str:
    path = os.fsencode(folder) + b"/" + raw
    with open(path, "wb") as f:
        f.write(DRAFT.encode("utf-8"))
    return os.fsdecode(path)


@posix
@pytest.mark.parametrize(("raw", "shown"), [(GBK.encode("gbk"), GBK), (RAW, "\\xff\\xfe\\x81.txt")])
def test_an_undecodable_name_goes_through_every_writer(tmp_path, raw, shown):
    given = _named(tmp_path, raw)
    for suffix in ("docx", "html", "md", "json"):
        memo = tmp_path / f"意见书.{suffix}"
        result = run("review", given, "-o", memo)
        assert result.exit_code == 1, result.output  # 处以罚款 is a severe finding
        assert result.stdout == f"{tmp_path}/{shown}：建议修改后同意（严重 1，警告 0，提示 0）→ 意见书已写入 {memo}\n"
    with zipfile.ZipFile(tmp_path / "意见书.docx") as zf:  # the .docx names the document by its title
        assert "关于《关于加强停车管理的通知》的合法性审查意见书" in zf.read("word/document.xml").decode("utf-8")
    assert shown in (tmp_path / "意见书.html").read_text(encoding="utf-8")
    md_escaped = shown.replace("\\", "\\\\").replace(".", "\\.")
    assert f"/{md_escaped}\n" in (tmp_path / "意见书.md").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "意见书.json").read_text(encoding="utf-8"))["source"]["path"] == f"{tmp_path}/{shown}"
    parsed = run("parse", given)
    assert parsed.exit_code == 0 and parsed.stdout.startswith(f"==== {tmp_path}/{shown}\n")
    console = run("review", given)
    assert console.exit_code == 1 and shown in console.stdout and "内部错误" not in console.output


@posix
def test_a_cleanup_stores_the_decoded_names_and_resumes(tmp_path):
    docs = tmp_path / "现行文件"
    docs.mkdir()
    _named(docs, GBK.encode("gbk"))
    _named(docs, RAW)
    db = tmp_path / "r.sqlite"
    for _ in range(2):
        result = run("cleanup", "run", docs, "--year", 2026, "--as-of", "2026-11-22", "--db", db, "--workers", 1)
        assert result.exit_code == 0, result.output
        assert "内部错误" not in result.output
    assert "均自上次清理后未改动，未重读" in result.output
    with sqlite3.connect(db) as conn:
        assert dict(conn.execute("SELECT path, status FROM run_files")) == {GBK: "done", "\\xff\\xfe\\x81.txt": "done"}
    assert run("cleanup", "export", "-o", tmp_path / "清理.xlsx", "--db", db).exit_code == 0
