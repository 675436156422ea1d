"""Plain text in any Chinese encoding, and HTML pages from government portals."""

from __future__ import annotations

import codecs
import contextlib
import re

from reviewtools import errors
from reviewtools.document import Builder, Document
from reviewtools.errors import ReadError
from reviewtools.ingest import portal

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table)\b",
                         re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # in "UTF-8" that is really UTF-16
_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def looks_like_html(data: bytes) -> bool:
    head = data[:4096]
    for bom in (codecs.BOM_UTF8,):
        head = head.removeprefix(bom)
    return bool(_HTML_START.match(head)) or (b"<html" in head.lower() and b"</" in data[:65536])


def decode(data: bytes, path: str) -> str:
    """Decode Chinese text: BOMs first, then strict UTF-8, UTF-16 without BOM, GB18030, then detection.

    Strict decoders come first because statistical detection is unreliable on short texts.
    """
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise ReadError(path, errors.ENCODING) from exc
    try:
        text = data.decode("utf-8")
        if not _CONTROL.search(text):
            return text
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        text = data.decode("gb18030")
        if _mostly_chinese(text):
            return text
    except UnicodeDecodeError:
        pass
    with contextlib.suppress(UnicodeDecodeError):
        text = data.decode("utf-8")
        if not _CONTROL.search(text.replace("\x00", "")):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, errors.ENCODING)
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    codec = "utf-16-be" if even_zero > 0.3 else "utf-16-le" if odd_zero > 0.3 else None
    if codec is None:  # CJK in UTF-16 has few zero bytes: decode both ways and keep the Chinese-looking one
        for candidate in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(candidate)
            except UnicodeDecodeError:
                continue
            if _mostly_chinese(text, 0.6) and "\x00" not in text:
                return text
        return None
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _mostly_chinese(text: str, threshold: float = 0.3) -> bool:
    """Judged on a sample: the head and the tail of the text, enough to tell an encoding apart."""
    if len(text) > 40_000:
        text = text[:20_000] + text[-20_000:]
    visible = [c for c in text if not c.isspace()]
    if not visible:
        return False
    common = sum(1 for c in visible if _CJK.match(c) or c.isascii())
    cjk = sum(1 for c in visible if "\u4e00" <= c <= "\u9fff")
    return common / len(visible) > 0.95 and cjk / len(visible) >= threshold


def read_text(data: bytes, path: str) -> Document:
    text = decode(data, path)
    lines = [portal.Line(line) for line in text.splitlines()]
    return _build(lines, path, "txt")


def read_html(data: bytes, path: str) -> Document:
    from reviewtools.ingest import html

    return _build(html.lines(data, path), path, "html")


def _build(lines: list[portal.Line], path: str, fmt: str) -> Document:
    article, meta = portal.clean(lines)
    b = Builder()
    for line in article:
        b.add(line.text, line.kind, table=line.table, row=line.row, cell=line.cell)
    return b.build(path, fmt, portal=meta)
