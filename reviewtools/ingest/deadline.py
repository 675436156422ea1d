"""The per-file time budget: a reader that runs past `seconds` is stopped with a Chinese cause.

On POSIX, in the main thread of a process (the command line, and each cleanup worker process), SIGALRM
interrupts the reader between two Python steps. The exception it raises is a BaseException, so that no
reader's `except Exception` can take it for a damaged file. Elsewhere (Windows, a thread) there is no budget.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from reviewtools.errors import ReadError
from reviewtools.limits import Limits


class _Expired(BaseException):
    pass


def _expire(signum, frame):
    raise _Expired


@contextmanager
def deadline(limits: Limits, path: str) -> Iterator[None]:
    """Run the block within `limits.seconds`; past that, ReadError naming `path` and the budget."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, limits.seconds)
            yield
        finally:  # disarmed first: an alarm that fires before this line still lands in the except below
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Expired:
        raise ReadError(path, limits.breach("seconds", "读取超时", "，已停止读取")) from None
    finally:
        signal.signal(signal.SIGALRM, previous)
