"""The per-file time budget: a reader that runs past `seconds` is stopped with a Chinese cause.

The reader is interrupted between two Python steps by an exception it cannot take for a damaged file (a
BaseException, past every reader's `except Exception`). In the main thread of a process on POSIX (the command
line, each cleanup worker process) SIGALRM raises it, which also cuts a blocking system call short. Elsewhere
(Windows, or a thread) a timer thread raises it in the reading thread (PyThreadState_SetAsyncExc); a reader
blocked inside one call of a C library is then stopped when that call returns.
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from reviewtools.errors import ReadError
from reviewtools.limits import Limits


class _Expired(BaseException):
    pass


@contextmanager
def deadline(limits: Limits, path: str) -> Iterator[None]:
    """Run the block within `limits.seconds`; past that, ReadError naming `path` and the budget."""
    alarm = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    try:
        with _alarm(limits.seconds) if alarm else _timer(limits.seconds):
            yield
    except _Expired:
        raise ReadError(path, limits.breach("seconds", "读取超时", "，已停止读取")) from None


def _expire(signum, frame):
    raise _Expired


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    previous = signal.signal(signal.SIGALRM, _expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:  # disarmed first: an alarm that fires before this line still reaches deadline's except
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc
_set_async_exc.argtypes = (ctypes.c_ulong, ctypes.c_void_p)  # the exception class, or NULL to withdraw one


@contextmanager
def _timer(seconds: float) -> Iterator[None]:
    reader = threading.get_ident()
    lock = threading.Lock()
    done = False

    def expire() -> None:
        with lock:
            if not done:
                _set_async_exc(reader, id(_Expired))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:  # once this is held, the timer cannot raise any more
            done = True
        timer.cancel()
        _set_async_exc(reader, None)  # one raised too late to land in the block is withdrawn
