"""Score the checks on labelled cases in one process (same rule as ../shared/eval-dev/score.py).

    .venv/bin/python scripts/eval/score.py                        # eval-dev, then eval-dev2 tune and held-out
    .venv/bin/python scripts/eval/score.py ../shared/eval-dev2 --part tune -v

-v lists misses and false alarms, never those of the held-out part.

Recall: an expected item is found by a warning/error finding of its category whose quote shares 4 characters
in a row with the expected quote (any finding of the category when the quote is null). False-alarm rate:
share of cases listing the category in expect_clean where a warning/error of that category fired.
Exit status 0 when every category meets --min-recall and --max-fp.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import defaultdict
from pathlib import Path

# This checkout's reviewtools and split.py, whichever one the environment installed (a worktree shares .venv).
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]
from split import part as part_of  # noqa: E402

SHARED = Path(os.environ.get("REVIEWTOOLS_SHARED", Path(__file__).resolve().parents[2] / ".." / "shared")).resolve()
AS_OF = "2026-11-22"
CAT = {"docno_format": "format"}


def overlap(a: str, b: str, k: int = 4) -> bool:
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    k = min(k, len(a), len(b))
    return any(a[i:i + k] in b for i in range(len(a) - k + 1))


def labels(folder: Path, part: str) -> list[dict]:
    rows = [json.loads(line) for line in (folder / "labels.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    if folder.name == "eval-dev" or part == "all":
        return rows if part in ("all", "tune") else []
    return [r for r in rows if part_of(r["case"]) == part]


def findings_of(path: Path, settings) -> list[dict]:
    from reviewtools.ingest import read_file
    from reviewtools.review import review

    try:
        doc = read_file(path)
    except Exception:  # noqa: BLE001 - a case the tool cannot read counts as finding nothing
        return []
    out = review(doc, settings).to_dict()["findings"]
    return [f for f in out if f["severity"] in ("error", "warning")]


def score(folder: Path, part: str, verbose: bool) -> dict[str, tuple]:
    from datetime import date

    from reviewtools import settings as settings_mod

    settings = settings_mod.load(None, as_of=date.fromisoformat(AS_OF))
    hit, total, fp, clean = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    misses, alarms = defaultdict(list), defaultdict(list)
    rows = labels(folder, part)
    for lab in rows:
        found = findings_of(folder / "cases" / lab["case"], settings)
        for exp in lab.get("expect", []):
            cat = CAT.get(exp["rule"], exp["rule"])
            total[cat] += 1
            q = exp.get("quote")
            ok = any(f["category"] == cat and (q is None or overlap(q, f.get("quote") or "")) for f in found)
            hit[cat] += ok
            if not ok:
                misses[cat].append(f"{lab['case']}: {q!r}  ({exp.get('note', '')[:60]})")
        for rule in lab.get("expect_clean", []):
            cat = CAT.get(rule, rule)
            clean[cat] += 1
            fired = [f for f in found if f["category"] == cat]
            if fired:
                fp[cat] += 1
                alarms[cat].append(f"{lab['case']}: [{fired[0]['rule']}] {fired[0].get('quote')!r}")
    print(f"== {folder.name} {part}: {len(rows)} cases")
    result = {}
    for c in sorted(set(total) | set(clean)):
        r = hit[c] / total[c] if total[c] else None
        f = fp[c] / clean[c] if clean[c] else None
        result[c] = (r, f)
        rs = f"{r:.2f} ({hit[c]}/{total[c]})" if r is not None else "n/a"
        fs = f"{f:.2f} ({fp[c]}/{clean[c]})" if f is not None else "n/a"
        print(f"{c:12s} recall {rs:14s} false-alarm rate {fs}")
        if verbose and part != "heldout":  # the held-out part is only ever seen in aggregate
            for m in misses[c]:
                print("   miss ", m[:160])
            for a in alarms[c]:
                print("   alarm", a[:160])
    allr = sum(hit.values()) / max(1, sum(total.values()))
    allf = sum(fp.values()) / max(1, sum(clean.values()))
    print(f"all          recall {allr:.2f} over {sum(total.values())}, false-alarm rate {allf:.2f} "
          f"over {sum(clean.values())}")
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="*", type=Path)
    ap.add_argument("--part", choices=["tune", "heldout", "all"], default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--min-recall", type=float, default=0.0)
    ap.add_argument("--max-fp", type=float, default=1.0)
    args = ap.parse_args()
    runs = ([(f, args.part or "all") for f in args.folders] if args.folders else
            [(SHARED / "eval-dev", "tune"), (SHARED / "eval-dev2", args.part or "tune"),
             *([(SHARED / "eval-dev2", "heldout")] if args.part is None else [])])
    good = True
    for folder, part in runs:
        for r, f in score(folder, part, args.verbose).values():
            good &= (r is None or r >= args.min_recall) and (f is None or f <= args.max_fp)
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
