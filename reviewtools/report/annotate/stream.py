"""The displayed text of a .docx body, character by character, with the element each character sits in; and
the run splits that give a span of that text runs of its own.

The text is what reviewtools.ingest.docx reads from the body: each paragraph's own displayed characters (w:t,
tabs, line breaks; not deleted or moved-away text, ruby annotations, field codes or a second alternative of
mc:AlternateContent), paragraphs joined by "\n". A finding's quote, an exact substring of the extracted text,
is found here again (see locate); headers, footers and notes are not part of it (a comment cannot be anchored
there in Word).
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from reviewtools.ingest.docx import CHARS, CHOICE, FALLBACK, HIDDEN, RPR, TXBX, P
from reviewtools.ingest.docx_package import W

R, T, BR, CR, SYM = W + "r", W + "t", W + "br", W + "cr", W + "sym"
# Per element of a run, the characters it displays; w:sym stands for a symbol the text has (one character).
_SHOWN = {T: None, BR: "\n", CR: "\n", SYM: "\ufffc", **CHARS}
# Subtrees of a paragraph whose text it does not display itself: hidden ones, and paragraphs and text boxes
# nested in it (read as paragraphs of their own).
_PRUNE = HIDDEN | {P, TXBX}
_GAP = "[ \t\u3000]*\n\\s*"  # between two lines of a quote: stripped spaces, empty paragraphs


@dataclass
class Stream:
    """`text` and, per character, (run child holding it, offset in that child's text), or None between
    paragraphs; the paragraphs with text and where each starts in `text`."""

    text: str
    where: list[tuple[etree._Element, int] | None]
    paragraphs: list[etree._Element]
    starts: list[int]


def read(body: etree._Element) -> Stream:
    stream = Stream("", [], [], [])
    chars: list[str] = []
    for p in body.iter(P):
        text, where = _own(p)
        if not text:
            continue
        if chars:
            chars.append("\n")
            stream.where.append(None)
        stream.paragraphs.append(p)
        stream.starts.append(len(stream.where))
        chars.append(text)
        stream.where.extend(where)
    stream.text = "".join(chars)
    return stream


def refresh(stream: Stream, at: int) -> None:
    """Read again the paragraph holding position `at`, after its runs were split or its text changed; the
    positions before it stay as they were, those after it move with its length."""
    i = bisect_right(stream.starts, at) - 1
    begin = stream.starts[i]
    end = stream.starts[i + 1] - 1 if i + 1 < len(stream.starts) else len(stream.where)
    text, where = _own(stream.paragraphs[i])
    stream.text = stream.text[:begin] + text + stream.text[end:]
    stream.where[begin:end] = where
    shift = len(text) - (end - begin)
    stream.starts[i + 1:] = [start + shift for start in stream.starts[i + 1:]]


def _own(p: etree._Element) -> tuple[str, list[tuple[etree._Element, int]]]:
    """The characters paragraph `p` displays itself (not those of a text box or paragraph inside it)."""
    chars: list[str] = []
    where: list[tuple[etree._Element, int]] = []
    for el in _shown(p):
        text = (el.text or "") if el.tag == T else _SHOWN[el.tag]
        chars.append(text)
        where.extend((el, i) for i in range(len(text)))
    return "".join(chars), where


def _shown(el: etree._Element) -> Iterator[etree._Element]:
    for child in el:
        tag = child.tag
        if tag in _SHOWN:
            if el.tag == R:
                yield child
        elif tag in _PRUNE or (tag == CHOICE and child.getprevious() is not None) or (
                tag == FALLBACK and el.find(CHOICE) is not None):
            continue
        elif len(child):
            yield from _shown(child)


def locate(stream: Stream, quote: str, rank: float) -> tuple[int, int] | None:
    """The span of `quote` in the stream: of its occurrences, the one at `rank` (0 = first … 1 = last, the
    place of the quoted occurrence among those of the extracted text), or None when it is not there. Lines
    of a quote that runs over paragraphs may have blank paragraphs and stripped spaces between them."""
    pattern = re.compile(_GAP.join(re.escape(line) for line in quote.split("\n")))
    spans, at = [], 0
    while (m := pattern.search(stream.text, at)) is not None:
        if m.end() > m.start() and stream.where[m.start()] is not None and stream.where[m.end() - 1] is not None:
            spans.append(m.span())
        at = m.start() + 1
    if not spans:
        return None
    return spans[round(rank * (len(spans) - 1))]


def bounds(stream: Stream, start: int, end: int) -> tuple[etree._Element, etree._Element]:
    """Give the characters start..end runs of their own, splitting the runs at both ends (each part keeps the
    run's properties); the first and the last of those runs. The text is unchanged; `stream` follows."""
    el, at = stream.where[end - 1]
    last = _split_before(el, at + 1).getprevious() if at + 1 < _length(el) else el.getparent()
    el, at = stream.where[start]
    split = el.getparent()
    first = _split_before(el, at)
    refresh(stream, start)
    refresh(stream, end - 1)
    return first, (first if split is last and first is not split else last)


def between(first: etree._Element, last: etree._Element) -> list[etree._Element] | None:
    """The runs with text from `first` to `last` when they are siblings (one paragraph, one container), else
    None. (A comment's reference between them is a run without text.)"""
    if first is last:
        return [first]
    if first.getparent() is not last.getparent():
        return None
    out = [first]
    for el in first.itersiblings():
        if el.tag == R and any(child.tag in _SHOWN for child in el):
            out.append(el)
        if el is last:
            return out
    return None


def _length(el: etree._Element) -> int:
    return len(el.text or "") if el.tag == T else 1


def _split_before(el: etree._Element, at: int) -> etree._Element:
    """Split the run holding `el` so that a run starts at character `at` of `el`; that run."""
    run = el.getparent()
    content = [c for c in run if c.tag != RPR]
    i = content.index(el)
    if at == 0 and i == 0:
        return run
    tail = copy.deepcopy(run)
    tail_content = [c for c in tail if c.tag != RPR]
    if at == 0:  # split between two children
        for c in content[i:]:
            run.remove(c)
        for c in tail_content[:i]:
            tail.remove(c)
    else:  # split inside a w:t
        for c in content[i + 1:]:
            run.remove(c)
        for c in tail_content[:i]:
            tail.remove(c)
        text = el.text or ""
        _set_text(el, text[:at])
        _set_text(tail_content[i], text[at:])
    run.addnext(tail)
    return tail


def _set_text(t: etree._Element, text: str) -> None:
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
