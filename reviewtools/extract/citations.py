"""Citations: every 《…》 title, with the 文号 written after it and the article it points to."""

from __future__ import annotations

from dataclasses import dataclass

from reviewtools.extract.docnumber import DOC_NUMBER, DocNumber, complete, parse
from reviewtools.text import regex_cache

_AFTER_NUMBER = regex_cache.compile(r"^\s*[（(]\s*(?P<inner>[^（）()]{2,40}?)\s*[）)]")
_AFTER_ARTICLE = regex_cache.compile(r"^\s*(?P<article>第[一二三四五六七八九十百零〇0-9]+条(?:第[一二三四五六七八九十0-9]+款)?"
                                     r"(?:第[（(][一二三四五六七八九十0-9]+[）)]项)?)")


@dataclass(frozen=True, slots=True)
class Citation:
    title: str  # inside 《》, as written
    start: int  # span of the whole 《…》
    end: int
    doc_number: DocNumber | None = None
    article: str | None = None


_MARKS = regex_cache.compile(r"[《》]")


def find_citations(text: str) -> list[Citation]:
    """Outermost 《…》 pairs (inner titles use 〈〉 or nested 《》), each with what follows it. A title does not run
    over a line break: each line is read from its first 《 (str.find skips the lines that have none)."""
    out: list[Citation] = []
    at = text.find("《")
    while at >= 0:
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        depth, open_at = 0, -1
        for m in _MARKS.finditer(text, at, line_end):
            i = m.start()
            if m.group() == "《":
                if depth == 0:
                    open_at = i
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0 and 1 < i - open_at - 1 <= 150:
                    out.append(_with_tail(text, text[open_at + 1:i], open_at, i + 1))
        at = text.find("《", line_end)
    return out


def _with_tail(text: str, title: str, start: int, end: int) -> Citation:
    tail = text[end:end + 60]
    number = None
    m = _AFTER_NUMBER.match(tail)
    if m:
        n = DOC_NUMBER.search(m["inner"])
        if n and complete(n):
            number = parse(n, end + m.start("inner"))
    a = _AFTER_ARTICLE.match(tail)
    return Citation(title, start, end, number, a["article"] if a else None)
