"""篇幅: over 5000 字 (4000 for a document deploying one specific task), counted on what would be issued."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from reviewtools.analyze import Analysis, Finding

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_FULLWIDTH_PUNCT = re.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2014\u2018\u2019\u201c\u201d\u2026\u00b7]+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+(?:[.,][0-9]+)*")
_SPECIAL_TASK = re.compile(r"专项|专题|开展[^，。]{0,20}(?:活动|行动|工作)的?(?:实施|工作)?方案")
_COMPREHENSIVE_KINDS = ("规划", "纲要")
_UPWARD_KINDS = ("报告", "请示")
_FORM = re.compile(r"(?:表|名单|名录|目录|清单|样式|格式|模板|范本|示范文本|回执|说明书)$")
# 《整治形式主义为基层减负若干规定》 (中办、国办, dated 2024-08-06, made public 2025-08-06) sets the limits for
# 地方和部门文件: documents issued before it, and State Council texts, are not governed by it.
_RULE_DATE = "2024-08-06"
_STATE_COUNCIL = re.compile(r"^国务院(?:办公厅)?(?:关于|$)|^国(?:办)?(?:发|函|办函|办发)〔")
_FRAME_LINE = re.compile(r"^(?:抄送|印发|主送|联系人|联系电话|（此件[^）]*）|\(此件[^)]*\))")


@dataclass(frozen=True)
class Counts:
    body: int
    attachments: int
    transmittal: int
    mode: str


def count(text: str, mode: str) -> int:
    """word: as Word/WPS 字数 — each 汉字, each full-width punctuation mark, each run of Latin letters or
    digits; nonspace: every visible character; cjk: 汉字 only."""
    if mode == "nonspace":
        return len(text) - sum(1 for c in text if c.isspace())
    cjk = _chars(_CJK, text)
    if mode == "cjk":
        return cjk
    return cjk + _chars(_FULLWIDTH_PUNCT, text) + sum(1 for _ in _ASCII_WORD.finditer(text))


def _chars(runs: re.Pattern, text: str) -> int:
    """Characters matched by `runs` (a pattern of runs, so that long stretches cost one match each)."""
    return sum(m.end() - m.start() for m in runs.finditer(text))


def _framing_spans(a: Analysis) -> list[tuple[int, int]]:
    """Title, 文号, 主送, signature, date and 版记 lines inside the body: not counted."""
    m = a.meta
    spans = [(f.start, f.end) for f in (m.title, m.doc_number, m.body_title, m.issuer, m.issued_on)
             if f is not None and f.start is not None]
    text = a.doc.text
    pos = m.body[0]
    for line in text[m.body[0]:m.body[1]].split("\n"):
        stripped = line.strip()
        if _FRAME_LINE.match(stripped) or (stripped.endswith(("：", ":")) and len(stripped) < 60 and pos < m.body[0] + 300):
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _forms_only(a: Analysis) -> bool:
    """Attachments that are forms, lists or templates (申报表, 名单, 目录…) are not counted."""
    names = [f.value for f in a.meta.attachments]
    return bool(names) and all(_FORM.search(n) for n in names)


def count_body(a: Analysis) -> Counts:
    mode = a.settings.count_mode
    m, text = a.meta, a.doc.text
    framing = 0
    last = m.body[0]
    for s, e in sorted(_framing_spans(a)):  # spans may overlap (title and body title): count each char once
        s, e = max(s, last), min(e, m.body[1])
        if s < e:
            framing += count(text[s:e], mode)
            last = e
    body = count(text[m.body[0]:m.body[1]], mode) - framing
    attachments = count(text[m.attachments_start:a.doc.body_end], mode) if m.attachments_start else 0
    transmittal = count(text[m.transmittal[0]:m.transmittal[1]], mode) if m.transmittal else 0
    return Counts(body, attachments, transmittal, mode)


def not_governed(a: Analysis) -> str:
    """Why the 5000/4000-字 limits do not govern this document ('' when they do)."""
    m = a.meta
    names = [f.value for f in (m.issuer, m.title, m.doc_number) if f is not None]
    if any(_STATE_COUNCIL.search(n) for n in names):
        return "国务院、国务院办公厅文件不属于该规定所称“地方和部门文件”"
    issued = m.issued_on.value[:4] if m.issued_on else None
    numbered = re.search(r"〔(\d{4})〕", m.doc_number.value) if m.doc_number else None
    if (m.issued_on and m.issued_on.value < _RULE_DATE) or (issued is None and numbered and numbered[1] < _RULE_DATE[:4]):
        return f"本文件成文于{issued or numbered[1]}年，早于该规定（2024年8月印发）"
    return ""


def check(a: Analysis) -> Iterator[Finding]:
    if a.meta.kind in _UPWARD_KINDS:  # the limit is on documents issued downward, not reports to superiors
        return
    counts = count_body(a)
    s = a.settings
    counted = s.include_attachments and counts.attachments and not _forms_only(a)
    total = counts.body + (counts.attachments if counted else 0)
    title = " ".join(f.value for f in (a.meta.title, a.meta.body_title) if f)
    special = bool(_SPECIAL_TASK.search(title))
    limit = s.special_task_limit if special else s.length_limit
    if total <= limit:
        return
    detail = (f"（其中正文 {counts.body} 字、附件 {counts.attachments} 字）" if counted else
              f"（另有附件 {counts.attachments} 字，为表格、名单等，未计入）" if counts.attachments else "")
    values = {"count": total, "limit": limit, "excess": total - limit, "detail": detail}
    rule = "length.special_task_over_limit" if special else "length.over_limit"
    why = not_governed(a)
    if why:
        yield a.finding(rule, severity="info", note=f"{why}，不受该篇幅要求约束，仅作提示。", **values)
    elif a.meta.kind in _COMPREHENSIVE_KINDS and not special:
        yield a.finding(rule, severity="info", note="规划、纲要等部署综合性工作的文件不受 5000 字限制，仅作提示。", **values)
    else:
        yield a.finding(rule, **values)
