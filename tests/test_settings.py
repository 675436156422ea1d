"""reviewtools.toml: defaults, the example `init` writes, and errors that name the key."""

from __future__ import annotations

from datetime import date

import pytest
from click.testing import CliRunner

from reviewtools import settings
from reviewtools.cli import main
from reviewtools.cli.init import EXAMPLE_CONFIG
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
