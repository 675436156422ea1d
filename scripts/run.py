#!/usr/bin/env python3
"""Set up the project's own environment when needed, then run reviewtools or the tests in it.

    python3 scripts/run.py review examples/示例草案.docx -o 审查意见书.docx
    python3 scripts/run.py test

The environment is .venv at the top of the checkout, installed from requirements.lock (exact versions, with
hashes, every optional part included: the `all` extra, so that the tests exercise everything) and (re)built whenever pyproject.toml or the lock changes. Needs only Python 3.11+ and access to the
package index. Refresh the lock after changing dependencies in pyproject.toml with pip-tools:
    pip-compile --allow-unsafe --extra=test --extra=all --generate-hashes --no-emit-index-url --no-emit-find-links \
        --output-file=requirements.lock --strip-extras pyproject.toml
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".reviewtools-installed"
LOCK = "requirements.lock"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def say(message: str) -> None:
    print(f"[reviewtools] {message}", file=sys.stderr, flush=True)


def setup() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + (ROOT / LOCK).read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (BIN / "python").exists():
        say(f"首次运行：在 {VENV.name}/ 中创建运行环境……")
        venv.create(VENV, with_pip=True)
    say("安装依赖（首次约需数分钟）……")
    pip = [str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-U", "pip"], check=True)
    subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / LOCK)], check=True)
    subprocess.run([*pip, "--no-deps", "-e", str(ROOT)], check=True)
    STAMP.write_text(wanted)
    say("运行环境已就绪。")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be started by an older python3
        say(f"需要 Python 3.11 或更高版本（当前 {sys.version.split()[0]}）")
        return 2
    if not argv:
        say("用法：python3 scripts/run.py test | python3 scripts/run.py <reviewtools 命令> [参数…]")
        return 2
    try:
        setup()
    except subprocess.CalledProcessError as exc:
        say(f"安装依赖失败（退出码 {exc.returncode}），请检查网络或软件源设置后重试。")
        return 2
    if argv[0] == "test":
        cmd = [str(BIN / "python"), "-m", "pytest", *argv[1:]]
    else:
        cmd = [str(BIN / "reviewtools"), *argv]
    return subprocess.run(cmd, cwd=os.getcwd()).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
