"""corpora/agencies.csv: agencies abolished or renamed in an institutional reform, central and local.

Columns: old, pattern (a Python regex for the old name as written at any level — 国家/省/市/县/乡 — that
must not fire on current names), successor (;-separated: the current names, any of which may apply
locally), level (中央/地方), year (of the reform: 2018 central, 2018–2019 local), reform, verified, source,
example (a sentence the pattern must match), counter (one it must not match).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from reviewtools.data.tables import VERIFIED, Report, Row, read_rows, split
from reviewtools.text import regex_cache

AGENCY_LEVELS = ("中央", "地方")
AGENCY_COLUMNS = ("old", "pattern", "successor", "level", "year", "reform", "verified", "source", "example",
                  "counter")


@dataclass(frozen=True, slots=True)
class Agency:
    old: str
    pattern: re.Pattern
    successor: tuple[str, ...]
    level: str
    year: int
    reform: str
    verified: str
    source: str


@cache
def agencies() -> tuple[Agency, ...]:
    return tuple(Agency(old=r["old"], pattern=regex_cache.compile(r["pattern"]), successor=split(r["successor"]),
                        level=r["level"], year=int(r["year"]), reform=r["reform"], verified=r["verified"],
                        source=r["source"])
                 for r in read_rows("agencies.csv"))


def validate(rows: list[Row]) -> list[str]:
    report = Report("agencies.csv")
    if not report.columns(rows, AGENCY_COLUMNS):
        return report.problems
    olds = Counter(r["old"] for r in rows)
    for i, r in enumerate(rows):
        name = r["old"]
        report.required(i, name, r, "old", "successor", "level", "year", "reform", "verified", "source")
        if olds[name] > 1:
            report.row(i, name, "old 重复")
        report.enum(i, name, r, "level", AGENCY_LEVELS)
        report.enum(i, name, r, "verified", VERIFIED)
        report.year(i, name, r)
        report.pattern(i, name, r)
    return report.problems


def summary() -> dict:
    table = agencies()
    return {"rows": len(table), "level": dict(Counter(a.level for a in table)),
            "verified": dict(Counter(a.verified for a in table))}
