"""What the .docx and .html memos say alike: title, conclusion, count table, the fields of a finding."""

from __future__ import annotations

import re
from datetime import date

from reviewtools.report.memo import rounds, waivers
from reviewtools.review import Review
from reviewtools.terms import (
    CATEGORIES,
    CATEGORY_NAMES,
    SEVERITIES,
    SEVERITY_NAMES,
    cn_date,
    place,
)
from reviewtools.text.titles import nest_titles

MEMO_KIND = "合法性审查意见书"
SUSPECTED_HEADING = "模型提示的疑似问题（供参考，需人工判断）"
COUNT_HEADER = ("类别", *SEVERITY_NAMES.values(), "合计")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


OCR_NOTE = "（文字经识别，请核对原件）"


def quoted(f) -> str:
    """The finding's quote in “”, with OCR_NOTE after it when the text was recognised from a scan."""
    return f"“{f.quote}”" + (OCR_NOTE if f.ocr else "")


def where(f) -> str:
    """第N页第M段, or 全文 for a whole-document finding."""
    return place(f.location)


def document_lines(review: Review) -> list[tuple[str, str]]:
    d = review.document
    round_line = [("审查轮次", rounds.round_name(review))] if review.rounds is not None else []
    return [*round_line, ("文件名称", d["title"] or "（未识别）"), ("发文字号", d["doc_number"] or "—"), ("发文机关", d["issuer"] or "—"),
            ("成文日期", d["issued_on"] or "—"), ("正文字数", str(d["chars"])), ("文件路径", review.doc.path)]


def counts_by_category(review: Review) -> list[tuple[str, int, int, int]]:
    rows = []
    for cat in CATEGORIES:
        fs = [f for f in review.findings if f.category == cat]
        if fs:
            rows.append((CATEGORY_NAMES[cat], *(sum(1 for f in fs if f.severity == s) for s in SEVERITY_NAMES)))
    return rows


def memo_title(review: Review) -> str:
    """关于《…》的合法性审查意见书; 书名号 inside the cited title become 〈〉 as nesting requires."""
    return nest_titles(f"关于《{review.title}》的{MEMO_KIND}")


def memo_lines(review: Review, path: bool = True) -> list[tuple[str, str]]:
    """The document's particulars as label/value pairs, ISO dates written the Chinese way."""
    out = []
    for label, value in document_lines(review):
        if label == "文件路径" and not path:
            continue
        out.append((label, _cn_iso(value)))
    return out


def _cn_iso(value: str) -> str:
    if not _ISO_DATE.fullmatch(value):
        return value
    try:
        return cn_date(date.fromisoformat(value))
    except ValueError:  # not a real day: show it as written
        return value


def review_kind(review: Review) -> str:
    """合法性审查, or 第二轮审查（复核） of a revised draft."""
    return rounds.round_name(review) or "合法性审查"


def review_date(review: Review) -> str:
    return cn_date(review.analysis.settings.as_of)


def summary_sentence(review: Review) -> str:
    """经审查，共提出意见N条，其中严重X条、警告Y条、提示Z条。 (or that nothing was found)."""
    done = f"经{rounds.round_name(review)}" if review.rounds is not None else "经审查"  # not 经合法性审查: as it was
    if not review.findings:
        return f"{done}，未发现需要修改的问题。"
    s = review.summary
    parts = "、".join(f"{SEVERITY_NAMES[k]}{s[k]}条" for k in SEVERITY_NAMES if s[k])
    suspected = sum(1 for f in review.findings if f.suspected)
    apart = f"；{suspected}条为{SUSPECTED_HEADING.split('（')[0]}，单列于后" if suspected else ""
    return f"{done}，共提出意见{len(review.findings)}条，其中{parts}{apart}。"


def split_suspected(findings) -> tuple[list, list]:
    """The rule findings, gravest first (严重, 警告, 提示) and in document order within a severity, then the
    疑似 findings of the learned classifier in document order; memos number them on, the 疑似 ones under their
    own heading (SUSPECTED_HEADING), each with its score."""
    rules = sorted((f for f in findings if not f.suspected), key=lambda f: SEVERITIES.index(f.severity))
    return rules, [f for f in findings if f.suspected]


def count_rows(review: Review) -> list[tuple[str, int, int, int, int]]:
    """Counts by category × severity with a 合计 column, and a 合计 row when there are findings."""
    rows = [(name, e, w, i, e + w + i) for name, e, w, i in counts_by_category(review)]
    if rows:
        s = review.summary
        rows.append(("合计", s["error"], s["warning"], s["info"], len(review.findings)))
    return rows


def finding_heading(f) -> str:
    """The finding's title with its severity and category: 以税收贡献给予奖励（严重·公平竞争）."""
    return f"{f.title}（{SEVERITY_NAMES.get(f.severity, f.severity)}·{category_name(f.category)}）"


def category_name(category: str) -> str:
    return CATEGORY_NAMES.get(category, category)


def finding_fields(f) -> list[tuple[str, str]]:
    """The labelled lines of one finding, in memo order; 原文 only when the finding quotes the text."""
    fields = [("原文", quoted(f))] if f.quote else []
    if f.suspected:
        fields.append(("模型评分", f"{f.score:.2f}"))
    fields += [("位置", where(f)), ("问题", f.message), ("依据", f.basis), ("建议", f.suggestion)]
    if f.note:
        fields.append(("说明", f.note))
    return fields


def sections(review: Review) -> list[tuple[str, str, list[str]]]:
    """The memo's closing sections as (heading, lead sentence, lines): the 复核 section of a later round,
    then the waived findings and the stale waivers."""
    return rounds.sections(review) + waivers.sections(review)
