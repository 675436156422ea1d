"""The work of `reviewtools review` on one input, in this process or a worker's: read it, review each document
in it, and render what is to be printed or written. Nothing is printed or written here: the command does that
in input order, so the outputs are the same however many processes shared the work."""

from __future__ import annotations

import io
import json
import os
import sys
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from reviewtools.cli.options import STDIN_NAME
from reviewtools.document import Document
from reviewtools.errors import PathError, ReadError, ReviewtoolsError, clean_name


@dataclass(frozen=True)
class Job:
    """What every input of one command gets: the settings and what to render."""

    settings: object  # Settings
    fmt: str | None  # the memo's format; None: the terminal's display
    to_files: bool  # memos written to files (-o), not printed
    annotate: bool
    quiet: bool
    tty: bool  # standard output is a terminal: the display is coloured for it
    encoding: str  # standard output's encoding: the display's box characters depend on it
    previous: object = None  # review.rounds.Version: the round this one follows (--previous, one file)


@dataclass
class Done:
    """One document reviewed: what the batch keeps of it, and what is to be printed or written for it."""

    reviewed: object  # review.batch.Reviewed
    warnings: list[str]  # how it was repaired to be read (提醒)
    shown: str  # for standard output ("" when memos go to files)
    memo: bytes | None  # the memo, when memos go to files
    annotated: bytes | None  # the draft with the review's comments, when asked for


class ReviewError(PathError):
    """A document read but not reviewed (a bad waiver file beside it, a bug): its line, and the batch goes on."""

    def line(self) -> str:
        return f"处理 {clean_name(self.path)} 时{self.cause}"


_job: Job | None = None


def prepare(job: Job) -> None:
    """Set the job of this process (run once per worker)."""
    global _job
    _job = job


def preload(job: Job) -> tuple[str, ...]:
    """What a worker imports before its first input (review.batch.ordered): what every review loads, and the
    memo writer when memos go to files."""
    return ("reviewtools.review.warm", *(["reviewtools.report.memo"] if job.to_files else []))


def run(item) -> list[Done | ReadError]:
    """Each document of `item` (a file's path, a ReadError from listing, or standard input's Document), reviewed
    and rendered, or its error, in reading order."""
    from reviewtools.ingest import iter_documents

    docs = [item] if isinstance(item, Document | ReadError) else iter_documents([item], _job.settings.limits)
    return [doc if isinstance(doc, ReadError) else _one(doc) for doc in docs]


def crashed(item) -> list[ReviewError]:
    """What stands for `item` when reviewing it ended its worker process (a reader's crash, memory)."""
    path = item.path if isinstance(item, Document | ReadError) else str(item)
    return [ReviewError(path, "审查时处理进程意外退出（文件可能触发了读取程序的缺陷，或内存不足）。")]


def _one(doc: Document) -> Done | ReviewError:
    """The document reviewed; a failure of its review is its error line, not the end of the batch."""
    try:
        return _review(doc)
    except ReviewtoolsError as exc:
        return ReviewError(doc.path, f"出错：{exc.line()}")
    except Exception as exc:  # noqa: BLE001 - one document a check chokes on must not stop the batch
        if os.environ.get("REVIEWTOOLS_DEBUG"):
            raise
        return ReviewError(doc.path, f"发生内部错误（{type(exc).__name__}: {clean_name(exc)}）。"
                                     "设置环境变量 REVIEWTOOLS_DEBUG=1 可查看详情。")


def _review(doc: Document) -> Done:
    from reviewtools.review import review, waivers
    from reviewtools.review.batch import Reviewed

    job = _job
    real = doc.path != STDIN_NAME and Path(doc.path).is_file()  # not standard input nor a .zip's entry
    result = review(doc, job.settings, waivers.load(doc.path) if real else [])
    if job.previous is not None:
        from reviewtools.review.rounds import follow

        result = follow(result, job.previous)
    memo = shown = None
    if job.to_files:
        from reviewtools.report.memo import render

        memo = render(result, job.fmt or "docx")
    else:
        shown = _shown(result, job)
    annotated = None
    if job.annotate:
        from reviewtools.report import annotate

        source = Path(result.doc.path)
        annotated = annotate.render(result, source.read_bytes() if source.is_file() else None)
    return Done(Reviewed.of(result), list(doc.warnings), shown or "", memo, annotated)


def _shown(result, job: Job) -> str:
    """What standard output shows of `result`: the JSON line, the memo's text, or the terminal's display."""
    if job.fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
    if job.fmt:
        from reviewtools.report.memo import render

        return render(result, job.fmt).decode("utf-8") + "\n"
    from reviewtools.report.memo import terminal

    screen = _Screen(job.tty, job.encoding)
    with redirect_stdout(screen):
        (terminal.brief if job.quiet else terminal.show)(result)
    return screen.getvalue()


class _Screen(io.StringIO):
    """Standard output held back, that passes for the terminal it will be printed on (colours, box characters)."""

    def __init__(self, tty: bool, encoding: str):
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:
        return self._encoding


def terminal_of(stream=None) -> tuple[bool, str]:
    """(is a terminal, encoding) of standard output, for Job."""
    stream = stream or sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty, getattr(stream, "encoding", None) or "utf-8"
