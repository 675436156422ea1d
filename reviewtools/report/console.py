"""The terminal every command prints to, and the progress bar of a batch."""

from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from reviewtools.errors import clean_name


def console() -> Console:
    """The console every command prints to: no guessed highlighting, long Chinese lines left whole."""
    return Console(highlight=False, soft_wrap=True)


def safe(text: object) -> str:
    """Text taken from input (a path, a title, a quote) fit for a console line with markup: control characters
    and terminal escapes removed (errors.clean_name), and rich's [markup] brackets escaped."""
    return escape(clean_name(text))


@contextmanager
def progress(total: int, label: str = "审查中"):
    """A progress bar over `total` files when there are several (on stderr); yields a step function."""
    if total <= 1:
        yield lambda: None
        return
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True, soft_wrap=True), transient=True)
    with bar:
        task = bar.add_task("review", total=total)
        yield lambda: bar.advance(task)
