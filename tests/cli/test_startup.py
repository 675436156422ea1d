"""Start-up: a command imports only what it uses; `reviewtools --help` still lists every command in Chinese."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from reviewtools.cli import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]
DRAFT = ("某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"
         "第二条 对违反本办法的，由市公安局处以五千元以上一万元以下罚款。\n")

# What a JSON review of one file has no use for: the registry and its database, the cleanup, fuzzy matching,
# the terminal's tables and bars, spreadsheets, Word and Markdown writers, templates, the process pool.
NOT_FOR_A_JSON_REVIEW = ("sqlite3", "rapidfuzz", "rich", "openpyxl", "docx", "jinja2", "jieba", "multiprocessing",
                         "concurrent.futures", "reviewtools.registry", "reviewtools.cleanup", "reviewtools.screening",
                         "reviewtools.cli.cleanup", "reviewtools.cli.catalogue", "reviewtools.cli.screen",
                         "reviewtools.report.memo.markdown", "reviewtools.report.memo.docx",
                         "reviewtools.report.memo.terminal", "reviewtools.report.console", "reviewtools.report.folder")


def _modules_after(code: str, *args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """Run `code` with sys.argv = ['reviewtools', *args] in a fresh interpreter; the modules it had loaded."""
    script = ("import json, sys\nsys.argv = ['reviewtools', *sys.argv[1:]]\n" + code + "\n"
              "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, encoding="utf-8",
                          env=env, cwd=ROOT)
    return done, set(json.loads(done.stderr.strip().splitlines()[-1]))


def _loaded(modules: set[str], names) -> list[str]:
    return sorted(n for n in names if n in modules or any(m.startswith(n + ".") for m in modules))


def test_a_json_review_imports_only_what_it_uses(tmp_path):
    draft = tmp_path / "草案.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code = "from reviewtools.cli import main\ntry:\n    main()\nexcept SystemExit as exc:\n    status = exc.code"
    done, modules = _modules_after(code, "review", str(draft), "--format", "json")
    review = json.loads(done.stdout)
    assert [f["rule"] for f in review["findings"]][-1] == "powers.penalty"
    assert _loaded(modules, NOT_FOR_A_JSON_REVIEW) == []


def test_importing_the_command_line_imports_no_command():
    _, modules = _modules_after("import reviewtools.cli")
    assert sorted(m for m in modules if m.startswith("reviewtools.")) == [
        "reviewtools.cli", "reviewtools.cli.options", "reviewtools.cli.zh", "reviewtools.errors"]


def test_help_lists_every_command_with_its_chinese_help():
    out = CliRunner().invoke(main, ["--help"]).output
    listed = out.split("命令：\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed] == sorted(COMMANDS)
    for line in listed:
        name, text = line.split(None, 1)
        command = main.get_command(None, name)
        assert text.rstrip(".") and (command.short_help or command.help).startswith(text.rstrip("."))
        assert all("\u4e00" <= c <= "\u9fff" for c in text[:2])


def test_a_mistyped_command_is_told_the_nearest_one():
    result = CliRunner().invoke(main, ["reviw"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "错误：没有这个命令：'reviw'。是不是要输入 'review'？"
