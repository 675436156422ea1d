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


def repeal_told(text: str, start: int, end: int, repealed_year: int | None = None) -> bool:
    """Whether the sentence around a repealed law's name repeals it (…同时废止), names it as former (原《…》) or, given
    the year it was repealed, tells its making as history (see `_making_told`)."""
    sentence = sentence_of(text, start, end)
    return bool(REPEALING.search(sentence) or named_as_former(text, start)
                or repealed_year is not None and _making_told(sentence, repealed_year))


# The law's own making told (制定了《…》，并于1986年4月颁布实施; 2017年3月15日，《…》经全国人大审议通过) with a year before its repeal,
# and no verb that applies it (根据, 依照, 执行…): a narrative of history. A citation that dates its adoption in brackets
# (依照《…合同法》（1999年3月15日…通过）) applies the law, and is reported.
_MAKING = regex_cache.compile(r"颁布|公布|审议通过|表决通过|制定了?|出台")
_APPLYING = regex_cache.compile(r"根据|依据|依照|按照|遵照|参照|执行|适用|违反|依法|规定")
_YEAR_TOLD = regex_cache.compile(r"((?:19|20)\d{2})\s*年")


def _making_told(sentence: str, repealed_year: int) -> bool:
    return (bool(_MAKING.search(sentence)) and not _APPLYING.search(sentence)
            and any(int(y) < repealed_year for y in _YEAR_TOLD.findall(sentence)))


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
