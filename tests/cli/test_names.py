"""File names from input with terminal escapes and bidi overrides: cleaned in error lines, in output file
names and in index links."""

from __future__ import annotations

from click.testing import CliRunner

from reviewtools.cli import main

DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"


def test_escapes_in_names_never_reach_the_terminal_or_the_output_names(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a\x1b[31mb\u202ec.txt").write_text(DRAFT, encoding="utf-8")
    (src / "javascript:alert(1).txt").write_text(DRAFT, encoding="utf-8")
    (src / "e\x1b]0;x\x07[red]mpty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["review", str(src), "-o", str(out), "--format", "html"])
    assert result.exit_code == 2
    assert "\x1b" not in result.output and "\u202e" not in result.output and "内部错误" not in result.output
    assert result.stderr.strip() == f"错误：无法读取 {src}/e[red]mpty.txt：空文件，没有可读取的文字"
    assert sorted(p.name for p in out.iterdir()) == ["abc.审查意见.html", "index.html", "javascript:alert(1).审查意见.html",
                                                   "审查汇总.docx", "审查汇总.xlsx"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="./javascript%3Aalert%281%29.%E5%AE%A1' in index and 'href="javascript' not in index
