"""One writer per registry: a second cleanup run refuses (naming the holder) or waits; a holder killed with
kill -9 blocks no one."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from reviewtools.cleanup.worker import DELAY_ENV
from reviewtools.cli import main
from reviewtools.errors import UsageError
from reviewtools.registry import lock
from tests import cleanup_batch as batch

HOLDER = """
import sys, time
from reviewtools.registry.lock import hold
with hold(sys.argv[1], "cleanup run"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def holder(db, seconds: float) -> subprocess.Popen:
    """A process holding the lock of `db` for `seconds`, started once it holds it."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline() == "held\n"
    return proc


def test_a_second_cleanup_run_refuses_and_names_the_one_running(tmp_path):
    docs, db = batch.build(tmp_path / "docs"), tmp_path / "r.sqlite"
    args = ["cleanup", "run", str(docs), "--year", str(batch.YEAR), "--as-of", batch.AS_OF.isoformat(),
            "--db", str(db), "--workers", "1"]
    first = subprocess.Popen([sys.executable, "-c", "import sys; from reviewtools.cli import main; sys.exit(main())",
                              *args], env={**os.environ, DELAY_ENV: "0.5"},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while not _files_done(db):  # the first run is under way
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        second = CliRunner().invoke(main, args)
        with sqlite3.connect(db) as conn:
            runs = conn.execute("SELECT status FROM runs").fetchall()
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    assert second.exit_code == 2
    line = second.stderr.strip()
    assert line.startswith(f"错误：登记库 {db} 正由另一个清理进程（cleanup run，pid {first.pid}，主机 {socket.gethostname()}，自 ")
    assert line.endswith("起）使用，请等它结束后再试（或用 --wait 秒数 等待）") and "\n" not in line
    assert runs == [("running",)]  # the second did not take the run up as its own


def _files_done(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM run_files").fetchone()[0]
    except sqlite3.Error:
        return 0


def test_a_second_writer_waits_as_long_as_asked(tmp_path):
    db = tmp_path / "r.sqlite"
    proc = holder(db, 1.5)
    try:
        start = time.monotonic()
        with pytest.raises(UsageError, match=rf"正由另一个清理进程（cleanup run，pid {proc.pid}，"), \
                lock.hold(db, "catalogue", wait=0.4):
            pass
        assert 0.4 <= time.monotonic() - start < 1.5
        with lock.hold(db, "catalogue", wait=30):  # released when the holder ends
            waited = time.monotonic() - start
            assert json.loads(lock.lock_path(db).read_text(encoding="utf-8"))["pid"] == os.getpid()
        assert proc.poll() == 0 and waited >= 1.0
    finally:
        proc.kill()
        proc.wait()


def test_a_holder_killed_with_kill_9_does_not_block(tmp_path):
    db = tmp_path / "r.sqlite"
    proc = holder(db, 600)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert json.loads(lock.lock_path(db).read_text(encoding="utf-8"))["pid"] == proc.pid  # its record stays
    start = time.monotonic()
    with lock.hold(db, "cleanup run"):
        assert json.loads(lock.lock_path(db).read_text(encoding="utf-8"))["command"] == "cleanup run"
    assert time.monotonic() - start < 1
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "c01.txt").write_text(batch.content("c01.txt"), encoding="utf-8")
    args = ["cleanup", "run", docs, "--year", batch.YEAR, "--as-of", batch.AS_OF.isoformat(), "--db", db,
            "--workers", 1]
    assert CliRunner().invoke(main, [str(a) for a in args]).exit_code == 0
