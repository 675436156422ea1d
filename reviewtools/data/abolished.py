"""corpora/abolished.csv: systems, levies and certificates that a law or reform abolished (劳动教养,
农业税, 社会抚养费, 暂住证 …) — still written into old documents as if in force.

Columns: name, pattern (a regex for the system as written, that must not fire on its successor), successor
(what replaced it, empty when nothing did), year (of abolition), basis (the act that abolished it),
verified, source, example (a sentence the pattern must match), counter (one it must not match).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from reviewtools.data.tables import VERIFIED, Report, Row, read_rows
from reviewtools.text import regex_cache

ABOLISHED_COLUMNS = ("name", "pattern", "successor", "year", "basis", "verified", "source", "example", "counter")


@dataclass(frozen=True, slots=True)
class Abolished:
    name: str
    pattern: re.Pattern
    successor: str
    year: int
    basis: str
    verified: str
    source: str


@cache
def abolished() -> tuple[Abolished, ...]:
    return tuple(Abolished(name=r["name"], pattern=regex_cache.compile(r["pattern"]), successor=r["successor"],
                           year=int(r["year"]), basis=r["basis"], verified=r["verified"], source=r["source"])
                 for r in read_rows("abolished.csv"))


def validate(rows: list[Row]) -> list[str]:
    report = Report("abolished.csv")
    if not report.columns(rows, ABOLISHED_COLUMNS):
        return report.problems
    names = Counter(r["name"] for r in rows)
    for i, r in enumerate(rows):
        name = r["name"]
        report.required(i, name, r, "name", "year", "basis", "verified", "source")
        if names[name] > 1:
            report.row(i, name, "name 重复")
        report.enum(i, name, r, "verified", VERIFIED)
        report.year(i, name, r)
        report.pattern(i, name, r)
    return report.problems


def summary() -> dict:
    table = abolished()
    return {"rows": len(table), "verified": dict(Counter(a.verified for a in table))}
