"""The terminal every command prints to, and the progress bar of a batch."""

from __future__ import annotations

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def console() -> Console:
    """The console every command prints to: no guessed highlighting, long Chinese lines left whole."""
    return Console(highlight=False, soft_wrap=True)


@contextmanager
def progress(total: int, label: str = "审查中"):
    """A progress bar over `total` files when there are several (on stderr); yields a step function."""
    if total <= 1:
        yield lambda: None
        return
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("review", total=total)
        yield lambda: bar.advance(task)
