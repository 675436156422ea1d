"""The public-page clause set (scripts/eval/web.py): rows that share text with ../shared never reach scoring."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts" / "eval"
sys.path.insert(0, str(SCRIPTS))
web = importlib.import_module("web")


def test_a_clause_sharing_twelve_characters_with_a_labelled_text_is_contaminated():
    grams = {"按其缴纳增值税地方留成部分"[i:i + web.SHARED_RUN] for i in range(2)}
    assert web.contaminated("对新落户企业，按其缴纳增值税地方留成部分给予奖励。", grams)
    # whitespace does not hide a shared run; eleven shared characters are not contamination
    assert web.contaminated("按其缴纳增值税 地方留成部", grams)
    assert not web.contaminated("按其缴纳增值税地方留成", grams)


def test_every_harvested_row_is_labelled_once_and_names_its_page():
    rows = web.rows()
    assert {row["file"] for row in rows} >= {"competition.tsv", "powers.tsv"}
    for row in rows:
        assert set(row) == {"category", "group", "clause", "source", "title", "file"}, row
        assert row["group"] in web.GROUPS[row["category"]], row
        assert row["source"].startswith(("http://", "https://")) and row["title"].strip(), row
        assert row["clause"].strip(), row
    clauses = [row["clause"].strip() for row in rows]
    assert len(clauses) == len(set(clauses))
