"""What the terminal shows: a summary table by category and severity, then the findings.

Everything taken from the document or its path goes through console.safe: no terminal escape, control
character or [markup] of the input reaches the terminal as anything but text.
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from reviewtools.report.console import console, safe
from reviewtools.report.memo.fields import (
    OCR_NOTE,
    SUSPECTED_HEADING,
    counts_by_category,
    document_lines,
    sections,
    split_suspected,
    where,
)
from reviewtools.review import Review
from reviewtools.terms import CATEGORY_NAMES, SEVERITY_NAMES

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLE = {"pass": "bold green", "revise": "bold yellow", "reject": "bold red"}


def summary_line(review: Review, target: Path) -> None:
    s = review.summary
    console().print(f"{safe(review.doc.path)}：建议[{_VERDICT_STYLE[review.verdict]}]{review.verdict_name}[/]"
                    f"（严重 {s['error']}，警告 {s['warning']}，提示 {s['info']}）→ 意见书已写入 {safe(target)}")


def show(review: Review) -> None:
    out = console()
    out.rule(f"[bold]{safe(review.doc.path)}")
    for k, v in document_lines(review):
        out.print(f"{k}：{safe(v)}")
    rows = counts_by_category(review)
    if rows:
        table = Table("类别", *(SEVERITY_NAMES.values()), title="问题统计")
        for cat, *counts in rows:
            table.add_row(cat, *(str(c) for c in counts))
        out.print(table)
    s = review.summary
    out.print(f"建议结论：[{_VERDICT_STYLE[review.verdict]}]{review.verdict_name}[/]"
              f"（严重 {s['error']}，警告 {s['warning']}，提示 {s['info']}）")
    rules, suspected = split_suspected(review.findings)
    for n, f in enumerate(rules, 1):
        _finding(out, n, f, f"[{SEVERITY_NAMES[f.severity]}]")
    if suspected:
        out.print(f"\n[bold]{SUSPECTED_HEADING}[/]")
    for n, f in enumerate(suspected, len(rules) + 1):
        _finding(out, n, f, f"[疑似 · 模型评分 {f.score:.2f}]")
    for heading, lead, lines in sections(review):
        out.print(f"\n[bold]{heading}[/]" + (f"：{lead}" if lead else ""))
        for line in lines:
            out.print(f"   {safe(line)}")


def brief(review: Review) -> None:
    """One line per finding, as -q prints them: file, place, severity (疑似 with the model's score), rule id,
    title and the quote."""
    out = console()
    rules, suspected = split_suspected(review.findings)
    for f in rules + suspected:
        badge = f"[{_STYLE[f.severity]}]{SEVERITY_NAMES[f.severity]}[/]" + (f" 疑似 {f.score:.2f}" if f.suspected else "")
        quote = f"：“{safe(f.quote)}”" if f.quote else ""
        out.print(f"{safe(review.doc.path)}：{where(f)}：{badge} {f.rule} {safe(f.title)}{quote}")


def _finding(out, n: int, f, badge: str) -> None:
    out.print(f"\n[{_STYLE[f.severity]}]{n}. {safe(badge)} {safe(f.title)}[/]"
              f"（{CATEGORY_NAMES[f.category]}，{where(f)}）")
    if f.quote:
        out.print(f"   原文：“{safe(f.quote)}”" + (OCR_NOTE if f.ocr else ""))
    for label, text in (("问题", f.message), ("依据", f.basis), ("建议", f.suggestion), ("说明", f.note)):
        if text:
            out.print(f"   {label}：{safe(text)}")


def batch_summary(written: list, failed: list, index_path: Path) -> None:
    out = console()
    table = Table("文件", "建议结论", "严重", "警告", "提示", "意见书", title=f"共审查 {len(written)} 个文件")
    for review, target in written:
        s = review.summary
        table.add_row(safe(review.doc.path), f"[{_VERDICT_STYLE[review.verdict]}]{review.verdict_name}[/]",
                      str(s["error"]), str(s["warning"]), str(s["info"]), safe(target))
    out.print(table)
    if failed:
        out.print(f"[bold red]{len(failed)} 个文件无法读取[/]（原因见上方，也列在索引中）")
    out.print(f"索引：{safe(index_path)}")
