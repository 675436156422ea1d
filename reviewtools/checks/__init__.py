"""The checks: each a pure function of the Analysis that yields findings."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable

from reviewtools.analyze import Analysis, Finding

# One module per concern, each with a `check(analysis)` function.
MODULES = ("length", "upper_law", "lexicon", "outdated", "targets", "format", "validity", "suspected")


def checks() -> list[Callable[[Analysis], Iterable[Finding]]]:
    return [importlib.import_module(f"reviewtools.checks.{name}").check for name in MODULES]
