"""Word counts of a document as it would be issued: the body without its framing lines, the attachments and
the transmittal notice, counted as Word/WPS counts 字数 (or as the settings say)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from reviewtools.text import regex_cache

if TYPE_CHECKING:
    from reviewtools.analyze import Analysis

# What each UTF-16 code unit counts as: 1 a 汉字, 2 a full-width punctuation mark, 3 a character of a Latin
# word or number (_ASCII_WORD), 0 none of these (a character outside the BMP is two surrogate units, neither).
_CJK, _PUNCT, _WORD = 1, 2, 3
_CLASS = np.zeros(0x10000, dtype=np.uint8)
for _lo, _hi in ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)):
    _CLASS[_lo:_hi + 1] = _CJK
for _lo, _hi in ((0x3000, 0x303F), (0xFF01, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65)):
    _CLASS[_lo:_hi + 1] = _PUNCT
_CLASS[[0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026, 0x00B7]] = _PUNCT
_ASCII_WORD = regex_cache.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.,][0-9]+)*")
for _lo, _hi in ((0x41, 0x5A), (0x61, 0x7A), (0x30, 0x39), (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0x2C, 0x2C),
                 (0x2E, 0x2E)):
    _CLASS[_lo:_hi + 1] = _WORD  # what _ASCII_WORD can match
_COMPACT_FROM = 1_000  # characters: in a shorter text the regex runs over it all sooner than numpy compacts it
_SPACE = regex_cache.compile(r"\s+")
_FRAME_LINE = regex_cache.compile(r"^(?:抄送|印发|主送|联系人|联系电话|（此件[^）]*）|\(此件[^)]*\))")


@dataclass(frozen=True)
class Counts:
    body: int
    attachments: int
    transmittal: int
    mode: str


def count(text: str, mode: str) -> int:
    """word: as Word/WPS 字数 — each 汉字, each full-width punctuation mark, each run of Latin letters or
    digits; nonspace: every visible character; cjk: 汉字 only."""
    if mode == "nonspace":
        return len(_SPACE.sub("", text))
    # Each character classed by a table lookup in numpy, not matched one by one.
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    classes = _CLASS.take(units)  # take: one gather, faster than indexing with an array
    cjk = np.count_nonzero(classes == _CJK)  # a comparison per class counted: no bincount's cast of every character
    if mode == "cjk":
        return int(cjk)
    marks = int(cjk + np.count_nonzero(classes == _PUNCT))
    if len(text) < _COMPACT_FROM:
        return marks + len(_ASCII_WORD.findall(text))
    return marks + _words(units, classes == _WORD)


def _words(units: np.ndarray, word: np.ndarray) -> int:
    """How many times _ASCII_WORD matches the text of `units`, matched on the characters it can match only, with
    one other character left where a run of others was (what it matches depends on no more than that)."""
    kept = word.copy()
    kept[1:] |= word[:-1]  # the first character of each run of others
    return len(_ASCII_WORD.findall(units[kept].tobytes().decode("utf-16-le", "surrogatepass")))


def _framing_spans(a: Analysis) -> list[tuple[int, int]]:
    """Title, 文号, 主送, signature, date and 版记 lines inside the body: not counted."""
    m = a.meta
    spans = [(f.start, f.end) for f in (m.title, m.doc_number, m.body_title, m.issuer, m.issued_on)
             if f is not None and f.start is not None]
    text = a.doc.text
    pos = m.body[0]
    for line in text[m.body[0]:m.body[1]].split("\n"):
        stripped = line.strip()
        if _FRAME_LINE.match(stripped) or (stripped.endswith(("：", ":")) and len(stripped) < 60 and pos < m.body[0] + 300):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def count_body(a: Analysis) -> Counts:
    mode = a.settings.count_mode
    m, text = a.meta, a.doc.text
    framing = 0
    last = m.body[0]
    for s, e in sorted(_framing_spans(a)):  # spans may overlap (title and body title): count each char once
        s, e = max(s, last), min(e, m.body[1])
        if s < e:
            framing += count(text[s:e], mode)
            last = e
    body = count(text[m.body[0]:m.body[1]], mode) - framing
    attachments = count(text[m.attachments_start:a.doc.body_end], mode) if m.attachments_start else 0
    transmittal = count(text[m.transmittal[0]:m.transmittal[1]], mode) if m.transmittal else 0
    return Counts(body, attachments, transmittal, mode)
