"""`reviewtools rules`: every rule with its id, category, severity and basis; `reviewtools rule ID`: one rule
explained, with the examples it must and must not find."""

from __future__ import annotations

import json
import re

import click

from reviewtools.cli.options import CONTEXT, friendly
from reviewtools.errors import UsageError

_VERIFIED = {"yes": "已核实", "partly": "部分核实", "no": "未核实"}


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


@click.command(context_settings=CONTEXT, help="说明一条规则：问题、严重程度、依据、修改建议，以及应当命中和不应命中的示例句。")
@click.argument("rule_id", metavar="规则编号")
@friendly
def rule(rule_id: str) -> None:
    from reviewtools.data.rules import all_rules
    from reviewtools.settings import nearest_hint
    from reviewtools.terms import CATEGORY_NAMES, SEVERITY_NAMES

    r = all_rules().get(rule_id)
    if r is None:
        raise UsageError(f"规则不存在：{rule_id}{nearest_hint(rule_id)}")
    lowered = "（文件援引例外规定的，降低一级）" if r.exception else ""
    lines = [f"{r.id}　{r.title}", f"类别：{CATEGORY_NAMES[r.category]}", f"严重程度：{SEVERITY_NAMES[r.severity]}{lowered}",
             f"依据：{_filled(r.basis)}（{_VERIFIED.get(r.verified, r.verified)}）", f"问题：{_filled(r.message)}",
             f"建议：{_filled(r.suggestion)}"]
    lines += [f"说明：{text}" for text in (r.help, r.note) if text]
    for heading, examples in (("应当命中的示例", r.must), ("不应命中的示例", r.must_not)):
        lines.append(f"{heading}：")
        lines += [f"  {n}. " + f"{_example(e.text)}{_context(e)}".replace("\n", "\n     ")
                  for n, e in enumerate(examples, 1)]
    lines.append(f"规则文件：corpora/rules/{r.source}")
    click.echo("\n".join(lines))


def _filled(text: str) -> str:
    """A rule's wording as a finding reads it: the local rule named, and …… where the finding fills in its own
    particulars ({date}, {title}, …)."""
    from reviewtools.settings import LOCAL_RULES

    return re.sub(r"\{[a-z_]+\}", "……", text.replace("{local_rules}", LOCAL_RULES))


def _example(text: str) -> str:
    """An example as a reader takes it: {{X*N}} (X repeated N times, for the length rules) written out in words."""
    return re.sub(r"\{\{(.+?)\*(\d+)\}\}", lambda m: f"（“{m[1]}”重复 {m[2]} 次）", text)


def _context(example) -> str:
    """（审查基准日 …，地区 …） for an example that holds only on a date or in a place."""
    parts = [f"审查基准日 {example.as_of}" if example.as_of else "", f"地区 {example.jurisdiction}" if example.jurisdiction else ""]
    shown = "，".join(p for p in parts if p)
    return f"（{shown}）" if shown else ""
