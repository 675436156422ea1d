"""过时引用, as of the review date: repealed laws, abolished or renamed agencies, ended plans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from reviewtools.analyze import Analysis, Finding
from reviewtools.corpora import agencies, plans
from reviewtools.extract.dates import cn_date
from reviewtools.extract.metadata import same_title
from reviewtools.extract.repeals import (  # a repealing sentence is the cure, not the disease
    REPEALING,
    sentence_of,
)
from reviewtools.lexicon import Prefilter
from reviewtools.resolve import resolve

_FORMER = re.compile(r"(?:原|前|已撤销的|已更名的|现为)$")
_PERIOD = re.compile(r"[（(]\s*(?P<a>(?:19|20)\d{2})\s*(?:年)?\s*[-—–－~～至到]{0,2}\s*(?P<b>(?:19|20)\d{2})\s*年?\s*[)）]")
# Narrative about the past (“十二五”时期…落实《…》…取得了重要进展) is not reliance on the plan.
_LOOKING_BACK_BEFORE = re.compile(r"时期|期间|以来|过去|回顾")
_LOOKING_BACK_AFTER = re.compile(r"^[^。；\n]{0,12}?(?:实施以来|印发以来|颁布以来|期间|以来)|取得(?:了)?[^。；\n]{0,20}(?:成效|进展|成绩|成果)"
                                 r"|圆满完成|收官")
_USE = re.compile(r"(?:根据|依据|按照|依照|贯彻|落实|实施|执行|推动|对照|围绕)")
_ORDINAL = re.compile(r"[“\"]?十(?P<n>[一二三四五六七八])五[”\"]?(?:规划|时期|期间|期末|目标)")
_ORDINAL_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026, "六": 2031}


def check(a: Analysis) -> Iterator[Finding]:
    yield from _laws(a)
    yield from _agencies(a)
    yield from _plans(a)


def _laws(a: Analysis) -> Iterator[Finding]:
    as_of = a.settings.as_of
    for c in a.citations:
        r = resolve(c.title)
        law = r.law
        if law is None or law.status == "现行有效" or not law.repealed_on:
            continue
        if date.fromisoformat(law.repealed_on) > as_of:
            continue
        text = a.doc.text
        if REPEALING.search(sentence_of(text, c.start, c.end)) or _FORMER.search(text[max(0, c.start - 3):c.start]):
            continue
        successor = f"，已由《{law.replaced_by}》取代" if law.replaced_by else ""
        yield a.finding("outdated.repealed_law", c.start, c.end, title=law.title, date=cn_date(law.repealed_on),
                        successor=successor, status=law.status,
                        severity=None if law.verified != "no" else "warning")


def _agencies(a: Analysis) -> Iterator[Finding]:
    """Each old agency name once (its first use outside citations), with how often it appears."""
    text, as_of = a.doc.text, a.settings.as_of
    titles = [(c.start, c.end) for c in a.citations]
    table = agencies()
    uses: dict[int, list[re.Match]] = {}
    for i, m in _agency_filter().finditer(text):
        if (table[i].year <= as_of.year and not any(s <= m.start() < e for s, e in titles)
                and not _FORMER.search(text[max(0, m.start() - 3):m.start()])
                and not REPEALING.search(sentence_of(text, m.start(), m.end()))):
            uses.setdefault(i, []).append(m)
    for i, found in uses.items():
        agency, m = table[i], found[0]
        start = _with_place(text, m.start(), a.jurisdiction)
        # Named as the issuer of a cited document (文化部《…规范》) the old name is history, not an error.
        issuer_of_citation = text.startswith(("《", "〈"), m.end())
        yield a.finding("outdated.renamed_agency", start, m.end(), old=text[start:m.end()],
                        successor="、".join(agency.successor), year=agency.year, times=len(found),
                        severity="info" if agency.verified == "no" or issuer_of_citation else None,
                        note="该名称作为所引文件的制定机关出现，引用历史文件时可加“原”字。" if issuer_of_citation else "")


@cache
def _agency_filter() -> Prefilter:
    return Prefilter(a.pattern for a in agencies())


def _with_place(text: str, start: int, places: list[str]) -> int:
    """Widen a match to the place name written before it: 市文化广播影视局 → 大连市文化广播影视局."""
    for place in places:
        for begin in (start - len(place), start - len(place) + 1):
            if begin >= 0 and text.startswith(place, begin):
                return begin
    return start


def _plans(a: Analysis) -> Iterator[Finding]:
    """Named plan series that ended, and any cited plan whose period (2016-2020年) is over, unless the
    sentence only looks back on it; 十三五-style ordinals only where they are relied on (根据…十三五规划)."""
    text, year = a.doc.text, a.settings.as_of.year
    reported: set[int] = set()
    own = a.meta.body_title or a.meta.title
    own_span = (own.start, own.end) if own and own.start is not None else None
    if own:
        m = _PERIOD.search(own.value)
        if m and int(m["b"]) < year:
            yield a.finding("outdated.own_period_ended", *(own_span or (None, None)), end_year=m["b"])
    for c in a.citations:
        m = _PERIOD.search(c.title)
        if not m or int(m["b"]) >= year or (own and same_title(c.title, own.value)):
            continue  # the document naming itself (现将《…》印发) is own_period_ended's business
        sentence = sentence_of(text, c.start, c.end)
        before, _, after = sentence.partition(text[c.start:c.end])
        if _LOOKING_BACK_BEFORE.search(before) or _LOOKING_BACK_AFTER.search(after) or REPEALING.search(sentence):
            continue
        plan = next((p for p in plans() if p.pattern.search(c.title)), None)
        successor = f"，已有后续版本《{plan.successor}》" if plan and plan.successor else ""
        reported.add(c.start)
        yield a.finding("outdated.expired_plan", c.start, c.end, end_year=m["b"], successor=successor)
    for m in _ORDINAL.finditer(text):
        start = _ORDINAL_START.get(m["n"])
        if start is None or start + 4 >= year or not _USE.search(text[max(0, m.start() - 20):m.start()]):
            continue
        if any(s <= m.start() < s + 200 for s in reported):
            continue
        yield a.finding("outdated.expired_plan", m.start(), m.end(), end_year=str(start + 4), successor="")
        break
