"""The review memo as one standalone .html page: the findings, and the document with each one marked in place.

Works offline: inline CSS, no script, no external fonts or links. Every finding with a quote is
highlighted at its start/end offsets. Overlapping findings are handled by cutting the text at every
boundary (and every line break) and nesting, in each segment, one <mark> per finding covering it;
a finding's anchor id sits on its first segment only. Clicking a highlight goes back to the finding,
the quote in the finding goes to the highlight. The page is templates/memo/page.html, autoescaped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from reviewtools.document import FURNITURE_KINDS
from reviewtools.report import pages
from reviewtools.report.memo import fields as common
from reviewtools.review import Review
from reviewtools.terms import CATEGORIES, SEVERITY_NAMES, cn_number

# Highlight colour per category; anything newer than this table shows as "other".
COLOURS = {"length": "#bfdbfe", "upper_law": "#ddd6fe", "competition": "#fed7aa", "outdated": "#bbf7d0",
           "powers": "#fecaca", "format": "#e5e7eb", "validity": "#fef08a", "other": "#f5d0fe"}


@dataclass(frozen=True, slots=True)
class Mark:
    n: int  # the finding's number in the list
    start: int
    end: int
    classes: str
    title: str
    anchor: bool = False  # the finding's first segment carries its id


def render(review: Review, office: str = "") -> bytes:
    rules, suspected = common.split_suspected(review.findings)
    waivers = [(f"{cn_number(n)}、{heading}", lead, lines)
               for n, (heading, lead, lines) in enumerate(common.sections(review), 5 if suspected else 4)]
    return pages.render(
        "memo/page.html", title=common.memo_title(review), office=office or review.analysis.settings.office,
        review_date=common.review_date(review), particulars=common.memo_lines(review), verdict=review.verdict,
        verdict_name=review.verdict_name, summary=common.summary_sentence(review),
        count_header=common.COUNT_HEADER, counts=common.count_rows(review),
        legend=[(c, common.category_name(c)) for c in CATEGORIES], severities=list(SEVERITY_NAMES.items()),
        rules=finding_items(rules), suspected=finding_items(suspected, len(rules) + 1),
        suspected_heading=common.SUSPECTED_HEADING, waivers=waivers, lines=document_lines(review, rules + suspected),
        colours=COLOURS)


def finding_items(findings: list, first: int = 1) -> list[dict]:
    """What templates/memo/parts.html shows of each finding, numbered from `first`."""
    return [{"n": n, "title": f.title, "classes": classes(f), "severity": f.severity,
             "severity_name": SEVERITY_NAMES.get(f.severity, f.severity), "category_class": category_class(f.category),
             "category_name": common.category_name(f.category), "rule": f.rule,
             "fields": [(label, value, label == "原文" and highlighted(f)) for label, value in common.finding_fields(f)]}
            for n, f in enumerate(findings, first)]


def classes(f) -> str:
    return f"{category_class(f.category)} sev-{f.severity}"


def category_class(category: str) -> str:
    return f"cat-{category}" if category in CATEGORIES else "cat-other"


def highlighted(f) -> bool:
    return bool(f.quote) and f.start is not None and f.end is not None and f.end > f.start


def document_lines(review: Review, numbered: list) -> list[dict]:
    """One entry per line of the text: its segments with the marks of the findings (`numbered` from 1, in the
    list's order) covering each, its paragraph number, whether it is page furniture, and the page it opens when
    the page changes there."""
    doc, text = review.doc, review.doc.text
    spans = sorted((Mark(n, f.start, f.end, classes(f), f"{n}. {common.finding_heading(f)}：{f.message}")
                    for n, f in enumerate(numbered, 1) if highlighted(f)),
                   key=lambda s: (s.start, -s.end, s.n))
    marker = _Marker(text, spans)
    lines, page, start = [], None, 0
    for line in text.split("\n"):
        end = start + len(line)
        block = doc.block_at(start)
        opens = None
        if block is not None and block.page is not None and (page is None or block.page > page):
            if page is not None:  # furniture, gathered at the end, starts over at page 1: no divider there
                opens = block.page
            page = block.page
        lines.append({"page": opens, "para": block.paragraph if block is not None else None,
                      "furniture": block is not None and block.kind in FURNITURE_KINDS,
                      "segments": list(marker.line(start, end))})
        start = end + 1
    return lines


class _Marker:
    """Cuts the text line by line into (text, marks) segments, sweeping the spans (sorted by start) as the lines
    go by; the marks of a segment run from the outermost (earliest, longest) finding to the innermost."""

    def __init__(self, text: str, spans: list[Mark]) -> None:
        self.text, self.spans = text, spans
        self.cuts = sorted({p for s in spans for p in (s.start, s.end)})
        self.next = 0  # index of the first span not yet started
        self.active: list[Mark] = []
        self.anchored: set[int] = set()

    def line(self, start: int, end: int) -> Iterator[tuple[str, list[Mark]]]:
        cuts = [start, *self._cuts_within(start, end), end]
        for a, b in zip(cuts, cuts[1:], strict=False):
            if b > a:
                yield self.text[a:b], self._marks(a)

    def _cuts_within(self, start: int, end: int) -> Iterator[int]:
        i = bisect_right(self.cuts, start)
        while i < len(self.cuts) and self.cuts[i] < end:
            yield self.cuts[i]
            i += 1

    def _marks(self, a: int) -> list[Mark]:
        while self.next < len(self.spans) and self.spans[self.next].start <= a:
            self.active.append(self.spans[self.next])
            self.next += 1
        self.active = [s for s in self.active if s.end > a]
        marks = []
        for s in self.active:
            marks.append(Mark(s.n, s.start, s.end, s.classes, s.title, anchor=s.n not in self.anchored))
            self.anchored.add(s.n)
        return marks
