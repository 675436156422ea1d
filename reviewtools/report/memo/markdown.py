"""The review memo as Markdown, for mail and wikis.

Everything the memo did not write itself (the title, the path, quotes, messages, reasons, the office's name)
goes through `inline`: as one line of text, with the characters HTML gives meaning to written as entities and
Markdown's own marks (emphasis, links, images, code, tables, headings) backslash-escaped, so that a hostile
title renders as the words it is and never as HTML, a link or an image.
"""

from __future__ import annotations

import re

from reviewtools.errors import clean_name
from reviewtools.report.memo.fields import (
    OCR_NOTE,
    SUSPECTED_HEADING,
    counts_by_category,
    memo_lines,
    memo_title,
    review_date,
    sections,
    split_suspected,
    where,
)
from reviewtools.review import Review
from reviewtools.terms import CATEGORY_NAMES, SEVERITY_NAMES

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MARKS = re.compile(r"([\\`*_\[\]{}()#+\-.!|~:=^$])")
_HTML = re.compile(r'[&<>"]')


def inline(text: object) -> str:
    """`text` as inert inline Markdown: one line, HTML characters as entities, Markdown marks escaped."""
    text = _MARKS.sub(r"\\\1", clean_name(text))
    return _HTML.sub(lambda m: _ENTITIES[m[0]], text)


def render(review: Review, office: str = "") -> bytes:
    out = [f"# {inline(memo_title(review))}", ""]
    out += [f"- **{k}**：{inline(v)}" for k, v in memo_lines(review)]
    s = review.summary
    out += ["", "## 审查结论", "",
            f"建议结论：**{review.verdict_name}**（严重 {s['error']} 项、警告 {s['warning']} 项、提示 {s['info']} 项；"
            f"审查基准日 {review.analysis.settings.as_of.isoformat()}）", ""]
    rows = counts_by_category(review)
    if rows:
        out += ["| 类别 | 严重 | 警告 | 提示 |", "|---|---|---|---|"]
        out += [f"| {c} | {e} | {w} | {i} |" for c, e, w, i in rows]
    rules, suspected = split_suspected(review.findings)
    out += ["", "## 具体意见", ""]
    if not rules:
        out += ["未发现问题。", ""]
    for n, f in enumerate(rules, 1):
        out += _finding(n, f, f"{SEVERITY_NAMES[f.severity]}，{CATEGORY_NAMES[f.category]}")
    if suspected:
        out += [f"## {SUSPECTED_HEADING}", ""]
    for n, f in enumerate(suspected, len(rules) + 1):
        out += _finding(n, f, f"疑似，{CATEGORY_NAMES[f.category]}，模型评分 {f.score:.2f}")
    for heading, lead, lines in sections(review):
        out += [f"## {heading}", "", *([inline(lead), ""] if lead else []), *(f"- {inline(line)}" for line in lines), ""]
    out += ["---", "", f"审查机构：{inline(office) if office else '＿＿＿＿＿＿'}　　审查人：＿＿＿＿　　日期：{review_date(review)}", ""]
    return "\n".join(out).encode("utf-8")


def _finding(n: int, f, badge: str) -> list[str]:
    out = [f"### {n}. {inline(f.title)}（{badge}）", ""]
    if f.quote:
        out += [f"> {inline(f.quote)}" + (OCR_NOTE if f.ocr else ""), ""]
    out += [f"- 位置：{where(f)}", f"- 问题：{inline(f.message)}", f"- 依据：{inline(f.basis)}",
            f"- 建议：{inline(f.suggestion)}"]
    if f.note:
        out.append(f"- 说明：{inline(f.note)}")
    return [*out, f"- 规则：`{f.rule}`", ""]
