"""有效期: whether one is stated, whether it is too long, whether it has ended."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from reviewtools.analyze import Analysis, Finding
from reviewtools.extract.kinds import RULE_KINDS
from reviewtools.text import regex_cache

_TRIAL = regex_cache.compile(r"暂行|试行")
_YEARS = regex_cache.compile(r"^(\d+)年$")


def _with_validity(clause: str | None, kind: str, years: int) -> str:
    """The document's own 施行 clause with a validity period added (本措施自2025年3月1日起施行，有效期5年), or one
    in the document's own name for itself when it has none (本措施自印发之日起施行，有效期5年)."""
    if clause:
        return f"{clause.rstrip('。；;，, ')}，有效期{years}年"
    return f"本{kind[-2:]}自印发之日起施行，有效期{years}年"


def check(a: Analysis) -> Iterator[Finding]:
    m, s = a.meta, a.settings
    if m.not_normative:
        title = m.title if m.title is not None and m.title.start is not None else None
        yield a.finding("validity.not_normative", *((title.start, title.end) if title else (None, None)),
                        what=m.not_normative)
        return
    title = " ".join(f.value for f in (m.title, m.body_title) if f)
    if m.validity is None:
        if m.kind in RULE_KINDS:
            eff = m.effective_on
            span = (eff.start, eff.end) if eff and eff.text and eff.start is not None else (None, None)
            yield a.finding("validity.missing", *span, limit=s.validity_max_years,
                            clause=_with_validity(eff.text if span[0] is not None else None, m.kind,
                                                  s.validity_max_years))
        return
    v = m.validity
    years = _YEARS.match(v.value)
    limit = s.trial_max_years if _TRIAL.search(title) else s.validity_max_years
    if years and int(years[1]) > limit:
        yield a.finding("validity.too_long", v.start, v.end, years=years[1], limit=limit,
                        kind="暂行、试行文件" if _TRIAL.search(title) else "规范性文件")
    if m.expires_on and date.fromisoformat(m.expires_on) < s.as_of:
        yield a.finding("validity.expired", v.start, v.end, date=m.expires_on)
    eff, issued = m.effective_on, m.issued_on
    if eff and issued and re.fullmatch(r"\d{4}-\d{2}-\d{2}", eff.value) and eff.value < issued.value:
        yield a.finding("validity.effective_before_issued", eff.start, eff.end, effective=eff.value,
                        issued=issued.value)
