"""Review memos, one writer per format, each `render(review, office) -> bytes`, chosen by name."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewtools.review import Review

# Format name → writer module; a file suffix names its format (.docx → docx). Each writer imports its
# library only when asked for.
FORMATS = {"docx": "docx", "html": "html", "md": "markdown", "json": "json"}
SUFFIXES = {f".{name}": name for name in FORMATS}


def render(review: Review, fmt: str) -> bytes:
    """The memo of `review` in format `fmt`, signed by the office in the review's settings."""
    return import_module(f"{__name__}.{FORMATS[fmt]}").render(review, review.analysis.settings.office)
