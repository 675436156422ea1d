#!/usr/bin/env python3
"""Cleanup speed, memory and registry size, every figure beside a reference measured in the same run.

    .venv/bin/python scripts/bench_cleanup.py [--docs 2000] [--large 100000]

The corpus is built from the real seed documents (REVIEWTOOLS_SEEDS, by default ../shared/seeds): each
document of about 8 KB is a title, a 文号, clauses of the seeds' lines drawn at random (so that two
unrelated documents share phrases, not whole lines, as two real ones do), a date and a signature; one in
fifty starts a family of near-identical documents (another 文号, one clause rewritten), and one family has
--family members, to show that the near-duplicate search stays linear in a family.

Each run is a fresh process (`reviewtools.cleanup.run`), measured in CPU time of the process and all its
workers (resource.getrusage incl. children: this machine is shared, wall time is noise) and in wall time.
Printed: documents/s on 1 and 2 local workers (their ratio), the same on a distributed.LocalCluster of
two worker processes (ratio to local), the cleanup's CPU per document against one Aho-Corasick pass of the
rules' anchors over the same text and against jieba segmenting it, the SUM of the workers' peak memory
(and the main process's), registry bytes per document, near-duplicate candidates per document.
--large N measures N documents once with 2 local workers and extrapolates 1,000,000.
Target: ≥ 150 documents/s on 2 cores (2 / CPU seconds per document, and wall time when the machine is idle).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_review import automaton_pass  # noqa: E402 - the same reference as the review benchmark, from scripts/

SEEDS = Path(os.environ.get("REVIEWTOOLS_SEEDS") or ROOT.parent / "shared" / "seeds").resolve()
AS_OF = date(2026, 11, 22)
SIZE = 8_000  # bytes of body per document
_CLAUSE = re.compile(r"[^，。；：！？,;:]+[，。；：！？,;:]?")


def clauses() -> list[str]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        sys.exit(f"找不到种子文档：{SEEDS}（设置 REVIEWTOOLS_SEEDS）")
    lines = [ln.strip() for f in files for ln in f.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 20]
    return [c for ln in lines for c in _CLAUSE.findall(ln) if len(c) >= 6]


def document(i: int, pool: list[str], rng: random.Random) -> str:
    year = 2016 + i % 10
    parts, n = [], 0
    while n < SIZE:
        line = "".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
        parts.append(line)
        n += len(line.encode("utf-8"))
    head = [f"关于印发某县第{i}号工作方案的通知", f"某政发〔{year}〕{i}号", "各乡镇人民政府，县政府各部门："]
    return "\n".join(head + parts + ["某县人民政府", f"{year}年{1 + i % 12}月{1 + i % 28}日"]) + "\n"


def generate(folder: Path, n: int, family: int) -> tuple[int, int]:
    """n documents in folder/<thousands>/; returns (members of near-identical families, size of the largest)."""
    pool, rng = clauses(), random.Random(7)
    members, i = 0, 0
    while i < n:
        base = document(i, pool, rng)
        size = family if i == 0 else (rng.randint(2, 20) if rng.random() < 0.02 else 1)
        for k in range(min(size, n - i)):
            text = base
            if k:  # another 文号, one clause rewritten
                lines = base.splitlines()
                lines[1] = f"某政办发〔2024〕{i}号"
                j = 3 + k % (len(lines) - 6)
                lines[j] = rng.choice(pool) + lines[j][len(lines[j]) // 3:]
                text = "\n".join(lines) + "\n"
                members += 1
            sub = folder / f"{i // 1000:04d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"{i:07d}.txt").write_text(text, encoding="utf-8")
            i += 1
    return members, family


class Peaks:
    """Every descendant process's peak resident memory (VmHWM), sampled until it exits: summed, not the largest."""

    def __init__(self) -> None:
        import psutil

        self.me, self.peak, self._stop = psutil.Process(), {}, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            for p in self.me.children(recursive=True):
                try:
                    with open(f"/proc/{p.pid}/status") as f:
                        hwm = next(int(ln.split()[1]) for ln in f if ln.startswith("VmHWM"))
                except (OSError, StopIteration, ValueError):
                    continue
                self.peak[p.pid] = max(self.peak.get(p.pid, 0), hwm)

    def stop(self) -> tuple[int, float]:
        self._stop.set()
        self._thread.join()
        return len(self.peak), sum(self.peak.values()) / 1024


def cpu() -> float:
    """CPU seconds of this process and of every process under it, live or exited: a pool's workers are forked by
    its forkserver (reviewtools.processes), so their time reaches RUSAGE_CHILDREN only once the server is waited
    for; until then it is the server's (its exited children) or their own."""
    import psutil

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    for p in psutil.Process().children(recursive=True):
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:  # exited meanwhile: its time is its parent's now, a little lost to the count
            continue
        total += t.user + t.system + t.children_user + t.children_system
    return total


def child(folder: str, db: str, workers: int, engine: str) -> None:
    """One measured run, in its own process so that its CPU time and memory are this run's alone."""
    from reviewtools import cleanup

    cluster = None
    if engine == "dask":
        from distributed import LocalCluster

        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=50)
    peaks, marks = Peaks(), {}

    class Bar:  # the progress bar's context ends when every file is read and stored
        def __init__(self, total):
            pass

        def __enter__(self):
            return lambda: None

        def __exit__(self, *exc):
            marks["read"] = (cpu(), time.perf_counter())

    c0, t0 = cpu(), time.perf_counter()
    result = cleanup.run(folder, AS_OF.year, AS_OF, db=db, workers=workers, progress=Bar, engine=engine,
                         scheduler=cluster.scheduler_address if cluster else None)
    t1 = time.perf_counter()
    if cluster:
        cluster.close()  # its workers' CPU time counts once they have exited (RUSAGE_CHILDREN)
    processes, workers_mb = peaks.stop()
    from reviewtools.registry import Registry

    with Registry(db) as reg:
        candidates = sum(1 for _ in reg.candidate_pairs(result.run_id, 8))
    size = sum(os.path.getsize(p) for p in Path(db).parent.glob(Path(db).name + "*") if not p.name.endswith(".lock"))
    print(json.dumps({
        "files": result.files, "wall": t1 - t0, "cpu": cpu() - c0,
        "read_cpu": marks["read"][0] - c0, "read_wall": marks["read"][1] - t0,
        "near_duplicates": len(result.near_duplicates), "candidates": candidates, "registry_bytes": size,
        "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "workers_mb": workers_mb,
        "processes": processes,
    }))


def measure(folder: Path, db: Path, workers: int, engine: str = "local") -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(folder), str(db), str(workers), engine],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def references(folder: Path, sample: int = 500) -> dict:
    """CPU seconds per document of one automaton pass of the rules' anchors, and of jieba, over the same files
    (jieba None where it is not installed: the tool does not need it, only this comparison)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))[:sample]]
    automaton = automaton_pass(texts) / len(texts)
    size = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
    try:
        import jieba
    except ImportError:
        return {"automaton": automaton, "jieba": None, "bytes": size}
    jieba.setLogLevel(60)
    jieba.initialize()
    t = time.process_time()
    for text in texts:
        jieba.lcut(text)
    return {"automaton": automaton, "jieba": (time.process_time() - t) / len(texts), "bytes": size}


def breakdown(folder: Path, sample: int = 300) -> dict[str, float]:
    """Where one worker's time goes, CPU ms per document over `sample` files read in this process (after a
    warm-up): reading, the review's checks, the cleanup's own part (fingerprint, repeal clauses, the record)."""
    from reviewtools.cleanup import similarity, worker
    from reviewtools.extract.repeals import find_repealed
    from reviewtools.ingest import read_file
    from reviewtools.registry import Registry
    from reviewtools.review import review
    from reviewtools.settings import Settings

    settings = Settings()
    worker.prepare(settings)
    files = sorted(folder.rglob("*.txt"))[:sample + 20]
    for p in files[:20]:
        worker.read(str(p), p.name, 0, 0)
    files = files[20:]
    parts, docs = {}, []

    def timed(name, f, items):
        t = time.process_time()
        out = [f(x) for x in items]
        parts[name] = (time.process_time() - t) / len(items) * 1000
        return out

    results = timed("worker.read, all of it", lambda p: worker.read(str(p), p.name, 0, 0), files)
    docs = timed("  reading (ingest)", read_file, files)
    reviews = timed("  review (the checks)", lambda d: review(d, settings), docs)
    timed("  review's JSON (to_dict)", lambda r: r.to_dict(), reviews)
    timed("  fingerprint (shingles, MinHash, LSH)", lambda d: similarity.fingerprint(d.text), docs)
    timed("  repeal clauses", lambda d: find_repealed(d.text), docs)
    with tempfile.TemporaryDirectory() as tmp, Registry(Path(tmp) / "r.sqlite") as reg:
        run_id, _ = reg.start_run(2026, "x", "y")
        with reg.batch():
            timed("registry write (main process, batched)",
                  lambda r: reg.store_file(run_id, r.path, r.size, r.mtime_ns, r.sha256, r.records), results)
    return parts


def row(name: str, n: int, r: dict, ref: dict | None = None) -> str:
    per = r["cpu"] / n
    line = (f"{name:<26} {n:>7} {n / r['wall']:>8.1f} {2 / per:>9.1f} {per * 1000:>7.2f} "
            f"{r['workers_mb']:>8.0f} ({r['processes']}) {r['main_mb']:>7.0f} {r['registry_bytes'] / n:>8.0f} "
            f"{r['candidates'] / n:>6.1f}")
    if ref:
        line += f"   ×{(n / r['wall']) / (ref['docs'] / ref['wall']):.2f} wall, ×{(ref['cpu'] / ref['docs']) / per:.2f} CPU"
    return line


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--family", type=int, default=200, help="members of the largest near-identical family")
    parser.add_argument("--large", type=int, help="measure this many documents once (2 workers) and extrapolate 1,000,000")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], int(args.child[2]), args.child[3])
        return
    with tempfile.TemporaryDirectory() as tmp:
        n = args.large or args.docs
        folder = Path(tmp) / "docs"
        t = time.perf_counter()
        members, family = generate(folder, n, args.family)
        ref = references(folder)
        print(f"corpus: {n} documents of {ref['bytes'] / 1000:.1f} KB from the clauses of {SEEDS} "
              f"({members} in near-identical families, the largest {family}); built in {time.perf_counter() - t:.0f} s")
        print(f"{'run':<26} {'docs':>7} {'docs/s':>8} {'2 cores':>9} {'ms CPU':>7} {'workers MB':>13} {'main MB':>7} "
              f"{'reg B/doc':>8} {'cand/doc':>6}")
        print(f"{'':<26} {'':>7} {'(wall)':>8} {'(by CPU)':>9} {'/doc':>7} {'(sum, procs)':>13}")
        runs = [("local, 1 worker", 1, "local"), ("local, 2 workers", 2, "local"),
                ("LocalCluster, 2 workers", 2, "dask")] if not args.large else [("local, 2 workers", 2, "local")]
        results = {}
        for name, workers, engine in runs:
            r = measure(folder, Path(tmp) / f"{engine}{workers}.sqlite", workers, engine)
            assert r["files"] == n, r
            r["docs"] = n
            base = results.get("local, 1 worker") if workers == 2 and engine == "local" else results.get("local, 2 workers")
            print(row(name, n, r, base if name != "local, 1 worker" else None))
            results[name] = r
        two = results["local, 2 workers"]
        per = two["cpu"] / n
        jieba = (f"×{per / ref['jieba']:.2f} jieba segmenting it ({ref['jieba'] * 1000:.1f} ms)" if ref["jieba"]
                 else "jieba not installed (pip install jieba for that reference)")
        print(f"cleanup CPU per document: ×{per / ref['automaton']:.1f} one automaton pass of the rules' anchors "
              f"({ref['automaton'] * 1000:.2f} ms), {jieba}")
        print(f"reading and storing: {two['read_cpu'] / n * 1000:.2f} ms CPU per document; after it (near-duplicates, "
              f"proposals, catalogue): {(two['cpu'] - two['read_cpu']) / n * 1000:.2f} ms; near-duplicate pairs "
              f"{two['near_duplicates']}, LSH candidates {two['candidates']} ({two['candidates'] / n:.2f} per document)")
        if not args.large:
            parts = breakdown(folder)
            print("where one document's time goes (CPU ms, in one process):")
            for name, ms in parts.items():
                print(f"  {name:<42} {ms:6.2f} ms  ×{ms / (ref['automaton'] * 1000):5.1f} automaton pass")
        verdict = "met" if 2 / per >= 150 else "MISSED"
        print(f"target ≥ 150 documents/s on 2 cores: {2 / per:.0f} by CPU time ({2 / per / 150:.2f}× the target; "
              f"{n / two['wall']:.0f} by wall time on this shared machine) — {verdict}")
        if args.large:
            extrapolate(two, n, measure_small(Path(tmp), n // 10, args.family), n // 10)


def measure_small(tmp: Path, n: int, family: int) -> dict:
    """The same run on a tenth of the documents: with the large run, the slope of what grows with the count."""
    folder = tmp / "small"
    generate(folder, n, family)
    return measure(folder, tmp / "small.sqlite", 2, "local")


def extrapolate(large: dict, n: int, small: dict, m: int) -> None:
    """1,000,000 documents from two sizes (linear in the count), and which resource runs out first on this machine."""
    scale = 1_000_000 / n
    cpu_h = large["cpu"] * scale / 3600
    per_doc_mb = (large["main_mb"] - small["main_mb"]) / (n - m)
    main_gb = (large["main_mb"] + per_doc_mb * (1_000_000 - n)) / 1024
    registry_gb = large["registry_bytes"] * scale / 1e9
    ram_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e9
    disk_gb = shutil.disk_usage(tempfile.gettempdir()).free / 1e9
    print(f"1,000,000 extrapolated (linear from {m} and {n}): {cpu_h:.1f} CPU hours ({cpu_h / 2:.1f} h on 2 cores), "
          f"registry {registry_gb:.1f} GB ({disk_gb:.0f} GB free), main process {main_gb:.1f} GB "
          f"({per_doc_mb * 1024:.1f} KB per document above {small['main_mb']:.0f} MB; this machine has {ram_gb:.0f} GB)")
    shares = {"main process memory": main_gb * 1.073741824 / ram_gb, "registry disk": registry_gb / disk_gb}
    first = max(shares, key=shares.get)
    print(f"first to break: {first} ({shares[first]:.0%} of this machine's); CPU time only grows (no quadratic stage: "
          f"LSH candidates {large['candidates'] / n:.2f} per document at {n}, {small['candidates'] / m:.2f} at {m})")


if __name__ == "__main__":
    main()
