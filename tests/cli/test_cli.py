"""The command line as a user meets it: exit status, one-line Chinese errors, batches that go on."""

from __future__ import annotations

import json
import zipfile

from click.testing import CliRunner

from reviewtools.cli import main

DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_parse_prints_metadata_and_the_text(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text("关于加强停车管理的通知\n某政发〔2024〕3号\n各区人民政府：\n现就有关事项通知如下。\n某市人民政府\n2024年3月5日",
                 encoding="gbk")
    result = run("parse", str(f))
    assert result.exit_code == 0
    out = result.output
    assert "标题：关于加强停车管理的通知" in out
    assert "发文字号：某政发〔2024〕3号" in out
    assert "发文机关：某市人民政府" in out
    assert "成文日期：2024-03-05（原文：2024年3月5日）" in out
    assert out.rstrip().endswith("某市人民政府\n2024年3月5日")


def test_parse_json_is_the_document(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text(DRAFT, encoding="utf-8")
    result = run("parse", "--json", str(f))
    data = json.loads(result.output)
    assert data["text"] == DRAFT.strip()
    assert data["format"] == "txt"
    assert data["blocks"][1] == {"kind": "paragraph", "start": 10, "end": 48, "paragraph": 2}
    assert data["metadata"]["kind"] == "管理办法"


def test_bad_files_get_one_chinese_line_each_and_the_batch_goes_on(tmp_path):
    (tmp_path / "a_good.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b_empty.txt").write_bytes(b"")
    (tmp_path / "c_broken.docx").write_bytes(b"PK\x03\x04broken zip")
    (tmp_path / "d_broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj<<>>garbage")
    (tmp_path / "e_good.txt").write_text(DRAFT.replace("停车场", "公园"), encoding="gbk")
    result = CliRunner().invoke(main, ["parse", "--json", str(tmp_path)])
    assert result.exit_code == 2
    parsed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["path"].rsplit("/", 1)[-1] for p in parsed] == ["a_good.txt", "e_good.txt"]
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"错误：无法读取 {tmp_path / 'b_empty.txt'}：空文件，没有可读取的文字",
        f"错误：无法读取 {tmp_path / 'c_broken.docx'}：文件已损坏，无法解析",
        f"错误：无法读取 {tmp_path / 'd_broken.pdf'}：文件已损坏，无法解析",
    ]
    assert "Traceback" not in result.output


def test_zip_entries_are_read_and_unsafe_paths_refused(tmp_path):
    archive = tmp_path / "drafts.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("一/办法.txt", DRAFT.encode("gbk"))
        z.writestr("../escape.txt", DRAFT)
        z.writestr("/abs.txt", DRAFT)
        z.writestr("空.txt", b"")
    result = CliRunner().invoke(main, ["parse", "--json", str(archive)])
    assert result.exit_code == 2
    parsed = [json.loads(line) for line in result.stdout.splitlines()]
    assert [p["path"] for p in parsed] == [f"{archive}!一/办法.txt"]
    assert parsed[0]["text"] == DRAFT.strip()
    errors = result.stderr.strip().splitlines()
    assert any("../escape.txt：压缩包内路径不安全" in e for e in errors)
    assert any("/abs.txt：压缩包内路径不安全" in e for e in errors)
    assert any("空.txt：空文件" in e for e in errors)


def test_missing_file_and_misuse_exit_2_in_chinese(tmp_path):
    result = run("parse", str(tmp_path / "nope.docx"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"错误：无法读取 {tmp_path / 'nope.docx'}：文件不存在"
    result = run("review", "--as-of", "昨天", str(tmp_path))
    assert result.exit_code == 2
    assert "错误：--as-of 应为日期" in result.stderr


def test_help_is_in_chinese():
    result = run("--help")
    assert "用法：" in result.output and "选项" in result.output and "命令" in result.output
    assert "Show this message" not in result.output
