"""发文字号 (document numbers) in every bracket variant, written form kept, normalized form derived."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewtools.extract.dates import cn_int
from reviewtools.text import regex_cache

# „‟ are 〔〕 as some PDF-to-text converters render them (国办发„2009‟3号); corner, curly and white brackets
# (「」『』{}｛｝〘〙) are typed for them at times.
OPEN = "〔［[【﹝〖(（〈<„「『{｛〘"
CLOSE = "〕］]】﹞〗)）〉>‟」』}｝〙"

# A year in Chinese numerals (〔二〇一九〕, [一九九九], its zero often typed 0 or O: 〔二0一九〕): read, and a defect of its
# own (GB/T 9704-2012 7.2.5: 年份、发文顺序号用阿拉伯数字标注).
CN_YEAR = regex_cache.compile("(?:一九|二[〇○零0OＯ０])[〇○零0OＯ０一二三四五六七八九]{2}")
_CN_DIGITS = str.maketrans("〇○零0OＯ０一二三四五六七八九", "0000000123456789")

# A serial in Chinese numerals, read only before its 号 (某政发〔2019〕十二号): a defect like the year's.
CN_SERIAL = r"[一二三四五六七八九十]{1,3}(?=\s*[号號])"

# 號 is 号 on portals that serve a page in traditional characters (懷政辦發〔2023〕9號).
HAO = "[号號]"

# agency code + bracketed year + serial + 号. The code is CJK (with an optional Latin part, e.g. 国市监反垄规).
# The closing bracket may be lost in copying (泉政文〔20177号); the year may be hidden in a transcript (20XX, ××07), be
# written in Chinese numerals (某政发〔二〇一九〕2号), in full-width digits (〔２０１９〕) or carry a 年 of its own
# (某政发（2019年）2号); 号 may be typed twice (3号号).
# The code and its bracket share a line (a title above 〔2020〕第5号 is no code). The look-ahead first, which every
# match meets (its code is the whole run of letters and 汉字 from where it starts, then the bracket), taken without
# giving back: where the run is too long for a code, as it is before most brackets of running text, the engine moves
# on after one pass instead of trying every shorter code.
DOC_NUMBER = regex_cache.compile(
    rf"(?=[A-Za-z]{{0,4}}+[\u4e00-\u9fa5]{{1,12}}+[A-Za-z]{{0,4}}+[^\S\n]*+[{re.escape(OPEN)}])"
    r"(?P<code>[A-Za-z]{0,4}[\u4e00-\u9fa5]{1,12}(?:[A-Za-z]{0,4})?)[^\S\n]*"
    rf"(?P<open>[{re.escape(OPEN)}])\s*(?P<year>(?:19|20|１９|２０)(?:\d{{2}}|[XxＸ×]{{2}})|[XxＸ×]{{2}}\d{{2}}|\d{{2}}|{CN_YEAR.pattern})\s*(?P<nian>年)?\s*"
    rf"(?P<close>[{re.escape(CLOSE)}])?\s*(?P<di>第)?\s*(?P<serial>\d{{1,5}}|{CN_SERIAL})\s*(?P<hao>{HAO})?(?P<twice>{HAO})?"
)
# A number on a line of its own whose closing bracket and 号 were lost in copying: 大政办发〔201641
_BROKEN_LINE = regex_cache.compile(r"^(?P<code>[\u4e00-\u9fa5]{1,12})\s*(?P<open>[〔［\[【﹝(（])\s*(?P<year>(?:19|20)\d{2})(?P<serial>\d{1,4})$")
# The same number in brackets on its own line or after a title: （厦海政〔2018〕69号）, 【某政发〔2024〕3号】
_BRACKETED = regex_cache.compile(r"^[（(【〔［\[]\s*(?P<inner>.+?)\s*[）)】〕］\]]$")


@dataclass(frozen=True, slots=True)
class DocNumber:
    written: str
    normalized: str
    start: int
    end: int
    code: str
    year: int  # 0 when the year is not written out (20XX)
    serial: int


def _normalize(code: str, year: str, serial: str) -> tuple[str, int]:
    if CN_YEAR.fullmatch(year):
        year = year.translate(_CN_DIGITS)
    if not year.isdigit():
        return f"{code}〔{year}〕{cn_int(serial)}号", 0
    y = int(year)
    if y < 100:  # 〔19〕 → 2019; 〔99〕 → 1999
        y += 2000 if y < 50 else 1900
    return f"{code}〔{y}〕{cn_int(serial)}号", y


# Words a greedy CJK code swallows when a number stands in running text: 按照国办发〔2018〕37号.
_LEAD_WORDS = regex_cache.compile(r"^(?:.*?(?:按照|根据|依据|依照|参照|执行|落实|贯彻|印发|转发|详见|见|即|和|及|与|或|、|的))(?=[\u4e00-\u9fa5]{2})")


def parse(match: re.Match, offset: int = 0) -> DocNumber:
    code = match["code"]
    lead = _LEAD_WORDS.match(code)
    skip = lead.end() if lead and len(code) - lead.end() >= 2 else 0
    code = code[skip:]
    normalized, year = _normalize(code, match["year"], match["serial"])
    return DocNumber(match.group(0)[skip:], normalized, offset + match.start() + skip, offset + match.end(), code,
                     year, cn_int(match["serial"]))


def complete(match: re.Match) -> bool:
    """Enough of a number to be one: a closing bracket and 号, or one of them with a four-digit year."""
    if match["close"] and match["hao"]:
        return True
    return bool(match["close"] or match["hao"]) and len(match["year"]) == 4


OPENING = regex_cache.compile(rf"[{re.escape(OPEN)}](?=\s*(?:\d\d|[XxＸ×]{{2}}\d\d|{CN_YEAR.pattern}))")  # where a year could follow: every number has one
_BEFORE, _AFTER = 24, 40  # how far a match may start before its opening bracket (code and spaces), end after it


def finditer(text: str) -> Iterator[re.Match]:
    """DOC_NUMBER.finditer(text), searched only around opening brackets: the pattern, led by a run of
    汉字, would otherwise be tried at every character of the text."""
    last = 0
    for bracket in OPENING.finditer(text):
        if bracket.start() < last:
            continue
        m = DOC_NUMBER.search(text, max(last, bracket.start() - _BEFORE), bracket.start() + _AFTER)
        if m and m.start("open") == bracket.start():  # a later bracket gets its own window
            yield m
            last = m.end()


def find_all(text: str) -> list[DocNumber]:
    return [parse(m) for m in finditer(text) if complete(m)]


# A number whose year is in no bracket at all (某政发2019年2号, 某府办2019-12号, 农明字2007第65号), or whose opening
# bracket was lost (国发2019〕13号): the year
# right after an agency code that ends as codes do (…政发, …府办, …委函, …字), the serial, then 号.
_UNBRACKETED_YEAR = regex_cache.compile(r"(?<=[办字发函规])\s*(?P<year>(?:19|20)\d{2})\s*(?P<nian>年)?\s*[〕］\]）)]?\s*(?:[-—－]\s*)?"
                                        r"(?P<di>第)?\s*(?P<serial>\d{1,5})\s*[号號](?![楼院房室线])")
_UNBRACKETED_CODE = regex_cache.compile(r"(?:[\u4e00-\u9fa5]{0,8}(?:(?:政|府|办|委)[发函规]|[府政]办)|国[发函]|[\u4e00-\u9fa5]{2,8}字)$")


_UNBRACKETED_REACH = 16  # the longest year-to-号 part of such a number


_HAO_MARK = regex_cache.compile(HAO)


def _unbracketed_years(text: str) -> Iterator[re.Match]:
    """_UNBRACKETED_YEAR's matches, searched only in a window that ends at each 号 (every match ends there)."""
    done = 0
    for mark in _HAO_MARK.finditer(text):
        at, find = mark.start(), mark.end()
        m = _UNBRACKETED_YEAR.search(text, max(done, at - _UNBRACKETED_REACH), find + 1)
        if m and m.end() == find:
            done = find
            yield m


def find_unbracketed(text: str) -> list[DocNumber]:
    """Numbers written with their year in no bracket (not a form find_all knows)."""
    out = []
    for m in _unbracketed_years(text):
        code = _UNBRACKETED_CODE.search(text, max(0, m.start() - 10), m.start())
        lead = _LEAD_WORDS.match(code.group()) if code else None
        skip = lead.end() if lead and len(code.group()) - lead.end() >= 2 else 0
        if code is None or len(code.group()) - skip < 2:
            continue
        name = code.group()[skip:]
        normalized, year = _normalize(name, m["year"], m["serial"])
        out.append(DocNumber(text[code.start() + skip:m.end()], normalized, code.start() + skip, m.end(), name, year,
                             int(m["serial"])))
    return out


def parse_line(line: str, offset: int) -> DocNumber | None:
    """The document's own number when `line` is nothing but one (possibly damaged, possibly in round
    brackets)."""
    stripped = line.strip()
    lead = offset + line.index(stripped) if stripped else offset
    b = _BRACKETED.match(stripped)
    if b and b["inner"]:
        return parse_line(b["inner"], lead + b.start("inner"))
    m = DOC_NUMBER.fullmatch(stripped)
    if m and (m["close"] or m["hao"]):
        return parse(m, lead)
    m = _BROKEN_LINE.match(stripped)
    if m:
        normalized, year = _normalize(m["code"], m["year"], m["serial"])
        return DocNumber(stripped, normalized, lead, lead + len(stripped), m["code"], year, int(m["serial"]))
    return None
