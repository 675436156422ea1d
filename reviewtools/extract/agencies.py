"""Old agency names in a text: as agencies.csv's rows write them and as a department named by its function
(国土资源主管部门, 公安、工商等部门), whether the text tells them as history (原…, …职责划入…), and the current name
at the level of the one quoted."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from reviewtools.data.agencies import agencies
from reviewtools.extract.repeals import REPEALING, named_as_former, sentence_span
from reviewtools.text import regex_cache

_PROVINCE = regex_cache.compile(r"省|自治区|[厅]$")
_AGENCY_END = regex_cache.compile(r"[局办委厅所站队会心署处科构]$")
_DEPARTMENT_TAIL = regex_cache.compile(r"(?:(?:行政)?(?:主管|管理))?部门$")
_LEVEL_CHAR = regex_cache.compile(r"^[\u4e00-\u9fa5]{0,12}?(?:省|自治区|市|自治州|州|县|区|旗|盟|镇|乡)(?=[^省市县区州旗盟镇乡])")
_COUNTY = regex_cache.compile(r"^(?P<name>[\u4e00-\u9fa5]{0,8}?)(?:县|旗)(?=[^省市县区州旗盟镇乡])")


def _kind(name: str) -> str:
    for kind in ("分局", "所", "厅", "委员会", "委", "部门", "总队", "支队", "大队"):
        if name.endswith(kind):
            return "委员会" if kind == "委" else kind
    return "局"


@lru_cache(maxsize=4096)
def successor(agency, quote: str) -> str:
    """One current name at the level of the one quoted: a city bureau gets the city's bureau (市市场监督管理局),
    a provincial 厅 the 厅, a 分局 the 分局, a 大队 the 大队, a department named by function the same function
    (自然资源主管部门); a county's bureau the city's 分局 where the row names one (县环保局 → 市生态环境局XX分局,
    长兴县环保局 → 市生态环境局长兴分局). A central agency split by function keeps its successors (国家市场监督管理总局、
    海关总署). Each distinct quote of an agency is worked out once."""
    if agency.level == ("国家",):
        return "、".join(agency.successor)
    names = [n for n in agency.successor if "XX" not in n] or list(agency.successor)
    if "XX" in names[0]:
        return names[0]
    want = _kind(quote)
    county = _COUNTY.match(quote)
    branch = next((n for n in agency.successor if n.endswith("XX分局")), None)
    if county and branch and want == "局":
        return branch.replace("XX", county["name"] or "XX")
    if want != "厅" and _PROVINCE.search(quote) and any(n.endswith("厅") for n in names):
        want = "厅"
    local = [n for n in names if not n.endswith("厅")] or names
    pick = next((n for n in names if _kind(n) == want), local[0])
    place = _LEVEL_CHAR.match(quote)
    prefix = place.group() if place else ""
    stem = re.sub(r"(?:分局|局|厅|委员会|所)$", "", pick)
    if want == "部门":
        tail = _DEPARTMENT_TAIL.search(quote)
        return prefix + stem + (tail.group() if tail and "主管" in tail.group() else "部门")
    if not _AGENCY_END.search(quote):  # an item of a list of functions: 公安、工商、交通运输等部门
        return prefix + stem
    return prefix + pick


# A department named by its function at any level: 国土资源主管部门, 省计划行政管理部门, 工商行政部门, and each item of
# 公安、工商、物价等部门. Each is matched as “X部门”, the form an agency row writes for the function.
# The last item may be joined by 和/及 (公安、工商和税务部门), the list closed by any kind of department (等监督管理部门,
# 等行政执法部门).
_DEPARTMENT = regex_cache.compile(r"(?P<x>[\u4e00-\u9fa5]{2,8}?)(?:行政(?:管理|主管)?|管理|主管)部门"
                                  r"|(?P<list>(?:[\u4e00-\u9fa5]{2,6}、)+(?:[\u4e00-\u9fa5]{2,6}[和及])?[\u4e00-\u9fa5]{2,6}?)"
                                  r"等?(?:有关|相关)?(?:行政)?(?:监督|监管|执法|职能)?(?:管理|主管)?部门")
_NOT_IN_DEPARTMENT = regex_cache.compile(r"[^\u4e00-\u9fa5、]")
_DEPARTMENT_REACH = 80  # longer than any match of _DEPARTMENT in a real text
_ITEM = regex_cache.compile(r"[^、和及]{2,6}")
# Reform history (原工商局的职责划入市场监督管理局, 将工商局、质监局撤销，组建市场监督管理局, 将县林业局的职责…等整合), not a
# current name.
# 划转 and 并入 only of offices, duties and staff: 土地划转手续, 并入城区规划 are no reform.
_REFORM = regex_cache.compile(r"职责(?:整合)?(?:划入|并入)|职责(?:等|进行)?整合(?=[，,。；;]|$)|整合[^。]{0,10}组建|撤销[^。；]{0,40}组建|更名为"
                              r"|重新组建|不再保留"
                              r"|并入[^。；]{0,12}(?:局|委|办|厅|部|所|部门|机构)"
                              r"|(?:职责|职能|人员|编制|机构)[^。；]{0,8}划转|划转[^。；]{0,8}(?:职责|职能|人员|编制)")
# 原 (原有的, 原来的) before a place name, 国家, or a list of old names: 原某市工商局、质监局, 原国家工商总局,
# 原工商、质监、食药监所属的…; not 原则上由公安、工商等部门.
_FORMER_BEFORE = regex_cache.compile(r"原(?:有的?|来的?)?(?!则|因|始|料|告|本|先)"
                            r"(?:国家|中央|国务院|[\u4e00-\u9fa5]{1,6}?(?:省|自治区|市|州|县|区|旗|盟|镇|乡))?"
                            r"(?:[\u4e00-\u9fa5]{2,10}?(?:局|委|办|厅|部|所)、|[\u4e00-\u9fa5]{2,4}、)*$")


# In a reform sentence the body a duty goes to or that is set up (…职责划入县卫生和计划生育局, 组建县食品药品监督管理局)
# is the document's own current body, not history: when that body has since been reformed away, it is an old name.
_TO_NEW = regex_cache.compile(r"划入|并入|组建|更名为|改为|改设")
_TO_OLD = regex_cache.compile(r"不再保留|撤销|原")


# A date before the reform the name belongs to: 1987年国家教育委员会发布的…, …于2003年6月发出《…》.
_DATED_BEFORE = regex_cache.compile(r"((?:19|20)\d{2})年(?:\d{1,2}月(?:\d{1,2}日)?)?[，,]?\Z")
_DATED_AFTER = regex_cache.compile(r"于((?:19|20)\d{2})年(?:\d{1,2}月(?:\d{1,2}日)?)?"
                                   r"(?:发出|发布|印发|出台|颁布|成立|组建|制定|下发)")


def told_as_history(text: str, place_start: int, start: int, end: int) -> bool:
    if (named_as_former(text, place_start)
            or _FORMER_BEFORE.search(text[max(0, place_start - 17):place_start])
            or named_as_former(text, start) or _dated_before_reform(text, place_start, start, end)):
        return True
    clause, at = _clause_of(text, start, end)
    return bool(REPEALING.search(clause)) or (bool(_REFORM.search(clause))
                                              and not _made_by_the_reform(clause[:place_start - at]))


def _dated_before_reform(text: str, place_start: int, start: int, end: int) -> bool:
    """Whether the clause dates what the name did to a year before the name was reformed away."""
    year = _reform_year(text[start:end])
    if year is None:
        return False
    before = _DATED_BEFORE.search(text, max(0, place_start - 12), place_start)
    clause, _ = _clause_of(text, start, end)
    after = _DATED_AFTER.search(clause)
    return any(m and int(m.group(1)) < year for m in (before, after))


@lru_cache(maxsize=4096)
def _reform_year(name: str) -> int | None:
    """The reform year of the agency rows that write `name` whole (the earliest, if several)."""
    years = [a.year for a in agencies() if a.pattern.fullmatch(name)]
    return min(years) if years else None


def _made_by_the_reform(before: str) -> bool:
    """Whether the last reform word before a name in its clause gives duties to it or sets it up."""
    cues = [(m.end(), True) for m in _TO_NEW.finditer(before)] + [(m.end(), False) for m in _TO_OLD.finditer(before)]
    return bool(cues) and max(cues)[1]


def _clause_of(text: str, start: int, end: int) -> tuple[str, int]:
    """The sentence around text[start:end] cut at semicolons too, and where it starts: 原…不再保留；由县国土局负责审批
    tells the reform in one clause and assigns a duty to an old name in the next."""
    s, e = sentence_span(text, start, end, ("。", "\n", "；", ";"))
    return text[s:e], s


def mentions(text: str, names: list[tuple[int, re.Match]]) -> Iterator[tuple[int, int, int]]:
    """(row, start, end) of every old agency name: as the rows write it (`names`), and as a department named
    by its function."""
    direct = [(i, m.start(), m.end()) for i, m in names]
    yield from direct
    for at, (end, x, items) in _departments(text):
        spans = [(at + x[0], at + x[1], at + end)] if x else [(at + s, at + e, at + e) for s, e in items]
        for s, e, quote_end in spans:
            found = _department_row(text[s:e])
            if found and not any(ds < quote_end and s < de for _, ds, de in direct):
                yield found[0], s + found[1], quote_end


def _departments(text: str) -> Iterator[tuple[int, tuple]]:
    """(where it starts, _department_at's account) of each of _DEPARTMENT's matches, left to right without overlap,
    found by running it only in a window that ends at each “部门” (every match ends there): a scan from every
    character costs more than all the rest. A match is 汉字 and 、 only, so it lies in the run of them that holds its
    部门: the search starts where the run of the window's first 部门 does."""
    done = find = 0
    while (at := text.find("部门", find)) >= 0:
        find = at + 2
        start = max(done, at - _DEPARTMENT_REACH)
        for gap in _NOT_IN_DEPARTMENT.finditer(text, start, text.find("部门", start, find)):
            start = gap.end()
        found = _department_at(text[start:find])
        if found:
            done = start + found[0] + found[1][0]
            yield start + found[0], found[1]


@lru_cache(maxsize=4096)
def _department_at(window: str) -> tuple[int, tuple[int, tuple[int, int] | None, tuple[tuple[int, int], ...]]] | None:
    """_DEPARTMENT's first match in `window` as (its start, (its end, the span of the function named (x) or None, the
    spans of the list's items)), all from the match's start; None without one. A window is searched once: the
    pattern holds no anchor or lookaround, so a match does not depend on the text around the window, and lists of
    departments (责任单位：…) repeat from item to item of a plan, where the search backtracks longest."""
    m = _DEPARTMENT.search(window)
    if m is None:
        return None
    at = m.start()
    if m["x"]:
        return at, (m.end() - at, (m.start("x") - at, m.end("x") - at), ())
    base = m.start("list") - at
    return at, (m.end() - at, None, tuple((base + i.start(), base + i.end()) for i in _ITEM.finditer(m["list"])))


@lru_cache(maxsize=4096)
def _department_row(function: str) -> tuple[int, int] | None:
    """(row, start in function) of the first agency row that writes “function部门” as an old name ending
    there; department names repeat across documents, so each is looked up once."""
    probe = function + "部门"
    for i, agency in enumerate(agencies()):
        m = agency.pattern.search(probe)
        if m and m.end() == len(probe) and m.start() < len(function):
            return i, m.start()
    return None
