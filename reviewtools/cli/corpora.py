"""`reviewtools corpora`: validate and summarize the shipped data."""

from __future__ import annotations

import json
import sys

import click

from reviewtools.cli.options import CONTEXT, friendly


@click.command(context_settings=CONTEXT, help="校验并汇总随附的数据：法律法规目录、机构更名表、规划纲要、审查规则。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出汇总。")
@friendly
def corpora(as_json: bool) -> None:
    from reviewtools.data import corpora as data
    from reviewtools.data.rules import RuleError, all_rules, compile_all
    from reviewtools.terms import CATEGORY_NAMES

    problems = data.validate()
    try:
        rules = list(all_rules().values())
        compile_all()
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
