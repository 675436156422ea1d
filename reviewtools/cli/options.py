"""What every command shares: no traceback for the user, dates and years, shared options, the settings that
apply, the batch loop (standard input included), output names."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import wraps
from pathlib import Path

import click

from reviewtools.errors import ReadError, ReviewtoolsError, UsageError, clean_name, os_cause

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def config_option(command: Callable) -> Callable:
    return click.option("--config", type=click.Path(dir_okay=False), help="配置文件。不指定时用环境变量 REVIEWTOOLS_CONFIG "
                        "指明的文件，再不然逐级向上找最近的 reviewtools.toml（review 从输入所在的文件夹找起）。")(command)


# The name standard input goes by: `-` among the inputs reads it (text in any Chinese encoding, or a file's bytes).
STDIN, STDIN_NAME = "-", "标准输入"


def settings_for(config: str | None, paths: tuple[str, ...] = (), **overrides):
    """The settings that apply to `paths` (settings.load): the config file nearest to the folder holding all
    of them, or to the current folder for standard input."""
    from reviewtools import settings

    folders = [os.path.abspath(p if Path(p).is_dir() else Path(p).parent) for p in paths if p != STDIN]
    start = os.path.commonpath(folders) if folders else None
    return settings.load(config, start, **overrides)


DB_HELP = "登记库：SQLite 文件，或 PostgreSQL 的 URL（postgresql://用户@主机/数据库）；默认为配置 registry.url"


def db_option(command: Callable) -> Callable:
    from reviewtools.registry import DEFAULT_PATH

    return click.option("--db", type=click.Path(dir_okay=False), metavar="登记库",
                        help=f"{DB_HELP}，未配置为 {DEFAULT_PATH}。")(command)


def registry_of(db: str | None, settings=None) -> str:
    """The registry a command uses: --db, else the config's registry.url, else the registry's default file."""
    from reviewtools.registry import DEFAULT_PATH

    return db or (settings or settings_for(None)).registry or DEFAULT_PATH


class _BadValue(click.BadParameter):
    """Click's refusal of an option value, worded as one Chinese clause after the option's name."""

    def format_message(self) -> str:
        name = self.param.opts[0] if self.param is not None and self.param.opts else ""
        return f"{name} {self.message}".strip()


class Year(click.ParamType):
    """A year between terms.FIRST_YEAR and LAST_YEAR (--year)."""

    name = "年度"

    def convert(self, value, param, ctx) -> int:
        from reviewtools.terms import year_of

        try:
            return year_of(value)
        except ValueError as exc:
            raise _BadValue(f"{exc}（收到：{value}）", ctx, param) from None


class Day(click.ParamType):
    """A date written 2026-11-22, in the years Year accepts (--as-of, --since)."""

    name = "日期"

    def convert(self, value, param, ctx) -> date:
        from reviewtools.terms import day_of

        try:
            return day_of(value)
        except ValueError as exc:
            raise _BadValue(f"{exc}（收到：{value}）", ctx, param) from None


class Level(click.ParamType):
    """A severity: 严重, 警告, 提示, or error, warning, info (--fail-on)."""

    name = "级别"

    def convert(self, value, param, ctx) -> str:
        from reviewtools.terms import SEVERITIES, SEVERITY_NAMES

        levels = {**{v: k for k, v in SEVERITY_NAMES.items()}, **{k: k for k in SEVERITIES}}
        level = levels.get(str(value).strip().lower())
        if level is None:
            raise _BadValue(f"应为 严重、警告 或 提示（也可写 error、warning、info；收到：{value}）", ctx, param)
        return level


YEAR, DATE = Year(), Day()


def _names(ctx, param, values: tuple[str, ...]) -> list[str]:
    """Rule names given comma-separated, in one option or repeated."""
    return [name.strip() for value in values for name in value.split(",") if name.strip()]


def finding_options(command: Callable) -> Callable:
    """--select, --ignore, --fail-on, --exit-zero and -q: which findings count, and what is printed."""
    for option in reversed((
        click.option("--select", multiple=True, callback=_names, metavar="规则或类别",
                     help="只运行这些规则（逗号分隔；可写规则编号、编号前缀或类别，如 competition、powers.penalty、公平竞争）。"
                          "指定后取代配置文件的 rules.disabled。"),
        click.option("--ignore", multiple=True, callback=_names, metavar="规则或类别",
                     help="不运行这些规则（写法同 --select）。"),
        click.option("--fail-on", "fail_on", type=Level(), default="error", metavar="级别",
                     help="有这一级别或更高级别的意见时退出状态为 1：严重（默认）、警告 或 提示。"),
        click.option("--exit-zero", "exit_zero", is_flag=True, help="有意见时退出状态仍为 0（文件无法读取时仍为 2）。"),
        click.option("-q", "--quiet", is_flag=True, help="只输出意见（每条一行）和错误，不显示统计、结论和进度。"),
    )):
        command = option(command)
    return command


def as_of_option(help: str) -> Callable[[Callable], Callable]:
    return click.option("--as-of", "as_of", type=DATE, metavar="日期", help=help)


# The file a command is working on, for the one line an unexpected error gets (see friendly).
_current: ContextVar[str | None] = ContextVar("current_file", default=None)


def working_on(path: str | None) -> None:
    """Name the file the command is working on, for the line an unexpected error gets (None: no file)."""
    _current.set(path)


def friendly(command: Callable) -> Callable:
    """No traceback reaches the user: a one-line Chinese reason and exit status 2."""

    @wraps(command)
    def run(*args, **kwargs):
        _current.set(None)
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
        except OSError as exc:  # the machine's doing (permissions, disk, network storage), not a bug
            if os.environ.get("REVIEWTOOLS_DEBUG"):
                raise
            where = exc.filename if exc.filename is not None else _current.get()
            named = f"{clean_name(where)}：" if where is not None else ""
            click.echo(f"错误：{named}{os_cause(exc, where)}", err=True)
            sys.exit(2)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            if os.environ.get("REVIEWTOOLS_DEBUG"):
                raise
            current = _current.get()
            where = f"处理 {clean_name(current)} 时" if current else ""
            click.echo(f"错误：{where}发生内部错误（{type(exc).__name__}: {clean_name(exc)}）。"
                       "设置环境变量 REVIEWTOOLS_DEBUG=1 可查看详情。", err=True)
            sys.exit(2)

    return run


def is_batch(paths: tuple[str, ...]) -> bool:
    """Several inputs, a folder or a .zip: outputs go into a folder, one per file."""
    return len(paths) > 1 or any(Path(p).is_dir() or Path(p).suffix.lower() == ".zip" for p in paths)


def readable(paths, failed: list, limits, progress: bool = False, quiet: bool = False):
    """The documents under `paths` (`-`: standard input), read within `limits` (settings.limits), with a progress
    bar when asked; each unreadable file is reported on one Chinese line and collected in `failed`, and the
    batch goes on. Reading warnings (提醒) are left out when `quiet`."""
    from reviewtools.ingest import iter_documents

    files = listed(paths)
    with progress_bar(len(files) if progress else 0) as advance:
        for path in files:
            _current.set(path.path if isinstance(path, ReadError) else str(path))
            for item in [stdin(limits)] if path == STDIN else iter_documents([path], limits):
                if isinstance(item, ReadError):
                    say(f"错误：{item.line()}")
                    failed.append(item)
                    continue
                _current.set(item.path)
                for warning in () if quiet else item.warnings:
                    say(f"提醒：{clean_name(item.path)}：{warning}")
                yield item
            advance()
    _current.set(None)


def listed(paths) -> list:
    """The files under `paths`, walked once: each a Path, a ReadError (what cannot be listed) or STDIN."""
    from reviewtools.ingest import list_files

    if sum(p == STDIN for p in paths) > 1:
        raise UsageError("标准输入（-）只能读取一次")
    return [f for p in paths for f in ([STDIN] if p == STDIN else list_files([p]))]


@contextmanager
def progress_bar(total: int):
    """The batch's progress bar over `total` files (none for 0 or 1: nothing of it is imported then)."""
    if total <= 1:
        yield lambda: None
        return
    from reviewtools.report.console import progress

    with progress(total) as advance:
        yield advance


def say(line: str) -> None:
    """One line on standard error. Written to sys.stderr itself, not click's cached stream: while a progress bar
    is shown, that is the bar's proxy, which clears the bar, prints the line above it and draws it again."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def stdin(limits):
    """The document on standard input, or its ReadError (at most limits.file_mb, like any file)."""
    from reviewtools import errors
    from reviewtools.ingest import read_bytes

    data = sys.stdin.buffer.read(limits.file_bytes + 1)
    if len(data) > limits.file_bytes:
        return ReadError(STDIN_NAME, limits.breach("file_mb", errors.TOO_LARGE))
    try:
        return read_bytes(data, STDIN_NAME, limits)
    except ReadError as exc:
        return exc


def memo_path(output: str, source: str, fmt: str, several: bool, taken: set[Path], kind: str = "审查意见") -> Path:
    """The memo's path: `output` itself, or in a batch OUTPUT/<name>.<kind>.<fmt>, numbered on collision; <name>
    is the source's, cleaned of control characters and terminal escapes, never hidden."""
    if not several:
        return Path(output)
    name = clean_name(Path(source.replace("!", "/")).stem).strip().lstrip(".") or "文件"
    target, n = Path(output) / f"{name}.{kind}.{fmt}", 1
    while target in taken:
        n += 1
        target = Path(output) / f"{name}-{n}.{kind}.{fmt}"
    return target


def wait_option(command):
    """--wait: how long a command that writes the registry waits for another one holding it."""
    return click.option("--wait", type=click.FloatRange(0), default=0, metavar="秒数",
                        help="登记库正被另一个清理进程使用时，最多等待的秒数（默认不等待，直接提示）。")(command)
