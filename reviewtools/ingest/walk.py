"""The files of an input, and their bytes: folders walked without following symlinks, only regular files opened.

A symlink found in a folder is never followed. One that points outside the folder given is reported (one
Chinese line each, the batch goes on); one that stays inside is skipped silently, since its target is read
where it lies. So a walk cannot loop, and nothing outside the input is read. A path named on the command line
is the user's own choice and is read even when it is a symlink. FIFOs, devices and sockets are reported as
不是普通文件 and never opened for reading (opening a FIFO would wait for a writer).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from reviewtools import errors
from reviewtools.errors import ReadError, os_cause
from reviewtools.limits import Limits

NOT_REGULAR = "不是普通文件（命名管道、设备或套接字），已跳过"
IS_FOLDER = "这是文件夹，不是文件"
LINK_OUTSIDE = "符号链接指向输入文件夹以外（{target}），未读取"


def list_files(paths: Iterable[str | os.PathLike]) -> list[Path | ReadError]:
    """The files under `paths` (folders walked recursively, system and lock files skipped), in a stable order; in place
    of what a folder holds but cannot be read (a symlink leaving it, a FIFO, a folder without permission), its
    ReadError."""
    out: list[Path | ReadError] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found: list[tuple[str, Path | ReadError]] = []
            _walk(p, Path(os.path.realpath(p)), found)
            out.extend(item for _, item in sorted(found, key=lambda pair: pair[0]))
        else:
            out.append(p)
    return out


# What Windows, macOS and office programs leave beside documents (folder settings, thumbnail caches, the
# recycle bin); with hidden files (.DS_Store, ._x resource forks), Word's lock files (~$x.docx) and temporary
# files (~WRL0001.tmp) they are never documents, and are skipped silently in folders and archives alike.
_SYSTEM = frozenset({"desktop.ini", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "__macosx", "icon\r",
                     "$recycle.bin", "system volume information"})


def system_file(name: str) -> bool:
    """Whether the file or folder `name` (one part of a path) is system or lock furniture, not a document."""
    lower = name.lower()
    return lower.startswith((".", "~$")) or lower in _SYSTEM or (lower.startswith("~") and lower.endswith(".tmp"))


def _walk(folder: Path, root: Path, found: list) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        found.append((str(folder), ReadError.from_os(exc, str(folder))))
        return
    for entry in entries:
        if system_file(entry.name):
            continue
        path = folder / entry.name
        try:
            if entry.is_symlink():
                target = Path(os.path.realpath(path))
                if target != root and root not in target.parents:
                    found.append((str(path), ReadError(str(path), LINK_OUTSIDE.format(target=target))))
            elif entry.is_dir(follow_symlinks=False):
                _walk(path, root, found)
            elif entry.is_file(follow_symlinks=False):
                found.append((str(path), path))
            else:
                found.append((str(path), ReadError(str(path), NOT_REGULAR)))
        except OSError as exc:
            found.append((str(path), ReadError.from_os(exc, str(path))))


def load(path: Path, limits: Limits) -> bytes:
    """The bytes of the regular file at `path`, at most `limits.file_mb`. Raises ReadError with a Chinese cause."""
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError(name, errors.NOT_FOUND) from None
    except OSError as exc:
        raise ReadError.from_os(exc, name) from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(name, IS_FOLDER)
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(name, NOT_REGULAR)
    too_large = limits.breach("file_mb", errors.TOO_LARGE)
    if st.st_size > limits.file_bytes:
        raise ReadError(name, too_large)
    try:
        # Non-blocking, and checked again once open: a file swapped for a FIFO after the stat cannot hang us.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise ReadError.from_os(exc, name) from None
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ReadError(name, NOT_REGULAR)
        try:
            data = f.read(limits.file_bytes + 1)
        except OSError as exc:
            raise ReadError(name, f"无法读取文件内容（{os_cause(exc, name)}）") from None
    if len(data) > limits.file_bytes:  # grew after the stat
        raise ReadError(name, too_large)
    return data
