"""`reviewtools review … --annotate`: where the draft with comments is written, for one file and a folder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
from click.testing import CliRunner

from reviewtools.cli import main
from tests.drafts import DRAFT
from tests.report.test_annotate import _draft


def run(*args: str):
    return CliRunner().invoke(main, [*args, "--as-of", "2026-11-22"])


def _comments(path: Path) -> list:
    return list(docx.Document(io.BytesIO(path.read_bytes())).comments)


def test_one_draft_annotated_beside_it(tmp_path: Path):
    draft, data = tmp_path / "草案.docx", _draft()
    draft.write_bytes(data)
    result = run("review", str(draft), "--annotate")
    assert result.exit_code == 1, result.output  # the draft has 严重 findings
    target = tmp_path / "草案.审查批注.docx"
    assert f"批注稿已写入 {target}" in result.output
    findings = json.loads(run("review", str(draft), "--format", "json").output)["findings"]
    assert [c.text.split("\n")[-1] for c in _comments(target)] == [f"规则：{f['rule']}" for f in findings]
    assert draft.read_bytes() == data  # the draft itself untouched


def test_one_draft_annotated_beside_its_memo(tmp_path: Path):
    draft = tmp_path / "草案.docx"
    draft.write_bytes(_draft())
    result = run("review", str(draft), "-o", str(tmp_path / "out" / "意见.docx"), "--annotate")
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["意见.docx", "草案.审查批注.docx"]


def test_folder_annotated_into_the_output_folder(tmp_path: Path):
    docs = tmp_path / "送审"
    docs.mkdir()
    (docs / "甲.docx").write_bytes(_draft())
    (docs / "乙.txt").write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "out"
    result = run("review", str(docs), "-o", str(out), "--annotate")
    assert result.exit_code == 1, result.output
    names = {p.name for p in out.iterdir()}
    assert {"甲.审查批注.docx", "乙.审查批注.docx", "甲.审查意见.docx", "乙.审查意见.docx", "index.html"} <= names
    assert len(_comments(out / "乙.审查批注.docx")) == 5  # the text draft as a new .docx with its comments
    assert {p.name for p in docs.iterdir()} == {"甲.docx", "乙.txt"}


def test_folder_without_an_output_folder_is_refused(tmp_path: Path):
    (tmp_path / "乙.txt").write_text(DRAFT, encoding="utf-8")
    result = run("review", str(tmp_path), "--annotate")
    assert result.exit_code == 2
    assert result.output.strip() == "错误：审查多个文件时，--annotate 需要用 -o 指定输出文件夹"


def test_json_on_standard_output_stays_json_with_annotate(tmp_path: Path):
    draft = tmp_path / "草案.docx"
    draft.write_bytes(_draft())
    result = run("review", str(draft), "--format", "json", "--annotate")
    assert json.loads(result.stdout)["findings"]
    assert (tmp_path / "草案.审查批注.docx").is_file()
