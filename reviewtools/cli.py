"""Command line: thin click commands that parse options, call the library and print."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path

import click

from reviewtools import __version__, cli_zh
from reviewtools.errors import ReadError, UsageError

cli_zh.install()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _friendly(command: Callable) -> Callable:
    """No traceback reaches the user: a one-line Chinese reason and exit status 2."""

    @wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (UsageError, ReadError) as exc:
            click.echo(f"错误：{exc.line() if isinstance(exc, ReadError) else exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("已中断。", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            if os.environ.get("REVIEWTOOLS_DEBUG"):
                raise
            click.echo(f"错误：内部错误（{type(exc).__name__}: {exc}）。设置环境变量 REVIEWTOOLS_DEBUG=1 可查看详情。",
                       err=True)
            sys.exit(2)

    return run


@click.group(context_settings=CONTEXT, help="行政规范性文件审查工具：合法性审核、公平竞争审查、年度清理与现行有效目录。")
@click.version_option(__version__, "-V", "--version", message="reviewtools %(version)s", help="显示版本并退出。")
def main() -> None:
    pass


@main.command(context_settings=CONTEXT, help="读取文件（或文件夹、zip 压缩包），输出提取的正文和元数据（审查所读的就是这段正文）。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="文件或文件夹…")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（多个文件时每行一个对象）。")
@_friendly
def parse(paths: tuple[str, ...], as_json: bool) -> None:
    from reviewtools.extract.metadata import extract

    failed: list = []
    for item in readable(paths, failed):
        meta = extract(item)
        if as_json:
            click.echo(json.dumps({**item.to_dict(), "metadata": meta.to_dict()}, ensure_ascii=False))
        else:
            click.echo(_describe(item, meta))
    if failed:
        sys.exit(2)


def _describe(doc, meta) -> str:
    def show(f):
        return "—" if f is None else (f.value if f.text in (None, f.value) else f"{f.value}（原文：{f.text}）")

    lines = [
        f"==== {doc.path}",
        f"格式：{doc.format}" + (f"，{doc.pages} 页" if doc.pages else ""),
        f"标题：{show(meta.title)}",
        f"发文字号：{show(meta.doc_number)}",
        f"发文机关：{show(meta.issuer)}",
        f"成文日期：{show(meta.issued_on)}",
        f"施行日期：{show(meta.effective_on)}",
        f"有效期：{show(meta.validity)}" + (f"（至 {meta.expires_on}）" if meta.expires_on else ""),
        f"文件类型：{meta.kind or '—'}",
    ]
    if meta.body_title:
        lines.append(f"印发的文件：{meta.body_title.value}")
    if meta.attachments:
        lines.append("附件：" + "；".join(a.value for a in meta.attachments))
    if doc.portal:
        lines.append("网页元数据：" + "；".join(f"{k}：{v}" for k, v in doc.portal.items()))
    lines += ["---- 正文 ----", doc.text, ""]
    return "\n".join(lines)


def _as_of(value: str | None, option: str = "--as-of"):
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"{option} 应为日期，如 2026-11-22（收到：{value}）") from exc


def is_batch(paths: tuple[str, ...]) -> bool:
    """Several inputs, a folder or a .zip: outputs go into a folder, one per file."""
    return len(paths) > 1 or any(Path(p).is_dir() or Path(p).suffix.lower() == ".zip" for p in paths)


def readable(paths, failed: list, progress: bool = False):
    """The documents under `paths`, with a progress bar when asked; each unreadable file is reported on one
    Chinese line and collected in `failed`, and the batch goes on."""
    from reviewtools.ingest import iter_documents, list_files
    from reviewtools.report import terminal

    files = list_files(paths)  # walked once: for the progress bar's total and for reading
    with terminal.progress(len(files) if progress else 0) as advance:
        for item in iter_documents(files):
            advance()
            if isinstance(item, ReadError):
                click.echo(f"错误：{item.line()}", err=True)
                failed.append(item)
                continue
            yield item


FORMATS = {".docx": "docx", ".html": "html", ".md": "md", ".json": "json"}


@main.command(context_settings=CONTEXT, help="审查文件（或文件夹、zip 压缩包）：篇幅、制定依据、公平竞争、过时引用、越权设定、格式、有效期。"
              "不带 -o 时在终端显示结果；带 -o 时写出审查意见书（.docx/.html/.md/.json，按扩展名或 --format）。"
              "审查文件夹时 -o 为输出文件夹，每个文件一份意见书，另附索引。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="文件或文件夹…")
@click.option("-o", "--output", type=click.Path(), help="输出文件；审查多个文件时为输出文件夹。")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS.values())),
              help="docx：可直接发送的意见书；html：原文高亮，离线可看；md：邮件、内网用；json：机器读取。")
@click.option("--as-of", "as_of", metavar="日期", help="审查基准日（判断是否过时、过期），默认今天。")
@click.option("--config", type=click.Path(), help="配置文件（默认读取当前目录下的 reviewtools.toml）。")
@_friendly
def review(paths: tuple[str, ...], output: str | None, fmt: str | None, as_of: str | None, config: str | None) -> None:
    from reviewtools import settings as settings_mod
    from reviewtools.report import terminal
    from reviewtools.review import exit_status

    settings = settings_mod.load(config, as_of=_as_of(as_of))
    several = is_batch(paths)
    if output and not several:
        suffix_fmt = FORMATS.get(Path(output).suffix.lower())
        if fmt is None and suffix_fmt is None:
            raise UsageError(f"无法从扩展名判断输出格式：{output}（可用 {'、'.join(FORMATS)}，或用 --format 指定）")
        fmt = fmt or suffix_fmt
    if fmt == "docx" and not output:
        raise UsageError("docx 格式需要用 -o 指定输出文件")
    reviews, failed, written = [], [], []
    for item in readable(paths, failed, progress=several and bool(output or fmt)):
        result = _review_one(item, settings)
        reviews.append(result)
        if output:
            target = _memo_path(output, item.path, fmt or "docx", several, {t for _, t in written})
            _write_memo(result, target, fmt or "docx")
            written.append((result, target))
            if not several:
                terminal.summary_line(result, target)
        elif fmt == "json":
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        elif fmt:
            click.echo(_render(result, fmt).decode("utf-8"))
        else:
            terminal.show(result)
    if output and several:
        from reviewtools.report import index

        index_path = index.write(Path(output), written, failed, settings)
        terminal.batch_summary(written, failed, index_path)
    sys.exit(2 if failed else exit_status(reviews))


def _review_one(doc, settings):
    from reviewtools import waivers
    from reviewtools.review import review as run_review

    return run_review(doc, settings, waivers.load(doc.path) if Path(doc.path).is_file() else [])


def _memo_path(output: str, source: str, fmt: str, several: bool, taken: set[Path], kind: str = "审查意见") -> Path:
    """The memo's path: `output` itself, or in a batch OUTPUT/<name>.<kind>.<fmt>, numbered on collision."""
    if not several:
        return Path(output)
    name = Path(source.replace("!", "/")).stem
    target, n = Path(output) / f"{name}.{kind}.{fmt}", 1
    while target in taken:
        n += 1
        target = Path(output) / f"{name}-{n}.{kind}.{fmt}"
    return target


def _render(result, fmt: str) -> bytes:
    from reviewtools.report import docx, html, markdown

    office = result.analysis.settings.office
    if fmt == "json":
        return json.dumps(result.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")
    if fmt == "docx":
        return docx.render(result, office)
    return (html.render(result, office) if fmt == "html" else markdown.render(result, office)).encode("utf-8")


def _write_memo(result, target: Path, fmt: str) -> None:
    from reviewtools.report import write_atomic

    write_atomic(target, _render(result, fmt))


@main.command(context_settings=CONTEXT, help="列出全部审查规则：编号、类别、严重程度、依据。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@_friendly
def rules(as_json: bool) -> None:
    from reviewtools.rules import CATEGORY_NAMES, SEVERITY_NAMES, all_rules

    items = list(all_rules().values())
    if as_json:
        for r in items:
            click.echo(json.dumps({"id": r.id, "category": r.category, "title": r.title, "severity": r.severity,
                                   "basis": r.basis, "suggestion": r.suggestion, "help": r.help,
                                   "verified": r.verified}, ensure_ascii=False))
        return
    for r in items:
        click.echo(f"{r.id}\t{CATEGORY_NAMES[r.category]}\t{SEVERITY_NAMES[r.severity]}\t{r.title}\t依据：{r.basis}")


@main.command(context_settings=CONTEXT, help="豁免一条意见（已接受或不适用），记录在草案旁的 草案名.review.toml 中；"
              "再次审查同一草案时，该意见显示为已豁免而不是新问题。")
@click.argument("draft", type=click.Path(exists=True, dir_okay=False), metavar="草案文件")
@click.argument("rule_id", metavar="规则编号")
@click.option("--quote", help="意见引用的原文（与审查结果中的 quote 一致）；不填则豁免该规则的全部意见。")
@click.option("--reason", required=True, help="理由（必填）。")
@click.option("--status", type=click.Choice(["accepted", "not_applicable"]), default="accepted", show_default=True,
              help="accepted：已接受，不作修改；not_applicable：不适用。")
@click.option("--by", default="", help="审查人。")
@_friendly
def waive(draft: str, rule_id: str, quote: str | None, reason: str, status: str, by: str) -> None:
    from reviewtools import waivers
    from reviewtools.rules import all_rules

    if rule_id not in all_rules():
        raise UsageError(f"规则不存在：{rule_id}（用 reviewtools rules 查看全部规则）")
    path = waivers.add(draft, waivers.Waiver(rule_id, quote, status, reason.strip(), by))
    click.echo(f"已记录豁免：{rule_id} → {path}")


EXAMPLE_CONFIG = """# reviewtools 配置文件。放在运行 reviewtools 的目录下会被自动读取，也可用 --config 指定。
# 未列出的项使用默认值；写错的键会报错。

[office]
name = ""                    # 审查机构名称，写在意见书落款，如 "某市司法局"
jurisdiction = ""            # 本机关所在地区，如 "某市"；不填则从每份文件的发文机关推断

[review]
# as_of = 2026-11-22         # 默认审查基准日；不填为当天

[length]
limit = 5000                 # 篇幅上限（《整治形式主义为基层减负若干规定》：一般不超过5000字）
special_task_limit = 4000    # 部署专项工作或者具体任务的文件
count = "word"               # word：与 Word/WPS“字数”一致；nonspace：每个可见字符；cjk：只计汉字
include_attachments = true   # 印发通知所附的政策文本计入篇幅

[validity]
max_years = 5                # 有效期一般不超过 5 年（各地规定不一）
trial_max_years = 2          # 暂行、试行一般不超过 2 年

[cleanup]
replaced = "废止"             # 被新文件替代的文件归入：废止 或 宣布失效（河北等地）
repeal_at = 2                # 越权设定类严重问题达到几处时建议废止（少于此数建议修改）
near_duplicate = 0.8         # 内容近似的判定阈值（词序列 Jaccard 相似度）

[rules]
disabled = []                # 关闭的规则编号，如 ["upper_law.missing_prc_prefix"]
# severity = { "format.doc_number" = "info" }   # 调整规则的严重程度：error / warning / info
"""


@main.command(context_settings=CONTEXT, help="在当前目录写出带注释的配置文件示例 reviewtools.toml。")
@click.option("--force", is_flag=True, help="覆盖已有的 reviewtools.toml。")
@_friendly
def init(force: bool) -> None:
    from reviewtools.report import write_atomic

    target = Path("reviewtools.toml")
    if target.exists() and not force:
        raise UsageError("reviewtools.toml 已存在（用 --force 覆盖）")
    write_atomic(target, EXAMPLE_CONFIG.encode("utf-8"))
    click.echo(f"已写出 {target.resolve()}")


@main.command(context_settings=CONTEXT, help="校验并汇总随附的数据：法律法规目录、机构更名表、规划纲要、审查规则和停用词。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出汇总。")
@_friendly
def corpora(as_json: bool) -> None:
    from reviewtools import corpora as data
    from reviewtools.rules import CATEGORY_NAMES, RuleError, all_rules

    problems = data.validate()
    try:
        rules = list(all_rules().values())
    except RuleError as exc:
        problems.append(str(exc))
        rules = []
    summary = {**data.summary(), "rules": {CATEGORY_NAMES[c]: sum(1 for r in rules if r.category == c)
                                           for c in CATEGORY_NAMES}}
    if as_json:
        click.echo(json.dumps({"problems": problems, "summary": summary}, ensure_ascii=False, indent=2))
    else:
        for name, table in summary.items():
            click.echo(f"{name}：" + "；".join(f"{k} {v}" if not isinstance(v, dict) else
                                               f"{k}（" + "，".join(f"{a} {b}" for a, b in v.items()) + "）"
                                               for k, v in table.items()))
        for p in problems:
            click.echo(f"问题：{p}", err=True)
        click.echo("数据校验通过。" if not problems else f"发现 {len(problems)} 个问题。")
    if problems:
        sys.exit(1)
# Commands kept in their own modules register themselves on `main` when imported.
from reviewtools import cli_cleanup, cli_screen  # noqa: E402,F401

cli_zh.localize(main)
