"""Resolve a cited title against the law catalogue: exactly (full or short title), or fuzzily (rapidfuzz)
for titles miscopied by one character. The catalogue does not hold every old or local regulation, so a
title it lacks is only unknown, never miscopied, unless a catalogue title is one edit away from it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reviewtools.data.laws import Law, find_law, law_index
from reviewtools.text import regex_cache
from reviewtools.text.titles import law_key

_EDITION = regex_cache.compile(r"[（(](?:\d{4}年)?(?:修订|修正|修改|草案|征求意见稿)[）)]$|^新")
_LAWLIKE = regex_cache.compile(r"(?:法|条例|规定|办法|细则|决定|规则|解释|通则|总则)$")
_LOCAL = regex_cache.compile(r"^[\u4e00-\u9fa5]{2,8}?(?:省|自治区|市|自治州|县|区|盟|旗)")
_MISCOPIED_EDITS = 1  # one character added, dropped or changed
_CLOSEST_CUTOFF = 75


@dataclass(frozen=True, slots=True)
class Resolution:
    law: Law | None
    how: str  # exact | fuzzy | unknown | not_lawlike
    closest: Law | None = None  # the best candidate when unresolved


def is_lawlike(title: str) -> bool:
    """A national law or regulation title: not a local rule, not a 通知/意见, not a plan."""
    t = law_key(title)
    return bool(_LAWLIKE.search(t)) and not _LOCAL.match(t) and not t.startswith("关于") and "〈" not in t


@lru_cache(maxsize=4096)  # the same titles recur across a batch, and two checks resolve each citation
def resolve(title: str) -> Resolution:
    law = find_law(_EDITION.sub("", law_key(title)))
    if law is not None:
        return Resolution(law, "exact")
    if not is_lawlike(title):
        return Resolution(None, "not_lawlike")
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import Levenshtein

    index = law_index()
    key = _EDITION.sub("", law_key(title))
    edit = process.extractOne(key, list(index), scorer=Levenshtein.distance, score_cutoff=_MISCOPIED_EDITS)
    if edit and len(key) > 4:  # on a short title one changed character makes another law, not a typo
        if edit[0].replace("、", "") == key.replace("、", ""):  # 最高人民法院、最高人民检察院 or with a space: one title
            return Resolution(index[edit[0]], "exact")
        return Resolution(None, "fuzzy", index[edit[0]])
    best = process.extractOne(key, list(index), scorer=fuzz.ratio, score_cutoff=_CLOSEST_CUTOFF)
    return Resolution(None, "unknown", index[best[0]] if best else None)
