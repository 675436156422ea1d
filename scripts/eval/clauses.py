"""How many clauses that official reports quoted as fair-competition violations the review flags.

    .venv/bin/python scripts/eval/clauses.py          # shares, tuning and held-out parts apart
    .venv/bin/python scripts/eval/clauses.py -v       # also list the tuning part's missed whole clauses

Each clause of ../shared/eval-dev/fc_typical_case_clauses.tsv is reviewed on its own as a one-sentence text
(reviewtools.review.review_text, default settings); it counts as found when a competition or powers finding
of warning or error severity fires on it. The split is scripts/eval/split.py's, by the `document` column.

Fragments. A report often quotes only a piece of a clause (a heading, a list item, a half sentence whose
subject or condition stands elsewhere in the document). A clause counts as whole when it has at least
12 characters without spaces and punctuation and holds a verb of regulation (须/应/给予/由/不得…); the
rest are fragments. Deposit clauses (保证金/押金) are fragments too: whether a deposit is lawful depends on
the law behind it, which the quoted clause alone does not tell. Both shares are printed: whole clauses and
all clauses.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date
from pathlib import Path

# This checkout's reviewtools and split.py, whichever one the environment installed (a worktree shares .venv).
sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]
from score import AS_OF, SHARED  # noqa: E402
from split import part as part_of  # noqa: E402

TSV = SHARED / "eval-dev" / "fc_typical_case_clauses.tsv"
MIN_CHARS = 12
_PUNCT = re.compile(r"[\s，。；：、,.;:!?！？“”\"'‘’（）()《》【】\[\]…—\-]")
VERB = re.compile("须|需|应|必须|要求|给予|予以|按|由|不得|不予|方可|才能|只能|仅|限|优先|实行|执行|统一|指定|确定|"
                  "纳入|奖励|补贴|补助|扶持|返还|减免|免|收取|缴纳|设立|注册|承担|负责|选择|采购|使用|禁止|严禁|"
                  "暂停|取消|是|为|有")
DEPOSIT = re.compile("保证金|押金")


def whole(clause: str) -> bool:
    return len(_PUNCT.sub("", clause)) >= MIN_CHARS and bool(VERB.search(clause)) and not DEPOSIT.search(clause)


def flagged(clause: str, settings) -> bool:
    from reviewtools.review import review_text

    return any(f.category in ("competition", "powers") and f.severity in ("error", "warning")
               for f in review_text(clause, settings).findings)


def shares(settings, verbose: bool = False) -> dict[tuple[str, str], tuple[int, int]]:
    """(part, whole|all) → (clauses flagged, clauses)."""
    with TSV.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    found: dict[tuple[str, str], list[int]] = {(p, k): [0, 0] for p in ("tune", "heldout") for k in ("whole", "all")}
    for row in rows:
        part = part_of(row["document"])
        clause = row["quoted_clause"].strip()
        ok = flagged(clause, settings)
        kinds = ("whole", "all") if whole(clause) else ("all",)
        for kind in kinds:
            found[part, kind][0] += ok
            found[part, kind][1] += 1
        if verbose and part == "tune" and not ok and "whole" in kinds:
            print(f"   miss  {clause[:150]}  [{row['standard_cited_by_report'][:40]}]")
    return {key: (hit, total) for key, (hit, total) in found.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true", help="list the tuning part's missed whole clauses")
    args = ap.parse_args()
    from reviewtools import settings as settings_mod

    settings = settings_mod.load(None, as_of=date.fromisoformat(AS_OF))
    for (part, kind), (hit, total) in shares(settings, args.verbose).items():
        print(f"{part:8s} {kind:6s} clauses flagged {hit / max(1, total):.2f} ({hit}/{total})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
