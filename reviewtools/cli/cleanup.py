"""`reviewtools cleanup`: the annual cleanup — run, export the proposals for the office, import its decisions."""

from __future__ import annotations

import click

from reviewtools.cli.options import (
    CONTEXT,
    YEAR,
    as_of_option,
    config_option,
    db_option,
    friendly,
    registry_of,
    wait_option,
)

_SHOWN = 20  # near-duplicate pairs and changes listed in the summary; the rest are counted


@click.group(context_settings=CONTEXT, help="年度清理：逐件审查现行规范性文件，提出继续有效、修改、废止或宣布失效的建议，"
            "导出给科室决定，再导入决定。")
def cleanup() -> None:
    pass


@cleanup.command("run", context_settings=CONTEXT, short_help="逐件审查文件夹中的文件，提出清理建议。",
                 help="清理文件夹中的全部文件：逐件读取、审查并提出建议，报告无法读取的文件、内容近似的文件以及与上年目录相比的变化。"
                      "中断（Ctrl-C 或进程被终止）后再次运行同一命令，从中断处继续，已完成的文件不再重读。")
@click.argument("directory", type=click.Path(), metavar="文件夹")
@click.option("--year", type=YEAR, help="清理年度，默认为基准日所在年份。")
@as_of_option("清理基准日（判断有效期是否届满、引用是否过时），默认今天。")
@click.option("--previous", type=click.Path(dir_okay=False), metavar="上年目录",
              help="上年公布的现行有效目录（.xlsx 或 .csv），用于比对新增、移出和状态变化。")
@db_option
@click.option("-j", "--workers", type=click.IntRange(1, 64), metavar="进程数", help="并行进程数，默认为 CPU 核数（本机引擎）。")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="在哪里读取和审查文件：local 为本机（-j 个进程）；dask 为 Dask 集群（需 --scheduler，各工作节点须能按同一路径读到文件夹）。")
@click.option("--scheduler", metavar="地址", help="Dask 调度器地址，如 tcp://10.0.0.5:8786（--engine dask 时必填）。")
@click.option("--replaced", type=click.Choice(["废止", "宣布失效"]),
              help="被新文件替代的文件归入哪一类（默认读取配置 cleanup.replaced，未配置为废止；河北等地归入宣布失效）。")
@wait_option
@config_option
@friendly
def run_command(directory: str, year: int | None, as_of, previous: str | None, db: str,
                workers: int | None, engine: str, scheduler: str | None, replaced: str | None, wait: float,
                config: str | None) -> None:
    from reviewtools import settings as settings_mod
    from reviewtools.cleanup import run
    from reviewtools.report import console

    settings = settings_mod.load(config, as_of=as_of, cleanup_replaced=replaced)
    db = registry_of(db, settings)
    result = run(directory, year or settings.as_of.year, db=db, previous=previous, workers=workers,
                 settings=settings, progress=lambda total: console.progress(total, "清理中"), wait=wait,
                 engine=engine, scheduler=scheduler)
    _summary(result, db)


def _summary(result, db: str) -> None:
    from rich.table import Table

    from reviewtools.registry import name_of
    from reviewtools.report import console

    out = console.console()
    unchanged, done = result.files - result.read, ""
    if result.resumed:
        done = f"（续上次中断的清理，本次读取 {result.read} 个）"
    elif unchanged:
        done = f"（本次读取 {result.read} 个，其余 {unchanged} 个自上次清理后未改动，未重读）" if result.read else \
            "（均自上次清理后未改动，未重读）"
    out.print(f"{result.year}年度清理：{console.safe(result.root)}，基准日 {result.as_of.isoformat()}，共 {result.files} 个文件{done}")
    table = Table("建议", "件数", title="清理建议")
    for status, n in result.counts.items():
        table.add_row(status, str(n))
    table.add_row("合计", str(sum(result.counts.values())))
    out.print(table)
    if result.unreadable:
        t = Table("文件", "原因", title=f"无法读取的文件（{len(result.unreadable)} 个）")
        for path, cause in result.unreadable:
            t.add_row(console.safe(path), console.safe(cause))
        out.print(t)
    if result.warnings:
        t = Table("文件", "提醒", title=f"读取时有修复的文件（{len({p for p, _ in result.warnings})} 个）")
        for path, warning in result.warnings:
            t.add_row(console.safe(path), console.safe(warning))
        out.print(t)
    if result.near_duplicates:
        t = Table("文件", "文件", "相似度", title=f"内容近似的文件（{len(result.near_duplicates)} 对）")
        for a, b, score in result.near_duplicates[:_SHOWN]:
            t.add_row(console.safe(a), console.safe(b), f"{score:.0%}")
        out.print(t)
        if len(result.near_duplicates) > _SHOWN:
            out.print(f"……另有 {len(result.near_duplicates) - _SHOWN} 对未列出。")
    if result.previous_rows:
        names = {"added": "新增", "removed": "文件夹中没有", "status_changed": "状态变化"}
        t = Table("变化", "文件名称", "文号", "上年", "本年", title=f"与上年目录（{result.previous_rows} 件）相比的变化")
        for c in result.changes[:_SHOWN * 5]:
            t.add_row(names[c.kind], console.safe(c.title), console.safe(c.doc_number or ""), c.before or "", c.after or "")
        out.print(t if result.changes else "与上年目录相比没有变化。")
    out.print(f"建议已存入登记库 {console.safe(name_of(db))}；用 reviewtools cleanup export -o 清理建议.xlsx 导出给科室决定。")


@cleanup.command("export", context_settings=CONTEXT, short_help="把清理建议导出为供科室决定的 .xlsx 工作簿。",
                 help="把清理建议导出为 .xlsx 工作簿：每件一行，“决定”列为下拉选项并已按建议预先填写，科室修改后用 import 导入。")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="输出的 .xlsx 文件。")
@click.option("--year", type=YEAR, help="清理年度，默认为登记库中最近的年度。")
@db_option
@friendly
def export_command(output: str, year: int | None, db: str) -> None:
    from reviewtools.atomic import write_atomic
    from reviewtools.cleanup import decisions
    from reviewtools.errors import UsageError
    from reviewtools.report.cleanup import workbook

    if not output.lower().endswith(".xlsx"):
        raise UsageError(f"输出文件应为 .xlsx：{output}")
    year, rows = decisions.worklist(registry_of(db), year)
    write_atomic(output, workbook.render(year, rows))
    click.echo(f"已导出{year}年度清理建议 {len(rows)} 件 → {output}")


@cleanup.command("import", context_settings=CONTEXT, short_help="导入科室填好的工作簿，记录决定。",
                 help="导入科室填好的清理工作簿，记录每件文件的决定（与建议分开保存）。决定为废止或宣布失效而未填理由的，"
                      "与建议相同时沿用建议的理由，否则拒绝导入并指出行号。")
@click.argument("workbook", type=click.Path(dir_okay=False), metavar="工作簿.xlsx")
@click.option("--by", "who", help="决定人（默认为当前登录用户名）。")
@click.option("--year", type=YEAR, help="清理年度，默认读取工作簿“说明”页中的年度。")
@db_option
@wait_option
@friendly
def import_command(workbook: str, who: str | None, year: int | None, db: str, wait: float) -> None:
    from reviewtools.cleanup import decisions

    result = decisions.import_(registry_of(db), workbook, who, year, wait)
    changed = f"，其中 {result.changed} 件与建议不同" if result.changed else ""
    undecided = f"；{result.undecided} 件未填决定" if result.undecided else ""
    click.echo(f"已导入{result.year}年度决定 {result.rows} 件{changed}（新记录 {result.recorded} 条）{undecided}。")
