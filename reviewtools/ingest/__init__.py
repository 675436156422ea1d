"""Read any supported file (or folder, or .zip) into a Document, choosing the reader by content, within the
limits of reviewtools.limits (passed in by the caller: ingest never reads the settings)."""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from reviewtools import errors
from reviewtools.document import Document
from reviewtools.errors import ReadError
from reviewtools.ingest import archive
from reviewtools.ingest.archive import Budget
from reviewtools.ingest.deadline import deadline
from reviewtools.ingest.decode import path_text
from reviewtools.ingest.formats import sniff
from reviewtools.ingest.walk import list_files, load
from reviewtools.limits import Limits

DEFAULT_LIMITS = Limits()
__all__ = ["DEFAULT_LIMITS", "iter_documents", "list_files", "read_bytes", "read_file", "sniff"]

# format → (module, function). Imported lazily: a .txt review should not pay for pdf or docx libraries.
_READERS = {
    "txt": ("text", "read_text"),
    "html": ("text", "read_html"),
    "docx": ("docx", "read"),
    "pdf": ("pdf", "read"),
    "ofd": ("ofd", "read"),
    "doc": ("office", "read"),
    "wps": ("office", "read"),
    "rtf": ("office", "read"),
    "odt": ("office", "read"),
}


def _reader(fmt: str):
    module, function = _READERS[fmt]
    return getattr(importlib.import_module(f"reviewtools.ingest.{module}"), function)


def read_bytes(data: bytes, path: str, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read one file's bytes, within the time budget of `limits`. Raises ReadError with a Chinese cause."""
    fmt = sniff(data, path)
    if fmt == "empty":
        raise ReadError(path, errors.EMPTY)
    if fmt == "encrypted-office":
        raise ReadError(path, errors.ENCRYPTED)
    if fmt == "corrupt-zip":
        raise ReadError(path, errors.CORRUPT)
    if fmt == "zip":
        raise ReadError(path, "这是压缩包，请直接把压缩包作为输入（会逐个读取其中的文件）")
    if fmt in ("docx", "ofd", "odt"):
        archive.check_package(data, path, limits)
    reader = _reader(fmt)
    try:
        with deadline(limits, path):
            doc = reader(data, path)
    except ReadError:
        raise
    except Exception as exc:  # a reader library choking on a damaged file
        raise ReadError(path, errors.CORRUPT) from exc
    if not doc.text.strip():
        raise ReadError(path, errors.EMPTY)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


def read_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> Document:
    return read_bytes(load(Path(path), limits), path_text(path), limits)


def iter_documents(paths: Iterable[str | os.PathLike | ReadError],
                   limits: Limits = DEFAULT_LIMITS) -> Iterator[Document | ReadError]:
    """Every readable document under `paths` (files, folders, .zip archives), in a stable order, within `limits`.

    Unreadable files yield their ReadError in place, so a batch goes on with the next file. `paths` may be
    what list_files returned, ReadErrors included.
    """
    for path in paths:
        if isinstance(path, ReadError):
            yield path
            continue
        for item in list_files([path]):
            if isinstance(item, ReadError):
                yield item
            else:
                yield from _one(item, limits)


def _one(path: Path, limits: Limits) -> Iterator[Document | ReadError]:
    """The document in the file at `path`, or each one in it for a .zip, under one budget for the whole file."""
    try:
        data = load(path, limits)
    except ReadError as exc:
        yield exc
        return
    if sniff(data, path.name) != "zip":
        yield _read(data, path_text(path), limits)
        return
    for item in archive.entries(data, path_text(path), Budget(limits)):
        yield item if isinstance(item, ReadError) else _read(item[1], item[0], limits)


def _read(data: bytes, name: str, limits: Limits) -> Document | ReadError:
    try:
        return read_bytes(data, name, limits)
    except ReadError as exc:
        return exc
