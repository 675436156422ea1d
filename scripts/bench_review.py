"""Review speed: checks alone and end to end on a generated corpus, and one draft from process start.

Generates ≥10 MB of Chinese text in documents of 2–20 KB from the seed documents (or from built-in
sentences when the seeds are not beside the checkout), then prints MB/s and documents/s.
Targets: checks ≥ 5 MB/s on one core after warm-up; one draft reviewed in < 1 s including process start.
Run: .venv/bin/python scripts/bench_review.py
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
TARGET_BYTES = 10 * 1024 * 1024
EXTRA = ["对新落户本市的企业，按其缴纳增值税地方留成部分的50%给予奖励。",
         "对未按规定报送数据的企业，由市统计局处以五千元以上一万元以下罚款。",
         "根据《中华人民共和国合同法》第五十二条，合同无效。",
         "全市政府投资项目同等条件下优先采购本市企业生产的产品。",
         "由县工商行政管理局负责个体工商户登记工作。"]


def corpus() -> list[str]:
    if SEEDS.is_dir():
        lines = [ln.strip() for f in sorted(SEEDS.iterdir()) for ln in f.read_text(encoding="utf-8").splitlines()
                 if len(ln.strip()) > 20]
    else:
        lines = EXTRA * 20
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
    return docs


def main() -> None:
    from reviewtools.analyze import Analysis
    from reviewtools.checks import checks
    from reviewtools.ingest import read_bytes
    from reviewtools.review import review
    from reviewtools.settings import Settings

    docs = corpus()
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

    print(f"corpus: {len(docs)} documents, {mb:.1f} MB, {n} findings")
    print(f"{'stage':32s} {'seconds':>8s} {'MB/s':>8s} {'docs/s':>8s}  target")
    print(f"{'analysis (metadata, normalize)':32s} {t_analysis:8.2f} {mb / t_analysis:8.1f} {len(docs) / t_analysis:8.0f}")
    ok = "ok" if mb / t_checks >= 5 else "MISSED"
    print(f"{'checks alone':32s} {t_checks:8.2f} {mb / t_checks:8.1f} {len(docs) / t_checks:8.0f}  >= 5 MB/s {ok}")
    print(f"{'end to end (read+review+json)':32s} {t_e2e:8.2f} {mb / t_e2e:8.1f} {len(docs) / t_e2e:8.0f}")
    print(f"{'one draft, process start':32s} {one:8.2f} {'':8s} {'':8s}  < 1 s {'ok' if one < 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
