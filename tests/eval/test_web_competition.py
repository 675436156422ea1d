"""The harvested competition clauses (scripts/eval/web/competition.tsv): those of the half the new families were written
from (split by source page) are found."""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from pathlib import Path

from reviewtools.review import review_text
from reviewtools.settings import Settings

TSV = Path(__file__).resolve().parents[2] / "scripts" / "eval" / "web" / "competition.tsv"
def _rows() -> list[dict]:
    with TSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def _written_from(url: str) -> bool:
    """The half of the pages (by a hash of the address) the families were written from; the other half is only checked."""
    return int(hashlib.md5(url.encode()).hexdigest(), 16) % 2 == 0


def test_investment_amount_rewards_of_the_writing_half_are_found():
    settings = Settings(as_of=date(2026, 11, 22))
    rows = [r for r in _rows() if _written_from(r["source"]) and r["category"] == "competition" and "投资" in r["clause"]
            and "%" in r["clause"] and "税" not in r["clause"]]
    assert rows
    for row in rows:
        fired = {f.category for f in review_text(row["clause"], settings).findings if f.severity in ("error", "warning")}
        assert "competition" in fired, row["clause"]
