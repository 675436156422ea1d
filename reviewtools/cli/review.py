"""`reviewtools review`: review drafts and write their memos."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from reviewtools.cli.options import (
    CONTEXT,
    STDIN_NAME,
    as_of_option,
    config_option,
    finding_options,
    friendly,
    is_batch,
    memo_path,
    readable,
    settings_for,
)
from reviewtools.errors import UsageError, clean_name
from reviewtools.report.memo import FORMATS, SUFFIXES


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
@as_of_option("审查基准日（判断是否过时、过期），默认今天。")
@config_option
@finding_options
@friendly
def review(paths: tuple[str, ...], output: str | None, fmt: str | None, annotate: bool, previous: str | None,
           as_of: date | None, config: str | None, select: list[str], ignore: list[str], fail_on: str, exit_zero: bool, quiet: bool) -> None:
    from reviewtools.atomic import write_atomic
    from reviewtools.report.memo import render, terminal
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
        from reviewtools.review.rounds import follow, load_previous

        previous = load_previous(previous, settings)
    annotated: set[Path] = {Path(output)} if output and not several else set()  # names taken: never the memo's
    reviews, failed, written = [], [], []
    for item in readable(paths, failed, settings.limits, progress=several and bool(output or fmt) and not quiet,
                         quiet=quiet):
        result = _review_one(item, settings)
        if previous:
            result = follow(result, previous)
        reviews.append(result)
        if annotate:
            _annotate(result, output, several, annotated)
        if output:
            target = memo_path(output, item.path, fmt or "docx", several, {t for _, t in written})
            write_atomic(target, render(result, fmt or "docx"))
            written.append((result, target))
            if not several and not quiet:
                terminal.summary_line(result, target)
        elif fmt == "json":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif fmt:
            click.echo(render(result, fmt).decode("utf-8"))
        else:
            (terminal.brief if quiet else terminal.show)(result)
    if output and several:
        from reviewtools.report import folder as folder_report
        from reviewtools.report.memo import index

        reports = folder_report.write(Path(output), [r for r, _ in written], failed, settings)
        index_path = index.write(Path(output), written, failed, settings, reports)
        if not quiet:
            terminal.batch_summary(written, failed, index_path)
            click.echo("汇总报告：" + "、".join(clean_name(p) for p in reports))
    sys.exit(_status(reviews, failed, fail_on, exit_zero))


def _status(reviews: list, failed: list, fail_on: str, exit_zero: bool) -> int:
    """1 when a finding reaches --fail-on (unless --exit-zero), even if some files could not be read (they are
    listed on standard error and in the index); else 2 when some could not be read; else 0."""
    from reviewtools.review import exit_status

    if not exit_zero and exit_status(reviews, fail_on):
        return 1
    return 2 if failed else 0


def _annotate(result, output: str | None, several: bool, taken: set[Path]) -> None:
    """Write the draft with comments into the output folder, beside the memo, or else beside the draft."""
    from reviewtools.atomic import write_atomic
    from reviewtools.report import annotate

    source = Path(result.doc.path)
    folder = output if several else str(Path(output).parent) if output else str(source.parent)
    target = memo_path(folder, result.doc.path, "docx", True, taken, kind=annotate.KIND)
    write_atomic(target, annotate.render(result, source.read_bytes() if source.is_file() else None))
    taken.add(target)
    if not several:  # a batch lists its outputs in the summary table; standard output may be the JSON
        click.echo(f"{clean_name(result.doc.path)}：批注稿已写入 {clean_name(target)}", err=True)


def _review_one(doc, settings):
    from reviewtools.review import review as run_review
    from reviewtools.review import waivers

    real = doc.path != STDIN_NAME and Path(doc.path).is_file()  # not standard input nor a .zip's entry
    return run_review(doc, settings, waivers.load(doc.path) if real else [])
