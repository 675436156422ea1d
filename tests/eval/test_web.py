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


def test_every_harvested_row_names_its_page_and_a_known_category():
    for row in web.rows():
        assert row["category"] in (*web.CATEGORIES, "clean"), row
        assert row["source"].startswith(("http://", "https://")), row
        assert row["clause"].strip() and row["group"].strip(), row
