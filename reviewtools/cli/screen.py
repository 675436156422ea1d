"""Commands of the fair-competition screening (公平竞争审查):

  reviewtools screen FILE|DIR…          the 公平竞争审查表 of each document; a summary workbook for several
  reviewtools screen-conclude FILE …    record the reviewer's conclusion in the registry

"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from reviewtools.cli.options import (
    CONTEXT,
    DATE,
    DB_HELP,
    as_of_option,
    config_option,
    friendly,
    is_batch,
    memo_path,
    readable,
)
from reviewtools.errors import UsageError, clean_name
from reviewtools.terms import REVIEWER_CONCLUSIONS

FORM_KIND = "公平竞争审查表"
_DB_HELP = f"{DB_HELP}，未配置为登记库的默认文件。"


@click.command("screen", context_settings=CONTEXT, short_help="公平竞争审查：逐项回答审查标准，写出公平竞争审查表和汇总表。",
              help="公平竞争审查：对每份政策措施逐项回答《公平竞争审查条例》第八至十一条的全部审查标准（涉及/不涉及），"
                   "列出触发的原文及位置、援引的例外规定及其条件，给出建议结论（待审查人员确认），"
                   "并显示已记录的审查人员结论。不带 -o 时在终端显示；带 -o 时在输出文件夹写出每份文件的"
                   f" <文件名>.{FORM_KIND}.docx 和 .xlsx，多个文件另写 公平竞争审查汇总.xlsx。"
                   "记录审查人员结论用 reviewtools screen-conclude。"
                   "退出状态：0 未涉及任何标准，1 有文件涉及，2 有文件无法读取或用法有误。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="文件或文件夹…")
@click.option("--since", type=DATE, metavar="日期", help="增量/存量分界日：成文日期在该日及以后的为增量，之前的为存量（如 2024-08-01）。")
@click.option("-o", "--output", type=click.Path(file_okay=False), metavar="输出文件夹", help="写出审查表和汇总表的文件夹。")
@as_of_option("审查基准日（填表日期），默认今天。")
@click.option("--db", type=click.Path(dir_okay=False), help=_DB_HELP)
@config_option
@friendly
def screen(paths: tuple[str, ...], since: date | None, output: str | None, as_of: date | None, db: str | None,
           config: str | None) -> None:
    from reviewtools import settings as settings_mod
    from reviewtools.report.screening import terminal as show
    from reviewtools.review import review
    from reviewtools.screening import screen as run_screen
    from reviewtools.screening.conclusions import recorded_conclusion, registry_at

    settings = settings_mod.load(config, as_of=as_of)
    several = is_batch(paths)
    screenings, shown, failed, taken = [], [], [], set()
    with registry_at(db or settings.registry, create=False) as registry:
        for item in readable(paths, failed, settings.limits, progress=several):
            s = run_screen(review(item, settings))
            s.recorded = recorded_conclusion(registry, s)
            if output:
                targets = _write_form(s, Path(output), taken)
                if not several:
                    show.written(s, targets)
            elif several:
                shown.append(s)
            else:
                show.show(s, since)
            screenings.append(s.detach() if output else s)  # the summary needs no text
    for s in shown:  # after the progress bar is gone
        show.show(s, since)
    summary_path = _write_summary(Path(output), screenings, failed, since) if output and several else None
    if several:
        show.batch(screenings, failed, since, summary_path)
    sys.exit(2 if failed else (1 if any(s.involved for s in screenings) else 0))


@click.command("screen-conclude", context_settings=CONTEXT,
              help="记录审查人员对一份政策措施的公平竞争审查结论（违反 / 不违反 / 适用例外）及理由，保存在登记库中；"
                   "此后 reviewtools screen 审查同一文件（按文号识别，无文号时按标题）时，审查表显示该结论并勾选对应选项。"
                   "同一文件可多次记录，以最后一次为准。")
@click.argument("path", type=click.Path(dir_okay=False), metavar="文件")
@click.option("--conclusion", required=True, type=click.Choice(REVIEWER_CONCLUSIONS), help="审查结论。")
@click.option("--reason", required=True, help="理由（必填）。")
@click.option("--by", "who", required=True, help="审查人。")
@as_of_option("审查基准日，默认今天。")
@click.option("--db", type=click.Path(dir_okay=False), help=_DB_HELP)
@config_option
@friendly
def screen_conclude(path: str, conclusion: str, reason: str, who: str, as_of: date | None, db: str | None,
                    config: str | None) -> None:
    from reviewtools import settings as settings_mod
    from reviewtools.ingest import read_file
    from reviewtools.review import review
    from reviewtools.screening import screen as run_screen
    from reviewtools.screening.conclusions import check_conclusion, record_conclusion, registry_at

    if not reason.strip() or not who.strip():
        raise UsageError("--reason 和 --by 不能为空")
    settings = settings_mod.load(config, as_of=as_of)
    s = run_screen(review(read_file(path, settings.limits), settings))
    check_conclusion(s, conclusion, path)
    with registry_at(db or settings.registry, create=True) as registry:
        record_conclusion(registry, s, conclusion, reason.strip(), who.strip())
    number = f"（{s.doc_number}）" if s.doc_number else ""
    click.echo(f"已记录：《{clean_name(s.title)}》{clean_name(number)} 公平竞争审查结论为“{conclusion}”（审查人：{who.strip()}）。"
               f"工具建议结论为“{s.suggestion_name}”。")


def _write_form(s, folder: Path, taken: set[Path]) -> list[Path]:
    """OUT/<name>.公平竞争审查表.docx and .xlsx, numbered alike when two sources share a name."""
    from reviewtools.atomic import write_atomic
    from reviewtools.report.screening import docx as screening_docx
    from reviewtools.report.screening import xlsx as screening_xlsx

    docx_path = memo_path(str(folder), s.path, "docx", True, taken, kind=FORM_KIND)
    taken.add(docx_path)
    xlsx_path = docx_path.with_suffix(".xlsx")
    write_atomic(docx_path, screening_docx.render(s))
    write_atomic(xlsx_path, screening_xlsx.render(s))
    return [docx_path, xlsx_path]


def _write_summary(folder: Path, screenings, failed, since) -> Path:
    from reviewtools.atomic import write_atomic
    from reviewtools.report.screening import xlsx as screening_xlsx

    target = folder / screening_xlsx.SUMMARY_NAME
    write_atomic(target, screening_xlsx.summary(screenings, failed, since))
    return target
