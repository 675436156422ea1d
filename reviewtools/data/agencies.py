"""corpora/agencies.csv: agencies abolished or renamed in an institutional reform, central and local.

Columns: old, pattern (a Python regex for the old name as written at any level — 国家/省/市/县/乡 — that
must not fire on current names), successor (;-separated: the current names, any of which may apply
locally; one with XX is the form at the county level where it differs: 市生态环境局XX分局), level (;-separated:
the levels the old agency stood at — 国家 alone, or some of 省/市/县/乡, 乡 where the pattern writes its township
unit: 工商所, 国土所, 计生办), year (of the reform: 2018 central, 2018–2019 local), reform, spared (;-separated: the places that kept
the old name where the reform varied by place — 上海;重庆 for 经济和信息化委员会; there it is a 提示, said so), verified, source,
example (a sentence the pattern must match), counter (one it must not match).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from reviewtools.data.tables import VERIFIED, Report, Row, read_rows, split
from reviewtools.text import regex_cache

AGENCY_LEVELS = ("国家", "省", "市", "县", "乡")
AGENCY_COLUMNS = ("old", "pattern", "successor", "level", "year", "reform", "spared", "verified", "source",
                  "example", "counter")


@dataclass(frozen=True, slots=True)
class Agency:
    old: str
    pattern: re.Pattern
    successor: tuple[str, ...]
    level: tuple[str, ...]
    year: int
    reform: str
    spared: tuple[str, ...]
    verified: str
    source: str


@cache
def agencies() -> tuple[Agency, ...]:
    return tuple(Agency(old=r["old"], pattern=regex_cache.compile(r["pattern"]), successor=split(r["successor"]),
                        level=split(r["level"]), year=int(r["year"]), reform=r["reform"], spared=split(r["spared"]),
                        verified=r["verified"], source=r["source"])
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
        levels = split(r["level"])
        if any(v not in AGENCY_LEVELS for v in levels) or ("国家" in levels and len(levels) > 1):
            report.row(i, name, f"level 的值「{r['level']}」不是“国家”或 省/市/县/乡 中以;分隔的几级")
        report.enum(i, name, r, "verified", VERIFIED)
        report.year(i, name, r)
        report.pattern(i, name, r)
    return report.problems


def summary() -> dict:
    table = agencies()
    return {"rows": len(table), "level": dict(Counter(v for a in table for v in a.level)),
            "verified": dict(Counter(a.verified for a in table))}
