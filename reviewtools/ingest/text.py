"""Plain text in any Chinese encoding, and HTML pages from government portals."""

from __future__ import annotations

import codecs
import re

from reviewtools.document import Builder, Document
from reviewtools.ingest import portal
from reviewtools.ingest.decode import decode

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table)\b",
                         re.I | re.S)


def looks_like_html(data: bytes) -> bool:
    head = data[:4096]
    for bom in (codecs.BOM_UTF8,):
        head = head.removeprefix(bom)
    return bool(_HTML_START.match(head)) or (b"<html" in head.lower() and b"</" in data[:65536])


def read_text(data: bytes, path: str) -> Document:
    text, warnings = decode(data, path)
    return _build(text.splitlines(), None, path, "txt", warnings)


def read_html(data: bytes, path: str) -> Document:
    from reviewtools.ingest import html

    lines, warnings = html.lines(data, path)
    return _build([line.text for line in lines], [(line.text, line.kind, line.table, line.row, line.cell) for line in lines],
                  path, "html", warnings)


def _build(lines: list[str], pieces: list[tuple] | None, path: str, fmt: str, warnings: list[str]) -> Document:
    """The Document of the article among `lines` (the portal's site dropped, its metadata kept): `pieces` are the
    lines as Builder.add_all takes them, or None for paragraphs of plain text."""
    kept, meta = portal.article(lines)
    b = Builder()
    b.add_all([pieces[i] for i in kept] if pieces is not None else [(lines[i], "paragraph", None, None, None) for i in kept])
    return b.build(path, fmt, portal=meta, warnings=warnings)
