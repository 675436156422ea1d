"""corpora/laws.csv: the law catalogue — national laws, administrative regulations, department rules,
judicial interpretations and local regulations, in force and repealed.

Columns: title, short_titles (;-separated, unambiguous), level, status, enacted, amended, effective,
repealed_on (required unless 现行有效), replaced_by (the title of another row), verified, source.
`verified` speaks for what the checks rely on: the title, the status and the latest-revision or repeal
date; first-adoption and effective dates may come from memory even on a `yes` row. Rows taken from
LawRefBook/Laws are (re)built by scripts/build_laws.py; hand-curated rows keep their own source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import astuple, dataclass
from datetime import date
from functools import cache
from pathlib import Path

from reviewtools import cached
from reviewtools.data import tables
from reviewtools.data.tables import VERIFIED, Report, Row, read_rows, split
from reviewtools.resources import corpus
from reviewtools.text import regex_cache, titles
from reviewtools.text.titles import PRC, law_key

LAW_LEVELS = ("宪法", "法律", "有关法律问题的决定", "行政法规", "部门规章", "司法解释", "地方性法规", "地方政府规章",
              "党内法规", "国务院文件")
STATUSES = ("现行有效", "已废止", "已失效")
IN_FORCE = "现行有效"
LAW_COLUMNS = ("title", "short_titles", "level", "status", "enacted", "amended", "effective", "repealed_on",
               "replaced_by", "verified", "source")

_YEAR_IN_TITLE = regex_cache.compile(r"[（(]\s*\d{4}\s*年?\s*(?:修正|修订|修改)?\s*[）)]|\d{4}年(?:修正|修订|修改)")
_SPACE = regex_cache.compile(r"\s")


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

    def __reduce__(self):
        # Unpickled through the constructor: a slotted dataclass's generic __setstate__ is three times slower.
        return Law, astuple(self)


def laws() -> tuple[Law, ...]:
    return _catalogue()[0]


def law_index() -> dict[str, Law]:
    """Every full and short title, by the key citations are matched on (strip_title)."""
    return _catalogue()[1]


@cache
def _catalogue() -> tuple[tuple[Law, ...], dict[str, Law]]:
    """The rows and their index, kept in the cache folder keyed by the file and the code that reads it: parsing
    the catalogue's thousands of rows would cost every review's start 40 ms, loading them kept 10."""
    sources = [corpus("laws.csv"), Path(__file__), Path(tables.__file__), Path(titles.__file__)]
    return cached.pickled("laws", cached.digest(sources), _build,
                          lambda kept: isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], dict))


def _build() -> tuple[tuple[Law, ...], dict[str, Law]]:
    rows = tuple(Law(title=r["title"], short_titles=split(r["short_titles"]), level=r["level"],
                     status=r["status"], enacted=r["enacted"], amended=r["amended"], effective=r["effective"],
                     repealed_on=r["repealed_on"], replaced_by=r["replaced_by"], verified=r["verified"],
                     source=r["source"])
                 for r in read_rows("laws.csv"))
    index: dict[str, Law] = {}
    for law in rows:
        for key in (law.title, *law.short_titles):
            index.setdefault(law_key(key), law)
    return rows, index


def find_law(name: str) -> Law | None:
    """The catalogue row for a cited title, full or short (《中华人民共和国行政许可法》, 行政许可法)."""
    return law_index().get(law_key(name))


def validate(rows: list[Row]) -> list[str]:
    report = Report("laws.csv")
    if not report.columns(rows, LAW_COLUMNS):
        return report.problems
    titles = Counter(r["title"] for r in rows)
    keys: dict[str, str] = {}  # stripped title or short title -> the title it belongs to
    for r in rows:
        keys.setdefault(law_key(r["title"]), r["title"])
    for i, r in enumerate(rows):
        name = r["title"]
        if keys[law_key(name)] != name:
            report.row(i, name, f"title 去掉「{PRC}」后与「{keys[law_key(name)]}」相同")
        report.required(i, name, r, "title", "level", "status", "verified", "source")
        if titles[name] > 1:
            report.row(i, name, "title 重复")
        if _YEAR_IN_TITLE.search(name):
            report.row(i, name, "title 不应含修订年份（写入 amended）")
        report.enum(i, name, r, "level", LAW_LEVELS)
        report.enum(i, name, r, "status", STATUSES)
        report.enum(i, name, r, "verified", VERIFIED)
        enacted, amended, effective, repealed = (report.day(i, name, r, c)
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


def summary() -> dict:
    all_laws = laws()
    return {
        "rows": len(all_laws),
        "level": dict(Counter(law.level for law in all_laws)),
        "status": dict(Counter(law.status for law in all_laws)),
        "in_force_by_level": dict(Counter(law.level for law in all_laws if law.in_force)),
        "verified": dict(Counter(law.verified for law in all_laws)),
    }
