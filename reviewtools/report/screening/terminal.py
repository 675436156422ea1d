"""What `reviewtools screen` shows in the terminal: per document the standards hit, the exception and the
conclusion; for a batch, one table row per document. Text from the input goes through console.safe."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rich.table import Table

from reviewtools.report.console import console, safe
from reviewtools.report.screening import form as form
from reviewtools.screening import Screening

_CONCLUSION_STYLE = {"no_effect": "bold green", "exception": "bold yellow", "adjust": "bold red"}


def show(s: Screening, since: date | None = None) -> None:
    out = console()
    out.rule(f"[bold]{safe(s.path)}", characters="=")
    period = s.period(since)
    for label, value in [*form.particulars(s)[:5], *((("增量/存量", period),) if period else ())]:
        if value:
            out.print(f"{label}：{safe(value)}")
    covered = sum(1 for a in s.answers if a.covered)
    out.print(f"审查标准 {len(s.answers)} 项（其中 {covered} 项有自动检测规则）：涉及 {len(s.involved)} 项，"
              f"共 {s.hit_count} 处；需人工判断 {len(s.manual)} 项。")
    for a in s.involved:
        style = "bold yellow" if a.suspected_only else "bold red"
        out.print(f"\n[{style}]{safe(a.mark)}[/] {a.standard.article} {a.standard.short or a.standard.text}")
        for line in form.hit_lines(a):
            out.print(f"   {safe(line)}")
    if s.exception:
        out.print("\n[bold]例外规定[/]")
        for label, value in form.exception_rows(s)[1:]:
            out.print(f"   {label}：{safe(value)}")
    out.print(f"\n[{_CONCLUSION_STYLE[s.suggestion]}]{safe(s.suggestion_line())}[/]")
    out.print(safe(form.recorded_line(s)))


def written(s: Screening, targets: list[Path]) -> None:
    console().print(f"{safe(s.path)}：{s.suggestion_name}（涉及 {len(s.involved)} 项标准，{s.hit_count} 处）"
                    f" → {'、'.join(safe(t) for t in targets)}")


def batch(screenings: list[Screening], failed: list, since: date | None, summary_path: Path | None) -> None:
    out = console()
    table = Table("文件", "文号", *(("增量/存量",) if since else ()), "涉及标准", "处数", "建议结论", "审查人员结论",
                  title=f"公平竞争审查：共 {len(screenings)} 个文件")
    for s in screenings:
        table.add_row(safe(s.path), safe(s.doc_number or form.NONE), *((s.period(since),) if since else ()),
                      "、".join(a.standard.key for a in s.involved) or form.NONE, str(s.hit_count),
                      f"[{_CONCLUSION_STYLE[s.suggestion]}]{s.suggestion_name}[/]",
                      safe(s.recorded.conclusion) if s.recorded else "")
    out.print(table)
    if failed:
        out.print(f"[bold red]{len(failed)} 个文件无法读取[/]（原因见上方" + ("，也列在汇总表中）" if summary_path else "）"))
    if summary_path:
        out.print(f"汇总表：{safe(summary_path)}")
