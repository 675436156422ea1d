"""Review speed: checks alone and end to end on a real-shaped corpus, and one draft from process start.

Builds ≥10 MB of Chinese text in documents of 2–20 KB from the lines of the seed documents (real
government documents: REVIEWTOOLS_SEEDS, by default ../shared/seeds), one line in twenty a sentence that
draws a finding, then prints MB/s, documents/s, and the ratio to one Aho-Corasick pass over the same text
with the rules' anchors, measured in the same run. Without the seeds it refuses to run; `--synthetic` asks
for a corpus of built-in sentences instead, and the report says which corpus it measured.
Targets: checks ≥ 5 MB/s on one core after warm-up; one draft reviewed in < 1 s including process start.
Run: .venv/bin/python scripts/bench_review.py [--synthetic]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("REVIEWTOOLS_SEEDS") or ROOT.parent / "shared" / "seeds").resolve()
TARGET_BYTES = 10 * 1024 * 1024
EXTRA = ["对新落户本市的企业，按其缴纳增值税地方留成部分的50%给予奖励。",
         "对未按规定报送数据的企业，由市统计局处以五千元以上一万元以下罚款。",
         "根据《中华人民共和国合同法》第五十二条，合同无效。",
         "全市政府投资项目同等条件下优先采购本市企业生产的产品。",
         "由县工商行政管理局负责个体工商户登记工作。"]


def corpus(synthetic: bool) -> tuple[str, list[str]]:
    """(what was measured, the documents)."""
    if synthetic:
        lines, name = EXTRA * 20, "synthetic: five built-in finding sentences (asked for with --synthetic)"
    else:
        files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
        if not files:
            sys.exit(f"找不到种子文档：{SEEDS}（设置 REVIEWTOOLS_SEEDS，或用 --synthetic 明确要求合成语料）")
        lines = [ln.strip() for f in files for ln in f.read_text(encoding="utf-8").splitlines() if len(ln.strip()) > 20]
        name = f"seeds: {len(files)} documents in {SEEDS}, {len(lines)} lines"
    rng = random.Random(7)
    docs, total = [], 0
    while total < TARGET_BYTES:
        size = rng.randint(2_000, 20_000)
        parts, n = ["某市关于促进经济发展的若干措施"], 0
        while n < size:
            line = rng.choice(lines) if rng.random() > 0.05 else rng.choice(EXTRA)
            parts.append(line)
            n += len(line.encode("utf-8"))
        text = "\n".join(parts)
        docs.append(text)
        total += len(text.encode("utf-8"))
    return name, docs


def automaton_pass(docs: list[str]) -> float:
    """Seconds for one pass of an automaton holding every rule anchor over the corpus (the reference)."""
    import ahocorasick

    from reviewtools.data.rules import all_rules

    auto = ahocorasick.Automaton()
    for rule in all_rules().values():
        for anchor in rule.anchors:
            auto.add_word(anchor, anchor)
    auto.make_automaton()
    t = time.perf_counter()
    for d in docs:
        for _ in auto.iter(d):
            pass
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", action="store_true", help="measure built-in sentences instead of the seeds")
    args = parser.parse_args()
    from reviewtools.analyze import Analysis
    from reviewtools.checks import checks
    from reviewtools.ingest import read_bytes
    from reviewtools.review import review
    from reviewtools.settings import Settings

    name, docs = corpus(args.synthetic)
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    settings = Settings()
    read = [read_bytes(d.encode("utf-8"), f"d{i}.txt") for i, d in enumerate(docs)]
    review(read[0], settings)  # warm-up: load rules, corpora, automaton

    t = time.perf_counter()
    analyses = [Analysis(d, settings) for d in read]
    t_analysis = time.perf_counter() - t
    t = time.perf_counter()
    n = 0
    for a in analyses:
        for check in checks():
            n += sum(1 for _ in check(a))
    t_checks = time.perf_counter() - t

    t = time.perf_counter()
    for d in docs:
        review(read_bytes(d.encode("utf-8"), "x.txt"), settings).to_dict()
    t_e2e = time.perf_counter() - t

    t_auto = automaton_pass(docs)

    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.txt"
        draft.write_text(docs[0], encoding="utf-8")
        exe = Path(sys.executable).parent / "reviewtools"
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([str(exe), "review", str(draft), "--format", "json"], capture_output=True)
            runs.append(time.perf_counter() - t)
        one = sorted(runs)[len(runs) // 2]

    print(f"corpus: {name}")
    print(f"        {len(docs)} documents, {mb:.1f} MB, {n} findings")
    print(f"{'stage':32s} {'seconds':>8s} {'MB/s':>8s} {'docs/s':>8s} {'× automaton':>11s}  target")
    print(f"{'reference: one automaton pass':32s} {t_auto:8.2f} {mb / t_auto:8.1f} {len(docs) / t_auto:8.0f} {1:11.1f}")
    def row(stage: str, seconds: float, target: str = "") -> None:
        print(f"{stage:32s} {seconds:8.2f} {mb / seconds:8.1f} {len(docs) / seconds:8.0f} {seconds / t_auto:11.1f}  {target}")

    row("analysis (metadata, normalize)", t_analysis)
    row("checks alone", t_checks, f">= 5 MB/s {'ok' if mb / t_checks >= 5 else 'MISSED'}")
    row("end to end (read+review+json)", t_e2e)
    print(f"{'one draft, process start':32s} {one:8.2f} {'':8s} {'':8s}  < 1 s {'ok' if one < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
