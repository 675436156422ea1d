"""Resolve a cited title against the law catalogue: exactly, by short title, or fuzzily (rapidfuzz)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

PRC = "中华人民共和国"
_EDITION = re.compile(r"[（(](?:\d{4}年)?(?:修订|修正|修改|试行|草案|征求意见稿)[）)]$|^新")
_LAWLIKE = re.compile(r"(?:法|条例|规定|办法|细则|决定|规则|解释|通则|总则)$")
_LOCAL = re.compile(r"^[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|自治州|县|区|盟|旗)")
_FUZZY_CUTOFF = 90


@dataclass(frozen=True, slots=True)
class Resolution:
    law: object | None  # reviewtools.corpora.Law
    how: str  # exact | short | fuzzy | unknown | not_lawlike
    closest: object | None = None  # best fuzzy candidate when unresolved
    score: float = 0.0


def key(title: str) -> str:
    t = re.sub(r"\s+", "", title).replace("(", "（").replace(")", "）")
    t = _EDITION.sub("", t)
    return t.removeprefix(PRC)


@cache
def _index():
    from reviewtools.corpora import laws

    full, short = {}, {}
    for law in laws():
        full[key(law.title)] = law
        for s in law.short_titles:
            short[key(s)] = law
    return full, short, list(full)


def is_lawlike(title: str) -> bool:
    """A national law/regulation title (not a local rule, not a 通知/意见 or plan)."""
    t = key(title)
    return bool(_LAWLIKE.search(t)) and not _LOCAL.match(t) and not t.startswith("关于") and "〈" not in t


def resolve(title: str) -> Resolution:
    full, short, keys = _index()
    k = key(title)
    if k in full:
        return Resolution(full[k], "exact", score=100)
    if k in short:
        return Resolution(short[k], "short", score=100)
    if not is_lawlike(title):
        return Resolution(None, "not_lawlike")
    from rapidfuzz import fuzz, process

    best = process.extractOne(k, keys, scorer=fuzz.ratio)
    if best and best[1] >= _FUZZY_CUTOFF:
        return Resolution(None, "fuzzy", full[best[0]], best[1])
    closest = full[best[0]] if best and best[1] >= 75 else None
    return Resolution(None, "unknown", closest, best[1] if best else 0)
