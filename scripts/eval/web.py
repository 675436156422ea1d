"""Score the checks on clauses harvested from public web pages (scripts/eval/web/*.tsv), not from ../shared.

    .venv/bin/python scripts/eval/web.py            # recall per file and group, alarms on the clean clauses
    .venv/bin/python scripts/eval/web.py -v         # also list the misses and the false alarms

The files were gathered by reading public pages (SAMR and provincial 公平竞争审查 typical-case reports,
备案审查 and 合法性审核 correction cases, cleanup notices) with the `search` tool; each row is one clause as the
page quotes it, labelled by us. Columns (tab separated, a header row):

    category   competition | powers | outdated | format | clean | format_clean
    group      what the clause breaks: 条例 article (8, 9, 10, 11) for competition, the power (许可, 处罚, 强制,
               收费, 证明, 义务, 其他) for powers, what is outdated (law, agency, other) for outdated, whose
               发文字号 is malformed (own, cited) for format; for clean the kind of look-alike (restatement,
               prohibition, national: a national policy restated, lookalike, plain); for format_clean, a
               well-formed 发文字号 (wellformed) or a number that is none (lookalike: 索引号, 令号, a phone number)
    clause     the clause as written on the page
    source     the page's address
    title      the page's title

A file named *_check.tsv (outdated_check.tsv) is a check half: rows set aside when they were gathered, page by
page, that no rule is tuned on; its figures are printed apart, after the rest's ("outdated (check)").

Decontamination: a row that shares 12 characters in a row with any text of ../shared (eval-dev, eval-dev2) is
dropped before scoring, so the held-out part of eval-dev2 stays unseen even where a page quotes the same
document; the count dropped is printed, never the texts.

A clause counts as found when a warning/error finding of its category quotes it, reviewed alone
(reviewtools.review.review_text); a clean clause is a false alarm when any competition, powers, outdated or
upper_law warning/error quotes it, a format_clean clause when a format one does (format_clean rows are
counted apart, and the classifier's trainer does not read them). Findings about the whole document (a missing basis clause) say nothing of
one clause and are not counted.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parents[2])]
from score import AS_OF, SHARED  # noqa: E402

WEB = Path(__file__).resolve().parent / "web"
SHARED_RUN = 12
CATEGORIES = ("competition", "powers", "outdated", "format")
# The labels a row may carry, by category (the module docstring says what each means).
GROUPS = {"competition": {"8", "9", "10", "11"}, "powers": {"许可", "处罚", "强制", "收费", "证明", "义务", "其他"},
          "outdated": {"law", "agency", "other"},
          "format": {"own", "cited"},
          "clean": {"restatement", "prohibition", "national", "lookalike", "plain"},
          "format_clean": {"wellformed", "lookalike"}}
ALARMS = ("competition", "powers", "outdated", "upper_law")
# What makes a clean row an alarm, by its category.
ALARMED_BY = {"clean": set(ALARMS), "format_clean": {"format"}}


def in_check_half(row: dict) -> bool:
    """Whether the row is in a check half (a *_check.tsv file), which nothing is tuned on."""
    return row["file"].endswith("_check.tsv")


def rows() -> list[dict]:
    out = []
    for path in sorted(WEB.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                row["file"] = path.name
                out.append(row)
    return out


def shared_grams() -> set[str]:
    """Every run of SHARED_RUN characters (whitespace dropped) of the labelled texts in ../shared."""
    from reviewtools.ingest import read_file

    grams: set[str] = set()
    for folder in ("eval-dev", "eval-dev2"):
        for path in sorted((SHARED / folder).rglob("*")):
            if not path.is_file():
                continue
            if path.suffix in (".jsonl", ".tsv", ".txt", ".md", ".json", ".csv"):
                text = path.read_text(encoding="utf-8", errors="ignore")
            else:
                try:
                    text = read_file(path).text
                except Exception:  # noqa: BLE001 - an unreadable case file holds no text to match
                    continue
            flat = "".join(text.split())
            grams.update(flat[i:i + SHARED_RUN] for i in range(len(flat) - SHARED_RUN + 1))
    return grams


def contaminated(clause: str, grams: set[str]) -> bool:
    flat = "".join(clause.split())
    return any(flat[i:i + SHARED_RUN] in grams for i in range(len(flat) - SHARED_RUN + 1))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args()
    from reviewtools import settings as settings_mod
    from reviewtools.review import review_text

    settings = settings_mod.load(None, as_of=date.fromisoformat(AS_OF))
    grams = shared_grams()
    kept, dropped = [], 0
    for row in rows():
        if contaminated(row["clause"], grams):
            dropped += 1
        else:
            kept.append(row)
    print(f"web clauses: {len(kept)} scored, {dropped} dropped as sharing {SHARED_RUN} characters with ../shared")
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for row in kept:
        clause = row["clause"].strip()
        cat = row["category"] + (" (check)" if in_check_half(row) else "")
        fired = {f.category for f in review_text(clause, settings).findings
                 if f.severity in ("error", "warning") and f.start is not None}
        if row["category"] in ALARMED_BY:
            bad = bool(fired & ALARMED_BY[row["category"]])
            tally[cat, row["group"]][0] += bad
            tally[cat, row["group"]][1] += 1
            if bad and args.verbose and not cat.endswith("(check)"):
                print(f"   alarm [{','.join(sorted(fired))}] {clause[:160]}")
        else:
            ok = row["category"] in fired
            tally[cat, row["group"]][0] += ok
            tally[cat, row["group"]][1] += 1
            if not ok and args.verbose and not cat.endswith("(check)"):
                print(f"   miss  [{cat}/{row['group']}] {clause[:160]}")
    lines = (*CATEGORIES, *ALARMED_BY)
    for cat in (*lines, *(f"{c} (check)" for c in lines)):
        groups = sorted(g for c, g in tally if c == cat)
        if not groups:
            continue
        hit = sum(tally[cat, g][0] for g in groups)
        total = sum(tally[cat, g][1] for g in groups)
        what = "false-alarm rate" if cat.split(" ")[0] in ALARMED_BY else "recall"
        print(f"{cat:20s} {what} {hit / total:.2f} ({hit}/{total})   "
              + "  ".join(f"{g} {tally[cat, g][0]}/{tally[cat, g][1]}" for g in groups))
    return 0


if __name__ == "__main__":
    sys.exit(main())
