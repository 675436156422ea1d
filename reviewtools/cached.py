"""Results that are costly to build and safe to keep, pickled in the cache folder (the user's own) under a
digest of everything they are built from: a changed input, a changed module or another Python gives
another file, so a kept result is never stale. A missing or damaged file is built again; a read-only
home builds every time."""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from reviewtools.atomic import write_atomic
from reviewtools.errors import WriteError
from reviewtools.resources import cache_dir

T = TypeVar("T")


def digest(files: Iterable[Path]) -> str:
    """A digest of the Python version and of the names and bytes of `files` (data and source alike)."""
    h = hashlib.sha256(sys.version.encode())
    for path in files:
        data = path.read_bytes()
        h.update(b"\0%s\0%d\0" % (path.name.encode("utf-8"), len(data)))
        h.update(data)
    return h.hexdigest()[:40]


def pickled(kind: str, key: str, build: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """build(), or what an earlier build under `key` kept (when `valid` accepts it)."""
    path = cache_dir() / kind / f"{key}.pickle"
    with contextlib.suppress(Exception):  # missing, damaged or from another build: build again
        kept = pickle.loads(path.read_bytes())
        if valid(kept):
            return kept
    value = build()
    with contextlib.suppress(OSError, WriteError, pickle.PicklingError):
        write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value
