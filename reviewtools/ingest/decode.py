"""Bytes to text in whichever encoding a Chinese office saved them: UTF-8, UTF-16, GB18030 and the rest."""

from __future__ import annotations

import codecs
import contextlib
import re

from reviewtools import errors
from reviewtools.errors import ReadError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # in "UTF-8" that is really UTF-16
_CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


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
