"""`reviewtools catalogue`: publish the catalogue of valid documents from the registry."""

from __future__ import annotations

import click

from reviewtools.cli.options import (
    CONTEXT,
    YEAR,
    config_option,
    db_option,
    friendly,
    registry_of,
    wait_option,
)


@click.command("catalogue", context_settings=CONTEXT, short_help="生成现行有效规范性文件目录，以及本年度废止、宣布失效的文件清单。",
              help="生成现行有效规范性文件目录：按发文机关分组的现行有效目录，本年度废止、宣布失效的文件清单，以及与上年相比的变化。"
                   "已导入决定的按决定，未决定的按清理建议（会提示件数）。生成后记为本年度目录版本，下一年度清理以它为上年目录。")
@click.option("--year", type=YEAR, required=True, help="目录年度（与清理年度相同）。")
@click.option("--format", "formats", default="xlsx,docx,csv,html", show_default=True, metavar="格式",
              help="逗号分隔：xlsx（打印用）、docx（公文版式）、csv（UTF-8，Excel 可直接打开）、html（可离线检索的静态网站）。")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), metavar="输出文件夹", help="输出文件夹。")
@click.option("--office", help="发布机关名称（默认读取配置 office.name）。")
@db_option
@wait_option
@config_option
@friendly
def catalogue_command(year: int, formats: str, output: str, office: str | None, db: str, wait: float,
                      config: str | None) -> None:

    from reviewtools import settings as settings_mod
    from reviewtools.cleanup.catalogue import catalogue_data
    from reviewtools.cleanup.publish import publish
    from reviewtools.errors import UsageError, clean_name
    from reviewtools.registry import Registry, lock
    from reviewtools.report.catalogue import write

    settings = settings_mod.load(config)
    db = registry_of(db, settings)
    wanted = {f.strip().lower() for f in formats.split(",") if f.strip()}
    with Registry.open_existing(db) as registry, lock.hold(db, "catalogue", wait):
        data = catalogue_data(registry, year)
        if not (data.valid or data.repealed or data.expired):
            raise UsageError(f"登记库中没有{year}年度的清理结果（请先运行 reviewtools cleanup run --year {year}）")
        paths = publish(registry, data, output,
                        lambda folder: write(data, folder, wanted, office or settings.office, year))
    click.echo(f"{year}年度目录：现行有效 {len(data.valid)} 件，废止 {len(data.repealed)} 件，宣布失效 {len(data.expired)} 件，"
               f"与上年相比变化 {len(data.changes)} 处。")
    if data.undecided:
        click.echo(f"注意：{data.undecided} 件尚未导入决定，按清理建议列入（用 reviewtools cleanup export / import 记录决定）。",
                   err=True)
    for path in data.untitled:
        click.echo(f"提醒：{clean_name(path)}：未能识别文件标题，文件名也不是标题，未列入目录；"
                   "请把文件改名为文件标题后重新运行 reviewtools cleanup run。", err=True)
    for p in paths:
        click.echo(f"已写出 {p}")
