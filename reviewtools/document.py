"""The Document every reader returns: the text as written, split into located blocks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # NUL, BEL…: not text, dropped on the way in
# No character at all (lone surrogates from a damaged font map, U+FFFE/U+FFFF) or a run of a font's own codes
# (private use: noise; a lone one is a rare character, as in a name, and stays): no writer, database or
# terminal can be trusted with them, so each becomes U+FFFD, one code point for one, and the Document says
# how many.
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U0010ffff"
_UNUSABLE = re.compile(f"[\ud800-\udfff\ufffe\uffff]|[{_PRIVATE}]{{2,}}")
_SUSPECT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff{_PRIVATE}]")  # either: one fast look
REPLACEMENT = "\ufffd"


# Block kinds. Body kinds are what the document says; the others are page furniture kept apart.
BODY_KINDS = frozenset({"paragraph", "heading", "cell"})
FURNITURE_KINDS = frozenset({"header", "footer", "footnote"})


def unusable_replaced(count: int) -> str:
    return f"正文中有 {count} 个无法识别的字符（文件内字符编码损坏或为字体私用编码），已替换为“{REPLACEMENT}”"


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text with its span in Document.text and where it came from in the source."""

    kind: str
    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    ocr: bool | None = None  # True: the text was recognised from an image of the page, to be checked

    def location(self) -> dict[str, int]:
        return {k: v for k, v in (("page", self.page), ("paragraph", self.paragraph), ("table", self.table),
                                  ("row", self.row), ("cell", self.cell)) if v is not None}


@dataclass(slots=True)
class Document:
    path: str
    format: str
    text: str
    blocks: list[Block]
    sha256: str = ""
    pages: int | None = None
    portal: dict[str, str] = field(default_factory=dict)  # the metadata table a portal page prints
    warnings: list[str] = field(default_factory=list)  # what was repaired on the way in, in Chinese

    @property
    def body_end(self) -> int:
        """Offset where page furniture (headers, footers, footnotes) begins; body text is before it."""
        ends = [b.end for b in self.blocks if b.kind in BODY_KINDS]
        return max(ends, default=0)

    def block_at(self, offset: int) -> Block | None:
        """The block containing `offset` (blocks are sorted by start)."""
        lo, hi = 0, len(self.blocks) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            b = self.blocks[mid]
            if offset < b.start:
                hi = mid - 1
            elif offset >= b.end and not (offset == b.end == b.start):
                lo = mid + 1
            else:
                return b
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "pages": self.pages,
            "portal": self.portal,
            "warnings": self.warnings,
            "text": self.text,
            "blocks": [{k: v for k, v in asdict(b).items() if v is not None} for b in self.blocks],
        }


class Builder:
    """Assembles a Document's text from pieces, one block per piece, joined by newlines.

    Body paragraphs are numbered in reading order (第N段), furniture is not numbered.
    Pieces are stripped of surrounding whitespace; empty pieces are skipped. This is where every reader's text
    is made safe: control characters dropped, unusable characters replaced and counted.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._blocks: list[Block] = []
        self._pos = 0
        self._paragraphs = 0
        self._replaced = 0

    def add(self, text: str, kind: str = "paragraph", *, page: int | None = None, table: int | None = None,
            row: int | None = None, cell: int | None = None, ocr: bool | None = None) -> Block | None:
        if _SUSPECT.search(text):
            text = _UNUSABLE.sub(self._replace, _CONTROL.sub("", text))
        return self._append(text, kind, page, table, row, cell, ocr)

    def add_all(self, pieces: Sequence[tuple[str, str, int | None, int | None, int | None]]) -> None:
        """add(text, kind, table=, row=, cell=) of each piece, looking for characters to clean in all of them at
        once: most texts hold none, and then no piece is searched on its own."""
        if _SUSPECT.search("\n".join(p[0] for p in pieces)):
            for text, kind, table, row, cell in pieces:
                self.add(text, kind, table=table, row=row, cell=cell)
            return
        append = self._append
        for text, kind, table, row, cell in pieces:
            append(text, kind, None, table, row, cell, None)

    def _append(self, text: str, kind: str, page: int | None, table: int | None, row: int | None, cell: int | None,
                ocr: bool | None) -> Block | None:
        """The block of a piece already cleaned: stripped, skipped when empty."""
        text = text.strip()
        if not text:
            return None
        if self._parts:
            self._parts.append("\n")
            self._pos += 1
        paragraph = None
        if kind in BODY_KINDS:
            self._paragraphs += 1
            paragraph = self._paragraphs
        block = Block(kind, self._pos, self._pos + len(text), page, paragraph, table, row, cell, ocr)
        self._parts.append(text)
        self._pos += len(text)
        self._blocks.append(block)
        return block

    def _replace(self, match: re.Match) -> str:
        self._replaced += len(match.group())
        return REPLACEMENT * len(match.group())

    def build(self, path: str, fmt: str, *, pages: int | None = None, portal: dict[str, str] | None = None,
              warnings: list[str] | None = None) -> Document:
        """The Document; `warnings` are the reader's own (a repaired encoding…), this builder's follow them."""
        body = [b for b in self._blocks if b.kind in BODY_KINDS]
        furniture = [b for b in self._blocks if b.kind not in BODY_KINDS]
        portal = {key: _UNUSABLE.sub(self._replace, value) for key, value in (portal or {}).items()}
        warnings = list(warnings or []) + ([unusable_replaced(self._replaced)] if self._replaced else [])
        if furniture and body and furniture[0].start < body[-1].end:
            return self._reordered(path, fmt, pages, portal, warnings)
        return Document(path, fmt, "".join(self._parts), list(self._blocks), "", pages, portal, warnings)

    def _reordered(self, path, fmt, pages, portal, warnings) -> Document:
        """Put furniture after the body so that the body is one contiguous prefix of the text."""
        text = "".join(self._parts)
        pieces = [(b, text[b.start:b.end]) for b in self._blocks]
        again = Builder()
        for b, t in sorted(pieces, key=lambda p: p[0].kind not in BODY_KINDS):
            again.add(t, b.kind, page=b.page, table=b.table, row=b.row, cell=b.cell, ocr=b.ocr)
        return again.build(path, fmt, pages=pages, portal=portal, warnings=warnings)
