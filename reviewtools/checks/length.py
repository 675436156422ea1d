"""篇幅: over 5000 字 (4000 for a document deploying one specific task), counted on what would be issued."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewtools.analyze import Analysis, Finding
from reviewtools.text import regex_cache

_SPECIAL_TASK = regex_cache.compile(r"专项|专题|开展[^，。]{0,20}(?:活动|行动|工作)的?(?:实施|工作)?方案")
_COMPREHENSIVE_KINDS = ("规划", "纲要")
_UPWARD_KINDS = ("报告", "请示")
_FORM = regex_cache.compile(r"(?:表|名单|名录|目录|清单|样式|格式|模板|范本|示范文本|回执|说明书)$")
# 《整治形式主义为基层减负若干规定》 (中办、国办, dated 2024-08-06, made public 2025-08-06) sets the limits for
# 地方和部门文件: documents issued before it, and State Council texts, are not governed by it.
_RULE_DATE = "2024-08-06"
_STATE_COUNCIL = regex_cache.compile(r"^国务院(?:办公厅)?(?:关于|$)|^国(?:办)?(?:发|函|办函|办发)〔")


def _forms_only(a: Analysis) -> bool:
    """Attachments that are forms, lists or templates (申报表, 名单, 目录…) are not counted."""
    names = [f.value for f in a.meta.attachments]
    return bool(names) and all(_FORM.search(n) for n in names)


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
    counts = a.counts
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
