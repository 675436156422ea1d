"""What the terminal shows: a summary table by category and severity, then the findings."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table

from reviewtools.report.console import console
from reviewtools.report.memo.fields import counts_by_category, document_lines, where
from reviewtools.review import Review
from reviewtools.terms import CATEGORY_NAMES, SEVERITY_NAMES, VERDICT_NAMES

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLE = {"pass": "bold green", "revise": "bold yellow", "reject": "bold red"}


def summary_line(review: Review, target: Path) -> None:
    s = review.summary
    console().print(f"{review.doc.path}：建议[{_VERDICT_STYLE[review.verdict]}]{VERDICT_NAMES[review.verdict]}[/]"
                     f"（严重 {s['error']}，警告 {s['warning']}，提示 {s['info']}）→ 意见书已写入 {target}")


def show(review: Review) -> None:
    out = console()
    out.rule(f"[bold]{review.doc.path}")
    for k, v in document_lines(review):
        out.print(f"{k}：{v}")
    rows = counts_by_category(review)
    if rows:
        table = Table("类别", *(SEVERITY_NAMES.values()), title="问题统计")
        for cat, *counts in rows:
            table.add_row(cat, *(str(c) for c in counts))
        out.print(table)
    s = review.summary
    out.print(f"建议结论：[{_VERDICT_STYLE[review.verdict]}]{VERDICT_NAMES[review.verdict]}[/]"
                  f"（严重 {s['error']}，警告 {s['warning']}，提示 {s['info']}）")
    for n, f in enumerate(review.findings, 1):
        out.print(f"\n[{_STYLE[f.severity]}]{n}. [{SEVERITY_NAMES[f.severity]}] {f.title}[/]（{CATEGORY_NAMES[f.category]}，{where(f)}）")
        if f.quote:
            out.print(f"   原文：“{f.quote}”", markup=False)
        out.print(f"   问题：{f.message}", markup=False)
        out.print(f"   依据：{f.basis}", markup=False)
        out.print(f"   建议：{f.suggestion}", markup=False)
        if f.note:
            out.print(f"   说明：{f.note}", markup=False)


def batch_summary(written: list, failed: list, index_path: Path) -> None:
    out = console()
    table = Table("文件", "建议结论", "严重", "警告", "提示", "意见书", title=f"共审查 {len(written)} 个文件")
    for review, target in written:
        s = review.summary
        table.add_row(review.doc.path, f"[{_VERDICT_STYLE[review.verdict]}]{VERDICT_NAMES[review.verdict]}[/]",
                      str(s["error"]), str(s["warning"]), str(s["info"]), str(target))
    out.print(table)
    if failed:
        out.print(f"[bold red]{len(failed)} 个文件无法读取[/]（原因见上方，也列在索引中）")
    out.print(f"索引：{index_path}")
