"""Mechanical fixes: the corrected wording of a finding's quote where the correction needs no judgement (the
brackets of a 发文字号, its 号, a 第 or a leading zero GB/T 9704 7.2.5 leaves out), offered to the drafter as a
tracked change. Anything else — a two-digit year (which century?), a wording — stays a comment the drafter
answers."""

from __future__ import annotations

from collections.abc import Callable

from reviewtools.extract.docnumber import DOC_NUMBER
from reviewtools.findings import Finding


def _doc_number(quote: str) -> str | None:
    """某政发[2024]3号 → 某政发〔2024〕3号, 某政发〔2024〕第03 → 某政发〔2024〕3号; None for a year not
    written out in four digits."""
    m = DOC_NUMBER.search(quote)
    if m is None or not m["year"].isdigit() or len(m["year"]) != 4:
        return None
    fixed = f"{quote[:m.start()]}{m['code']}〔{int(m['year'])}〕{int(m['serial'])}号{quote[m.end():]}"
    return fixed if fixed != quote else None


# Rule id → the fix of its quote.
FIXES: dict[str, Callable[[str], str | None]] = {
    "format.doc_number": _doc_number,
    "format.cited_doc_number": _doc_number,
}


def replacement(f: Finding) -> str | None:
    """What the quote of `f` should read, when a rule's fix is mechanical; else None."""
    fix = FIXES.get(f.rule)
    return fix(f.quote) if fix is not None and f.quote else None
