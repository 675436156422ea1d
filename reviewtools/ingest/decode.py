"""Bytes to text in whichever encoding a Chinese office saved them: UTF-8, UTF-16, GB18030 and the rest."""

from __future__ import annotations

import codecs
import contextlib
import os

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.text import regex_cache

_CONTROL = regex_cache.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # in "UTF-8" that is really UTF-16
# The same characters as UTF-8 bytes: each is one byte, and no byte of a longer character is one of them.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_CJK = regex_cache.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
_ESCAPED = regex_cache.compile("[\udc80-\udcff]+")  # bytes a decoder could not read, kept by "surrogateescape"

# A file is clearly in an encoding, bar a few damaged bytes, when this share of its bytes decodes cleanly
# (random or binary bytes never come near it) and the text it gives looks like Chinese text.
CLEAN_SHARE = 0.995


def bytes_replaced(count: int) -> str:
    return f"有 {count} 个字节无法按文字编码解读（文件可能已损坏或被截断），已替换为“\ufffd”"


def decode(data: bytes, path: str, declared: str | None = None) -> tuple[str, list[str]]:
    """(text, warnings) of Chinese text: the encoding the file declares (an HTML page's charset), BOMs, then
    strict UTF-8, UTF-16 without BOM, GB18030, then UTF-8 or GB18030 with a few damaged bytes replaced (a
    warning says how many), then detection.

    Strict decoders come first because statistical detection is unreliable on short texts.
    """
    if declared:
        with contextlib.suppress(LookupError):
            try:
                return data.decode(declared), []
            except UnicodeDecodeError:
                repaired = _damaged(data, declared)
                if repaired is not None:
                    return repaired
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), []
            except UnicodeDecodeError as exc:
                repaired = _damaged(data[len(bom):], "utf-8") if codec == "utf-8-sig" else None
                if repaired is None:
                    raise ReadError(path, errors.ENCODING) from exc
                return repaired
    try:
        text = data.decode("utf-8")
        if len(data.translate(None, _CONTROL_BYTES)) == len(data):  # as _CONTROL would find none in the text, sooner
            return text, []
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16, []
    try:
        text = data.decode("gb18030")
        if _mostly_chinese(text):
            return text, []
    except UnicodeDecodeError:
        pass
    with contextlib.suppress(UnicodeDecodeError):
        text = data.decode("utf-8")
        if not _CONTROL.search(text.replace("\x00", "")):
            return text, []
    for codec in ("utf-8", "gb18030"):
        repaired = _damaged(data, codec)
        if repaired is not None:
            return repaired
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError(path, errors.ENCODING)
    return str(best), []


def _damaged(data: bytes, codec: str) -> tuple[str, list[str]] | None:
    """`data` in `codec` with its undecodable bytes replaced, each run by one U+FFFD, when it is clearly that
    codec: a text cut inside its last character, or one whose bytes all but a few decode into Chinese text."""
    try:
        text = data.decode(codec, "surrogateescape")
    except UnicodeDecodeError:  # a codec that cannot keep bytes apart (UTF-16 with an odd length…)
        return None
    runs = _ESCAPED.findall(text)
    bad = sum(len(run) for run in runs)
    if not bad:
        return None
    truncated = len(runs) == 1 and text.endswith(runs[0]) and bad < 4  # no character is longer than 4 bytes
    if not truncated and bad > (1 - CLEAN_SHARE) * len(data):
        return None
    clean = _ESCAPED.sub("", text)
    if _CONTROL.search(clean.replace("\x00", "")) or not _mostly_chinese(clean, 0.05):
        return None
    return _ESCAPED.sub("\ufffd", text), [bytes_replaced(bad)]


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
    """Judged on a sample: the head and the tail of the text, enough to tell an encoding apart. Its visible
    characters are classed by code point in numpy, not one by one."""
    import numpy as np

    if len(text) > 40_000:
        text = text[:20_000] + text[-20_000:]
    visible = np.frombuffer("".join(text.split()).encode("utf-32-le", "surrogatepass"), dtype="<u4")
    if not len(visible):
        return False
    cjk = int(np.count_nonzero((visible >= 0x4E00) & (visible <= 0x9FFF)))
    common = cjk + int(np.count_nonzero((visible < 0x80) | ((visible >= 0x3000) & (visible <= 0x303F))
                                        | ((visible >= 0xFF00) & (visible <= 0xFFEF))))
    return common / len(visible) > 0.95 and cjk / len(visible) >= threshold


def path_text(path: str | os.PathLike) -> str:
    """A file's path as text that every writer, database and terminal takes, shown as its author wrote it.

    On Linux a name the file system cannot decode as UTF-8 (the GBK bytes unzip leaves from a Windows archive)
    arrives with surrogate escapes; such a part of the path is decoded from its bytes as GB18030 (which gives
    those bytes back when encoded again), else shown with \\xNN escapes. Other paths are returned unchanged.
    """
    name = os.fspath(path)
    if not _ESCAPED.search(name):
        return name
    return "/".join(_name_part(part) for part in name.split("/"))


def _name_part(part: str) -> str:
    if not _ESCAPED.search(part):
        return part
    raw = os.fsencode(part)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")

