"""Reviewing many files: a process pool whose results come back in input order, and what a batch keeps of each
review once its outputs are written.

A batch holds at most a few files per worker in flight and, of every review, only a `Reviewed` (the particulars,
the counts and the findings stripped to what an index, a folder report and the exit status read), so its memory
does not grow with the review's text, analysis and memos.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from reviewtools.findings import Finding
from reviewtools.terms import SEVERITIES

CHUNK = 8  # the most items a worker is given at once: one message each way for several files, not one per file
IN_FLIGHT = 3  # chunks queued per worker: enough to keep workers busy past a slow file, few enough to stream
MOST_JOBS = 61  # the most processes a pool may have on Windows (concurrent.futures)


def ordered(function: Callable, items: Iterable, jobs: int, initializer: Callable, initargs: tuple = (),
            crashed: Callable | None = None, total: int | None = None, preload: tuple[str, ...] = ()) -> Iterator:
    """function(item) for each item, in the order of `items` whichever worker finishes first: in this process
    when jobs is 1, else in `jobs` worker processes (reviewtools.processes: forked ready from a server that
    imported `preload`, or spawned) that never hold more than IN_FLIGHT chunks each. `initializer(*initargs)`
    runs once in every process that calls `function`. A script that uses several jobs must guard its entry point
    with `if __name__ == "__main__":`.

    A worker is given up to CHUNK items at a time and returns their results together; when `total` says how
    many items there are, the chunks shrink toward the end so that the workers finish together (unknown, each
    item goes alone). When a worker dies (a reader's crash, the memory killer), a new pool takes the items in
    flight again one by one, the oldest alone first: if it kills its worker too, crashed(item) stands for its
    result (without `crashed`, the pool's error is raised) and the batch goes on."""
    if jobs <= 1:
        initializer(*initargs)
        yield from map(function, items)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from reviewtools.processes import context

    def start() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, mp_context=context([function.__module__, *preload]), initializer=_worker,
                                   initargs=(initializer, initargs))

    jobs = min(jobs, MOST_JOBS)
    pool, queue, left = start(), iter(items), total
    again: deque = deque()  # items in flight when a worker died, to submit again one by one (oldest first)
    pending: deque = deque()  # (chunk, future), in input order
    alone = False  # the oldest item runs by itself: the one a worker died on, or an innocent bystander
    try:
        while True:
            while len(pending) < (1 if alone else jobs * IN_FLIGHT):
                if again:
                    chunk = [again.popleft()]
                else:
                    chunk = list(islice(queue, chunk_size(left, jobs)))
                    if not chunk:
                        break
                    left = None if left is None else left - len(chunk)
                try:
                    pending.append((chunk, pool.submit(_each, function, chunk)))
                except BrokenProcessPool:  # it broke since the last result: the oldest one's says so
                    again.extendleft(reversed(chunk))
                    if not pending:
                        pool.shutdown(wait=True)
                        pool = start()
                    break
            if not pending:
                if again:
                    continue
                break
            chunk, future = pending[0]
            try:
                results = future.result()  # the others go on meanwhile
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                pool = start()
                if not alone:
                    again.extendleft(reversed([i for c, _ in pending for i in c]))
                    pending.clear()
                    alone = True
                    continue
                if crashed is None:
                    raise
                results = [crashed(chunk[0])]
            pending.popleft()
            alone = False
            yield from results
    finally:
        pool.shutdown(wait=not pending, cancel_futures=True)


def chunk_size(left: int | None, jobs: int) -> int:
    """How many items the next chunk takes when `left` are still to be submitted (None: unknown) to `jobs`
    workers: CHUNK while there are enough for every worker's queue, then fewer, down to one at a time for the
    last few, so that no worker is still busy with a chunk long after the others have run out."""
    return 1 if left is None else max(1, min(CHUNK, left // (jobs * IN_FLIGHT)))


def _each(function: Callable, chunk: list) -> list:
    return [function(item) for item in chunk]



def _worker(initializer: Callable, initargs: tuple) -> None:
    """A worker's start: Ctrl-C is the main process's to handle (it stops the batch), then the initializer."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    initializer(*initargs)


@dataclass(frozen=True)
class Source:
    path: str


@dataclass
class Reviewed:
    """What a batch keeps of one Review: what index.html, the folder report, the batch summary and the exit
    status read of it (doc.path, document, title, summary, verdict, verdict_name, findings), the same names as
    a Review's. Its findings keep rule, category, severity and title; the quote, place and basis of 严重 ones."""

    doc: Source
    document: dict
    title: str
    summary: dict[str, int]
    verdict: str
    verdict_name: str
    findings: list[Finding]

    @classmethod
    def of(cls, review) -> Reviewed:
        d = review.document
        return cls(Source(review.doc.path), {k: d[k] for k in ("title", "doc_number", "issuer")}, review.title,
                   review.summary, review.verdict, review.verdict_name, [_slim(f) for f in review.findings])

    def __setstate__(self, state: dict) -> None:
        """Unpickled from a worker: its findings' words interned here, shared by the whole batch's findings."""
        self.__dict__.update(state, findings=[_slim(f) for f in state["findings"]])


def _slim(f: Finding) -> Finding:
    grave = f.severity == "error"
    return Finding(sys.intern(f.rule), sys.intern(f.category), sys.intern(f.severity), sys.intern(f.title), "",
                   f.quote if grave else None, None, None, f.location if grave else {}, f.basis if grave else "",
                   "", score=f.score)


def exit_status(reviews, fail_on: str = "error") -> int:
    """1 when a finding of `reviews` (Reviews or Revieweds) reaches the severity `fail_on` (error: 严重 only;
    info: any finding), else 0."""
    worst = SEVERITIES.index(fail_on)
    return 1 if any(SEVERITIES.index(f.severity) <= worst for r in reviews for f in r.findings) else 0
