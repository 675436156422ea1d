"""Start-up and batch review: one draft from process start, a folder on one core and on two, memory per folder size.

Builds folders of real-shaped drafts from the seed documents (real government documents: REVIEWTOOLS_SEEDS, by
default ../shared/seeds): each file is one seed with its paragraphs rotated and a title of its own, so files
differ as a folder's do. Every figure is printed beside a reference measured in the same run (the machine may be
shared): CPU time from process start of `review FILE --format json` against `python -c pass` and a bare
`import reviewtools`; `review DIR` with -j1 against -j2 (wall time, and CPU time including the workers); peak
resident memory of `review DIR` for a small and a large folder (their ratio: flat is 1.0).
Targets: start-up ≤ 0.25 s CPU; -j2 ≥ 1.8× faster than -j1 on 2 cores; memory ratio close to 1.
Run: .venv/bin/python scripts/bench_batch.py [--files 400] [--memory 500,2000] [--runs 5]
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

# Peak resident memory of a command and its processes (the largest of them), in MB, reported by a wrapper.
_PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
         "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


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


def cpu(args: list[str], runs: int) -> float:
    """Median CPU seconds (user + system, child processes included) of `args` over `runs` runs."""
    times = []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return sorted(times)[len(times) // 2]


def timed(args: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of it and its processes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def peak_mb(args: list[str]) -> float:
    out = subprocess.run([sys.executable, "-c", _PEAK, *args], env=ENV, capture_output=True, text=True, check=True)
    return int(out.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=400, help="files in the folder reviewed with -j1 and -j2")
    parser.add_argument("--memory", default="500,2000", help="the two folder sizes whose peak memory is compared")
    parser.add_argument("--runs", type=int, default=5, help="runs of each start-up measurement (the median is kept)")
    args = parser.parse_args()
    small, large = (int(n) for n in args.memory.split(","))
    docs = seeds()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        draft = tmp / "draft" / "草案.txt"
        draft.parent.mkdir()
        draft.write_text("\n".join(docs[0]) + "\n", encoding="utf-8")
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

        folder = tmp / f"folder{args.files}"
        size = build(folder, args.files, docs)
        runs = {jobs: timed([*REVIEW, str(folder), "--format", "json", "-q", "-j", str(jobs)]) for jobs in (1, 2)}
        (w1, c1), (w2, c2) = runs[1], runs[2]
        print(f"review DIR ({args.files} files, {size / 1e6:.1f} MB), --format json:")
        print(f"  -j1  {w1:6.2f} s wall  {c1:6.2f} s CPU  {size / 1e6 / w1:5.2f} MB/s")
        print(f"  -j2  {w2:6.2f} s wall  {c2:6.2f} s CPU incl. workers  {size / 1e6 / w2:5.2f} MB/s")
        print(f"  -j2 is {w1 / w2:.2f}× faster than -j1  {'ok' if w1 / w2 >= 1.8 else 'under'} (target ≥ 1.8);"
              f" CPU -j2/-j1 {c2 / c1:.2f}")

        peaks = {}
        for n in (small, large):
            sub = tmp / f"memory{n}"
            build(sub, n, docs)
            peaks[n] = (peak_mb([*REVIEW, str(sub), "--format", "json", "-j", "1"]),
                        peak_mb([*REVIEW, str(sub), "-o", str(tmp / f"out{n}"), "--format", "html", "-q", "-j", "1"]))
        print(f"peak resident memory, -j1 (one process holds the whole batch), {small} vs {large} files:")
        for i, label in enumerate(("--format json", "-o DIR --format html (index and reports)")):
            a, b = peaks[small][i], peaks[large][i]
            print(f"  {label:42s} {a:7.1f} MB  {b:7.1f} MB  ratio {b / a:.2f} ({large / small:.0f}× the files)")


if __name__ == "__main__":
    main()
