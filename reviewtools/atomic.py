"""Outputs written whole or not at all."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from reviewtools.errors import WriteError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: a reader never sees half a file. Any OS error
    (read-only folder, disk full, a file where a folder should be, a folder in the way) is a WriteError
    naming `path` with the cause in Chinese; the temporary file never stays behind."""
    path = Path(path)
    try:
        _write(path, data)
    except OSError as exc:
        raise WriteError.from_os(exc, path) from exc


def _write(path: Path, data: bytes) -> None:
    import tempfile  # here: it imports random and its hashing, a cost a review that writes nothing would pay at start

    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are meant to be shared
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
