"""corpora/t2s.csv: traditional characters and the one simplified character each is read as (built from OpenCC by
scripts/build_t2s.py), so that a document in traditional characters (a portal's 繁体 page, a Hong Kong or Taiwan
copy) is matched by the same rules. One character for one: offsets into the text do not move, and quotes stay
as written.

Columns: traditional, simplified, source.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from reviewtools.data.tables import Report, Row, read_rows
from reviewtools.text import regex_cache

T2S_COLUMNS = ("traditional", "simplified", "source")


@cache
def table() -> dict[int, str]:
    """str.translate's table: code point of each traditional character → its simplified character."""
    return {ord(r["traditional"]): r["simplified"] for r in read_rows("t2s.csv")}


@cache
def pattern() -> re.Pattern:
    """Any one of the traditional characters."""
    return regex_cache.compile("[" + "".join(map(chr, table())) + "]")


def validate(rows: list[Row]) -> list[str]:
    report = Report("t2s.csv")
    if not report.columns(rows, T2S_COLUMNS):
        return report.problems
    seen = Counter(r["traditional"] for r in rows)
    targets = {r["simplified"] for r in rows}
    for i, r in enumerate(rows):
        name = r["traditional"]
        report.required(i, name, r, *T2S_COLUMNS)
        if len(name) != 1 or len(r["simplified"]) != 1:
            report.row(i, name, "traditional 与 simplified 须各为一个字符（一对一，偏移不变）")
        elif name == r["simplified"]:
            report.row(i, name, "simplified 与 traditional 相同")
        if seen[name] > 1:
            report.row(i, name, "traditional 重复")
        if name in targets:  # read twice, 乾 → 干 → …, a chain would not be one-for-one
            report.row(i, name, "traditional 又是另一行的 simplified")
    return report.problems


def summary() -> dict:
    return {"rows": len(table())}
