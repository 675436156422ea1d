"""The office's decisions on the cleanup proposals, through the workbook it edits (written by
reviewtools.report.cleanup.workbook): one row per document with the proposal and its reasons, and a 决定 column
that starts filled with the proposal — an office that agrees with every proposal imports the workbook unchanged.
Importing records decisions apart from the proposals."""

from __future__ import annotations

import getpass
import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reviewtools.cleanup import spreadsheets
from reviewtools.errors import UsageError
from reviewtools.registry import Registry, lock
from reviewtools.terms import CLEANUP_STATUSES

SHEET = "清理建议"
NOTES = "说明"
# (header, width in characters, wraps)
COLUMNS = (("序号", 6, False), ("文件名称", 40, True), ("文号", 20, False), ("发文机关", 18, True),
           ("成文日期", 12, False), ("有效期至", 12, False), ("建议", 10, False), ("理由", 48, True),
           ("决定", 10, False), ("决定理由", 30, True), ("备注", 18, True), ("文件路径", 24, True),
           ("标识", 20, False))
HIDDEN = "标识"  # the document's key: how a row finds its document again
NEEDS_REASON = ("废止", "宣布失效")


def worklist(db: str | os.PathLike, year: int | None = None) -> tuple[int, list]:
    """The proposals of `year` (default: the latest year in the registry), one row per document."""
    with _open(db) as reg:
        year = _year(reg, year)
        return year, reg.worklist(year)


@dataclass
class Imported:
    year: int
    recorded: int  # decisions recorded (rows repeating the latest decision are not recorded again)
    rows: int  # rows with a decision
    undecided: int  # rows whose 决定 was left empty
    changed: int  # decisions that differ from the proposal


def import_(db: str | os.PathLike, workbook: str | os.PathLike, who: str | None = None,
            year: int | None = None, wait: float = 0) -> Imported:
    """Record the decisions in `workbook`. Refused as a whole, naming the row, when one is not valid.
    The registry is locked meanwhile (see `lock.hold` for `wait`)."""
    path = Path(workbook)
    if not path.is_file():
        raise UsageError(f"文件不存在：{workbook}")
    wb = spreadsheets.sheets(path)
    rows = wb[SHEET] if SHEET in wb else next(iter(wb.values()), [])
    header = {str(v).strip(): j for j, v in enumerate(rows[0] if rows else ()) if v is not None}
    missing = [h for h in ("决定", "决定理由") if h not in header]
    if missing or not ({HIDDEN, "文号", "文件名称"} & set(header)):
        raise UsageError(f"{path.name} 不是清理建议工作簿：第1行缺少“{'”“'.join(missing or ['标识'])}”列")
    who = who if who is not None else _user()
    with _open(db) as reg, lock.hold(db, "cleanup import", wait):
        year = year or _workbook_year(wb) or _year(reg, None)
        work = reg.worklist(year)
        if not work:
            raise UsageError(f"登记库中没有{year}年的清理建议")
        by_key = {w["doc_key"]: w for w in work}
        by_number = {w["doc_number"]: w for w in work if w["doc_number"]}
        by_title = {w["title"]: w for w in work if w["title"]}
        decisions, undecided, changed = [], 0, 0
        for n, row in enumerate(rows[1:], start=2):
            cell = _cells(row, header)
            if not any(cell.values()):
                continue
            w = by_key.get(cell.get(HIDDEN)) or by_number.get(cell.get("文号")) or by_title.get(cell.get("文件名称"))
            if w is None:
                raise UsageError(f"第{n}行：在登记库的{year}年清理建议中找不到这份文件（{cell.get('文件名称') or cell.get(HIDDEN)}）")
            status = cell.get("决定")
            if not status:
                undecided += 1
                continue
            changed += status != w["proposed"]
            decisions.append(decision(w, status, cell.get("决定理由") or "", cell.get("备注") or "", f"第{n}行："))
        recorded = reg.record_decisions(year, decisions, who)
    return Imported(year, recorded, len(decisions), undecided, changed)


def decision(w, status: str, reason: str, note: str, where: str = "") -> tuple[int, str, str, str]:
    """The decision `status` on worklist row `w`, as Office.record_decisions takes it. 废止 and 宣布失效 need a
    reason: one left empty takes the proposal's reasons when the decision is the proposal, else it is refused
    (the message starting with `where`, the row it came from)."""
    if status not in CLEANUP_STATUSES:
        raise UsageError(f"{where}决定“{status}”无效，应为{'、'.join(CLEANUP_STATUSES)}之一")
    reason = reason.strip()
    if status in NEEDS_REASON and not reason:
        if status != w["proposed"]:
            raise UsageError(f"{where}决定为{status}但未填写理由")
        reason = "；".join(json.loads(w["reasons"]))
    return w["document_id"], status, reason, note.strip()


def _cells(row: tuple, header: dict[str, int]) -> dict[str, str]:
    out = {}
    for name, j in header.items():
        value = row[j] if j < len(row) else None
        if isinstance(value, datetime):
            value = value.date().isoformat()
        out[name] = str(value).strip() if value is not None else ""
    return out


def _open(db: str | os.PathLike) -> Registry:
    return Registry.open_existing(db)


def _year(reg: Registry, year: int | None) -> int:
    year = year or reg.latest_year()
    if year is None:
        raise UsageError("登记库中还没有清理建议（请先运行 reviewtools cleanup run）")
    return year


def _workbook_year(wb: dict[str, list[tuple]]) -> int | None:
    for label, value, *_ in (row + (None, None) for row in wb.get(NOTES, [])):
        if label == "清理年度" and value:
            try:
                return int(value)
            except (TypeError, ValueError):
                return None
    return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return ""
