"""The clauses harvested from public pages (scripts/eval/web/*.tsv) keep the format scripts/eval/web.py reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

WEB = Path(__file__).resolve().parents[2] / "scripts" / "eval" / "web"
GROUPS = {
    "powers": {"许可", "处罚", "强制", "收费", "证明", "义务", "其他"},
    "clean": {"restatement", "prohibition", "lookalike", "plain"},
}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


@pytest.mark.parametrize("path", sorted(WEB.glob("*.tsv")), ids=lambda p: p.name)
def test_every_row_has_a_known_label_a_clause_and_its_page(path: Path):
    rows = _rows(path)
    assert rows
    for row in rows:
        assert set(row) == {"category", "group", "clause", "source", "title"}, row
        assert row["clause"].strip() and row["title"].strip(), row
        assert row["source"].startswith(("http://", "https://")), row
        if row["category"] in GROUPS:
            assert row["group"] in GROUPS[row["category"]], row


def test_a_clause_is_listed_once():
    clauses = [row["clause"].strip() for path in sorted(WEB.glob("*.tsv")) for row in _rows(path)]
    assert len(clauses) == len(set(clauses))
