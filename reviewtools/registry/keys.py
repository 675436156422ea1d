"""How a document is known across files and years: its normalized 文号, else its normalized title."""

from __future__ import annotations

import re

from reviewtools.text.normalize import normalize

_TITLE_DROP = re.compile(r"[《》“”‘’\"'「」『』\s]")


def title_key(title: str | None) -> str | None:
    """A title as matched: full/half width and bracket variants unified, no spaces, quotes or 《》."""
    if not title:
        return None
    return _TITLE_DROP.sub("", normalize(title).text) or None


def doc_key(doc_number: str | None, title: str | None, sha256: str = "") -> str:
    """The key a document is known by: its normalized 文号, else its normalized title, else its content."""
    return doc_number or title_key(title) or f"sha256:{sha256}"
