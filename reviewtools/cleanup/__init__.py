"""The annual cleanup (年度清理): read every document in a folder, review it, store it in the registry, and
propose 继续有效 / 修改 / 废止 / 宣布失效 for each, with reasons; report near-duplicates, unreadable files and
the change from last year's catalogue.

Files are read by an engine (cleanup.engine: worker processes here, or a Dask cluster) and written by this
process in batches, one transaction per batch of files. A run is known by (year, as_of, folder): running it
again takes it up where it stopped, skipping files whose size and modification time are those already
recorded (unreadable ones too: reading them again would fail again), so a run interrupted by Ctrl-C or
kill -9 loses only the files in flight and, after kill -9, the batch not yet committed (a second's work).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from reviewtools import errors
from reviewtools.cleanup import engine as engines
from reviewtools.cleanup import previous as previous_catalogue
from reviewtools.cleanup import similarity, worker
from reviewtools.cleanup.catalogue import Change, catalogue_data, match_previous
from reviewtools.cleanup.propose import propose
from reviewtools.errors import ReadError, UsageError
from reviewtools.ingest import list_files
from reviewtools.ingest.decode import path_text
from reviewtools.registry import DEFAULT_PATH, Record, Registry, lock, own_files
from reviewtools.settings import Settings
from reviewtools.terms import CLEANUP_STATUSES

_BATCH, _BATCH_SECONDS = 100, 1.0  # files per registry transaction, at most; a slow run still commits every second
_RETRIED = (errors.NEED_LIBREOFFICE,)  # failures that depend on this machine, not on the file


@dataclass
class RunResult:
    run_id: int
    year: int
    as_of: date
    root: str
    files: int  # files in the folder
    read: int  # files read this time (the others were done before: resumed or unchanged)
    resumed: bool  # took up a run that had been interrupted
    proposals: dict[str, tuple[str, list[str]]]  # document path → (status, reasons)
    counts: dict[str, int]  # documents per proposed status
    unreadable: list[tuple[str, str]]  # (path, cause)
    near_duplicates: list[tuple[str, str, float]]  # (path, path, Jaccard similarity)
    changes: list[Change] = field(default_factory=list)  # from last year's catalogue
    previous_rows: int = 0  # rows of last year's catalogue compared with
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, what was repaired reading it)


def run(directory: str | os.PathLike, year: int, as_of: date | None = None, db: str | os.PathLike = DEFAULT_PATH,
        previous: str | os.PathLike | None = None, workers: int | None = None, settings: Settings | None = None,
        progress: Callable[[int], contextlib.AbstractContextManager[Callable[[], None]]] | None = None,
        wait: float = 0, engine: str = "local", scheduler: str | None = None) -> RunResult:
    """Clean up the documents under `directory` for `year`, as of `as_of` (default: settings, else today).

    The registry is locked for the run: if another process holds it, this one waits up to `wait` seconds,
    then refuses (UsageError naming the holder). With several workers the files are read in worker processes
    (reviewtools.processes): a script that calls this must guard its entry point with `if __name__ == "__main__":` (the reviewtools command does). `engine` "dask" reads them on
    the Dask cluster whose scheduler is at `scheduler` instead; the registry is the same either way."""
    root = Path(directory)
    if not root.is_dir():
        raise UsageError(f"不是文件夹：{directory}")
    root = root.resolve()
    settings = settings or Settings()
    if as_of is not None:
        settings = replace(settings, as_of=as_of)
    workers = max(1, workers or os.cpu_count() or 1)
    own = own_files(db)
    found = list_files([root])
    skipped = [e for e in found if isinstance(e, ReadError)]  # symlinks leaving the folder, FIFOs: never read
    files = [p for p in found if isinstance(p, Path) and p.resolve() not in own and not p.name.endswith(".review.toml")]
    rows = previous_catalogue.read(previous) if previous else None

    with engines.opened(engine, workers, scheduler) as read_files, lock.hold(db, "cleanup run", wait), \
            Registry(db) as reg:
        run_id, before = reg.start_run(year, settings.as_of.isoformat(), path_text(root))
        try:
            _previous(reg, year, rows, previous)
            todo = _todo(files, root, reg.file_states(run_id))
            bar = progress(len(files)) if progress else contextlib.nullcontext(lambda: None)
            with bar as advance:
                for _ in range(len(files) - len(todo)):
                    advance()
                _store(reg, run_id, read_files(todo, settings), advance)
            for e in skipped:
                rel = Path(e.path).relative_to(root).as_posix()
                reg.store_file(run_id, rel, 0, 0, None, [Record(rel, reason=e.cause)])
            reg.forget_missing(run_id, {_relative(p, root) for p in files}
                               | {Path(e.path).relative_to(root).as_posix() for e in skipped})
            _near_duplicates(reg, run_id, settings.near_duplicate)
            reg.save_proposals(run_id, year, ((d["document_id"], d["version_id"], p.status, p.reasons, p.replaced_by)
                                              for d, p in propose(reg.run_documents(run_id), settings.cleanup_replaced)))
            match_previous(reg, year)
        except BaseException:
            reg.end_run(run_id, "interrupted")
            raise
        reg.end_run(run_id, "finished")
        return _result(reg, run_id, year, settings.as_of, path_text(root), len(files), len(todo),
                       before in ("running", "interrupted"))


def _previous(reg: Registry, year: int, rows: list[dict] | None, source) -> None:
    """Last year's catalogue: the file given, else what was imported before, else last year's edition."""
    if rows is not None:
        reg.replace_previous(year, rows, str(source))
    elif not reg.previous_rows(year) and (edition := reg.edition(year - 1)):
        reg.replace_previous(year, _edition_rows(edition), f"{year - 1}年目录（登记库）")


def _todo(files: list[Path], root: Path, states: dict) -> list[tuple[str, str, int, int]]:
    """(path, relative path, size, mtime) of the files to read, by relative path (the order they are stored
    in, whatever order the folder was walked in): all but those read before and unchanged since (same size and
    modification time), unless they failed for want of a program on this machine."""
    todo = []
    for p in files:
        rel, st = _relative(p, root), p.stat()
        known = states.get(rel)
        if known is None or (known["size"], known["mtime_ns"]) != (st.st_size, st.st_mtime_ns) \
                or known["reason"] in _RETRIED:
            todo.append((str(p), rel, st.st_size, st.st_mtime_ns))
    return sorted(todo, key=lambda item: item[1])


def _relative(path: Path, root: Path) -> str:
    """The path the registry knows a file by: relative to the run's root, as text (a GBK name decoded)."""
    return path_text(path.relative_to(root).as_posix())


def _store(reg: Registry, run_id: int, results: Iterator[worker.FileResult], advance: Callable[[], None]) -> None:
    """The results written in batches of up to _BATCH files or _BATCH_SECONDS, one transaction each; a batch in
    hand when the run stops (Ctrl-C, a failure) is written before the stop goes on."""
    batch: list[worker.FileResult] = []
    started = time.monotonic()

    def flush() -> None:
        done = batch[:]
        batch.clear()  # written once, even if writing fails
        with reg.batch():
            for r in done:
                reg.store_file(run_id, r.path, r.size, r.mtime_ns, r.sha256, r.records)

    try:
        for result in results:
            if not batch:
                started = time.monotonic()
            batch.append(result)
            advance()
            if len(batch) >= _BATCH or time.monotonic() - started >= _BATCH_SECONDS:
                flush()
    finally:
        if batch:
            flush()


def _near_duplicates(reg: Registry, run_id: int, threshold: float) -> None:
    """Candidate pairs from the LSH index, kept when the exact Jaccard similarity reaches `threshold`."""
    cache: dict[int, bytes] = {}

    def shingles(version_id: int) -> bytes:
        if version_id not in cache:
            if len(cache) > 256:
                cache.clear()
            cache[version_id] = reg.shingles(version_id)
        return cache[version_id]

    pairs = []
    for a, b in reg.candidate_pairs(run_id, similarity.NEIGHBOURS):
        score = similarity.jaccard(shingles(a), shingles(b))
        if score >= threshold:
            pairs.append((a, b, round(score, 3)))
    reg.save_near_duplicates(run_id, pairs)


def _edition_rows(entries: list[dict]) -> list[dict]:
    return [{"row": i, "seq": str(e.get("seq") or i), "title": e.get("title") or "", "doc_number": e.get("doc_number"),
             "issuer": e.get("issuer"), "issued_on": e.get("issued_on"), "status": e.get("status"), "raw": e}
            for i, e in enumerate(entries, 1)]


def _result(reg: Registry, run_id: int, year: int, as_of: date, root: str, files: int, read: int,
            resumed: bool) -> RunResult:
    proposals = reg.proposals_by_path(run_id)
    counts = dict.fromkeys(CLEANUP_STATUSES, 0)
    for r in reg.all("SELECT status, count(*) AS n FROM proposals WHERE run_id = ? GROUP BY status", run_id):
        counts[r["status"]] = r["n"]
    catalogue = catalogue_data(reg, year, texts=False)
    return RunResult(run_id, year, as_of, root, files, read, resumed, proposals, counts, reg.unreadable(run_id),
                     reg.near_duplicates(run_id), catalogue.changes, len(reg.previous_rows(year)), reg.warnings(run_id))
