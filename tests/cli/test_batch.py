"""`review` of several files on several processes: the same bytes out as on one, in input order, and a file that
fails is its one Chinese line, exit status 2, and the batch goes on."""

from __future__ import annotations

import json
import os
import pickle
import signal
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.review.batch import CHUNK, Reviewed, chunk_size, ordered

PENALTY = "第三条 对违反本办法的，由市公安局处以五千元以上一万元以下罚款。"


def _draft(n: int, extra: str = "") -> str:
    return (f"某市第{n}号停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"
            f"第二条 本办法自2026年1月1日起施行，有效期5年。\n{extra}\n")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Six drafts (two with a penalty), a damaged .docx, a draft whose waiver file is malformed, a .zip of two."""
    root = tmp_path / "in"
    root.mkdir()
    for n in range(6):
        (root / f"d{n}.txt").write_text(_draft(n, PENALTY if n in (1, 4) else ""), encoding="utf-8")
    (root / "b_damaged.docx").write_bytes(b"PK\x03\x04 not a zip")
    (root / "c_waived.txt").write_text(_draft(9), encoding="utf-8")
    (root / "c_waived.review.toml").write_text("[[waiver]\n", encoding="utf-8")
    with zipfile.ZipFile(root / "e_pack.zip", "w") as z:
        z.writestr("p1.txt", _draft(11, PENALTY))
        z.writestr("p2.txt", _draft(12))
    return root


def run(*args) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("shown", [["--format", "json"], ["--format", "md"], []])
def test_two_processes_print_what_one_prints(folder, shown):
    one, two = run("review", folder, *shown, "-j", "1"), run("review", folder, *shown, "-j", "2")
    assert one == two
    assert one[0] == 1  # penalties are 严重, over the files that failed


def test_json_lines_come_in_input_order_and_failures_are_lines(folder):
    status, out, err = run("review", folder, "--format", "json", "--exit-zero", "-j", "2")
    assert status == 2
    paths = [json.loads(line)["source"]["path"] for line in out.splitlines()]
    names = [Path(p.replace("!", "/")).name for p in paths]
    assert names == ["d0.txt", "d1.txt", "d2.txt", "d3.txt", "d4.txt", "d5.txt", "p1.txt", "p2.txt"]
    lines = [line for line in err.splitlines() if line.strip()]  # the progress bar leaves a blank line
    assert lines[0].startswith(f"错误：无法读取 {folder / 'b_damaged.docx'}：")
    assert lines[1].startswith(f"错误：处理 {folder / 'c_waived.txt'} 时出错：豁免记录 {folder / 'c_waived.review.toml'} 格式有误")
    assert len(lines) == 2


def test_memo_folders_are_the_same_from_two_processes(folder, tmp_path):
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        status, stdout, stderr = run("review", folder, "-o", out, "--format", "html", "-q", "-j", jobs)
        outputs[jobs] = (status, stderr, {p.name: p.read_bytes() for p in sorted(out.iterdir())
                                          if not p.name.startswith("审查汇总")})
        assert (out / "审查汇总.docx").is_file() and (out / "审查汇总.xlsx").is_file()
    assert outputs["1"] == outputs["2"]
    status, _, files = outputs["1"]
    assert status == 1
    assert sorted(files) == ["d0.审查意见.html", "d1.审查意见.html", "d2.审查意见.html", "d3.审查意见.html",
                             "d4.审查意见.html", "d5.审查意见.html", "index.html", "p1.审查意见.html", "p2.审查意见.html"]
    index = files["index.html"].decode("utf-8")
    assert index.index("d0.txt") < index.index("d5.txt") < index.index("p1.txt")
    assert "b_damaged.docx" in index and "c_waived.txt" in index


def test_a_batch_keeps_what_its_reports_read_and_no_more():
    from reviewtools.review import review_text
    from reviewtools.settings import Settings

    result = review_text(_draft(1, PENALTY), Settings())
    kept = Reviewed.of(result)
    assert (kept.doc.path, kept.title, kept.summary, kept.verdict, kept.verdict_name) == (
        result.doc.path, result.title, result.summary, result.verdict, result.verdict_name)
    assert kept.document == {k: result.document[k] for k in ("title", "doc_number", "issuer")}
    grave = next(f for f in kept.findings if f.rule == "powers.penalty")
    original = next(f for f in result.findings if f.rule == "powers.penalty")
    assert (grave.quote, grave.location, grave.basis, grave.title) == (
        "处以五千元以上一万元以下罚款", original.location, original.basis, original.title)
    assert all(f.message == "" and f.suggestion == "" for f in kept.findings)
    assert all(f.quote is None for f in kept.findings if f.severity != "error")
    one, two = pickle.loads(pickle.dumps(kept)), pickle.loads(pickle.dumps(kept))  # as a worker's come back
    assert one == kept and one.findings[0].title is two.findings[0].title  # one copy of a title for the batch


def _square(n: int) -> int:
    return n * n


def _nothing() -> None:
    pass


def test_ordered_keeps_input_order_in_a_pool():
    assert list(ordered(_square, range(40), 2, _nothing)) == [n * n for n in range(40)]
    assert list(ordered(_square, iter(range(5)), 1, _nothing)) == [0, 1, 4, 9, 16]


def _dies_on_three(n: int) -> int:
    if n == 3:
        os._exit(1)  # as a reader's crash or the memory killer would end the worker
    return n * n


def test_a_worker_that_dies_costs_its_item_only():
    results = list(ordered(_dies_on_three, range(12), 2, _nothing, crashed=lambda n: -n))
    assert results == [n * n if n != 3 else -3 for n in range(12)]


def test_a_worker_that_dies_in_a_chunk_costs_its_item_only():
    for total in (12, 60):
        results = list(ordered(_dies_on_three, iter(range(total)), 2, _nothing, crashed=lambda n: -n, total=total))
        assert results == [n * n if n != 3 else -3 for n in range(total)]


def _with_pid(n: int) -> tuple[int, int]:
    time.sleep(0.01)  # long enough for both workers to take items
    return n, os.getpid()


def test_a_worker_takes_a_chunk_of_items_and_fewer_toward_the_end():
    sizes, left = [], 100
    while left:
        sizes.append(chunk_size(left, 2))
        left -= sizes[-1]
    assert sizes[:6] == [CHUNK] * 6 and sizes[-6:] == [1] * 6
    assert sizes == sorted(sizes, reverse=True)
    assert chunk_size(None, 2) == 1  # how many there are is unknown: one at a time
    results = list(ordered(_with_pid, iter(range(100)), 2, _nothing, total=100))
    assert [n for n, _ in results] == list(range(100))
    pids = [pid for _, pid in results]
    starts = [sum(sizes[:k]) for k in range(len(sizes))]
    assert all(len(set(pids[a:a + n])) == 1 for a, n in zip(starts, sizes, strict=True))  # a chunk, one worker


def _sigint_blocked(_) -> bool:
    return signal.SIGINT in signal.pthread_sigmask(signal.SIG_BLOCK, [])


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="no signal masks (Windows)")
def test_workers_are_deaf_to_ctrl_c_from_their_start_and_this_process_is_not():
    assert list(ordered(_sigint_blocked, range(4), 2, _nothing, total=4)) == [True] * 4
    assert not _sigint_blocked(None)


def test_the_modules_a_batch_loads_ahead_for_its_reports_exist():
    from importlib.util import find_spec

    from reviewtools.cli.review import _Batch

    for quiet in (True, False):
        modules = _Batch("out", "html", True, quiet, "error").report_modules()
        assert "reviewtools.report.folder.xlsx" in modules and ("reviewtools.report.memo.terminal" in modules) != quiet
        assert all(find_spec(m) is not None for m in modules)
