"""`reviewtools waive`: set a finding aside, with a reason, in the draft's sidecar file."""

from __future__ import annotations

import click

from reviewtools.cli.options import CONTEXT, config_option, friendly, settings_for
from reviewtools.errors import UsageError, clean_name
from reviewtools.terms import WAIVER_STATUSES


@click.command(context_settings=CONTEXT, help="豁免一条意见（已接受或不适用），记录在草案旁的 草案名.review.toml 中；"
              "再次审查同一草案时，该意见显示为已豁免而不是新问题。")
@click.argument("draft", type=click.Path(exists=True, dir_okay=False), metavar="草案文件")
@click.argument("rule_id", metavar="规则编号")
@click.option("--quote", help="意见引用的原文（与审查结果中的 quote 一致）；不填则豁免该规则的全部意见。")
@click.option("--reason", required=True, help="理由（必填）。")
@click.option("--status", type=click.Choice(list(WAIVER_STATUSES)), default="accepted", show_default=True,
              help="accepted：已接受，不作修改；not_applicable：不适用。")
@click.option("--by", default="", help="审查人。")
@click.option("--force", is_flag=True, help="草案当前没有与之匹配的意见时仍然记录（例如预先豁免）；理由中请写明原因。")
@config_option
@friendly
def waive(draft: str, rule_id: str, quote: str | None, reason: str, status: str, by: str, force: bool,
          config: str | None) -> None:
    from reviewtools.data.rules import all_rules
    from reviewtools.ingest import read_file
    from reviewtools.review import review, waivers
    from reviewtools.settings import nearest_hint

    if rule_id not in all_rules():
        raise UsageError(f"规则不存在：{rule_id}{nearest_hint(rule_id)}")
    if not reason.strip():
        raise UsageError("--reason 不能为空：请写明接受或不适用的理由")
    waiver = waivers.Waiver(rule_id, quote, status, reason.strip(), by)
    settings = settings_for(config, (draft,))
    found = any(waiver.matches(f) for f in review(read_file(draft, settings.limits), settings).findings)
    what = f"规则 {rule_id}" + (f"、原文“{quote}”" if quote is not None else "")
    if not found and not force:
        raise UsageError(f"{clean_name(draft)} 的审查结果中没有与之匹配的意见（{what}）；原文须与审查结果中的 quote "
                         "完全一致。确需记录的，加 --force 并在理由中写明原因。")
    path = waivers.add(draft, waiver)
    click.echo(f"已记录豁免：{rule_id} → {clean_name(path)}"
               + ("" if found else f"（审查结果中暂无与之匹配的意见（{what}），按 --force 记录）"))
