"""Start-up and batch review: one draft from process start, a folder on one core and on two, memory per folder size.

Builds folders of real-shaped drafts from the seed documents (real government documents: REVIEWTOOLS_SEEDS, by
default ../shared/seeds): each file is one seed with its paragraphs rotated and a title of its own, so files
differ as a folder's do. Every figure is printed beside a reference measured in the same run (the machine may be
shared): CPU time from process start of `review FILE --format json` against `python -c pass` and a bare
`import reviewtools`; `review DIR` with -j1 against -j2 (wall time, and the CPU time of the main process and of
the workers, whence the speed-up two idle cores would give, the figure that holds on a busy machine); peak
resident memory of `review DIR` for a small and a large folder (their ratio: flat is 1.0).
Targets: start-up ≤ 0.25 s CPU; -j2 ≥ 1.8× faster than -j1 on 2 cores; memory ratio close to 1.
Run: .venv/bin/python scripts/bench_batch.py [--files 500,2000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("REVIEWTOOLS_SEEDS") or ROOT.parent / "shared" / "seeds").resolve()
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
REVIEW = [sys.executable, "-c", "import sys; from reviewtools.cli import main; sys.exit(main())", "review"]

# `reviewtools review` that prints, on leaving, its own CPU seconds, those of its worker processes and its peak
# resident memory (KB: measured with -j1, where this process does all the work). The workers are children of the pool's forkserver
# (reviewtools.processes), still running when the command ends: their time is the server's exited children's.
_ACCOUNTED = ("import os, resource, sys\nimport psutil\nfrom reviewtools.cli import main\ntry:\n    main()\nfinally:\n"
              "    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
              "    kids = [p.cpu_times() for p in psutil.Process().children(recursive=True)]\n"
              "    workers = c.ru_utime + c.ru_stime + sum(t.user + t.system + t.children_user + t.children_system for t in kids)\n"
              "    os.write(int(os.environ['BENCH_FD']), f'{s.ru_utime + s.ru_stime} {workers} '\n"
              "             f'{max(s.ru_maxrss, c.ru_maxrss)}'.encode())\n")


def seeds() -> list[list[str]]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        sys.exit(f"找不到种子文档：{SEEDS}（设置 REVIEWTOOLS_SEEDS）")
    return [f.read_text(encoding="utf-8").splitlines() for f in files]


def build(folder: Path, n: int, docs: list[list[str]]) -> int:
    """n drafts in `folder`; their total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    rng, total = random.Random(n), 0
    for i in range(n):
        lines = docs[i % len(docs)]
        k = rng.randrange(1, max(2, len(lines) // 2))
        text = "\n".join([f"{lines[0]}（第{i}号）", *lines[k:], *lines[1:k]]) + "\n"
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


# Where the start-up of one review goes: CPU seconds of the whole command and, within it, of compiling regular
# expressions (re's compiler, and reviewtools' regexes through the program cache), parsing TOML data and
# importing numpy (with OpenBLAS on one thread, as the command line starts it) and click.
_BREAKDOWN = """
import os, re._compiler, sys, time, tomllib
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import reviewtools.text.regex_cache as regex_cache
spent = dict.fromkeys(("regex_compile", "regex_cache", "toml_parse"), 0.0)
def timed(name, function):
    def run(*args, **kwargs):
        t = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - t
    return run
re._compiler.compile = timed("regex_compile", re._compiler.compile)
regex_cache.compile = timed("regex_cache", regex_cache.compile)
tomllib.loads = timed("toml_parse", tomllib.loads)
for name in ("numpy", "click"):
    t = time.process_time()
    __import__(name)
    spent[name + "_import"] = time.process_time() - t
from reviewtools.cli import main
try:
    main()
except SystemExit:
    pass
print(time.process_time(), *(f"{k}={v:.3f}" for k, v in spent.items()), file=sys.stderr)
"""


def breakdown(draft: Path) -> str:
    out = subprocess.run([sys.executable, "-c", _BREAKDOWN, "review", str(draft), "--format", "json"], env=ENV,
                         capture_output=True, text=True, check=False).stderr.split()
    return f"{float(out[0]):.3f} s in-process, of which " + ", ".join(p.replace("_", " ").replace("=", " ") + " s" for p in out[1:])


def cpu(args: list[str], runs: int) -> float:
    """Median CPU seconds (user + system, child processes included) of `args` over `runs` runs."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return sorted(times)[len(times) // 2]


def measured(args: list[str]) -> tuple[float, float, float, float]:
    """(wall seconds, CPU seconds of the main process, of its workers, peak resident MB of the largest process)
    of `review args`."""
    read, write = os.pipe()
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", _ACCOUNTED, "review", *args], env={**ENV, "BENCH_FD": str(write)},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=(write,), check=True)
    wall = time.perf_counter() - t
    os.close(write)
    with os.fdopen(read) as f:
        main_cpu, workers_cpu, peak = f.read().split()
    return wall, float(main_cpu), float(workers_cpu), int(peak) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", default="500,2000", help="two folder sizes: peak memory is compared between "
                        "them, and the larger is reviewed with -j1 and -j2")
    parser.add_argument("--runs", type=int, default=5, help="runs of each start-up measurement (the median is kept)")
    parser.add_argument("--batch-runs", type=int, default=2, help="runs of the larger folder with -j1 and with -j2, "
                        "taken in turn (the one with the least CPU time is kept: the least disturbed)")
    args = parser.parse_args()
    small, large = (int(n) for n in args.files.split(","))
    docs = seeds()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        draft = tmp / "draft" / "草案.txt"
        draft.parent.mkdir()
        draft.write_text("\n".join(docs[0]) + "\n", encoding="utf-8")
        # An installed tool has its bytecode compiled: so has this one, in the temporary folder, before measuring.
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
        cpu([*REVIEW, str(draft), "--format", "json"], 1)
        bare = cpu([sys.executable, "-c", "pass"], args.runs)
        package = cpu([sys.executable, "-c", "import reviewtools"], args.runs)
        one = cpu([*REVIEW, str(draft), "--format", "json"], args.runs)
        example = cpu([*REVIEW, str(ROOT / "examples" / "示例草案.docx"), "--format", "json"], args.runs)
        print(f"seeds: {len(docs)} documents in {SEEDS}; CPU {os.cpu_count()} cores")
        print(f"start-up, CPU seconds from process start (median of {args.runs}):")
        print(f"  python -c pass                    {bare:6.3f}")
        print(f"  import reviewtools                {package:6.3f}  ({package / bare:.1f}× pass)")
        print(f"  review 草案.txt --format json      {one:6.3f}  ({one / bare:.1f}× pass, {one / package:.1f}× import)"
              f"  {'ok' if one <= 0.25 else 'over'} (target ≤ 0.25)")
        print(f"  review 示例草案.docx --format json {example:6.3f}  ({example / bare:.1f}× pass)")
        print(f"  where it goes (草案.txt): {breakdown(draft)}")

        folders = {}
        for n in (small, large):
            folders[n] = tmp / f"folder{n}"
            folders[n] = (folders[n], build(folders[n], n, docs))
        load = os.getloadavg()[0]
        json_runs = {(small, 1): measured([str(folders[small][0]), "--format", "json", "-q", "-j", "1"])}
        for _ in range(args.batch_runs):
            for j in (1, 2):
                run = measured([str(folders[large][0]), "--format", "json", "-q", "-j", str(j)])
                json_runs[large, j] = min(json_runs.get((large, j), run), run, key=lambda r: r[1] + r[2])
        (w1, m1, k1, _), (w2, m2, k2, _) = json_runs[large, 1], json_runs[large, 2]
        c1, size = m1 + k1, folders[large][1]
        print(f"review DIR ({large} files, {size / 1e6:.1f} MB), --format json, the least CPU of {args.batch_runs} "
              f"runs each (load average {load:.2f} before, {os.getloadavg()[0]:.2f} after):")
        print(f"  -j1  {w1:7.2f} s wall  {c1:7.2f} s CPU  {size / 1e6 / w1:5.2f} MB/s")
        print(f"  -j2  {w2:7.2f} s wall  {m2 + k2:7.2f} s CPU: main process {m2:.2f}, workers {k2:.2f}"
              f"  {size / 1e6 / w2:5.2f} MB/s")
        print(f"  -j2 is {w1 / w2:.2f}× faster than -j1 in wall time  {'ok' if w1 / w2 >= 1.8 else 'under'} (target ≥ 1.8)"
              " (only as good as the machine is idle)")
        print(f"  from CPU time, on two idle cores -j2 would be at most {c1 / max(m2, k2 / 2):.2f}× faster "
              f"(-j1 CPU / max(main, workers / 2) at -j2), {2 * c1 / (m2 + k2):.2f}× with the main process "
              "sharing the workers' cores (-j1 CPU / half of -j2's)")
        print(f"  per file: -j1 {c1 / large * 1e3:.2f} ms CPU; -j2 {m2 / large * 1e3:.2f} ms in the main process "
              f"and {k2 / large * 1e3:.2f} ms in the workers")
        memo = {n: measured([str(folders[n][0]), "-o", str(tmp / f"out{n}"), "--format", "html", "-q", "-j", "1"])
                for n in (small, large)}
        print(f"peak resident memory, -j1 (one process holds the whole batch), {small} vs {large} files:")
        for label, runs in (("--format json", {n: json_runs[n, 1] for n in (small, large)}),
                            ("-o DIR --format html (index and reports)", memo)):
            a, b = runs[small][3], runs[large][3]
            print(f"  {label:42s} {a:7.1f} MB  {b:7.1f} MB  ratio {b / a:.2f} ({large / small:.0f}× the files)")


if __name__ == "__main__":
    main()
