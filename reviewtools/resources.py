"""Where the shipped data lives: inside the installed package, or beside it in a checkout."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """`corpora`: the wheel ships them inside the package, a checkout keeps them at the top."""
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"找不到数据目录 {name}（安装不完整？）")


def corpus(filename: str) -> Path:
    return data_dir("corpora") / filename


def cache_dir() -> Path:
    """Where results that are costly to compute and safe to keep are cached (they are recomputed when
    missing): REVIEWTOOLS_CACHE, else $XDG_CACHE_HOME/reviewtools, else ~/.cache/reviewtools."""
    explicit = os.environ.get("REVIEWTOOLS_CACHE")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reviewtools"
