"""The stop-word lists in stopwords/ (one word a line, # starts a comment)."""

from __future__ import annotations

from functools import cache

from reviewtools.resources import stopwords


@cache
def stopword_set(filename: str = "zh.txt") -> frozenset[str]:
    lines = stopwords(filename).read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))
