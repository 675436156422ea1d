"""What users of linters expect of `review`: --select/--ignore, --fail-on, --exit-zero, -q, `-` for standard
input, exit statuses that combine (a 严重 finding is not hidden by an unreadable file) and reading errors
printed clear of the progress bar."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewtools.cli import main

DRAFT = ("某市促进消费若干措施\n一、全市政府投资项目同等条件下优先采购本市企业生产的产品。\n"
         "二、对未按规定报送数据的企业，处以五千元以上一万元以下罚款。\n")
LOCAL = "第2段：严重 competition.local_goods_preference 要求优先采购、使用本地商品或本地经营者：“优先采购本市企业生产的产品”"
PENALTY = "第3段：严重 powers.penalty 设定行政处罚（罚款、拘留的种类和幅度）：“处以五千元以上一万元以下罚款”"
BASIS = "全文：警告 upper_law.missing_basis 缺少制定依据"
VALIDITY = "全文：提示 validity.missing 未规定有效期"


def run(*args, input: bytes | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


@pytest.fixture
def draft(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("REVIEWTOOLS_CONFIG", raising=False)
    (tmp_path / "a.txt").write_text(DRAFT, encoding="utf-8")
    return Path("a.txt")


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def test_quiet_prints_one_line_per_finding_and_nothing_else(draft):
    result = run("review", "-q", draft)
    assert (result.exit_code, result.stderr) == (1, "")
    assert lines(result) == [f"a.txt：{x}" for x in (LOCAL, PENALTY, BASIS, VALIDITY)]


@pytest.mark.parametrize(("options", "expected", "status"), [
    (["--select", "competition"], [LOCAL], 1),
    (["--select", "powers.penalty,upper_law"], [PENALTY, BASIS], 1),
    (["--select", "公平竞争", "--select", "validity.missing"], [LOCAL, VALIDITY], 1),
    (["--ignore", "competition,powers"], [BASIS, VALIDITY], 0),
    (["--select", "competition,upper_law", "--ignore", "公平竞争"], [BASIS], 0),
])
def test_select_and_ignore_by_rule_prefix_or_category(draft, options, expected, status):
    result = run("review", "-q", *options, draft)
    assert result.exit_code == status
    assert lines(result) == [f"a.txt：{x}" for x in expected]


def test_select_replaces_the_config_choice_and_ignore_adds_to_it(draft):
    Path("reviewtools.toml").write_text('[rules]\ndisabled = ["powers.penalty"]\n', encoding="utf-8")
    assert lines(run("review", "-q", "--ignore", "validity", draft)) == [f"a.txt：{x}" for x in (LOCAL, BASIS)]
    assert lines(run("review", "-q", "--select", "powers", draft)) == [f"a.txt：{PENALTY}"]


def test_an_unknown_selector_is_refused_with_the_nearest(draft):
    result = run("review", "--select", "powers.fine", draft)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "错误：--select：没有这个规则或类别：powers.fine（最接近的：powers.fee、powers.filing、powers.licence）\n"
    result = run("review", "--ignore", "competiton", draft)
    assert result.stderr == "错误：--ignore：没有这个规则或类别：competiton（最接近的：competition）\n"


@pytest.mark.parametrize(("level", "status"), [("严重", 0), ("error", 0), ("警告", 1), ("WARNING", 1), ("提示", 1)])
def test_fail_on_sets_the_level_that_exits_1(draft, level, status):
    # without competition and powers, the draft's gravest finding is a 警告, then a 提示
    assert run("review", "-q", "--ignore", "competition,powers", "--fail-on", level, draft).exit_code == status


def test_fail_on_info_counts_any_finding_and_exit_zero_none(draft):
    assert run("review", "-q", "--select", "validity", "--fail-on", "info", draft).exit_code == 1
    assert run("review", "-q", "--select", "validity", draft).exit_code == 0
    result = run("review", "-q", "--exit-zero", draft)
    assert result.exit_code == 0 and len(lines(result)) == 4


def test_a_bad_level_is_refused_in_chinese(draft):
    result = run("review", "--fail-on", "致命", draft)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "错误：--fail-on 应为 严重、警告 或 提示（也可写 error、warning、info；收到：致命）"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_standard_input_in_any_chinese_encoding(draft, encoding):
    result = run("review", "-q", "--select", "powers", "-", input=DRAFT.encode(encoding))
    assert (result.exit_code, result.stderr) == (1, "")
    assert lines(result) == [f"标准输入：{PENALTY}"]


def test_standard_input_to_a_memo_and_its_errors(draft):
    result = run("review", "-", "-o", "意见书.md", input=DRAFT.encode("gbk"))
    assert result.exit_code == 1
    assert "优先采购本市企业生产的产品" in Path("意见书.md").read_text(encoding="utf-8")
    empty = run("review", "-", input=b"")
    assert (empty.exit_code, empty.stderr) == (2, "错误：无法读取 标准输入：空文件，没有可读取的文字\n")
    twice = run("review", "-", "-", input=DRAFT.encode())
    assert (twice.exit_code, twice.stderr) == (2, "错误：标准输入（-）只能读取一次\n")


def test_an_unreadable_file_does_not_hide_the_grave_findings_of_the_others(draft):
    folder = Path("送审稿")
    folder.mkdir()
    (folder / "a.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "b.docx").write_bytes(b"PK\x03\x04broken zip")
    (folder / "c.txt").write_bytes(b"")
    result = run("review", "-q", folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["错误：无法读取 送审稿/b.docx：文件已损坏，无法解析",
                                          "错误：无法读取 送审稿/c.txt：空文件，没有可读取的文字"]
    assert lines(result) == [f"送审稿/a.txt：{x}" for x in (LOCAL, PENALTY, BASIS, VALIDITY)]
    # no finding at the level: the unreadable files make it 2; --exit-zero leaves reading errors at 2
    assert run("review", "-q", "--select", "validity", folder).exit_code == 2
    assert run("review", "-q", "--exit-zero", folder).exit_code == 2
    written = run("review", "-q", folder, "-o", "意见书", "--format", "md")
    assert (written.exit_code, written.stdout) == (1, "")
    assert sorted(p.name for p in Path("意见书").iterdir()) == ["a.审查意见.md", "index.html", "审查汇总.docx", "审查汇总.xlsx"]


def test_quiet_writes_memos_silently(draft):
    result = run("review", "-q", draft, "-o", "意见书.md")
    assert (result.exit_code, result.output) == (1, "")
    assert Path("意见书.md").is_file()


def test_reading_errors_are_printed_clear_of_the_progress_bar(tmp_path):
    """In a terminal the bar is drawn on standard error; an error line must not be glued to it, nor broken."""
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):
        (folder / f"a{n}.txt").write_text(DRAFT, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")
    code = "import sys; from reviewtools.cli import main; main(sys.argv[1:], prog_name='reviewtools')"
    leader, follower = pty.openpty()
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]), COLUMNS="60")
    proc = subprocess.Popen([sys.executable, "-c", code, "review", str(folder), "-o", str(tmp_path / "out"),
                             "--format", "md"], stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    assert proc.wait(timeout=120) == 1  # 严重 findings in the readable files
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "审查中" in screen  # the bar was drawn
    error = f"错误：无法读取 {folder / 'b.txt'}：空文件，没有可读取的文字"
    line = next(x for x in screen.split("\n") if error in x)  # whole: not broken at the terminal's width
    # whatever the bar drew on that line was erased (\x1b[2K) before the error was written
    before = line[:line.index(error)]
    assert "审查中" not in before.rsplit("\x1b[2K", 1)[-1]
