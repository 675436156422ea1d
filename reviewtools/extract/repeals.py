"""Repeal clauses: sentences that repeal or replace other documents (…同时废止, 不再执行…) and what they name."""

from __future__ import annotations

from dataclasses import dataclass

from reviewtools.extract.citations import find_citations
from reviewtools.extract.docnumber import find_all
from reviewtools.text import regex_cache

# A sentence that repeals or replaces an older text.
REPEALING = regex_cache.compile(r"同时废止|予以废止|不再执行|停止执行|同时失效|宣布失效|废止[《〈]|(?<!被)替代")
# Written right before a name, it names the thing as former (原《…》, 原国土资源局, 已撤销的…): history, not a use.
FORMER = regex_cache.compile(r"(?:原|前|已撤销的|已更名的|现为)$")


def named_as_former(text: str, at: int) -> bool:
    """Whether FORMER is written right before text[at]."""
    return bool(FORMER.search(text[max(0, at - 3):at]))


def sentence_span(text: str, start: int, end: int, marks: tuple[str, ...] = ("。", "\n")) -> tuple[int, int]:
    """Where the sentence around text[start:end] starts and ends: after the last of `marks` before it, at the
    first after it. Each mark is looked for only as far as the nearest of those before it: a mark the text lacks
    (；, ;) is not looked for over the whole text before and after each sentence."""
    s, e = 0, len(text)
    for mark in marks:
        s = max(s, text.rfind(mark, s, start) + 1)
        at = text.find(mark, end, e + len(mark) - 1)
        if at >= 0:
            e = at
    return s, e


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (up to 。 or a line break) around text[start:end]."""
    return text[slice(*sentence_span(text, start, end))]


@dataclass(frozen=True, slots=True)
class Repealed:
    """A document a repeal clause names: by 文号 (normalized), by 《title》, or both."""

    doc_number: str | None
    title: str | None
    clause: str  # the sentence as written

    def to_dict(self) -> dict:
        return {"doc_number": self.doc_number, "title": self.title, "clause": self.clause}


def find_repealed(text: str) -> list[Repealed]:
    """Every document named in a repeal clause of `text`, each once, in reading order."""
    out: list[Repealed] = []
    seen: set[tuple] = set()
    for m in REPEALING.finditer(text):
        sentence = sentence_of(text, m.start(), m.end())
        if sentence in seen:
            continue
        seen.add(sentence)
        cited_numbers = set()
        for c in find_citations(sentence):
            number = c.doc_number.normalized if c.doc_number else None
            cited_numbers.add(number)
            out.append(Repealed(number, c.title, sentence))
        out.extend(Repealed(n.normalized, None, sentence) for n in find_all(sentence)
                   if n.normalized not in cited_numbers)
    return out
