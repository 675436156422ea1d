"""Outputs the machine refuses (read-only folder, full disk, a file or a folder in the way) and option values
out of range: one Chinese line naming the path the user asked for and the cause, exit 2, no temporary file
left behind, never 内部错误."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest
from click.testing import CliRunner

from reviewtools.cli import main

DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"


@pytest.fixture
def draft(tmp_path):
    f = tmp_path / "in" / "办法.txt"
    f.parent.mkdir()
    f.write_text(DRAFT, encoding="utf-8")
    return f


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _refused(result, line):
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == line
    assert "内部错误" not in result.output and "Traceback" not in result.output


def test_full_disk_names_the_memo_and_leaves_no_temporary_file(tmp_path, draft, monkeypatch):
    def full(fd, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    out = tmp_path / "out"
    out.mkdir()
    _refused(run("review", draft, "-o", out / "意见书.docx"), f"错误：无法写入 {out / '意见书.docx'}：磁盘空间不足")
    assert list(out.iterdir()) == []


def test_read_only_folder_is_refused_with_the_path_asked_for(tmp_path, draft, monkeypatch):
    # The suite runs as root too, where chmod does not stop a write: the refusal is the operating system's.
    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(tmp_path / "ro" / ".意见书.md.x"))

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    (tmp_path / "ro").mkdir()
    _refused(run("review", draft, "-o", tmp_path / "ro" / "意见书.md"), f"错误：无法写入 {tmp_path / 'ro' / '意见书.md'}：权限不足")


def test_output_under_a_file_names_the_file_in_the_way(tmp_path, draft):
    (tmp_path / "out.docx").write_bytes(b"x")
    target = tmp_path / "out.docx" / "x.docx"
    _refused(run("review", draft, "-o", target), f"错误：无法写入 {target}：路径中的“out.docx”是文件而不是文件夹")
    # A batch into a folder that is a file: the same line, for the first memo.
    result = run("review", draft.parent, "-o", tmp_path / "out.docx", "--format", "md")
    assert result.exit_code == 2
    assert "错误：无法写入" in result.stderr and "路径中的“out.docx”是文件而不是文件夹" in result.stderr


def test_output_that_is_a_folder(tmp_path, draft):
    (tmp_path / "意见书.docx").mkdir()
    _refused(run("review", draft, "-o", tmp_path / "意见书.docx"), f"错误：无法写入 {tmp_path / '意见书.docx'}：这是文件夹，不是文件")
    assert list((tmp_path / "意见书.docx").iterdir()) == []


def test_screening_forms_into_a_file_are_refused(tmp_path, draft):
    (tmp_path / "表").write_bytes(b"x")
    result = run("screen", draft, "-o", tmp_path / "表" / "sub")
    assert result.exit_code == 2
    assert "路径中的“表”是文件而不是文件夹" in result.stderr and "内部错误" not in result.stderr


def test_unreadable_input_gets_its_cause_in_chinese(tmp_path, draft, monkeypatch):
    real_open = os.open

    def denied(path, *args, **kwargs):  # root reads any file: refuse this one as a mode-000 file would be
        if str(path) == str(draft):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    _refused(run("parse", draft), f"错误：无法读取 {draft}：权限不足")


@pytest.mark.parametrize(("args", "cause"), [
    (("cleanup", "run", "{folder}", "--year", "-5"), "应为 1949 至 2100 之间的年度（收到：-5）"),
    (("cleanup", "run", "{folder}", "--year", "0"), "应为 1949 至 2100 之间的年度（收到：0）"),
    (("cleanup", "export", "-o", "{folder}/x.xlsx", "--year", "99999"), "应为 1949 至 2100 之间的年度（收到：99999）"),
    (("cleanup", "import", "{folder}/x.xlsx", "--year", "明年"), "应为年度，如 2026（收到：明年）"),
    (("catalogue", "--year", "-5", "-o", "{folder}/out"), "应为 1949 至 2100 之间的年度（收到：-5）"),
])
def test_years_out_of_range_are_refused_in_chinese(tmp_path, args, cause):
    result = run(*(a.format(folder=tmp_path) for a in args), "--db", tmp_path / "r.sqlite")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == f"错误：--year {cause}"
    assert not (tmp_path / "r.sqlite").exists()


@pytest.mark.parametrize("option", ["--as-of", "--since"])
def test_dates_out_of_range_are_refused_in_chinese(draft, option):
    result = run("screen", draft, option, "0001-01-01")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == f"错误：{option} 应为 1949 至 2100 年间的日期（收到：0001-01-01）"


def test_a_real_bug_names_the_file_being_processed(draft, monkeypatch):
    import reviewtools.review

    def bug(doc, settings, waivers):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(reviewtools.review, "review", bug)
    result = run("review", draft)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"错误：处理 {draft} 时发生内部错误（ZeroDivisionError: division by zero）。"
                                     "设置环境变量 REVIEWTOOLS_DEBUG=1 可查看详情。")
