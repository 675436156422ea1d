"""The cleanup on a Dask cluster (distributed.LocalCluster, two worker processes): the registry and the
outputs (the office's workbook, the catalogue) are those of a local run, also when the client is killed
midway and the run taken up again, and when a worker dies under it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from reviewtools import cleanup
from reviewtools.cleanup.worker import DELAY_ENV
from reviewtools.cli import main
from tests import cleanup_batch as batch

distributed = pytest.importorskip("distributed")

FILES = 35  # the batch's files (tests/cleanup/test_cleanup.py)
# When a row was written: the only columns two runs of the same files may differ in.
TIMES = {"started_at", "finished_at", "done_at", "first_seen", "created_at", "updated_at", "decided_at", "published_at"}


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each; each file takes 0.1 s more, so that a run can be cut midway."""
    os.environ[DELAY_ENV] = "0.1"  # the workers read it when they start
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      silence_logs=50) as c:
            yield c
    finally:
        del os.environ[DELAY_ENV]


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The batch cleaned up locally (two worker processes), with its outputs."""
    folder = tmp_path_factory.mktemp("local")
    docs = batch.build(folder / "docs")
    cleanup.run(docs, batch.YEAR, batch.AS_OF, db=folder / "r.sqlite", workers=2)
    return docs, outputs(folder / "r.sqlite", folder)


def dump(db) -> dict[str, list[tuple]]:
    """Every table's rows, every column but the times rows were written at, in a fixed order."""
    with sqlite3.connect(db) as conn:
        out = {}
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] not in TIMES]
            out[table] = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(columns)}").fetchall()
    return out


def outputs(db, folder) -> dict:
    """The registry's content, the workbook's cells and the catalogue's files made from it."""
    runner = CliRunner()
    book, site = folder / "建议.xlsx", folder / "目录"
    for args in (["cleanup", "export", "-o", str(book), "--db", str(db)],
                 ["catalogue", "--year", str(batch.YEAR), "--format", "csv,html", "-o", str(site), "--db", str(db)]):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
    cells = [[c.value for c in row] for ws in load_workbook(book) for row in ws.iter_rows()]
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    return {"registry": dump(db), "workbook": cells, "catalogue": files}


def dask_run(docs, db, cluster):
    return cleanup.run(docs, batch.YEAR, batch.AS_OF, db=db, engine="dask", scheduler=cluster.scheduler_address)


def test_a_cluster_run_equals_a_local_run(cluster, local, tmp_path):
    docs, expected = local
    result = dask_run(docs, tmp_path / "r.sqlite", cluster)
    assert result.files == result.read == FILES and len(result.near_duplicates) == 2
    got = outputs(tmp_path / "r.sqlite", tmp_path)
    assert got["registry"] == expected["registry"]
    assert got["workbook"] == expected["workbook"]
    assert got["catalogue"].keys() == expected["catalogue"].keys() and got["catalogue"] == expected["catalogue"]
    assert len(expected["registry"]["run_files"]) == FILES and len(expected["workbook"]) > 30


def test_a_client_killed_midway_resumes_and_still_equals(cluster, local, tmp_path):
    docs, expected = local
    db = tmp_path / "r.sqlite"
    code = "import sys; from reviewtools.cli import main; sys.exit(main())"
    args = ["cleanup", "run", str(docs), "--year", str(batch.YEAR), "--as-of", batch.AS_OF.isoformat(), "--db", str(db),
            "--engine", "dask", "--scheduler", cluster.scheduler_address]
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    batch.kill_after(proc, db, 8)
    kept = batch.done_rows(db)
    assert 8 <= kept < FILES
    result = dask_run(docs, db, cluster)
    assert result.resumed and result.read == FILES - kept
    assert outputs(db, tmp_path) == expected


def test_a_worker_killed_midway_hands_its_files_to_the_other(cluster, local, tmp_path):
    docs, expected = local
    with distributed.Client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
    victim, killed = sorted(pids.values())[0], threading.Event()

    def kill():
        os.kill(victim, signal.SIGKILL)
        killed.set()

    killer = threading.Timer(1.0, kill)
    killer.start()
    try:
        result = dask_run(docs, tmp_path / "r.sqlite", cluster)
        assert killed.is_set(), "the run ended before a worker could be killed"
    finally:
        killer.cancel()
    with distributed.Client(cluster.scheduler_address) as client:
        client.wait_for_workers(2, timeout=60)  # the nanny starts another
        assert victim not in client.run(os.getpid).values()
    assert result.read == FILES and len(result.unreadable) == 3  # none given up
    assert outputs(tmp_path / "r.sqlite", tmp_path) == expected


def test_without_the_cluster_extra_dask_is_one_chinese_line_and_exit_2(tmp_path, monkeypatch):
    docs = batch.build(tmp_path / "docs")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed: importing it fails
    result = CliRunner().invoke(main, ["cleanup", "run", str(docs), "--db", str(tmp_path / "r.sqlite"),
                                       "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert result.output == "错误：集群引擎需要 Dask：pip install 'reviewtools[cluster]'\n"
    assert not (tmp_path / "r.sqlite").exists()  # refused before any work


@pytest.mark.parametrize("args, message", [
    ([], "错误：--engine dask 需要用 --scheduler 给出 Dask 调度器地址（如 tcp://10.0.0.5:8786）\n"),
    (["--scheduler", "tcp://127.0.0.1:9"], "错误：无法连接 Dask 调度器 tcp://127.0.0.1:9："),
    (["--engine", "local", "--scheduler", "tcp://127.0.0.1:9"], "错误：--scheduler 只用于 --engine dask\n"),
])
def test_a_missing_or_unreachable_scheduler_is_one_chinese_line(args, message, tmp_path, monkeypatch):
    monkeypatch.setattr("reviewtools.cleanup.engine._CONNECT", 1)
    docs = batch.build(tmp_path / "docs")
    result = CliRunner().invoke(main, ["cleanup", "run", str(docs), "--db", str(tmp_path / "r.sqlite"),
                                       "--engine", "dask", *args])  # the last --engine counts
    assert result.exit_code == 2 and result.output.startswith(message) and result.output.count("\n") == 1
    assert not (tmp_path / "r.sqlite").exists()


def test_workers_that_cannot_see_the_folder_are_named_before_anything_is_read(cluster, tmp_path):
    from reviewtools.cleanup import engine
    from reviewtools.errors import UsageError
    from reviewtools.settings import Settings

    message = "^Dask 工作节点 tcp://127.0.0.1:\\d+、tcp://127.0.0.1:\\d+ 读不到 .*a.txt：各工作节点须能按同一路径读到文件夹（共享存储）$"
    with engine.opened("dask", scheduler=cluster.scheduler_address) as read_files, pytest.raises(UsageError, match=message):
        next(read_files([(str(tmp_path / "a.txt"), "a.txt", 1, 1)], Settings()))

