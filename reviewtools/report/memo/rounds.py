"""The memo of a round after the first (复核): what became of the previous round's findings and what changed in
the text, worded once for every memo format as (heading, lead sentence, lines), like the waivers' sections."""

from __future__ import annotations

from pathlib import PurePath

from reviewtools.review import Review
from reviewtools.terms import cn_number, place

HEADING = "复核情况"
MAX_CHANGES = 10  # text changes listed in the memo; the JSON has them all
_SHORT = 40  # characters of a changed paragraph quoted in the memo


def round_name(review: Review) -> str | None:
    """第二轮审查（复核） for a round after the first, else None."""
    return f"第{cn_number(review.rounds.round)}轮审查（复核）" if review.rounds is not None else None


def sections(review: Review) -> list[tuple[str, str, list[str]]]:
    c = review.rounds
    if c is None:
        return []
    waived = {(f.rule, f.quote) for f, _ in review.waived}
    changes = "两稿文字对比从略（上一轮原文不可得）" if c.changes is None else f"两稿之间文字修改{len(c.changes)}处"
    lead = (f"本次为{round_name(review)}。与上一轮（{PurePath(c.previous.path).name or '上一稿'}）相比："
            f"上一轮意见{len(c.previous.findings)}条，已解决{len(c.resolved)}条，仍存在{len(c.remaining)}条；"
            f"新发现{len(c.new)}条；{changes}。")
    lines = [f"已解决：{_finding(f)}" for f in c.resolved]
    lines += [f"仍存在：{_finding(f)}" + ("（已豁免）" if (f["rule"], f["quote"]) in waived else "")
              for _, f in c.remaining]
    lines += [f"新发现：{_finding(f)}" for f in c.new]
    lines += [change_line(change) for change in (c.changes or [])[:MAX_CHANGES]]
    if c.changes and len(c.changes) > MAX_CHANGES:
        lines.append(f"文字修改另有{len(c.changes) - MAX_CHANGES}处，从略。")
    return [(HEADING, lead, lines)]


def _finding(f: dict) -> str:
    where = f"“{f['quote']}”，{place(f['location'])}" if f["quote"] else "全文"
    return f"{f['title']}（{f['rule']}）：{where}"


def change_line(change) -> str:
    """One text change between the versions in words: 新增 / 删除 / what was changed into what."""
    if change.kind == "inserted":
        return f"文字修改：新增“{_short(change.current.text)}”"
    if change.kind == "deleted":
        return f"文字修改：删除“{_short(change.previous.text)}”"
    edits = "；".join(_edit(e) for e in change.edits[:3]) + ("等" if len(change.edits) > 3 else "")
    return f"文字修改：“{_short(change.previous.text)}”中，{edits}"


def _edit(e) -> str:
    if e.kind == "insert":
        return f"增加“{_short(e.current.text)}”"
    if e.kind == "delete":
        return f"删去“{_short(e.previous.text)}”"
    return f"“{_short(e.previous.text)}”改为“{_short(e.current.text)}”"


def _short(text: str) -> str:
    return text if len(text) <= _SHORT else text[:_SHORT] + "……"
