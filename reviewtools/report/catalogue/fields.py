"""What every catalogue format shows alike: the four lists, their titles, columns and issuer groups, cell text.

The writers take any object shaped like the registry's catalogue (the Protocols below), so they depend
on names only, never on how the registry stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from reviewtools.terms import PUBLISHED_STATUS, cn_date


class Entry(Protocol):
    seq: int | None
    title: str
    doc_number: str | None
    issuer: str | None
    issued_on: date | str | None
    effective_on: date | str | None
    expires_on: date | str | None  # a date, or a word such as 长期
    reason: str | None
    text: str | None
    doc_key: str | None


class Change(Protocol):
    kind: str  # added / removed / status_changed
    title: str
    doc_number: str | None
    before: str | None  # as published: 现行有效 / 废止 / 宣布失效
    after: str | None


class Catalogue(Protocol):
    year: int
    valid: Sequence[Entry]
    repealed: Sequence[Entry]
    expired: Sequence[Entry]
    changes: Sequence[Change]


CHANGE_KINDS = {"added": "新增", "removed": "移出", "status_changed": "状态变化"}
NO_ISSUER = "未注明发文机关"
NONE = "（无）"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    value: Callable[[Any, int], object]  # (item, its number in the list) -> date, int, str or None
    chars: int  # .xlsx width, in widths of "0" (a Chinese character takes two)
    mm: float | None  # .docx width; None takes what the others leave
    centre: bool = False


def _field(name: str, header: str, chars: int, mm: float | None, centre: bool = False) -> Column:
    return Column(name, header, lambda item, n: getattr(item, name, None), chars, mm, centre)


# 序号 is the row's place in the printed order, running on across issuer groups (Entry.seq need not follow them).
SEQ = Column("seq", "序号", lambda item, n: n, 5, 10, True)
TITLE = _field("title", "文件名称", 40, None)
NUMBER = _field("doc_number", "文号", 20, 31)
ISSUER = _field("issuer", "发文机关", 18, 26)
ISSUED = _field("issued_on", "发布日期", 15, 32, True)
EFFECTIVE = _field("effective_on", "施行日期", 15, 32, True)
EXPIRES = _field("expires_on", "有效期至", 15, 32, True)
REASON = _field("reason", "理由", 40, 70)

# Public particulars only: the office's decision (继续有效 / 修改) and its 备注 stay in its own cleanup workbook.
VALID_COLUMNS = (SEQ, TITLE, NUMBER, ISSUER, ISSUED, EFFECTIVE, EXPIRES)
# 废止/宣布失效: 名称、公布时间、文号及理由 (the announcement's required particulars).
CLEARED_COLUMNS = (SEQ, TITLE, NUMBER, ISSUER, ISSUED, REASON)
CHANGE_COLUMNS = (
    SEQ,
    Column("kind", "变化", lambda item, n: CHANGE_KINDS.get(item.kind, item.kind), 10, 20, True),
    TITLE, NUMBER,
    _field("before", "上年", 18, 40),
    _field("after", "本年", 18, 40),
)


@dataclass(frozen=True)
class Listing:
    key: str  # valid / repealed / expired / changes: file and page names
    name: str  # the short name: sheet name, link text
    title: str  # the heading printed above the list
    columns: tuple[Column, ...]
    items: Sequence[Any]
    grouped: bool  # entries of several issuers: shown under one heading per issuer

    def groups(self) -> list[tuple[str | None, list[tuple[int, Any]]]]:
        """(issuer or None, [(number, item)…]): issuers in order of first appearance, numbers running on."""
        if not self.grouped:
            return [(None, list(enumerate(self.items, 1)))]
        by_issuer: dict[str, list] = {}
        for item in self.items:
            by_issuer.setdefault(issuer_name(item), []).append(item)
        out, n = [], 0
        for issuer, items in by_issuer.items():
            out.append((issuer, [(n + i, item) for i, item in enumerate(items, 1)]))
            n += len(items)
        return out

    def rows(self) -> list[tuple[int, Any]]:
        return [row for _, rows in self.groups() for row in rows]

    def count(self) -> str:
        return f"共{len(self.items)}件"


def issuer_name(item) -> str:
    return (getattr(item, "issuer", None) or "").strip() or NO_ISSUER


def group_heading(issuer: str, rows: Sequence) -> str:
    return f"{issuer}（{len(rows)}件）"


def listings(catalogue: Catalogue, office: str, year: int) -> tuple[Listing, Listing, Listing, Listing]:
    """The valid catalogue, the repealed and expired lists, and the changes from last year's catalogue."""
    office = office.strip()

    def entries(key: str, name: str, kind: str, columns, items) -> Listing:
        several = len({issuer_name(e) for e in items}) > 1
        return Listing(key, name, f"{office}{kind}行政规范性文件目录（{year}年）", columns, list(items), several)

    return (
        entries("valid", "现行有效目录", "现行有效", VALID_COLUMNS, catalogue.valid),
        entries("repealed", "废止目录", "决定废止的", CLEARED_COLUMNS, catalogue.repealed),
        entries("expired", "宣布失效目录", "决定宣布失效的", CLEARED_COLUMNS, catalogue.expired),
        Listing("changes", "与上年相比", f"{office}现行有效行政规范性文件目录与{year - 1}年相比的变化",
                CHANGE_COLUMNS, published_changes(catalogue.changes), False),
    )


@dataclass(frozen=True)
class PublishedChange:
    kind: str
    title: str
    doc_number: str | None
    before: str | None
    after: str | None


def published_changes(changes: Sequence[Change]) -> list[PublishedChange]:
    """The changes in published words (现行有效 / 废止 / 宣布失效): 继续有效 → 修改 is no change to the public."""
    out = []
    for c in changes:
        before, after = (PUBLISHED_STATUS.get(s, s) if s else s for s in (c.before, c.after))
        if c.kind != "status_changed" or before != after:
            out.append(PublishedChange(c.kind, c.title, c.doc_number, before, after))
    return out


# ---- cell values -------------------------------------------------------------------------------------------


def as_date(value) -> date | None:
    """A date, or an ISO date string, as a date; anything else None."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def text(value) -> str:
    """A cell as people read it: dates written the Chinese way (2026年1月5日), nothing as empty."""
    if value is None:
        return ""
    day = as_date(value)
    return cn_date(day) if day else str(value)


def plain(value) -> str:
    """A cell as data: ISO dates, nothing as empty."""
    if value is None:
        return ""
    day = as_date(value)
    return day.isoformat() if day else str(value)


def docx_widths(columns: Sequence[Column], total: float) -> list[float]:
    """Column widths in millimetres; the flexible column (the title) takes what the others leave."""
    fixed = sum(c.mm for c in columns if c.mm is not None)
    flexible = [c for c in columns if c.mm is None]
    spare = (total - fixed) / len(flexible) if flexible else 0
    return [spare if c.mm is None else c.mm for c in columns]
