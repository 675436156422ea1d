"""corpora/plans.csv: plan series, outlines and editioned policy bases whose period ends or that a later
edition replaces (五年规划, 法治政府建设实施纲要, 普法规划, 市场准入负面清单, 产业目录 …).

Columns: series, title, pattern (a regex for the plan as written), start, end (the last year it is current;
empty while it is), successor (a title in plans.csv or laws.csv), severity (empty: the rule's; `info` where
relying on the ended item is only worth a hint, as 党的十九大精神), verified, source, example, counter.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from reviewtools.data.tables import VERIFIED, YEAR, Report, Row, read_rows
from reviewtools.text import regex_cache

PLAN_COLUMNS = ("series", "title", "pattern", "start", "end", "successor", "severity", "verified", "source",
                "example", "counter")
SEVERITIES = ("", "info", "warning", "error")


@dataclass(frozen=True, slots=True)
class Plan:
    series: str
    title: str
    pattern: re.Pattern
    start: int
    end: int | None
    successor: str
    severity: str
    verified: str
    source: str

    def expired_on(self, day: date) -> bool:
        return self.end is not None and day.year > self.end


@cache
def plans() -> tuple[Plan, ...]:
    return tuple(Plan(series=r["series"], title=r["title"], pattern=regex_cache.compile(r["pattern"]),
                      start=int(r["start"]), end=int(r["end"]) if r["end"] else None,
                      successor=r["successor"], severity=r["severity"],
                      verified=r["verified"], source=r["source"])
                 for r in read_rows("plans.csv"))


def validate(rows: list[Row], law_rows: list[Row]) -> list[str]:
    report = Report("plans.csv")
    if not report.columns(rows, PLAN_COLUMNS):
        return report.problems
    titles = Counter(r["title"] for r in rows)
    known = set(titles) | {r.get("title", "") for r in law_rows}
    for i, r in enumerate(rows):
        name = r["title"]
        report.required(i, name, r, "series", "title", "start", "verified", "source")
        if titles[name] > 1:
            report.row(i, name, "title 重复")
        report.enum(i, name, r, "verified", VERIFIED)
        report.enum(i, name, r, "severity", SEVERITIES)
        for column in ("start", "end"):
            report.year(i, name, r, column)
        if YEAR.fullmatch(r["start"]) and YEAR.fullmatch(r["end"]) and int(r["end"]) < int(r["start"]):
            report.row(i, name, "end 早于 start")
        if r["successor"] and r["successor"] not in known:
            report.row(i, name, f"successor「{r['successor']}」既不是 plans.csv 也不是 laws.csv 中的 title")
        report.pattern(i, name, r)
    return report.problems


def summary() -> dict:
    table = plans()
    return {"rows": len(table), "series": dict(Counter(p.series for p in table)),
            "verified": dict(Counter(p.verified for p in table))}
