"""The one split of the labelled data into a tuning part and a held-out part (fixed on 2026-12-02).

A case (eval-dev2) or a typical-case clause (by the document it was quoted from, so that clauses of one
document never fall on both sides) is held out when the first byte of sha256("reviewtools-split-1:" + key)
is divisible by 3. ../shared/eval-dev is the public dev set the first build was written from: all tuning.
"""

from __future__ import annotations

import hashlib

SALT = "reviewtools-split-1:"


def held_out(key: str) -> bool:
    return hashlib.sha256((SALT + key).encode("utf-8")).digest()[0] % 3 == 0


def part(key: str) -> str:
    return "heldout" if held_out(key) else "tune"
