"""`reviewtools rules`: every rule with its id, category, severity and basis."""

from __future__ import annotations

import json

import click

from reviewtools.cli.options import CONTEXT, friendly


@click.command(context_settings=CONTEXT, help="列出全部审查规则：编号、类别、严重程度、依据。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@friendly
def rules(as_json: bool) -> None:
    from reviewtools.data.rules import all_rules
    from reviewtools.terms import CATEGORY_NAMES, SEVERITY_NAMES

    items = list(all_rules().values())
    if as_json:
        for r in items:
            click.echo(json.dumps({"id": r.id, "category": r.category, "title": r.title, "severity": r.severity,
                                   "basis": r.basis, "suggestion": r.suggestion, "help": r.help,
                                   "verified": r.verified}, ensure_ascii=False))
        return
    for r in items:
        click.echo(f"{r.id}\t{CATEGORY_NAMES[r.category]}\t{SEVERITY_NAMES[r.severity]}\t{r.title}\t依据：{r.basis}")
