"""How a document is known across files and years: its normalized 文号, else its normalized title."""

from __future__ import annotations

from reviewtools.text.titles import title_key


def doc_key(doc_number: str | None, title: str | None, sha256: str = "") -> str:
    """The key a document is known by: its normalized 文号, else its normalized title, else its content."""
    return doc_number or title_key(title) or f"sha256:{sha256}"
