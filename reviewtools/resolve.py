"""Resolve a cited title against the law catalogue: exactly (full or short title), or fuzzily (rapidfuzz)
for titles miscopied by a character or two."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reviewtools.corpora import Law, find_law, law_index, strip_title

PRC = "中华人民共和国"
_EDITION = re.compile(r"[（(](?:\d{4}年)?(?:修订|修正|修改|草案|征求意见稿)[）)]$|^新")
_LAWLIKE = re.compile(r"(?:法|条例|规定|办法|细则|决定|规则|解释|通则|总则)$")
_LOCAL = re.compile(r"^[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|自治州|县|区|盟|旗)")
_FUZZY_CUTOFF = 90


@dataclass(frozen=True, slots=True)
class Resolution:
    law: Law | None
    how: str  # exact | fuzzy | unknown | not_lawlike
    closest: Law | None = None  # the best candidate when unresolved


def is_lawlike(title: str) -> bool:
    """A national law or regulation title: not a local rule, not a 通知/意见, not a plan."""
    t = strip_title(title)
    return bool(_LAWLIKE.search(t)) and not _LOCAL.match(t) and not t.startswith("关于") and "〈" not in t


@lru_cache(maxsize=4096)  # the same titles recur across a batch, and two checks resolve each citation
def resolve(title: str) -> Resolution:
    law = find_law(_EDITION.sub("", strip_title(title)))
    if law is not None:
        return Resolution(law, "exact")
    if not is_lawlike(title):
        return Resolution(None, "not_lawlike")
    from rapidfuzz import fuzz, process

    index = law_index()
    best = process.extractOne(strip_title(title), list(index), scorer=fuzz.ratio)
    if best and best[1] >= _FUZZY_CUTOFF:
        return Resolution(None, "fuzzy", index[best[0]])
    return Resolution(None, "unknown", index[best[0]] if best and best[1] >= 75 else None)
