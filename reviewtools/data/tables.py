"""Reading the corpus CSV files and the checks every validator shares.

Each file in corpora/ is UTF-8 CSV, one fact per row, each row with its `source` and a `verified` column
(yes / partly / no) that checks use to lower the severity of a finding that rests on an unverified fact.
Problems are reported in Chinese as 「file 第N行（name）：what」.
"""

from __future__ import annotations

import csv
import re
from datetime import date

from reviewtools.resources import corpus
from reviewtools.text import regex_cache

VERIFIED = ("yes", "partly", "no")

_DATE = regex_cache.compile(r"\d{4}-\d{2}-\d{2}")
YEAR = regex_cache.compile(r"(?:19|20)\d{2}")

Row = dict[str, str]


def read_rows(filename: str) -> list[Row]:
    """The rows of a corpus CSV as dicts by the header's names, values stripped; a missing cell is '', a cell past
    the header's is dropped, a blank line skipped. (csv.reader and zip, not csv.DictReader: a third less of the
    start-up time every review spends reading the catalogues.)"""
    with corpus(filename).open(encoding="utf-8", newline="") as f:
        lines = csv.reader(f)
        header = next(lines, [])
        blank = [""] * len(header)
        return [dict(zip(header, [v.strip() for v in row] + blank, strict=False)) for row in lines if row]


def split(value: str) -> tuple[str, ...]:
    """A ;-separated cell as its items."""
    return tuple(part.strip() for part in value.split(";") if part.strip())


class Report:
    """Collects problems as 「file 第N行（name）：what」; data row i is line i + 2 (after the header)."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[str] = []

    def file(self, message: str) -> None:
        self.problems.append(f"{self.filename}：{message}")

    def row(self, i: int, name: str, message: str) -> None:
        self.problems.append(f"{self.filename} 第{i + 2}行（{name or '无名'}）：{message}")

    def columns(self, rows: list[Row], expected: tuple[str, ...]) -> bool:
        """False (with the reason) when the file has no rows or lacks a column."""
        if not rows:
            self.file("没有数据行")
            return False
        present = set(rows[0])
        missing = [c for c in expected if c not in present]
        unknown = sorted(present - set(expected))
        if missing:
            self.file(f"缺少列 {'、'.join(missing)}")
        if unknown:
            self.file(f"有未知列 {'、'.join(unknown)}")
        return not missing

    def enum(self, i: int, name: str, row: Row, column: str, allowed: tuple[str, ...]) -> None:
        if row[column] not in allowed:
            self.row(i, name, f"{column} 的值「{row[column]}」不在 {'/'.join(allowed)} 之中")

    def required(self, i: int, name: str, row: Row, *columns: str) -> None:
        for column in columns:
            if not row[column]:
                self.row(i, name, f"{column} 不能为空")

    def day(self, i: int, name: str, row: Row, column: str) -> date | None:
        value = row[column]
        if not value:
            return None
        try:
            if not _DATE.fullmatch(value):
                raise ValueError
            return date.fromisoformat(value)
        except ValueError:
            self.row(i, name, f"{column} 的日期「{value}」不是 YYYY-MM-DD 格式的有效日期")
            return None

    def year(self, i: int, name: str, row: Row, column: str = "year") -> None:
        if row[column] and not YEAR.fullmatch(row[column]):
            self.row(i, name, f"{column}「{row[column]}」不是四位年份")

    def pattern(self, i: int, name: str, row: Row) -> None:
        """The pattern compiles, cannot match nothing, avoids \\b, matches its example and not its counter."""
        source = row["pattern"]
        if not source:
            self.row(i, name, "pattern 不能为空")
            return
        if r"\b" in source:
            self.row(i, name, r"pattern 不得使用 \b（中文前后没有词边界）")
        try:
            pattern = re.compile(source)
        except re.error as e:
            self.row(i, name, f"pattern 不是有效的正则表达式：{e}")
            return
        if pattern.search("") is not None:
            self.row(i, name, "pattern 可以匹配空串")
        if not row["example"]:
            self.row(i, name, "example 不能为空")
        elif not pattern.search(row["example"]):
            self.row(i, name, f"pattern 未匹配 example「{row['example']}」")
        if not row["counter"]:
            self.row(i, name, "counter 不能为空")
        elif (m := pattern.search(row["counter"])) is not None:
            self.row(i, name, f"pattern 误匹配 counter「{row['counter']}」中的「{m.group()}」")
