"""What every command shares: no traceback for the user, dates, shared options, the batch loop, output names."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from reviewtools.errors import ReadError, ReviewtoolsError, UsageError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def config_option(command: Callable) -> Callable:
    return click.option("--config", type=click.Path(), help="配置文件（默认读取当前目录下的 reviewtools.toml）。")(command)


def db_option(command: Callable) -> Callable:
    from reviewtools.registry import DEFAULT_PATH

    return click.option("--db", default=DEFAULT_PATH, show_default=True, type=click.Path(dir_okay=False),
                        help="登记库文件（SQLite）。")(command)


def as_of_option(help: str) -> Callable[[Callable], Callable]:
    return click.option("--as-of", "as_of", metavar="日期", help=help)


def friendly(command: Callable) -> Callable:
    """No traceback reaches the user: a one-line Chinese reason and exit status 2."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except ReviewtoolsError as exc:
            click.echo(f"错误：{exc.line()}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            if os.environ.get("REVIEWTOOLS_DEBUG"):
                raise
            click.echo(f"错误：内部错误（{type(exc).__name__}: {exc}）。设置环境变量 REVIEWTOOLS_DEBUG=1 可查看详情。",
                       err=True)
            sys.exit(2)

    return run


def as_of_date(value: str | None, option: str = "--as-of"):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} 应为日期，如 2026-11-22（收到：{value}）") from exc


def is_batch(paths: tuple[str, ...]) -> bool:
    """Several inputs, a folder or a .zip: outputs go into a folder, one per file."""
    return len(paths) > 1 or any(Path(p).is_dir() or Path(p).suffix.lower() == ".zip" for p in paths)


def readable(paths, failed: list, progress: bool = False):
    """The documents under `paths`, with a progress bar when asked; each unreadable file is reported on one
    Chinese line and collected in `failed`, and the batch goes on. What was repaired in a file is said too."""
    from reviewtools.ingest import iter_documents, list_files
    from reviewtools.report.console import progress as progress_bar

    files = list_files(paths)  # walked once: for the progress bar's total and for reading
    with progress_bar(len(files) if progress else 0) as advance:
        for item in iter_documents(files):
            advance()
            if isinstance(item, ReadError):
                click.echo(f"错误：{item.line()}", err=True)
                failed.append(item)
                continue
            for warning in item.warnings:
                click.echo(f"提醒：{item.path}：{warning}", err=True)
            yield item


def memo_path(output: str, source: str, fmt: str, several: bool, taken: set[Path], kind: str = "审查意见") -> Path:
    """The memo's path: `output` itself, or in a batch OUTPUT/<name>.<kind>.<fmt>, numbered on collision."""
    if not several:
        return Path(output)
    name = Path(source.replace("!", "/")).stem
    target, n = Path(output) / f"{name}.{kind}.{fmt}", 1
    while target in taken:
        n += 1
        target = Path(output) / f"{name}-{n}.{kind}.{fmt}"
    return target
