"""How a pool of worker processes starts them (`review DIR`, `cleanup`).

Where the platform has a forkserver (Linux, macOS), one fresh server process imports the modules a pool names,
among them one whose import readies what every job's first file loads (the rules, their automata and patterns,
the catalogues), and each worker is forked from it ready, for the cost of a fork instead of a start (0.2 s of
CPU each). Elsewhere (Windows) each worker is spawned and starts for itself. Either way no worker is a fork of
the calling process, which may have threads (a progress bar, a report's imports in the background).
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.context import BaseContext


def context(preload: list[str]) -> BaseContext:
    """The start method for a pool whose workers import `preload` (module names) before their first item. The
    server is started once per process, with the first pool's list."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(preload)
    return forkserver
