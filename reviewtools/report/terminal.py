"""What the terminal shows: a summary table by category and severity, then the findings."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from reviewtools.report.markdown import counts_by_category, document_lines, where
from reviewtools.review import VERDICT_NAMES, Review
from reviewtools.rules import CATEGORY_NAMES, SEVERITY_NAMES

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLE = {"pass": "bold green", "revise": "bold yellow", "reject": "bold red"}


def _console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def summary_line(review: Review, target: Path) -> None:
    s = review.summary
    _console().print(f"{review.doc.path}：建议[{_VERDICT_STYLE[review.verdict]}]{VERDICT_NAMES[review.verdict]}[/]"
                     f"（严重 {s['error']}，警告 {s['warning']}，提示 {s['info']}）→ 意见书已写入 {target}")


def show(review: Review) -> None:
    console = _console()
    console.rule(f"[bold]{review.doc.path}")
    for k, v in document_lines(review):
        console.print(f"{k}：{v}")
    rows = counts_by_category(review)
    if rows:
        table = Table("类别", *(SEVERITY_NAMES.values()), title="问题统计")
        for cat, *counts in rows:
            table.add_row(cat, *(str(c) for c in counts))
        console.print(table)
    s = review.summary
    console.print(f"建议结论：[{_VERDICT_STYLE[review.verdict]}]{VERDICT_NAMES[review.verdict]}[/]"
                  f"（严重 {s['error']}，警告 {s['warning']}，提示 {s['info']}）")
    for n, f in enumerate(review.findings, 1):
        console.print(f"\n[{_STYLE[f.severity]}]{n}. [{SEVERITY_NAMES[f.severity]}] {f.title}[/]（{CATEGORY_NAMES[f.category]}，{where(f)}）")
        if f.quote:
            console.print(f"   原文：“{f.quote}”", markup=False)
        console.print(f"   问题：{f.message}", markup=False)
        console.print(f"   依据：{f.basis}", markup=False)
        console.print(f"   建议：{f.suggestion}", markup=False)
        if f.note:
            console.print(f"   说明：{f.note}", markup=False)
