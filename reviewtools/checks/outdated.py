"""过时引用, as of the review date: repealed laws, abolished or renamed agencies, abolished systems and
ended plans (passed targets: checks/targets.py)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from functools import cache, lru_cache
from itertools import accumulate

from reviewtools.analyze import Analysis, Finding
from reviewtools.analyze.resolve import resolve
from reviewtools.data.abolished import abolished
from reviewtools.data.agencies import agencies
from reviewtools.data.laws import laws
from reviewtools.data.plans import plans
from reviewtools.extract.agencies import mentions as agency_mentions
from reviewtools.extract.agencies import successor as agency_successor
from reviewtools.extract.agencies import told_as_history
from reviewtools.extract.metadata import names_itself
from reviewtools.extract.repeals import (  # a repealing sentence is the cure, not the disease
    REPEALING,
    named_as_former,
    repeal_told,
    sentence_of,
    sentence_span,
)
from reviewtools.terms import cn_date
from reviewtools.text import regex_cache
from reviewtools.text.matcher import Prefilter
from reviewtools.text.titles import PRC

_PERIOD = regex_cache.compile(r"[（(]\s*(?P<a>(?:19|20)\d{2})\s*(?:年)?\s*[-—–－~～至到]{0,2}\s*(?P<b>(?:19|20)\d{2})\s*年?\s*[)）]")
# Narrative about the past (“十二五”时期…落实《…》…取得了重要进展) is not reliance on the plan.
_LOOKING_BACK_BEFORE = regex_cache.compile(r"时期|期间|以来|过去|回顾")
_LOOKING_BACK_AFTER = regex_cache.compile(r"^[^。；\n]{0,12}?(?:实施以来|印发以来|颁布以来|期间|以来)|取得(?:了)?[^。；\n]{0,20}(?:成效|进展|成绩|成果)"
                                          r"|圆满完成|收官")
_USE = regex_cache.compile(r"(?:根据|依据|按照|依照|贯彻|落实|实施|执行|推动|对照|围绕|符合|参照|适用|列入)")
# Work still to be done in the period (“十三五”期间，各地要…；特制定“十三五”期间…意见), not a look back.
_FORWARD = regex_cache.compile(r"要|将|力争|确保|制定|推进|加快|努力")
_RETROSPECT = regex_cache.compile(r"取得|成就|成效|成绩|进展|回顾|完成|实现了|累计|以来|已")
_ORDINAL = regex_cache.compile(r"[“\"]?十(?P<n>[一二三四五六七八])五[”\"]?(?:[\u4e00-\u9fa5]{0,4}?(?:规划|纲要|方案)|时期|期间|期末|末|目标)")
_ORDINAL_IN_TITLE = regex_cache.compile(r"十(?P<n>[一二三四五六七八])五")
_ORDINAL_START = {"一": 2006, "二": 2011, "三": 2016, "四": 2021, "五": 2026, "六": 2031}
# One year's plan: 北京市2016年政务公开工作要点, 2019年度立法工作计划, 2020年重点工作安排, and what a 年度 names
# as its year (关于2018年度重点项目建设的实施意见).
_YEAR_PLAN = regex_cache.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:年(?:度)?[^《》〈〉]{0,16}?(?:工作要点|工作计划|工作方案|重点工作|实施计划"
                                 r"|工作安排|工作任务)|年度[^《》〈〉]{0,16}?(?:实施意见|实施方案|行动方案|行动计划))")


@lru_cache(maxsize=4096)
def _period_end(title: str) -> int | None:
    """The last year of the period a title names: (2016—2020年), “十三五”, 2016年…工作要点 (titles repeat: each
    distinct one read once)."""
    for pattern, end in ((_PERIOD, lambda m: int(m["b"])), (_YEAR_PLAN, lambda m: int(m["y"])),
                         (_ORDINAL_IN_TITLE, lambda m: _ORDINAL_START[m["n"]] + 4 if m["n"] in _ORDINAL_START else None)):
        m = pattern.search(title)
        if m:
            return end(m)
    return None


def check(a: Analysis) -> Iterator[Finding]:
    agency_names, systems, plan_names, law_names, ordinals = _table_matches(a.text)
    titles = _Spans((c.start, c.end) for c in a.citations)
    yield from _laws(a, law_names, titles)
    yield from _agencies(a, agency_names, titles)
    yield from _abolished(a, systems, titles)
    yield from _plans(a, plan_names, ordinals)


class _Spans:
    """Whether a position lies inside one of some spans (the citations'), by bisection: the spans by start, and the
    farthest end reached by those up to each."""

    def __init__(self, spans):
        spans = sorted(spans)
        self._starts = [s for s, _ in spans]
        self._reach = list(accumulate((e for _, e in spans), max))

    def __contains__(self, at: int) -> bool:
        k = bisect_right(self._starts, at)
        return k > 0 and self._reach[k - 1] > at


# A version named right after the title: 《…法》（2004年修订）, （2016年修正本）, （2008年版）, （2007年）, （2018修正）.
_VERSION = regex_cache.compile(r"\s*[（(]\s*(?P<y>(?:19|20)\d{2})\s*(?:年|(?=修订|修正|修改|版))(?:\d{1,2}月(?:\d{1,2}日)?)?\s*(?:第[一二三四五六七八九十]次)?"
                      r"(?:修订|修正|修改)?(?:版|本|稿)?\s*[)）]")
# …or its date as a list of bases writes it: 《…环境保护法》1989.12.26, 《…》（2000.9.1）.
_VERSION_DATE = regex_cache.compile(r"\s*[（(]?\s*(?P<y>(?:19|20)\d{2})[.．/-](?:0?[1-9]|1[0-2])[.．/-]\d{1,2}(?!\d)\s*[)）]?")


def _laws(a: Analysis, names: list[tuple[int, re.Match]], titles: _Spans) -> Iterator[Finding]:
    """Repealed laws cited or named bare (`names`: their names' matches), and laws cited by an old version."""
    as_of, text = a.settings.as_of, a.text
    reported: set[str] = set()
    for c in a.citations:
        law = _catalogued(c.title)
        if law is not None and law.status == "现行有效":
            yield from _old_version(a, c, law)
        if _repealed(law, as_of) and not repeal_told(text, c.start, c.end, int(law.repealed_on[:4])):
            reported.add(law.title)
            yield _repealed_finding(a, law, c.start, c.end)
        elif law is None and not _DROPS.search(c.title):
            yield from _inner_laws(a, c, reported)
    yield from _bare_laws(a, reported, names, titles)


# A title inside a title: 《…关于适用〈中华人民共和国合同法〉若干问题的解释》, 《某省实施〈中华人民共和国城市规划法〉办法》.
_INNER = regex_cache.compile(r"[〈《](?P<t>[^〈〉《》]{2,60})[〉》]")
# …but not the decision that repeals or reviews it (关于废止〈…〉的决定, …清理结果).
_DROPS = regex_cache.compile(r"废止|失效|清理")


def _catalogued(title: str):
    """The catalogue's law for a cited title; an inner title written 〈…〉 as the catalogue writes it, 《…》."""
    law = resolve(title).law
    if law is None and "〈" in title:
        law = resolve(title.replace("〈", "《").replace("〉", "》")).law
    return law


def _cites_a_law(title: str) -> bool:
    """A title of the catalogue, one applying or amending a law of it (关于修改〈…〉的决定), or a repealing decision."""
    return (_catalogued(title) is not None or bool(_DROPS.search(title))
            or any(resolve(m["t"]).law is not None for m in _INNER.finditer(title)))


def _inner_laws(a: Analysis, c, reported: set[str]) -> Iterator[Finding]:
    """A cited document the catalogue lacks that implements or applies a repealed law named inside its title
    (某省实施〈…城市规划法〉办法): the repealed law is reported where the inner title stands."""
    text, as_of = a.text, a.settings.as_of
    for m in _INNER.finditer(c.title):
        law = resolve(m["t"]).law
        if _repealed(law, as_of) and law.title not in reported and not repeal_told(text, c.start, c.end):
            reported.add(law.title)
            yield _repealed_finding(a, law, c.start + 1 + m.start(), c.start + 1 + m.end())


def _repealed(law, as_of: date) -> bool:
    return (law is not None and law.status != "现行有效" and bool(law.repealed_on)
            and date.fromisoformat(law.repealed_on) <= as_of)


def _repealed_finding(a: Analysis, law, start: int, end: int) -> Finding:
    successor = f"，已由《{law.replaced_by}》取代" if law.replaced_by else ""
    return a.finding("outdated.repealed_law", start, end, title=law.title, date=cn_date(law.repealed_on),
                     successor=successor, status=law.status, severity=None if law.verified != "no" else "warning")


# A repealed law named without brackets (依照民法通则第一百零六条, 根据中华人民共和国物权法): a name standing
# as a word, after a verb, a joining mark, 国务院 or no 汉字 at all, and ending where the name does (第…条, 的规定, 、).
_BARE_BEFORE = regex_cache.compile(r"(?:[^\u4e00-\u9fa5]|根据|依据|依照|按照|遵照|参照|违反|适用|执行|实施|贯彻|落实|国务院|[和及与或即照据的等按依])$")
_BARE_AFTER = regex_cache.compile(r"[^\u4e00-\u9fa5]|[第的规和及与或等有中执要精办处实予给进]")


@cache
def _repealed_names() -> tuple[tuple[str, object], ...]:
    """(name, law) for the full and short titles of every repealed law of the catalogue, a national law's also
    without its 中华人民共和国 (城市规划法)."""
    return tuple((name, law) for law in laws() if law.status != "现行有效" and law.repealed_on
                 for name in dict.fromkeys((law.title, law.title.removeprefix(PRC), *law.short_titles))
                 if len(name) >= 3)


def _bare_laws(a: Analysis, reported: set[str], names: list[tuple[int, re.Match]], titles: _Spans) -> Iterator[Finding]:
    """Each repealed law named without brackets, once, unless a citation of it was reported already."""
    text, as_of = a.text, a.settings.as_of
    table = _repealed_names()
    hits = sorted(((m.start(), m.end(), table[i][1]) for i, m in names), key=lambda h: (h[0], -h[1]))
    done = -1
    for start, end, law in hits:
        if start < done:
            continue  # inside a longer name found at the same place or before
        done = end
        if (law.title in reported or not _repealed(law, as_of) or start in titles
                or not _BARE_BEFORE.search(text[max(0, start - 3):start] or " ")
                or (end < len(text) and not _BARE_AFTER.match(text, end)) or repeal_told(text, start, end)):
            continue
        reported.add(law.title)
        yield _repealed_finding(a, law, start, end)


# …or right before it: 2015年修订的《…法》, 1993年颁布的《…》.
_VERSION_BEFORE = regex_cache.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:\d{1,2}月(?:\d{1,2}日)?)?\s*(?:第[一二三四五六七八九十]次)?"
                                      r"(?:修订|修正|修改|颁布|公布|通过)(?:后)?的\s*$")


def _old_version(a: Analysis, c, law) -> Iterator[Finding]:
    """A law in force cited by a version older than its latest revision (《…法》（2004年修订）, 《…法》1989.12.26,
    2015年修订的《…法》, revised 2020)."""
    text = a.text
    revised = law.amended or law.effective
    if not revised or date.fromisoformat(revised) > a.settings.as_of:
        return
    after = _VERSION.match(text, c.end) or _VERSION_DATE.match(text, c.end)
    before = _VERSION_BEFORE.search(text, max(0, c.start - 24), c.start) if not after else None
    m = after or before
    if m is None:
        return
    start, end = (c.start, m.end()) if after else (m.start(), c.end)
    year = int(m["y"])
    if year < int(revised[:4]) and not named_as_former(text, start):
        yield a.finding("outdated.old_version", start, end, title=law.title, year=year,
                        revised=cn_date(revised), severity=None if law.verified != "no" else "info")


def _agencies(a: Analysis, names: list[tuple[int, re.Match]], titles: _Spans) -> Iterator[Finding]:
    """Each old agency name once per form written (its first use outside citations), with how often it
    appears; told as history (原…, …职责划入…) it is not an error. `names`: agencies.csv's matches."""
    text, as_of = a.text, a.settings.as_of
    table = agencies()
    uses: dict[tuple[int, str], list[tuple[int, int]]] = {}
    for i, start, end in agency_mentions(text, names):
        if (table[i].year <= as_of.year and start not in titles
                and not told_as_history(text, _with_place(text, start, a.jurisdiction), start, end)):
            uses.setdefault((i, text[start:end]), []).append((start, end))
    home = " ".join([*a.jurisdiction, a.meta.title.value if a.meta.title else ""])
    for (i, _), found in uses.items():
        agency, (m_start, m_end) = table[i], found[0]
        start = _with_place(text, m_start, a.jurisdiction)
        # Named as the issuer of a cited document (文化部《…规范》) the old name is still written as current:
        # a 警告 like any other use, with the cure for a historical citation (原…) in the note.
        issuer_of_citation = text.startswith(("《", "〈"), m_end)
        # In a place that kept the name (written before it, the issuer's, the title's) it may be current: a 提示.
        spared = [p for p in agency.spared if p in text[max(0, start - 6):m_end] or p in home]
        yield a.finding("outdated.renamed_agency", start, m_end, old=text[start:m_end],
                        successor=agency_successor(agency, text[start:m_end]), year=agency.year, times=len(found),
                        severity="info" if agency.verified == "no" or spared else None,
                        note=("该名称作为所引文件的制定机关出现，引用历史文件时可加“原”字。" if issuer_of_citation else "")
                        + (f"{'、'.join(agency.spared)}在机构改革中保留了该机构名称，请按本地现行机构设置核对。" if spared else ""))


@cache
def _table_filter() -> Prefilter:
    """One prefilter over the patterns of agencies.csv, abolished.csv and plans.csv, the names of repealed laws and
    _ORDINAL, in that order: one automaton pass over a document finds the four tables' names and the 十X五 ordinals
    (_ORDINAL from every character of a text, the optional quote it starts with, would cost more than all the rest
    of the plans' check)."""
    return Prefilter([*(r.pattern for r in agencies()), *(r.pattern for r in abolished()), *(r.pattern for r in plans()),
                      *(regex_cache.compile(re.escape(name)) for name, _ in _repealed_names()), _ORDINAL])


def _table_matches(text: str) -> tuple[list[tuple[int, re.Match]], ...]:
    """(row, match) of every name of agencies.csv, of abolished.csv, of plans.csv and of the repealed laws in
    `text`, and (0, match) of every ordinal, by row then position."""
    ends = list(accumulate((len(agencies()), len(abolished()), len(plans()), len(_repealed_names()), 1)))
    out: tuple[list[tuple[int, re.Match]], ...] = ([], [], [], [], [])
    for i, m in _table_filter().finditer(text):
        table = bisect_right(ends, i)
        out[table].append((i - (ends[table - 1] if table else 0), m))
    return out


def _with_place(text: str, start: int, places: list[str]) -> int:
    """Widen a match to the place name written before it: 市文化广播影视局 → 大连市文化广播影视局."""
    for place in places:
        for begin in (start - len(place), start - len(place) + 1):
            if begin >= 0 and text.startswith(place, begin):
                return begin
    return start


def _plans(a: Analysis, names: list[tuple[int, re.Match]], ordinals: list[tuple[int, re.Match]]) -> Iterator[Finding]:
    """Named plan series that ended, and any cited plan whose period (2016-2020年) is over, unless the
    sentence only looks back on it; 十三五-style ordinals only where they are relied on (根据…十三五规划).
    `names`: plans.csv's matches; `ordinals`: _ORDINAL's."""
    text, year = a.text, a.settings.as_of.year
    own = a.meta.body_title or a.meta.title
    own_span = (own.start, own.end) if own and own.start is not None else None
    spans = [own_span] if own_span else []  # reported already: an ordinal inside them is not repeated
    cited: set[str] = set()
    if own:
        end = _period_end(own.value)
        if end is not None and end < year:
            yield a.finding("outdated.own_period_ended", *(own_span or (None, None)), end_year=str(end))
    for c in a.citations:
        end = _period_end(c.title)
        if end is None or end >= year or (own and names_itself(own.value, c.title)) or c.title in cited:
            continue  # the document naming itself (现将《…》印发) is own_period_ended's business
        cited.add(c.title)
        sentence = sentence_of(text, c.start, c.end)
        before, _, after = sentence.partition(text[c.start:c.end])
        if _LOOKING_BACK_BEFORE.search(before) or _LOOKING_BACK_AFTER.search(after) or REPEALING.search(sentence):
            continue
        plan = _plan_named(c.title)
        successor = f"，已有后续版本《{plan.successor}》" if plan and plan.successor else ""
        spans.append((c.start, c.start + 200))
        yield a.finding("outdated.expired_plan", c.start, c.end, end_year=str(end), successor=successor)
    yield from _plan_rows(a, spans, names)
    relied: set[str] = set()  # each ended period once: “十二五”期间 and “十三五”规划 are two
    for _, m in ordinals:
        start = _ORDINAL_START.get(m["n"])
        if (start is None or start + 4 >= year or m["n"] in relied
                or any(s <= m.start() < e for s, e in spans)):
            continue
        sentence = sentence_of(text, m.start(), m.end())
        before = sentence.partition(m.group())[0]
        relied_on = _USE.search(text[max(0, m.start() - 20):m.start()]) or (
            (_FORWARD.search(sentence) or before.endswith(("到", "至")))  # 到“十三五”末: a target date
            and not _RETROSPECT.search(sentence) and not _LOOKING_BACK_BEFORE.search(before))
        if relied_on:
            relied.add(m["n"])
            yield a.finding("outdated.expired_plan", m.start(), m.end(), end_year=str(start + 4), successor="")


# Told as the reform that ended it (取消农业税, 劳动教养制度废止后, 营业税改征增值税, 整合新农合), not as in force.
_ENDED = regex_cache.compile(r"取消|废止|停止(?:征收|执行|实行)|不再(?:征收|实行|执行|发放|区分)|改征|改为|取代|替代|并入|整合|并轨|合并|改革前|之前")
# The action done with it, quoted with it: 征收社会抚养费, 吊销土地使用证, 免征农业税.
_ACTION = regex_cache.compile(r"(?:征收|缴纳|免征|减征|返还|吊销|核发|办理|领取|持有|凭|持|实行|解除|送)$")
_JOINED = regex_cache.compile(r"[和、及与或]")
_ENDED_BEFORE, _ENDED_AFTER = 16, 8  # how far from the name the reform that ended it is told
# …or right after it with the date it ended: 《劳动教养试行办法》已于2013年废止, 暂住证自2016年1月1日起取消.
_ENDED_ON = regex_cache.compile(r"(?:制度)?[已自于]{1,2}(?:19|20)\d{2}年(?:\d{1,2}月)?(?:\d{1,2}日)?(?:起)?(?:被|全面|正式)?(?:废止|取消|失效|停止)")


def _ended_near(text: str, start: int, end: int) -> bool:
    """The reform that ended the system told around its name, in its sentence: 全面取消农业税, 营业税改征增值税后,
    不再区分农业户口; a 取消 elsewhere in the sentence (逾期的，取消其评优资格) ends nothing."""
    first, last = sentence_span(text, start, end)
    return bool(_ENDED.search(text, max(first, start - _ENDED_BEFORE), min(last, end + _ENDED_AFTER))
                or _ENDED_ON.match(text, end, last))


def _abolished(a: Analysis, systems: list[tuple[int, re.Match]], titles: _Spans) -> Iterator[Finding]:
    """Each abolished system once per form written, with how often it appears; forms joined by 和/、 are
    one quote (农业税和农业特产税). Named in 《》 (核发《暂住证》, 《劳动教养试行办法》) the citation is the quote, unless it
    cites a law (repealed_law's business; _cites_a_law) or a document 关于 a subject the name only comes up in.
    `systems`: abolished.csv's matches."""
    text, year = a.text, a.settings.as_of.year
    table, by_row = abolished(), defaultdict(list)
    for i, m in systems:
        span = (m.start(), m.end())
        if m.start() in titles:
            c = next(c for c in a.citations if c.start <= m.start() < c.end)
            if _cites_a_law(c.title) or "关于" in text[c.start:m.start()]:
                continue  # …关于进一步加强刑满释放解除劳教人员安置帮教工作的意见: a policy on the people, still cited
            span = (c.start, c.end)
        if (table[i].year <= year and span not in by_row[i][-1:] and not named_as_former(text, span[0])
                and not _ended_near(text, *span)):
            by_row[i].append(span)
    for i, hits in by_row.items():
        row = table[i]
        forms: dict[str, list[tuple[int, int]]] = {}
        i = 0
        while i < len(hits):
            start, end = hits[i]
            while i + 1 < len(hits) and hits[i + 1][0] - end == 1 and _JOINED.fullmatch(text[end]):
                i += 1
                end = hits[i][1]
            forms.setdefault(text[start:end], []).append((start, end))
            i += 1
        for found in forms.values():
            start, end = found[0]
            action = _ACTION.search(text[max(0, start - 2):start])
            start -= len(action.group()) if action else 0
            successor = f"，现为{row.successor}" if row.successor else ""
            yield a.finding("outdated.abolished_system", start, end, name=row.name, year=row.year, basis=row.basis,
                            successor=successor, times=len(found),
                            severity="info" if row.verified == "no" else None)


@lru_cache(maxsize=4096)
def _plan_named(title: str):
    """The first row of plans.csv whose pattern a cited title matches, if any."""
    return next((p for p in plans() if p.pattern.search(title)), None)


def _plan_rows(a: Analysis, spans: list[tuple[int, int]], names: list[tuple[int, re.Match]]) -> Iterator[Finding]:
    """Ended items of plans.csv as written (《外商投资产业指导目录》, GB/T 9704-1999, 七五普法): each once, where
    cited or relied on (根据…, 符合…) and not looked back on; 十X五 ordinals are left to the ordinal rule."""
    text, as_of = a.text, a.settings.as_of
    table, reported = plans(), set()
    for i, m in names:
        plan = table[i]
        if i in reported or not plan.expired_on(as_of):
            continue
        if _ORDINAL_IN_TITLE.search(m.group()) or any(s <= m.start() < e for s, e in spans):
            continue
        cite = next(((c.start, c.end) for c in a.citations if c.start <= m.start() < c.end), None)
        start, end = cite or (m.start(), m.end())
        sentence = sentence_of(text, start, end)
        before, _, after = sentence.partition(text[start:end])
        if (_LOOKING_BACK_BEFORE.search(before) or _LOOKING_BACK_AFTER.search(after) or REPEALING.search(sentence)
                or named_as_former(text, start)
                or (cite is None and not _USE.search(text[max(0, start - 20):start]))):
            continue
        spans.append((start, end))
        successor = f"，已有后续版本《{plan.successor}》" if plan.successor else ""
        severity = "info" if plan.verified == "no" else plan.severity or None
        yield a.finding("outdated.expired_plan", start, end, end_year=str(plan.end), successor=successor,
                        severity=severity)
        reported.add(i)
