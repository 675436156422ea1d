"""`reviewtools review`: review drafts and write their memos."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import click

from reviewtools.cli import reviewing
from reviewtools.cli.options import (
    CONTEXT,
    STDIN,
    as_of_option,
    config_option,
    finding_options,
    friendly,
    is_batch,
    listed,
    memo_path,
    progress_bar,
    say,
    settings_for,
    stdin,
    working_on,
)
from reviewtools.errors import PathError, ReadError, UsageError, clean_name
from reviewtools.report.memo import FORMATS, SUFFIXES
from reviewtools.review.batch import exit_status, ordered
from reviewtools.review.waivers import is_sidecar

# Unless -j says otherwise, a process of its own for every this many files, up to one per core: a worker's start
# (imports, rule data) costs as much as reviewing a few files.
_FILES_PER_JOB = 8


@click.command(context_settings=CONTEXT, help="审查文件（或文件夹、zip 压缩包）：篇幅、制定依据、公平竞争、过时引用、越权设定、格式、有效期。"
              "不带 -o 时在终端显示结果；带 -o 时写出审查意见书（.docx/.html/.md/.json，按扩展名或 --format）。"
              "审查文件夹时 -o 为输出文件夹，每个文件一份意见书，另附索引。文件名写 - 时从标准输入读取。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="文件或文件夹…")
@click.option("-o", "--output", type=click.Path(), help="输出文件；审查多个文件时为输出文件夹。")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
              help="docx：可直接发送的意见书；html：原文高亮，离线可看；md：邮件、内网用；json：机器读取。")
@click.option("--annotate", is_flag=True,
              help="另存一份带审查批注的草案（名为“原名.审查批注.docx”，在意见书旁，不带 -o 时在草案旁），"
                   "每条意见以 Word 批注标在原文处，发文字号括号等机械性修改以修订标记，供退回起草单位。")
@click.option("--previous", type=click.Path(exists=True, dir_okay=False), metavar="上一轮",
              help="复核：与上一轮的草案（或其 --format json 审查结果）比对，意见书写明上一轮意见已解决、仍存在和新发现的，"
                   "以及两稿之间的文字修改；上一轮的豁免沿用到仍存在的同一意见。只能审查一个文件。")
@click.option("-j", "--jobs", type=click.IntRange(1, 64), metavar="进程数",
              help="审查多个文件时的并行进程数，默认为 CPU 核数（文件不多时少开）；1 表示不另开进程。")
@as_of_option("审查基准日（判断是否过时、过期），默认今天。")
@config_option
@finding_options
@friendly
def review(paths: tuple[str, ...], output: str | None, fmt: str | None, annotate: bool, previous: str | None,
           jobs: int | None, as_of: date | None, config: str | None, select: list[str], ignore: list[str], fail_on: str,
           exit_zero: bool, quiet: bool) -> None:
    from reviewtools.settings import choose_rules

    settings = choose_rules(settings_for(config, paths, as_of=as_of), select, ignore)
    several = is_batch(paths)
    if output and not several:
        suffix_fmt = SUFFIXES.get(Path(output).suffix.lower())
        if fmt is None and suffix_fmt is None:
            raise UsageError(f"无法从扩展名判断输出格式：{output}（可用 {'、'.join(SUFFIXES)}，或用 --format 指定）")
        fmt = fmt or suffix_fmt
    if fmt == "docx" and not output:
        raise UsageError("docx 格式需要用 -o 指定输出文件")
    if annotate and several and not output:
        raise UsageError("审查多个文件时，--annotate 需要用 -o 指定输出文件夹")
    if previous and several:
        raise UsageError("--previous 只能与一个文件一起使用（复核同一草案的修改稿）")
    if previous:
        from reviewtools.review.rounds import load_previous

        previous = load_previous(previous, settings)
    files = [f for f in listed(paths) if not (isinstance(f, Path) and is_sidecar(f) and str(f) not in paths)]
    job = reviewing.Job(settings, fmt, bool(output), annotate, quiet, *reviewing.terminal_of(), previous)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(files) if jobs else len(files) // _FILES_PER_JOB))
    batch = _Batch(output, fmt or "docx", several, quiet, fail_on)
    if output and several and jobs > 1:
        _meanwhile(batch.report_modules())
    with progress_bar(len(files) if several and bool(output or fmt) and not quiet else 0) as advance:
        for outcome in ordered(reviewing.run, _inputs(files, settings.limits, jobs == 1), jobs, reviewing.prepare, (job,),
                               reviewing.crashed, len(files), reviewing.preload(job)):
            for entry in outcome:
                batch.add(entry)
            advance()
    working_on(None)
    if output and several:
        batch.report(settings)
    sys.exit(batch.status(exit_zero))


def _meanwhile(modules: list[str]) -> None:
    """Import `modules` in a thread of their own while this process mostly waits for its workers, rather than
    after the last file, when nothing else runs (the batch's reports load python-docx and openpyxl: 0.3 s)."""
    import threading
    from importlib import import_module

    threading.Thread(target=lambda: [import_module(m) for m in modules], daemon=True).start()


def _inputs(files: list, limits, in_process: bool):
    """The items reviewing.run takes: standard input is read here, when its turn comes (a worker has none). In
    this process, the file an unexpected error would be met in is the one being reviewed."""
    for f in files:
        if in_process:
            working_on(f.path if isinstance(f, ReadError) else str(f))
        yield stdin(limits) if f == STDIN else f


class _Batch:
    """What the command does with each document's outcome, in input order: print its lines, write its outputs,
    and keep what the exit status and the batch's index and reports need (a Reviewed, not the Review)."""

    def __init__(self, output: str | None, fmt: str, several: bool, quiet: bool, fail_on: str):
        self.output, self.fmt, self.several, self.quiet, self.fail_on = output, fmt, several, quiet, fail_on
        self.written: list = []  # (Reviewed, memo path), for a batch's index and reports
        self.taken: set[Path] = set()  # memo names given
        self.annotated: set[Path] = {Path(output)} if output and not several else set()  # never the memo's
        self.failed: list = []
        self.flagged = False  # a finding reached --fail-on

    def add(self, entry) -> None:
        if isinstance(entry, PathError):  # ReadError, or reviewing.ReviewError
            say(f"错误：{entry.line()}")
            self.failed.append(entry)
            return
        reviewed = entry.reviewed
        for warning in () if self.quiet else entry.warnings:
            say(f"提醒：{clean_name(reviewed.doc.path)}：{warning}")
        self.flagged = self.flagged or bool(exit_status([reviewed], self.fail_on))
        if entry.annotated is not None:
            self._annotated(reviewed, entry.annotated)
        if self.output:
            from reviewtools.atomic import write_atomic

            target = memo_path(self.output, reviewed.doc.path, self.fmt, self.several, self.taken)
            write_atomic(target, entry.memo)
            self.taken.add(target)
            if self.several:
                self.written.append((reviewed, target))
            elif not self.quiet:
                from reviewtools.report.memo import terminal

                terminal.summary_line(reviewed, target)
        else:
            click.echo(entry.shown, nl=False)

    def status(self, exit_zero: bool) -> int:
        """1 when a finding reaches --fail-on (unless --exit-zero), even if some files could not be read or
        reviewed (they are listed on standard error and in the index); else 2 when some could not; else 0."""
        return 1 if self.flagged and not exit_zero else 2 if self.failed else 0

    def _annotated(self, reviewed, data: bytes) -> None:
        """The draft with comments into the output folder, beside the memo, or else beside the draft."""
        from reviewtools.atomic import write_atomic
        from reviewtools.report.annotate import KIND

        path = reviewed.doc.path
        folder = self.output if self.several else str(Path(self.output).parent) if self.output else str(Path(path).parent)
        target = memo_path(folder, path, "docx", True, self.annotated, kind=KIND)
        write_atomic(target, data)
        self.annotated.add(target)
        if not self.several:  # a batch lists its outputs in the summary table; standard output may be the JSON
            click.echo(f"{clean_name(path)}：批注稿已写入 {clean_name(target)}", err=True)

    def report_modules(self) -> list[str]:
        """The modules `report` will import."""
        from reviewtools.report import folder

        return ["reviewtools.report.memo.index", *(f"{folder.__name__}.{fmt}" for fmt in folder.FORMATS),
                *(() if self.quiet else ("reviewtools.report.memo.terminal",))]

    def report(self, settings) -> None:
        """index.html and the reports for the leadership, in the output folder; the summary on the terminal."""
        from reviewtools.report import folder as folder_report
        from reviewtools.report.memo import index, terminal

        folder = Path(self.output)
        reports = folder_report.write(folder, [r for r, _ in self.written], self.failed, settings)
        index_path = index.write(folder, self.written, self.failed, settings, reports)
        if not self.quiet:
            terminal.batch_summary(self.written, self.failed, index_path)
            click.echo("汇总报告：" + "、".join(clean_name(p) for p in reports))
