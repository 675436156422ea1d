"""Regexes compiled once per machine: `compile` is `re.compile`, but the program CPython's regex compiler
makes of each pattern is kept in the cache folder, so a later process hands the stored program to `_sre`
instead of compiling again. Compiling the rules, the agency table and the extractors' patterns was a
quarter of a review's start-up (classes such as [\u4e00-\u9fa5] are expanded character by character in Python).

A compiled pattern cannot be pickled (pickling stores the pattern string and compiles again on loading), so
what is stored is what `re._compiler.compile` passes to `_sre.compile`: the flags, the code words, the group
count and the group names. The file is keyed by the Python build and this module's source; a pattern the
file lacks, or any failure to use it, falls back to `re.compile`. New programs are written when the
process exits, merged with what other processes wrote meanwhile.
"""

from __future__ import annotations

import array
import atexit
import contextlib
import hashlib
import marshal
import re
import sys
from pathlib import Path

try:  # CPython's regex compiler; elsewhere every pattern is compiled by re.compile
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - not CPython
    _sre = None

from reviewtools.atomic import write_atomic
from reviewtools.errors import WriteError
from reviewtools.resources import cache_dir

_MOST = 5_000  # programs kept in the file (the tool's own are about a thousand); past that it keeps this process's
_Program = tuple  # (flags, code words as bytes, groups, groupindex, indexgroup)

_stored: dict[tuple[str, int], _Program] | None = None  # read from the file on first use
_new: dict[tuple[str, int], _Program] = {}  # compiled by this process, written at exit
_used: set[tuple[str, int]] = set()  # read from the file by this process
_WORD = "I" if _sre is None or _sre.CODESIZE == 4 else "L"  # the array type of a code word
_KEY = hashlib.sha256(b"\0".join([sys.version.encode(), repr(getattr(_sre, "MAGIC", "")).encode(),
                                  Path(__file__).read_bytes()])).hexdigest()[:40]


def compile(pattern: str, flags: int = 0) -> re.Pattern:  # noqa: A001 - the name re gives it
    """`re.compile(pattern, flags)` for a str pattern, from the cached program when there is one."""
    flags = int(flags)
    if _sre is None or not isinstance(pattern, str) or flags & re.DEBUG:
        return re.compile(pattern, flags)
    key = (pattern, flags)
    program = _programs().get(key) or _new.get(key)
    if program is not None:
        with contextlib.suppress(Exception):  # a damaged entry: compile again
            compiled = _sre.compile(pattern, program[0], array.array(_WORD, program[1]).tolist(), *program[2:])
            _used.add(key)
            return compiled
    try:
        compiled, program = _compile(pattern, flags)
    except re.error:
        raise
    except Exception:  # a Python whose regex compiler works otherwise: compiled as usual, not kept
        return re.compile(pattern, flags)
    if not _new:
        atexit.unregister(save)  # once, however often _new empties
        atexit.register(save)
    _new[key] = program
    return compiled


def _compile(pattern: str, flags: int) -> tuple[re.Pattern, _Program]:
    """What re._compiler.compile does, keeping its arguments to _sre.compile."""
    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup = [None] * tree.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    program = (flags | tree.state.flags, array.array(_WORD, code).tobytes(), tree.state.groups - 1, groupindex,
               tuple(indexgroup))
    return _sre.compile(pattern, program[0], code, *program[2:]), program


def _path() -> Path:
    return cache_dir() / "regex" / f"{_KEY}.marshal"


def _read(path: Path) -> dict[tuple[str, int], _Program]:
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
        stored = marshal.loads(path.read_bytes())
        if isinstance(stored, dict):
            return stored
    return {}


def _programs() -> dict[tuple[str, int], _Program]:
    global _stored
    if _stored is None:
        _stored = _read(_path())
    return _stored


def save() -> None:
    """Write the programs compiled by this process into the cache file (run at exit); a read-only home
    leaves the file as it was."""
    if not _new:
        return
    path = _path()
    merged = _read(path)
    if len(merged) + len(_new) > _MOST:  # patterns of rules long since edited, of tests' own rules…
        merged = {key: merged[key] for key in _used if key in merged}
    merged.update(_new)
    with contextlib.suppress(OSError, WriteError, ValueError):
        write_atomic(path, marshal.dumps(merged))
    _programs().update(_new)
    _new.clear()
