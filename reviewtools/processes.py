"""How a pool of worker processes starts them (`review DIR`, `cleanup`).

Where the platform has a forkserver (Linux, macOS), one fresh server process imports the modules a pool names,
among them one whose import readies what every job's first file loads (the rules, their automata and patterns,
the catalogues), and each worker is forked from it ready, for the cost of a fork instead of a start (0.2 s of
CPU each). Elsewhere (Windows) each worker is spawned and starts for itself. Either way no worker is a fork of
the calling process, which may have threads (a progress bar, a report's imports in the background), and every
worker starts deaf to Ctrl-C: the terminal sends it to the whole process group, and the calling process alone
handles it (it stops the batch); a worker that met it while still starting would print its traceback.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext


def context(preload: list[str]) -> BaseContext:
    """The start method for a pool whose workers import `preload` (module names) before their first item. The
    server is started here, once per process, with the first pool's list."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from multiprocessing import forkserver, resource_tracker

    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(preload)
    resource_tracker.ensure_running()  # first: starting, it unblocks SIGINT in this thread, and the server starts it
    with _deaf():  # the server and so every worker it forks
        forkserver.ensure_running()
    return ctx


@contextmanager
def _deaf() -> Iterator[None]:
    """Ctrl-C held back in this thread meanwhile, and blocked for good in the processes it starts (a blocked
    signal stays blocked across fork and exec). Once the block is lifted here, a Ctrl-C pressed meanwhile stops
    the batch as any other. Any thread may hold it back (a mask is the thread's own): a pool the workbench starts in
    a thread of its own starts the forkserver there. (Spawned workers, on Windows, have no masks to inherit: a
    console's Ctrl-C goes to every process, and each ignores it once its initializer runs.)"""
    import signal

    if not hasattr(signal, "pthread_sigmask"):
        yield  # Windows: no signal masks (a console's Ctrl-C goes to every process anyway)
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
