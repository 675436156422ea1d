"""One writer at a time: a lock file beside the registry (registry.sqlite.lock), held for a whole cleanup run,
import or catalogue. On PostgreSQL, a session-level advisory lock of the registry's schema instead (postgres.hold).

The lock is an OS file lock (flock on POSIX, msvcrt on Windows), so it dies with its process: a holder killed
with kill -9 blocks no one. The file itself stays and says who holds (or last held) it: pid, host, command and
start time, for the message a second writer gets.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from reviewtools.errors import UsageError, os_cause
from reviewtools.registry import postgres

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

SUFFIX = ".lock"
_POLL = 0.2  # seconds between attempts while waiting


def lock_path(db: str | os.PathLike) -> Path:
    db = Path(db)
    return db.with_name(db.name + SUFFIX)


def hold(db: str | os.PathLike, command: str, wait: float = 0) -> contextlib.AbstractContextManager[None]:
    """Hold the lock of the registry at `db` (a path or a URL) while the block runs; if another process holds
    it, try again for `wait` seconds, then refuse in one Chinese line naming the holder."""
    return postgres.hold(str(db), command, wait) if postgres.is_url(db) else _hold_file(db, command, wait)


@contextmanager
def _hold_file(db: str | os.PathLike, command: str, wait: float) -> Iterator[None]:
    path = lock_path(db)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise UsageError(f"无法创建登记库的锁文件 {path}：{os_cause(exc, path)}") from exc
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise UsageError(f"登记库 {db} 正由另一个清理进程（{_holder(path)}）使用，请等它结束后再试"
                                 f"（或用 --wait 秒数 等待）")
            time.sleep(_POLL)
        _write_holder(fd, command)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except OSError:
        return False
    return True


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
    else:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)


def _write_holder(fd: int, command: str) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "command": command,
            "since": datetime.now().astimezone().isoformat(timespec="seconds")}
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, json.dumps(info, ensure_ascii=False).encode())


def _holder(path: Path) -> str:
    """pid, host, command and start time of the holder, as the lock file records them."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"{info['command']}，pid {info['pid']}，主机 {info['host']}，自 {info['since']} 起"
    except (OSError, ValueError, KeyError, TypeError):  # being written this instant, or not ours
        return "详情不明"
