"""Comments (批注) and tracked changes (修订) on runs of a python-docx document, by reviewtools."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import UTC, datetime

from docx.text.run import Run
from lxml import etree

from reviewtools.ingest.docx import RPR
from reviewtools.report.annotate.stream import R, T, W

AUTHOR, INITIALS = "reviewtools", "RT"


def comment(document, first: etree._Element, last: etree._Element, text: str) -> None:
    """A comment holding `text` (one paragraph per line) on the runs from `first` to `last`."""
    document.add_comment([Run(first, None), Run(last, None)], text=text, author=AUTHOR, initials=INITIALS)


class Revisions:
    """Tracked changes in one body: ids after every w:id it has, one date for all."""

    def __init__(self, body: etree._Element):
        used = [int(v) for v in body.xpath("//@w:id") if v.lstrip("-").isdigit()]
        self._ids: Iterator[int] = iter(range(max(used, default=0) + 1, 2**31))
        self._date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def _mark(self, tag: str) -> etree._Element:
        return etree.Element(W + tag, {W + "id": str(next(self._ids)), W + "author": AUTHOR, W + "date": self._date})

    def delete(self, runs: list[etree._Element]) -> etree._Element:
        """Mark `runs` deleted, each in a w:del of its own; the last w:del."""
        mark = None
        for r in runs:
            mark = self._mark("del")
            r.addprevious(mark)
            mark.append(r)
            for t in r.iter(T):
                t.tag = W + "delText"
        return mark

    def insert(self, at: etree._Element, text: str, like: etree._Element, before: bool = False) -> None:
        """Insert `text` after `at` (before it when `before`) as a tracked insertion, formatted as the run
        `like`."""
        run = etree.SubElement(self._mark("ins"), R)
        props = like.find(RPR)
        if props is not None:
            run.append(copy.deepcopy(props))
        t = etree.SubElement(run, T)
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        (at.addprevious if before else at.addnext)(run.getparent())
