"""The cleanup's worker: read one file, review each document in it, and return what the registry stores.

Runs in worker processes (the PDF reader is not thread-safe), local or on a cluster (cleanup.engine); the rule data
is loaded once per process. Nothing here touches the registry: the main process writes.
"""

from __future__ import annotations

import hashlib
import os
import signal
import time
from dataclasses import dataclass

from reviewtools.cleanup.propose import signals
from reviewtools.cleanup.similarity import fingerprint
from reviewtools.errors import ReadError
from reviewtools.extract.repeals import find_repealed
from reviewtools.ingest import iter_documents
from reviewtools.ingest.decode import path_text
from reviewtools.registry import Record
from reviewtools.review import review, waivers
from reviewtools.settings import Settings

# Seconds to wait before each file: lets a test or a demonstration interrupt a run midway.
DELAY_ENV = "REVIEWTOOLS_CLEANUP_DELAY"

_settings: Settings | None = None


@dataclass
class FileResult:
    path: str  # relative to the run's root
    size: int
    mtime_ns: int
    sha256: str | None
    records: list[Record]


def prepare(settings: Settings, in_pool: bool = False) -> None:
    """Load what every file needs, once per process."""
    global _settings
    _settings = settings
    if in_pool:  # Ctrl-C is the main process's to handle: it stops the run and records where it was
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_with(settings: Settings, path: str, rel: str, size: int, mtime_ns: int) -> FileResult:
    """`read` with the settings given along: a task on a cluster, whose workers have no initializer."""
    prepare(settings)
    return read(path, rel, size, mtime_ns)


def read(path: str, rel: str, size: int, mtime_ns: int) -> FileResult:
    """Every document in the file at `path` (several for a .zip), each reviewed; unreadable ones with the cause."""
    delay = float(os.environ.get(DELAY_ENV) or 0)
    if delay:
        time.sleep(delay)
    records = []
    shown = path_text(path)  # how the documents read from `path` name it
    for item in iter_documents([path], _settings.limits):
        source = rel + item.path[len(shown):] if item.path.startswith(shown) else rel
        if isinstance(item, ReadError):
            records.append(Record(source, reason=item.cause))
            continue
        try:
            records.append(_record(item, source, waivers.load(path) if source == rel else []))
        except Exception as exc:  # noqa: BLE001 - one document a check chokes on must not stop the batch
            records.append(Record(source, reason=f"审查时出错（{type(exc).__name__}: {exc}）"))
    whole = next((r.sha256 for r in records if r.source == rel and r.sha256), None)
    if whole is None and any(r.sha256 for r in records):  # an archive: the file's own hash
        with open(path, "rb") as f:
            whole = hashlib.file_digest(f, "sha256").hexdigest()
    return FileResult(rel, size, mtime_ns, whole, records)


def _record(doc, source: str, waived: list) -> Record:
    result = review(doc, _settings, waived)
    data = result.to_dict()
    meta = result.analysis.meta
    shingles, bands = fingerprint(doc.text)
    return Record(
        source=source, warnings=list(doc.warnings), sha256=doc.sha256, format=doc.format, text=doc.text, metadata=meta.to_dict(),
        fields={**data["document"], "body_title": meta.body_title.value if meta.body_title else None},
        findings=data["findings"], summary=data["summary"], verdict=data["verdict"], signals=signals(result),
        repeals=[r.to_dict() for r in find_repealed(doc.text)], shingles=shingles, bands=bands)
