"""`waive` records a waiver only for a finding the draft has, or with --force and a reason; a waiver that no
longer matches is reported as stale on review, unless its rule was switched off."""

from __future__ import annotations

import json

from click.testing import CliRunner

from reviewtools.cli import main

CLAUSE = "全市政府投资项目同等条件下优先采购本市企业生产的产品。"
RULE, QUOTE = "competition.local_goods_preference", "优先采购本市企业生产的产品"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def draft_in(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REVIEWTOOLS_CONFIG", raising=False)
    draft = tmp_path / "草案.txt"
    draft.write_text(f"某市促进消费若干措施\n一、{CLAUSE}\n", encoding="utf-8")
    return draft


def test_waive_a_finding_that_exists_and_say_where(tmp_path, monkeypatch):
    draft = draft_in(tmp_path, monkeypatch)
    result = run("waive", draft, RULE, "--quote", QUOTE, "--reason", "应急保供")
    assert (result.exit_code, result.stdout) == (0, f"已记录豁免：{RULE} → {tmp_path / '草案.review.toml'}\n")
    review = run("review", "-q", draft)
    assert QUOTE not in review.stdout


def test_no_finding_no_waiver_unless_forced_with_a_reason(tmp_path, monkeypatch):
    draft = draft_in(tmp_path, monkeypatch)
    miss = run("waive", draft, RULE, "--quote", "没有这句话", "--reason", "x")
    assert miss.exit_code == 2
    assert miss.stderr == (f"错误：{draft} 的审查结果中没有与之匹配的意见（规则 {RULE}、原文“没有这句话”）；原文须与审查结果中的 "
                           "quote 完全一致。确需记录的，加 --force 并在理由中写明原因。\n")
    assert not (tmp_path / "草案.review.toml").exists()
    blank = run("waive", draft, "powers.penalty", "--reason", "  ", "--force")
    assert (blank.exit_code, blank.stderr) == (2, "错误：--reason 不能为空：请写明接受或不适用的理由\n")
    forced = run("waive", draft, "powers.penalty", "--reason", "预先豁免：罚款依据另文", "--force")
    assert forced.exit_code == 0
    assert forced.stdout == (f"已记录豁免：powers.penalty → {tmp_path / '草案.review.toml'}"
                             "（审查结果中暂无与之匹配的意见（规则 powers.penalty），按 --force 记录）\n")


def test_an_unknown_rule_gets_the_nearest(tmp_path, monkeypatch):
    draft = draft_in(tmp_path, monkeypatch)
    result = run("waive", draft, "competition.local_goods", "--reason", "x")
    assert result.exit_code == 2
    assert result.stderr.startswith("错误：规则不存在：competition.local_goods（最接近的：competition.local_goods_preference")


def test_stale_waivers_are_reported_on_review_but_not_for_a_rule_switched_off(tmp_path, monkeypatch):
    draft = draft_in(tmp_path, monkeypatch)
    assert run("waive", draft, RULE, "--quote", QUOTE, "--reason", "应急保供", "--by", "张三").exit_code == 0
    draft.write_text("某市促进消费若干措施\n一、支持各类企业平等参与政府投资项目。\n", encoding="utf-8")
    shown = run("review", draft)
    assert "失效的豁免记录" in shown.stdout and "应急保供" in shown.stdout
    data = json.loads(run("review", draft, "--format", "json").stdout)
    assert [(w["rule"], w["quote"]) for w in data["stale_waivers"]] == [(RULE, QUOTE)]
    off = json.loads(run("review", draft, "--format", "json", "--ignore", "competition").stdout)
    assert off["stale_waivers"] == []  # the rule did not run: its waiver is neither used nor stale
