"""`reviewtools parse`: the text and metadata the review reads."""

from __future__ import annotations

import json
import re
import sys

import click

from reviewtools.cli.options import CONTEXT, config_option, friendly, readable
from reviewtools.errors import clean_name

# What a terminal could act on that json.dumps leaves raw (it escapes only C0 controls): DEL, C1 controls
# (U+009B is CSI), bidi marks, embeddings, overrides and isolates. Escaped, a JSON reader still gets them.
_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    return f"\\u{ord(match.group()):04x}"


@click.command(context_settings=CONTEXT, help="读取文件（或文件夹、zip 压缩包），输出提取的正文和元数据（审查所读的就是这段正文）。")
@click.argument("paths", nargs=-1, required=True, type=click.Path(), metavar="文件或文件夹…")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出（多个文件时每行一个对象）。")
@config_option
@friendly
def parse(paths: tuple[str, ...], as_json: bool, config: str | None) -> None:
    from reviewtools import settings as settings_mod
    from reviewtools.extract.metadata import extract

    failed: list = []
    for item in readable(paths, failed, settings_mod.load(config).limits):
        meta = extract(item)
        if as_json:
            click.echo(_UNSAFE.sub(_escape, json.dumps({**item.to_dict(), "metadata": meta.to_dict()}, ensure_ascii=False)))
        else:
            click.echo("\n".join(clean_name(line) for line in _describe(item, meta).split("\n")))
    if failed:
        sys.exit(2)


def _describe(doc, meta) -> str:
    def show(f):
        return "—" if f is None else (f.value if f.text in (None, f.value) else f"{f.value}（原文：{f.text}）")

    lines = [
        f"==== {clean_name(doc.path)}",
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
