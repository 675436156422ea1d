"""reviewtools.toml: defaults, the example `init` writes, and errors that name the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewtools import settings
from reviewtools.cli import main
from reviewtools.cli.init import EXAMPLE_CONFIG
from reviewtools.data.rules import all_rules
from reviewtools.errors import UsageError


def write(tmp_path, text: str):
    path = tmp_path / "reviewtools.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_init_writes_loads_to_the_defaults(tmp_path):
    s = settings.load(write(tmp_path, EXAMPLE_CONFIG))
    assert (s.length_limit, s.special_task_limit, s.count_mode, s.validity_max_years) == (5000, 4000, "word", 5)
    assert s.disabled == frozenset()
    assert s.limits == settings.Settings().limits


def test_values_and_overrides(tmp_path):
    path = write(tmp_path, '[office]\nname = "某市司法局"\njurisdiction = "某市"\n[review]\nas_of = 2025-01-02\n'
                           '[length]\nlimit = 3000\ncount = "cjk"\n[rules]\ndisabled = ["format.date_style"]\n'
                           'severity = { "format.doc_number" = "info" }\n')
    s = settings.load(path, as_of=date(2026, 11, 22))
    assert (s.office, s.jurisdiction, s.length_limit, s.count_mode) == ("某市司法局", "某市", 3000, "cjk")
    assert s.as_of == date(2026, 11, 22)  # the command line wins
    assert s.disabled == {"format.date_style"} and s.severity == {"format.doc_number": "info"}
    assert settings.load(path).as_of == date(2025, 1, 2)


@pytest.mark.parametrize(("text", "message"), [
    ("[lenght]\nlimit = 1\n", "未知的节 [lenght]"),
    ("[length]\nlimt = 1\n", "未知的键 length.limt"),
    ("[length]\nlimit = \"五千\"\n", "length.limit 应为整数"),
    ("[length]\ncount = \"pages\"\n", "length.count 应为 word/nonspace/cjk"),
    ("[rules]\ndisabled = [\"no.such_rule\"]\n", "规则不存在：no.such_rule"),
    ("[rules]\nseverity = { \"format.doc_number\" = \"fatal\" }\n", "应为 error/warning/info"),
    ("[review]\nas_of = \"昨天\"\n", "review.as_of 应为日期"),
    ("[office\n", "格式有误"),
])
def test_config_errors_name_the_key(tmp_path, text, message):
    with pytest.raises(UsageError) as err:
        settings.load(write(tmp_path, text))
    assert message in str(err.value)


def test_init_writes_once_and_review_reports_a_bad_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["init"]).exit_code == 0
    assert (tmp_path / "reviewtools.toml").read_text(encoding="utf-8") == EXAMPLE_CONFIG
    again = runner.invoke(main, ["init"])
    assert again.exit_code == 2 and "已存在" in again.stderr
    (tmp_path / "reviewtools.toml").write_text("[length]\nmax = 1\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("某市停车场管理办法", encoding="utf-8")
    bad = runner.invoke(main, ["review", "a.txt"])
    assert bad.exit_code == 2
    assert bad.stderr.strip() == "错误：配置文件 reviewtools.toml：未知的键 length.max（可用：limit、special_task_limit、count、include_attachments）"


def test_config_precedence_explicit_then_variable_then_nearest_up_from_the_file(tmp_path, monkeypatch):
    """--config > REVIEWTOOLS_CONFIG > the nearest reviewtools.toml up from the input's folder > defaults."""
    monkeypatch.delenv(settings.CONFIG_VARIABLE, raising=False)
    deep = tmp_path / "科室" / "2026" / "草案"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    (tmp_path / "reviewtools.toml").write_text("[length]\nlimit = 3000\n", encoding="utf-8")
    (tmp_path / "科室" / "reviewtools.toml").write_text("[length]\nlimit = 4000\n", encoding="utf-8")
    named = tmp_path / "named.toml"
    named.write_text("[length]\nlimit = 6000\n", encoding="utf-8")
    assert settings.load(start=deep).length_limit == 4000  # the nearest wins over the one further up
    assert settings.config_path(start=tmp_path / "科室") == tmp_path / "科室" / "reviewtools.toml"
    assert settings.load(start=tmp_path).length_limit == 3000
    monkeypatch.setenv(settings.CONFIG_VARIABLE, str(named))
    assert settings.load(start=deep).length_limit == 6000
    assert settings.load(tmp_path / "reviewtools.toml", start=deep).length_limit == 3000
    monkeypatch.setenv(settings.CONFIG_VARIABLE, "")  # set but empty: as if unset
    assert settings.load(start=deep).length_limit == 4000


def test_a_config_found_in_the_current_folder_is_named_as_the_user_would(tmp_path, monkeypatch):
    monkeypatch.delenv(settings.CONFIG_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "[length]\nlimit = 1\n")
    (tmp_path / "sub").mkdir()
    assert settings.config_path() == settings.config_path(start="sub") == Path("reviewtools.toml")


def test_a_missing_config_named_by_the_variable_is_an_error_that_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv(settings.CONFIG_VARIABLE, str(tmp_path / "nope.toml"))
    with pytest.raises(UsageError) as err:
        settings.load()
    assert str(err.value) == f"配置文件不存在：{tmp_path / 'nope.toml'}（由环境变量 REVIEWTOOLS_CONFIG 指定）"
    with pytest.raises(UsageError) as err:
        settings.load(tmp_path)
    assert str(err.value) == f"配置文件不是文件：{tmp_path}"


def test_review_reads_the_config_nearest_to_its_inputs_not_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(settings.CONFIG_VARIABLE, raising=False)
    office = tmp_path / "法制科"
    (office / "送审稿").mkdir(parents=True)
    (office / "reviewtools.toml").write_text('[rules]\ndisabled = ["validity.missing"]\n', encoding="utf-8")
    draft = office / "送审稿" / "草案.txt"
    draft.write_text("某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n",
                     encoding="utf-8")
    elsewhere = tmp_path / "别处"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    runner = CliRunner()
    rules_of = [line.split("：")[3].split()[1] for line in runner.invoke(main, ["review", "-q", str(draft)]).stdout.splitlines()]
    assert "validity.missing" not in rules_of
    monkeypatch.setenv(settings.CONFIG_VARIABLE, str(elsewhere / "empty.toml"))
    (elsewhere / "empty.toml").write_text("", encoding="utf-8")
    again = runner.invoke(main, ["review", "-q", str(draft)]).stdout
    assert "validity.missing" in again
    explicit = runner.invoke(main, ["review", "-q", "--config", str(office / "reviewtools.toml"), str(draft)]).stdout
    assert "validity.missing" not in explicit


def test_choose_rules_by_id_prefix_at_a_boundary_and_category_name():
    s = settings.Settings(disabled=frozenset({"format.date_style"}))
    on = lambda x: set(all_rules()) - x.disabled  # noqa: E731
    assert on(settings.choose_rules(s, ["powers.penalty"], [])) == {
        "powers.penalty", "powers.penalty_disguised", "powers.penalty_measure", "powers.penalty_reprimand"}
    assert on(settings.choose_rules(s, ["格式规范"], ["format.doc_number"])) == {"format.cited_doc_number", "format.date_style"}
    assert settings.choose_rules(s, [], ["length"]).disabled == {
        "format.date_style", "length.over_limit", "length.special_task_over_limit"}
    with pytest.raises(UsageError) as err:
        settings.choose_rules(s, ["powers.pen"], [])  # a prefix ends at . or _
    assert str(err.value) == "--select：没有这个规则或类别：powers.pen（最接近的：powers.penalty、powers.fee、powers）"
