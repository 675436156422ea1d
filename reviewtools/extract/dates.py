"""Dates as Chinese documents write them: 2017年6月22日, 二〇一七年六月二十二日, 2017-06-22."""

from __future__ import annotations

import re
from datetime import date

from reviewtools.text import regex_cache

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "０": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9, "两": 2}

# One pattern for every written form; the groups are parsed by parse_date.
DATE = regex_cache.compile(
    r"(?P<y>(?:19|20)\d{2}|[一二][〇○零ＯO0０一二三四五六七八九]{3})\s*年\s*"
    r"(?P<m>\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])\s*日"
    r"|(?P<iy>(?:19|20)\d{2})[-./](?P<im>\d{1,2})[-./](?P<id>\d{1,2})(?!\d)"
)


def cn_int(s: str) -> int:
    """Chinese or Arabic numeral up to 99 (十, 十二, 二十, 二十三) or a digit string (二〇一七)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    value = 0
    for ch in s:
        value = value * 10 + _CN_DIGIT[ch]
    return value


def parse_date(m: re.Match) -> date | None:
    try:
        if m.group("y"):
            return date(cn_int(m.group("y")), cn_int(m.group("m")), cn_int(m.group("d")))
        return date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    except (ValueError, KeyError):
        return None


# What a page break glues to a signature date: the 版记 (抄送：…, 印发…) or the next page's label.
_GLUED = regex_cache.compile(r"\s*(?:抄\s*送|抄\s*报|分\s*送|报\s*送|主\s*题\s*词|[（(]此件|附\s*件|[-—]\s*\d+\s*[-—])")
_DIGITS_ONLY = regex_cache.compile(r"((?:19|20)\d{2})(\d)(\d)|((?:19|20)\d{2})(\d{2})(\d{2})")


_YEAR_FIRST = ("1", "2", "一", "二")


def signature_date(line: str) -> tuple[date, int, int] | None:
    """The 成文日期 on a signature line, with its span in `line`: the line is only a date (二〇二三年五月六日 as
    well), the date has the 版记 or the next page glued after it (2012年12月12日抄送：…), or it is the
    digits-only date of a damaged copy (201659)."""
    if not line.startswith(_YEAR_FIRST):  # every date these read starts its year with 19, 20, 一 or 二: most lines end here
        return None
    m = DATE.fullmatch(line) or DATE.match(line)
    if m and (m.end() == len(line) or _GLUED.match(line, m.end())):
        d = parse_date(m)
        return (d, m.start(), m.end()) if d else None
    m = _DIGITS_ONLY.fullmatch(line)
    if m:
        y, mo, da = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(4), m.group(5), m.group(6))
        try:
            return date(int(y), int(mo), int(da)), 0, len(line)
        except ValueError:
            return None
    return None


def find_date(text: str) -> tuple[date, re.Match] | None:
    for m in DATE.finditer(text):
        d = parse_date(m)
        if d:
            return d, m
    return None
