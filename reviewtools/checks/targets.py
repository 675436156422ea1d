"""过时引用 of one kind: a target whose year has passed (到2025年底…达到…, 2025年底前完成…), as of the review date."""

from __future__ import annotations

from collections.abc import Iterator

from reviewtools.analyze import Analysis, Finding
from reviewtools.text import regex_cache

# A dated target still to be met (到2025年底，…达到…; 2025年底前完成…), not a count of what was done (截至…已…)
# nor a part of a year (2020年前三季度, 2020年前后), nor a time told (直到2017年3月15日, "until").
# The lookahead first: every match starts with one of its characters, and the engine skips to them at C speed (a
# named group leading the second branch keeps it from telling them on its own).
_TARGET = regex_cache.compile(r"(?=[到至12])(?:(?:(?<!直)到|至)\s*(?P<y>(?:19|20)\d{2})\s*年(?:底|末|前)?"
                              # no digit, 至, 到 or dash before the year, told after its 19/20: a literal first runs faster
                              r"|(?P<z>(?:19|20)(?<![\d至到－—-]..)\d{2})\s*年(?:\d{1,2}\s*月)?(?:底|末)?(?:前|以前|之前)(?![一二三四五六七八九十两几个后半]))")
_AIM = regex_cache.compile(r"达到|实现|建成|基本|力争|全面|形成|提升|提高|突破|超过|不低于|不少于|控制在|覆盖|增长|培育|打造|争取"
                           r"|完成|出台|制定|建立|新增|下降|降低|减少|普及|保持|稳定在")
# A target announced before its year (力争到2025年底…, 确保2020年前…).
_AIM_BEFORE = regex_cache.compile(r"(?:力争|确保|争取|计划|预计|目标是)\s*$")
_DONE = regex_cache.compile(r"已|累计|取得|以来|完成了|实现了|达到了")
# After 2025年底前 the deed itself comes at once (前完成…, 前，全面实现…); 2019年以前建成的小区 only describes.
_DEADLINE_DEED = regex_cache.compile(r"\s*[，,]?\s*(?:要|须|必须|应当|应|力争|确保|争取)?(?:全面|基本|全部|逐步)?"
                                     r"(?:完成|实现|建成|达到|消除|取消|清理|出台|制定|建立|形成|完善|落实)(?!的)")


# A window of time that qualifies something (近两年（2021年1月1日至2023年1月1日）完成的业绩; 2019年至2023年期间承担的项目):
# a range whose end is closed by a bracket or 期间/之间, not a target to be met by its last year.
_RANGE_FROM = regex_cache.compile(r"(?:19|20)\d{2}\s*年?(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?\s*$")
_WINDOW_END = regex_cache.compile(r"\s*(?:\d{1,2}\s*月(?:\d{1,2}\s*日)?)?(?:[）)]|期间|之间)")


# A central document (国务院, 国办, a ministry): its targets are national policy, not the office's to revise.
_CENTRAL = regex_cache.compile(r"^(?:国务院|国家|中共中央|中华人民共和国|[\u4e00-\u9fa5]{1,8}部(?:关于|办公厅))|^国(?:办)?[发函]")


def check(a: Analysis) -> Iterator[Finding]:
    """Each passed target year once (its first target clause), with how many clauses name it; only a hint in
    a central document."""
    text, year = a.text, a.settings.as_of.year
    central = any(f is not None and _CENTRAL.search(f.value) for f in (a.meta.issuer, a.meta.doc_number, a.meta.title))
    found: dict[str, list[tuple[int, int]]] = {}
    for m in _TARGET.finditer(text):
        target_year = m["y"] or m["z"]
        if int(target_year) >= year or (m["z"] and not _DEADLINE_DEED.match(text, m.end())):
            continue
        sentence_end = min((i for i in (text.find(ch, m.end()) for ch in "。；;\n") if i >= 0), default=len(text))
        clause = text[m.end():sentence_end]
        before = text[max(0, m.start() - 6):m.start()]
        if not (_AIM.search(clause) or _AIM_BEFORE.search(before)) or _DONE.search(clause) or _DONE.search(before):
            continue
        if m["y"] and _RANGE_FROM.search(text, max(0, m.start() - 14), m.start()) and _WINDOW_END.match(text, m.end()):
            continue
        found.setdefault(target_year, []).append((m.start(), min(sentence_end, m.end() + 60)))
    for target_year, spans in found.items():
        yield a.finding("outdated.target_passed", *spans[0], year=target_year, times=len(spans),
                        severity="info" if central else None)
