"""Where the cleanup's files are read: in this process, in a pool of local processes, or on a Dask cluster.

Every engine runs the same function on each file (worker.read) and gives the results back in the order
of the files asked for, whichever worker finishes first, so that the registry is the same however the
work was shared. At most a few files per worker are in flight: memory stays flat in the number of files.

On a Dask cluster (`distributed`, the optional `cluster` extra) the workers read each file at the path
this process gives: the folder must be at the same path on every worker (a shared mount). The scheduler
hands a worker's files to another if the worker dies; nothing is written there, so a client that dies
loses only the files in flight, and the next run takes up the rest (see reviewtools.cleanup).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from reviewtools.cleanup import worker
from reviewtools.errors import UsageError
from reviewtools.processes import context
from reviewtools.registry import Record
from reviewtools.settings import Settings

ENGINES = ("local", "dask")
INSTALL = "集群引擎需要 Dask：pip install 'reviewtools[cluster]'"
_IN_FLIGHT = 8  # files queued per worker: enough to keep workers busy past a slow file, few enough to stream
_CONNECT = 30  # seconds to reach the scheduler
_KILLED = "读取时集群工作进程多次退出，已放弃该文件"
Reader = Callable[[list[tuple], Settings], Iterator[worker.FileResult]]


@contextmanager
def opened(engine: str = "local", workers: int = 1, scheduler: str | None = None) -> Iterator[Reader]:
    """The engine, ready (connected to the scheduler, for Dask) before any work is done: a function giving
    worker.read of each (path, relative path, size, mtime) of a list, in that order."""
    if engine == "local" and scheduler:
        raise UsageError("--scheduler 只用于 --engine dask")
    if engine == "local":
        yield lambda todo, settings: _here(todo, settings) if workers == 1 or len(todo) <= 1 else \
            _pool(todo, settings, workers)
    elif engine == "dask":
        with _client(scheduler) as (client, lost):
            yield lambda todo, settings: _on(client, todo, settings, lost)
    else:
        raise UsageError(f"未知的引擎：{engine}（可选 {'、'.join(ENGINES)}）")


def _here(todo: list[tuple], settings: Settings) -> Iterator[worker.FileResult]:
    worker.prepare(settings)
    for item in todo:
        yield worker.read(*item)


def _pool(todo: list[tuple], settings: Settings, workers: int) -> Iterator[worker.FileResult]:
    pool = ProcessPoolExecutor(workers, mp_context=context([worker.__name__, "reviewtools.review.warm"]),
                               initializer=worker.prepare, initargs=(settings, True))
    pending: deque = deque()
    try:
        yield from _in_order(todo, lambda item: pool.submit(worker.read, *item), workers, pending,
                             lambda future, item: future.result())
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)


@contextmanager
def _client(scheduler: str | None) -> Iterator[tuple]:
    try:
        from distributed import Client
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise UsageError(INSTALL) from None
    if not scheduler:
        raise UsageError("--engine dask 需要用 --scheduler 给出 Dask 调度器地址（如 tcp://10.0.0.5:8786）")
    try:
        client = Client(scheduler, timeout=_CONNECT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"无法连接 Dask 调度器 {scheduler}：{exc}") from None
    try:
        yield client, (KilledWorker, FutureCancelledError)
    finally:
        client.close()


def _on(client, todo: list[tuple], settings: Settings, lost: tuple) -> Iterator[worker.FileResult]:
    def result(future, item):
        try:
            return future.result()
        except lost:  # the file killed every worker it was given to: recorded as unreadable, the run goes on
            _, rel, size, mtime_ns = item
            return worker.FileResult(rel, size, mtime_ns, None, [Record(rel, reason=_KILLED)])

    if todo:  # a worker that cannot see the folder would record every file unreadable, and a re-run skip them
        missing = sorted(w for w, seen in client.run(os.path.exists, todo[0][0]).items() if not seen)
        if missing:
            raise UsageError(f"Dask 工作节点 {'、'.join(missing)} 读不到 {todo[0][0]}：各工作节点须能按同一路径读到文件夹（共享存储）")
    threads = sum(w["nthreads"] for w in client.scheduler_info()["workers"].values())
    pending: deque = deque()
    try:
        yield from _in_order(todo, lambda item: client.submit(worker.read_with, settings, *item, pure=False),
                             max(1, threads), pending, result)
    finally:
        client.cancel([future for future, _ in pending])


def _in_order(todo: list[tuple], submit, workers: int, pending: deque, result) -> Iterator[worker.FileResult]:
    """Submit the files a window at a time and give back their results in order; `pending` holds
    (future, item) of those in flight, for the caller to cancel when the run stops early."""
    queue = iter(todo)
    while True:
        for item in queue:
            pending.append((submit(item), item))
            if len(pending) >= workers * _IN_FLIGHT:
                break
        if not pending:
            return
        future, item = pending.popleft()
        yield result(future, item)  # the others go on meanwhile
