"""The per-file time budget: a reader made slow here is stopped with a Chinese line, and the batch goes on."""

from __future__ import annotations

import contextlib
import signal
import threading
import time

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.errors import ReadError
from reviewtools.ingest import read_bytes
from reviewtools.ingest import text as text_reader
from reviewtools.limits import Limits

DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"
BUDGET = "读取超时（上限 0.5 秒，可在 reviewtools.toml 的 [limits] seconds 中调整），已停止读取"

posix = pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGALRM (POSIX)")


@pytest.fixture
def slow_reader(monkeypatch):
    real = text_reader.read_text

    def slow(data: bytes, path: str):
        if "slow" in path:
            with contextlib.suppress(Exception):  # a reader's own handler must not swallow the budget
                time.sleep(60)
        return real(data, path)

    monkeypatch.setattr(text_reader, "read_text", slow)


@pytest.fixture
def busy_reader(monkeypatch):
    """A reader stuck in a loop of Python steps, as a parser on a hostile file is."""
    real = text_reader.read_text

    def busy(data: bytes, path: str):
        if "slow" in path:
            while True:
                try:
                    sum(range(1000))
                except Exception:  # noqa: BLE001 - a reader's own handler must not swallow the budget
                    continue
        return real(data, path)

    monkeypatch.setattr(text_reader, "read_text", busy)


def test_a_slow_reader_is_stopped_and_the_batch_goes_on(tmp_path, monkeypatch, slow_reader):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a_办法.txt", "b_slow.txt", "c_办法.txt"):
        (docs / name).write_text(DRAFT, encoding="utf-8")
    (tmp_path / "reviewtools.toml").write_text("[limits]\nseconds = 0.5\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["parse", "--json", "docs"])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == f"错误：无法读取 docs/b_slow.txt：{BUDGET}\n"


@posix
def test_the_alarm_is_disarmed_and_the_handler_restored_after_each_file(slow_reader):
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(ReadError) as caught:
        read_bytes(DRAFT.encode(), "slow.txt", Limits(seconds=0.5))
    assert caught.value.cause == BUDGET
    assert read_bytes(DRAFT.encode(), "fast.txt", Limits(seconds=0.5)).text == DRAFT.strip()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def _in_thread(function):
    out = {}

    def run():
        try:
            out["result"] = function()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            out["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()
    return out


def test_off_the_main_thread_a_busy_reader_is_stopped_too(busy_reader):
    """What a thread gets, and a process without SIGALRM (Windows): the budget raised in the reading thread."""
    started = time.monotonic()
    out = _in_thread(lambda: read_bytes(DRAFT.encode(), "slow.txt", Limits(seconds=0.5)))
    assert time.monotonic() - started < 5
    assert isinstance(out["error"], ReadError) and out["error"].cause == BUDGET
    fast = _in_thread(lambda: read_bytes(DRAFT.encode(), "fast.txt", Limits(seconds=0.2)))
    assert fast["result"].text == DRAFT.strip()
    time.sleep(0.4)  # past the budget of the fast read: nothing is raised late


def test_without_sigalrm_the_batch_goes_on(tmp_path, monkeypatch, busy_reader):
    monkeypatch.delattr(signal, "setitimer")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a_办法.txt", "b_slow.txt", "c_办法.txt"):
        (docs / name).write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reviewtools.toml").write_text("[limits]\nseconds = 0.5\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", "--json", "docs"])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == f"错误：无法读取 docs/b_slow.txt：{BUDGET}\n"
