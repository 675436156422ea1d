"""Hostile input in a cleanup: symlinks leaving the folder and FIFOs never reach the registry, and the
per-file time budget holds in the worker processes too."""

from __future__ import annotations

import os
import sqlite3
import time

import pytest

from reviewtools import cleanup
from reviewtools.cleanup import worker
from reviewtools.ingest import text as text_reader
from reviewtools.limits import Limits
from reviewtools.settings import Settings
from tests import cleanup_batch as batch

DRAFT = "某县农村公路养护管理办法\n第一条 为加强农村公路养护管理，根据《中华人民共和国公路法》，制定本办法。\n"
SECRET = "root:x:0:0:root:/root:/bin/bash 机密内容\n"
BUDGET = "读取超时（上限 0.5 秒，可在 reviewtools.toml 的 [limits] seconds 中调整），已停止读取"
_real_read_text = text_reader.read_text
_real_prepare = worker.prepare


def _slow_read_text(data: bytes, path: str):
    if "slow" in path:
        time.sleep(60)  # a reader stuck on one file: the budget must stop it
    return _real_read_text(data, path)


def _slow_prepare(settings, in_pool=False):
    """The worker processes' initializer, with the .txt reader made slow (spawned processes start afresh)."""
    text_reader.read_text = _slow_read_text
    _real_prepare(settings, in_pool)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="symlinks and FIFOs as on POSIX")
def test_symlinks_out_of_the_folder_and_fifos_are_listed_unreadable_and_never_stored(tmp_path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "passwd.txt").write_text(SECRET, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "办法.txt").write_text(DRAFT, encoding="utf-8")
    (docs / "passwd.txt").symlink_to(tmp_path / "outside" / "passwd.txt")
    (docs / "etc").symlink_to(tmp_path / "outside", target_is_directory=True)
    os.mkfifo(docs / "pipe.txt")
    db = tmp_path / "r.sqlite"
    result = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert list(result.proposals) == ["办法.txt"]
    assert result.unreadable == [
        ("etc", f"符号链接指向输入文件夹以外（{tmp_path / 'outside'}），未读取"),
        ("passwd.txt", f"符号链接指向输入文件夹以外（{tmp_path / 'outside' / 'passwd.txt'}），未读取"),
        ("pipe.txt", "不是普通文件（命名管道、设备或套接字），已跳过"),
    ]
    with sqlite3.connect(db) as conn:
        dump = "\n".join(conn.iterdump())
    assert "机密内容" not in dump and "root:x:0:0" not in dump
    again = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, workers=1)
    assert again.unreadable == result.unreadable


@pytest.mark.parametrize("workers", [1, 2])
def test_a_reader_past_the_time_budget_is_stopped_and_the_run_goes_on(tmp_path, monkeypatch, workers):
    monkeypatch.setattr(text_reader, "read_text", _slow_read_text)  # workers=1: read in this process
    monkeypatch.setattr(worker, "prepare", _slow_prepare)  # workers=2: in spawned processes
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a_办法.txt", "b_slow.txt", "c_办法.txt"):
        (docs / name).write_text(DRAFT.replace("养护", name[0]), encoding="utf-8")
    settings = Settings(limits=Limits(seconds=0.5))
    result = cleanup.run(docs, batch.YEAR, batch.AS_OF, db=tmp_path / "r.sqlite", workers=workers, settings=settings)
    assert sorted(result.proposals) == ["a_办法.txt", "c_办法.txt"]
    assert result.unreadable == [("b_slow.txt", BUDGET)]
