"""`reviewtools rule ID` explains one rule from its data; click's own messages read in Chinese."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.data.rules import all_rules


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="reviewtools")


def examples(items) -> list[str]:
    return [f"  {n}. {ex.text}" for n, ex in enumerate(items, 1)]


def test_a_rule_is_explained_with_its_examples():
    from reviewtools.data.rules import all_rules

    rule = all_rules()["competition.deposit"]
    assert any("保函" in ex.text for ex in rule.must_not)  # the lawful deposit is among the look-alikes shown
    result = run("rule", "competition.deposit")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "competition.deposit　在法律规定之外要求经营者缴纳保证金",
        "类别：公平竞争",
        "严重程度：警告（文件援引例外规定的，降低一级）",
        "依据：《公平竞争审查条例》第十条第（四）项（已核实）",
        "问题：在法律、行政法规规定之外要求经营者缴纳诚信、考核、入驻等保证金或押金，限定以现金形式缴纳，"
        "或约定保证金不予退还、无息退还，增加了经营者的生产经营成本。",
        "建议：删除没有法律、行政法规依据的保证金；依法收取的保证金，允许以保函等非现金形式提交，并依法及时退还。",
        "应当命中的示例：", *examples(rule.must),
        "不应命中的示例：", *examples(rule.must_not),
        "规则文件：corpora/rules/competition.toml",
    ]


def test_placeholders_read_as_a_finding_reads_them_and_examples_keep_their_date():
    out = run("rule", "validity.expired").stdout.splitlines()
    assert "依据：本地区行政规范性文件管理规定关于有效期届满自动失效的规定（已核实）" in out
    assert "问题：有效期已于 …… 届满。" in out
    start = out.index("应当命中的示例：")
    assert out[start + 1:start + 3] == [
        "  1. 某市停车场管理办法",
        "     第二十条 本办法自2020年1月1日起施行，有效期至2024年12月31日。（审查基准日 2026-11-22）"]


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_can_be_explained(rule_id):
    result = run("rule", rule_id)
    assert result.exit_code == 0 and "{" not in result.stdout
    assert result.stdout.count("应当命中的示例：") == 1 and result.stdout.count("不应命中的示例：") == 1


@pytest.mark.parametrize(("typed", "line"), [
    ("powers.fine", "错误：规则不存在：powers.fine（最接近的：powers.fee、powers.filing、powers.licence）"),
    ("deposit", "错误：规则不存在：deposit（最接近的：competition.deposit）"),
    ("xyz", "错误：规则不存在：xyz（用 reviewtools rules 查看全部规则）"),
])
def test_an_unknown_rule_gets_the_nearest_ids_and_exit_2(typed, line):
    result = run("rule", typed)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", line + "\n")


@pytest.mark.parametrize(("args", "last"), [
    (["reviw"], "错误：没有这个命令：'reviw'。是不是要输入 'review'？"),
    (["review", "--ignor", "x", "a.txt"], "错误：没有这个选项：'--ignor'。是不是要输入 '--ignore'？"),
    (["review"], "错误：缺少参数 '文件或文件夹…'。"),
    (["rule"], "错误：缺少参数 '规则编号'。"),
    (["rules", "a", "b"], "错误：多余的参数（a b）"),
    (["review", "--format", "pdf", "a.txt"], "错误：'--format' 的值无效：'pdf' 不是可选值 'docx', 'html', 'md', 'json' 之一。"),
    (["review", "a.txt", "--as-of"], "错误：选项 '--as-of' 需要一个值。"),
])
def test_click_errors_are_in_chinese(args, last):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == last
    assert not any(w in result.stderr for w in ("Error", "Usage", "Did you mean", "Missing", "No such", "Invalid"))


def test_usage_lines_name_the_help_in_chinese():
    result = run("rule")
    assert result.stderr.splitlines()[:2] == ["用法： reviewtools rule [选项] 规则编号", "用 'reviewtools rule --help' 查看帮助。"]


def test_help_headings_metavars_and_columns_read_in_chinese():
    from reviewtools.cli.zh import _width

    out = run("review", "--help").stdout.splitlines()
    assert "选项：" in out and "选项:" not in out
    options = [line for line in out if line.startswith("  -")]
    assert "  -o, --output 路径" in options[0] and "  --config 文件" in next(x for x in options if "--config" in x)
    # descriptions start in one column, counted as a terminal counts Chinese characters (two columns each)
    starts = {_width(line[:m.start(1)]) for line in options if (m := re.search(r"\S {2,}(\S)", line))}
    assert starts == {32}
