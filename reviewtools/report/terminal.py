"""What the terminal shows: a summary table by category and severity, then the findings."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from reviewtools.report.markdown import counts_by_category, document_lines, where
from reviewtools.review import VERDICT_NAMES, Review
from reviewtools.rules import CATEGORY_NAMES, SEVERITY_NAMES

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
_VERDICT_STYLE = {"pass": "bold green", "revise": "bold yellow", "reject": "bold red"}


def console() -> Console:
    """The console every command prints to: no guessed highlighting, long Chinese lines left whole."""
    return Console(highlight=False, soft_wrap=True)


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


@contextmanager
def progress(total: int, label: str = "审查中"):
    """A progress bar over `total` files when there are several (on stderr); yields a step function."""
    if total <= 1:
        yield lambda: None
        return
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                   console=Console(stderr=True), transient=True)
    with bar:
        task = bar.add_task("review", total=total)
        yield lambda: bar.advance(task)


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
