"""Reference data the checks read: the law catalogue, renamed or abolished agencies, and plan series.

Three UTF-8 CSV files in corpora/ (shipped inside the wheel), one fact per row, each row with its
`source` and a `verified` column (yes / partly / no) that checks use to lower the severity of a finding
that rests on an unverified fact. `verified` speaks for what the checks rely on: a law's title, status
and latest-revision or repeal date; an agency's old name and successor; a plan's period and successor.
First-adoption and effective dates of laws may come from memory even on a `yes` row.

- laws.csv: title, short_titles (;-separated, unambiguous), level, status, enacted, amended, effective,
  repealed_on (required unless 现行有效), replaced_by (the title of another row), verified, source.
- agencies.csv: old, pattern (a Python regex for the old name as written, central or local, that must
  not fire on current names), successor (;-separated), level (中央/地方), year, reform, verified,
  source, example (a sentence the pattern must match), counter (one it must not match).
- plans.csv: series, title, pattern, start, end, successor (a title in plans.csv or laws.csv), verified,
  source, example, counter.

`validate()` checks all three and returns the problems in Chinese; `reviewtools corpora` prints them.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache

from reviewtools.resources import corpus, stopwords
from reviewtools.text.titles import PRC, law_key

LAW_LEVELS = ("宪法", "法律", "有关法律问题的决定", "行政法规", "部门规章", "司法解释", "党内法规", "国务院文件")
STATUSES = ("现行有效", "已废止", "已失效")
IN_FORCE = "现行有效"
AGENCY_LEVELS = ("中央", "地方")
VERIFIED = ("yes", "partly", "no")

LAW_COLUMNS = ("title", "short_titles", "level", "status", "enacted", "amended", "effective", "repealed_on",
               "replaced_by", "verified", "source")
AGENCY_COLUMNS = ("old", "pattern", "successor", "level", "year", "reform", "verified", "source", "example",
                  "counter")
PLAN_COLUMNS = ("series", "title", "pattern", "start", "end", "successor", "verified", "source", "example",
                "counter")

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_YEAR_IN_TITLE = re.compile(r"[（(]\s*\d{4}\s*年?\s*(?:修正|修订|修改)?\s*[）)]|\d{4}年(?:修正|修订|修改)")
_SPACE = re.compile(r"\s")

Row = dict[str, str]


@dataclass(frozen=True, slots=True)
class Law:
    """Dates are ISO strings as in the file ('' when unknown); `day()` turns one into a date."""

    title: str
    short_titles: tuple[str, ...]
    level: str
    status: str
    enacted: str
    amended: str
    effective: str
    repealed_on: str
    replaced_by: str
    verified: str
    source: str

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    def day(self, field: str) -> date | None:
        value = getattr(self, field)
        return date.fromisoformat(value) if value else None

    def in_force_on(self, day: date) -> bool:
        """False once the law has stopped being in force (status not 现行有效 and repealed on or before `day`)."""
        repealed = self.day("repealed_on")
        return self.in_force or repealed is None or day < repealed


@dataclass(frozen=True, slots=True)
class Agency:
    old: str
    pattern: re.Pattern
    successor: tuple[str, ...]  # the possible current names, any of which may apply locally
    level: str
    year: int
    reform: str
    verified: str
    source: str


@dataclass(frozen=True, slots=True)
class Plan:
    series: str
    title: str
    pattern: re.Pattern
    start: int
    end: int | None
    successor: str
    verified: str
    source: str

    def expired_on(self, day: date) -> bool:
        return self.end is not None and day.year > self.end


# ---------------------------------------------------------------- reading

def read_rows(filename: str) -> list[Row]:
    """The rows of a corpus CSV as dicts, values stripped; a missing cell is ''."""
    with corpus(filename).open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items() if k is not None} for row in csv.DictReader(f)]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(";") if part.strip())




@cache
def laws() -> tuple[Law, ...]:
    return tuple(Law(title=r["title"], short_titles=_split(r["short_titles"]), level=r["level"],
                     status=r["status"], enacted=r["enacted"], amended=r["amended"], effective=r["effective"],
                     repealed_on=r["repealed_on"], replaced_by=r["replaced_by"], verified=r["verified"],
                     source=r["source"])
                 for r in read_rows("laws.csv"))


@cache
def law_index() -> dict[str, Law]:
    """Every full and short title, by the key citations are matched on (strip_title)."""
    index: dict[str, Law] = {}
    for law in laws():
        for key in (law.title, *law.short_titles):
            index.setdefault(law_key(key), law)
    return index


def find_law(name: str) -> Law | None:
    """The catalogue row for a cited title, full or short (《中华人民共和国行政许可法》, 行政许可法)."""
    return law_index().get(law_key(name))


@cache
def agencies() -> tuple[Agency, ...]:
    return tuple(Agency(old=r["old"], pattern=re.compile(r["pattern"]), successor=_split(r["successor"]),
                        level=r["level"], year=int(r["year"]), reform=r["reform"], verified=r["verified"],
                        source=r["source"])
                 for r in read_rows("agencies.csv"))


@cache
def plans() -> tuple[Plan, ...]:
    return tuple(Plan(series=r["series"], title=r["title"], pattern=re.compile(r["pattern"]),
                      start=int(r["start"]), end=int(r["end"]) if r["end"] else None,
                      successor=r["successor"], verified=r["verified"], source=r["source"])
                 for r in read_rows("plans.csv"))


@cache
def stopword_set(filename: str = "zh.txt") -> frozenset[str]:
    """A stop-word list from stopwords/ (one word a line, # starts a comment)."""
    lines = stopwords(filename).read_text(encoding="utf-8").splitlines()
    return frozenset(w for w in (line.strip() for line in lines) if w and not w.startswith("#"))


# ---------------------------------------------------------------- validation

class _Report:
    """Collects problems as 「file 第N行（name）：what」; data row i is line i + 2 (after the header)."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[str] = []

    def file(self, message: str) -> None:
        self.problems.append(f"{self.filename}：{message}")

    def row(self, i: int, name: str, message: str) -> None:
        self.problems.append(f"{self.filename} 第{i + 2}行（{name or '无名'}）：{message}")


def _columns(report: _Report, rows: list[Row], expected: tuple[str, ...]) -> bool:
    if not rows:
        report.file("没有数据行")
        return False
    present = set(rows[0])
    missing = [c for c in expected if c not in present]
    unknown = sorted(present - set(expected))
    if missing:
        report.file(f"缺少列 {'、'.join(missing)}")
    if unknown:
        report.file(f"有未知列 {'、'.join(unknown)}")
    return not missing


def _enum(report: _Report, i: int, name: str, row: Row, column: str, allowed: tuple[str, ...]) -> None:
    if row[column] not in allowed:
        report.row(i, name, f"{column} 的值「{row[column]}」不在 {'/'.join(allowed)} 之中")


def _required(report: _Report, i: int, name: str, row: Row, *columns: str) -> None:
    for column in columns:
        if not row[column]:
            report.row(i, name, f"{column} 不能为空")


def _parse_date(report: _Report, i: int, name: str, row: Row, column: str) -> date | None:
    value = row[column]
    if not value:
        return None
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        report.row(i, name, f"{column} 的日期「{value}」不是 YYYY-MM-DD 格式的有效日期")
        return None


def _pattern(report: _Report, i: int, name: str, row: Row) -> None:
    """The pattern compiles, cannot match nothing, avoids \\b, matches its example and not its counter."""
    source = row["pattern"]
    if not source:
        report.row(i, name, "pattern 不能为空")
        return
    if r"\b" in source:
        report.row(i, name, r"pattern 不得使用 \b（中文前后没有词边界）")
    try:
        pattern = re.compile(source)
    except re.error as e:
        report.row(i, name, f"pattern 不是有效的正则表达式：{e}")
        return
    if pattern.search("") is not None:
        report.row(i, name, "pattern 可以匹配空串")
    if not row["example"]:
        report.row(i, name, "example 不能为空")
    elif not pattern.search(row["example"]):
        report.row(i, name, f"pattern 未匹配 example「{row['example']}」")
    if not row["counter"]:
        report.row(i, name, "counter 不能为空")
    elif (m := pattern.search(row["counter"])) is not None:
        report.row(i, name, f"pattern 误匹配 counter「{row['counter']}」中的「{m.group()}」")


def _validate_laws(rows: list[Row]) -> list[str]:
    report = _Report("laws.csv")
    if not _columns(report, rows, LAW_COLUMNS):
        return report.problems
    titles = Counter(r["title"] for r in rows)
    keys: dict[str, str] = {}  # stripped title or short title -> the title it belongs to
    for r in rows:
        keys.setdefault(law_key(r["title"]), r["title"])
    for i, r in enumerate(rows):
        name = r["title"]
        if keys[law_key(name)] != name:
            report.row(i, name, f"title 去掉「{PRC}」后与「{keys[law_key(name)]}」相同")
        _required(report, i, name, r, "title", "level", "status", "verified", "source")
        if titles[name] > 1:
            report.row(i, name, "title 重复")
        if _YEAR_IN_TITLE.search(name):
            report.row(i, name, "title 不应含修订年份（写入 amended）")
        _enum(report, i, name, r, "level", LAW_LEVELS)
        _enum(report, i, name, r, "status", STATUSES)
        _enum(report, i, name, r, "verified", VERIFIED)
        enacted, amended, effective, repealed = (_parse_date(report, i, name, r, c)
                                                 for c in ("enacted", "amended", "effective", "repealed_on"))
        if enacted and amended and amended < enacted:
            report.row(i, name, "amended 早于 enacted")
        if enacted and repealed and repealed < enacted:
            report.row(i, name, "repealed_on 早于 enacted")
        if r["status"] == IN_FORCE:
            if r["repealed_on"] or r["replaced_by"]:
                report.row(i, name, "现行有效的行不应有 repealed_on 或 replaced_by")
        elif r["status"] in STATUSES and not r["repealed_on"]:
            report.row(i, name, f"状态为{r['status']}时 repealed_on 不能为空")
        if r["replaced_by"]:
            if r["replaced_by"] == name:
                report.row(i, name, "replaced_by 不能是自身")
            elif r["replaced_by"] not in titles:
                report.row(i, name, f"replaced_by「{r['replaced_by']}」不是本文件中的 title")
        for short in r["short_titles"].split(";") if r["short_titles"] else ():
            short = short.strip()
            if not short or _SPACE.search(short):
                report.row(i, name, f"short_titles 有空项或含空白：「{r['short_titles']}」")
                continue
            owner = keys.setdefault(law_key(short), name)
            if owner != name:
                report.row(i, name, f"short_titles 中的「{short}」与「{owner}」冲突")
    return report.problems


def _validate_agencies(rows: list[Row]) -> list[str]:
    report = _Report("agencies.csv")
    if not _columns(report, rows, AGENCY_COLUMNS):
        return report.problems
    olds = Counter(r["old"] for r in rows)
    for i, r in enumerate(rows):
        name = r["old"]
        _required(report, i, name, r, "old", "successor", "level", "year", "reform", "verified", "source")
        if olds[name] > 1:
            report.row(i, name, "old 重复")
        _enum(report, i, name, r, "level", AGENCY_LEVELS)
        _enum(report, i, name, r, "verified", VERIFIED)
        if r["year"] and not _YEAR.fullmatch(r["year"]):
            report.row(i, name, f"year「{r['year']}」不是四位年份")
        _pattern(report, i, name, r)
    return report.problems


def _validate_plans(rows: list[Row], law_rows: list[Row]) -> list[str]:
    report = _Report("plans.csv")
    if not _columns(report, rows, PLAN_COLUMNS):
        return report.problems
    titles = Counter(r["title"] for r in rows)
    known = set(titles) | {r.get("title", "") for r in law_rows}
    for i, r in enumerate(rows):
        name = r["title"]
        _required(report, i, name, r, "series", "title", "start", "verified", "source")
        if titles[name] > 1:
            report.row(i, name, "title 重复")
        _enum(report, i, name, r, "verified", VERIFIED)
        for column in ("start", "end"):
            if r[column] and not _YEAR.fullmatch(r[column]):
                report.row(i, name, f"{column}「{r[column]}」不是四位年份")
        if _YEAR.fullmatch(r["start"]) and _YEAR.fullmatch(r["end"]) and int(r["end"]) < int(r["start"]):
            report.row(i, name, "end 早于 start")
        if r["successor"] and r["successor"] not in known:
            report.row(i, name, f"successor「{r['successor']}」既不是 plans.csv 也不是 laws.csv 中的 title")
        _pattern(report, i, name, r)
    return report.problems


def validate(law_rows: list[Row] | None = None, agency_rows: list[Row] | None = None,
             plan_rows: list[Row] | None = None) -> list[str]:
    """Every problem in the three files, in Chinese, naming file and line; [] when all is well.

    Rows default to the shipped files; pass rows (from `read_rows`, possibly edited) to check them instead."""
    law_rows = read_rows("laws.csv") if law_rows is None else law_rows
    agency_rows = read_rows("agencies.csv") if agency_rows is None else agency_rows
    plan_rows = read_rows("plans.csv") if plan_rows is None else plan_rows
    return _validate_laws(law_rows) + _validate_agencies(agency_rows) + _validate_plans(plan_rows, law_rows)


def summary() -> dict:
    """Row counts per file, and per level / status / verified, for `reviewtools corpora`."""
    all_laws, all_agencies, all_plans = laws(), agencies(), plans()
    return {
        "laws.csv": {
            "rows": len(all_laws),
            "level": dict(Counter(law.level for law in all_laws)),
            "status": dict(Counter(law.status for law in all_laws)),
            "in_force_by_level": dict(Counter(law.level for law in all_laws if law.in_force)),
            "verified": dict(Counter(law.verified for law in all_laws)),
        },
        "agencies.csv": {
            "rows": len(all_agencies),
            "level": dict(Counter(a.level for a in all_agencies)),
            "verified": dict(Counter(a.verified for a in all_agencies)),
        },
        "plans.csv": {
            "rows": len(all_plans),
            "series": dict(Counter(p.series for p in all_plans)),
            "verified": dict(Counter(p.verified for p in all_plans)),
        },
        "stopwords": {name: len(stopword_set(name)) for name in ("zh.txt", "legal.txt")},
    }
