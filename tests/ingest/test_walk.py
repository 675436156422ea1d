"""Folders walked without following symlinks; FIFOs and devices refused without being opened."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.errors import ReadError
from reviewtools.ingest import iter_documents, list_files, read_file

DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"
SECRET = "root:x:0:0:root:/root:/bin/bash 机密内容\n"
NOT_REGULAR = "不是普通文件（命名管道、设备或套接字），已跳过"

posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="symlinks and FIFOs as on POSIX")


@pytest.fixture
def folder(tmp_path) -> Path:
    """in/: a draft, links out of it (file, folder, dangling), links that stay inside, a loop, and a FIFO."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd.txt").write_text(SECRET, encoding="utf-8")
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "a_办法.txt").write_text(DRAFT, encoding="utf-8")
    (root / "sub" / "b_办法.txt").write_text(DRAFT.replace("停车场", "公园"), encoding="utf-8")
    (root / "passwd.txt").symlink_to(outside / "passwd.txt")
    (root / "etc").symlink_to(outside, target_is_directory=True)
    (root / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (root / "copy.txt").symlink_to(root / "a_办法.txt")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    os.mkfifo(root / "pipe.txt")
    return root


@posix
def test_links_leaving_the_folder_are_reported_and_never_read(folder, tmp_path):
    items = list_files([folder])
    assert [i for i in items if isinstance(i, Path)] == [folder / "a_办法.txt", folder / "sub" / "b_办法.txt"]
    assert [(i.path, i.cause) for i in items if isinstance(i, ReadError)] == [
        (str(folder / "etc"), f"符号链接指向输入文件夹以外（{tmp_path / 'outside'}），未读取"),
        (str(folder / "gone.txt"), f"符号链接指向输入文件夹以外（{tmp_path / 'nowhere.txt'}），未读取"),
        (str(folder / "passwd.txt"), f"符号链接指向输入文件夹以外（{tmp_path / 'outside' / 'passwd.txt'}），未读取"),
        (str(folder / "pipe.txt"), NOT_REGULAR),
    ]


@posix
def test_parse_of_the_folder_reads_the_rest_and_says_what_it_skipped(folder, tmp_path):
    result = CliRunner().invoke(main, ["parse", "--json", str(folder)])
    assert result.exit_code == 2
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == [
        str(folder / "a_办法.txt"), str(folder / "sub" / "b_办法.txt")]
    assert "机密内容" not in result.output
    assert result.stderr.splitlines() == [
        f"错误：无法读取 {folder / 'etc'}：符号链接指向输入文件夹以外（{tmp_path / 'outside'}），未读取",
        f"错误：无法读取 {folder / 'gone.txt'}：符号链接指向输入文件夹以外（{tmp_path / 'nowhere.txt'}），未读取",
        f"错误：无法读取 {folder / 'passwd.txt'}：符号链接指向输入文件夹以外（{tmp_path / 'outside' / 'passwd.txt'}），未读取",
        f"错误：无法读取 {folder / 'pipe.txt'}：{NOT_REGULAR}",
    ]


@posix
def test_a_fifo_given_is_not_a_regular_file_and_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.docx")  # opened for reading, it would wait for a writer forever
    result = CliRunner().invoke(main, ["review", str(tmp_path / "pipe.docx")])
    assert result.exit_code == 2
    assert result.stderr == f"错误：无法读取 {tmp_path / 'pipe.docx'}：{NOT_REGULAR}\n"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="no /dev/null")
def test_a_device_is_not_a_regular_file():
    with pytest.raises(ReadError) as caught:
        read_file("/dev/null")
    assert caught.value.cause == NOT_REGULAR
    assert [(e.path, e.cause) for e in iter_documents(["/dev/zero"])] == [("/dev/zero", NOT_REGULAR)]


def test_a_missing_file_is_still_missing(tmp_path):
    with pytest.raises(ReadError) as caught:
        read_file(tmp_path / "nope.txt")
    assert caught.value.cause == "文件不存在"


@posix
def test_a_symlink_named_on_the_command_line_is_the_users_choice(tmp_path):
    (tmp_path / "draft.txt").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(tmp_path / "draft.txt")
    assert read_file(tmp_path / "link.txt").text == DRAFT.strip()
