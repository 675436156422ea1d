"""Review one document: run every check, apply the settings, summarize, suggest a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePath
from typing import TYPE_CHECKING

from reviewtools.terms import NOT_NORMATIVE_VERDICT, VERDICT_NAMES

if TYPE_CHECKING:  # the checks and the analysis are imported when a review runs, not with this package
    from reviewtools.analyze import Analysis
    from reviewtools.document import Document
    from reviewtools.findings import Finding
    from reviewtools.settings import Settings

# Categories whose error-level findings, in number, make a draft one to send back rather than amend.
_REJECT_CATEGORIES = ("powers", "competition")
_REJECT_AT = 3


@dataclass
class Review:
    analysis: Analysis
    findings: list[Finding]
    waived: list[tuple[Finding, object]] = field(default_factory=list)  # (finding, Waiver), listed apart
    stale: list = field(default_factory=list)  # Waivers that matched no finding of this review
    rounds: object | None = None  # rounds.Comparison with the previous round, when this is a round 2 (复核)

    @property
    def doc(self) -> Document:
        return self.analysis.doc

    @property
    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[f.severity] += 1
        return counts

    @property
    def verdict(self) -> str:
        """pass / revise / reject. A document that is not a normative document is never 同意: the legality
        review has nothing to approve, and 修改后同意 would say amending could make it pass; 不予同意 — not
        to be reviewed, registered or numbered as a normative document — is the honest one of the three, and
        the validity.not_normative finding says why (memos can word it 不予审核，按一般公文办理)."""
        if self.analysis.meta.not_normative:
            return "reject"
        grave = sum(1 for f in self.findings if f.severity == "error" and f.category in _REJECT_CATEGORIES)
        if grave >= _REJECT_AT:
            return "reject"
        return "revise" if any(f.severity in ("error", "warning") for f in self.findings) else "pass"

    @property
    def verdict_name(self) -> str:
        """The verdict as a memo words it: 同意 / 修改后同意 / 不予同意, or 不予审核 for what is no normative document."""
        return NOT_NORMATIVE_VERDICT if self.analysis.meta.not_normative else VERDICT_NAMES[self.verdict]

    @cached_property
    def document(self) -> dict:
        """The reviewed document's particulars as the JSON contract gives them (counted once)."""
        from reviewtools.review import contract

        return contract.document(self)

    @property
    def title(self) -> str:
        """The document's title, or its file name when no title was recognized."""
        return self.document["title"] or PurePath(self.doc.path).stem

    def to_dict(self) -> dict:
        from reviewtools.review import contract

        return contract.as_dict(self)


def review(doc: Document, settings: Settings, waivers: list | None = None) -> Review:
    """Run every check on `doc`; findings an officer waived (see reviewtools.review.waivers) are set apart."""
    from reviewtools.analyze import Analysis
    from reviewtools.checks import checks
    from reviewtools.review.waivers import apply as apply_waivers

    a = Analysis(doc, settings)
    findings: list[Finding] = []
    for check in checks():
        for f in check(a):
            if f.rule in settings.disabled:
                continue
            if f.rule in settings.severity:
                f.severity = settings.severity[f.rule]
            findings.append(f)
    # A waiver of a rule switched off is neither applied nor stale: the rule did not run.
    kept, waived, stale = apply_waivers(_dedupe(findings), [w for w in waivers or [] if w.rule not in settings.disabled])
    return Review(a, kept, waived, stale)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span; whole-document findings first, then in reading order."""
    seen, out = set(), []
    for f in findings:
        key = (f.rule, f.start, f.end)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return sorted(out, key=lambda f: (f.start is not None, f.start or 0, f.rule))


def review_text(text: str, settings: Settings, name: str = "示例.txt") -> Review:
    """Review a text as if read from a .txt file (used by rule examples and tests)."""
    from reviewtools.ingest import read_bytes

    return review(read_bytes(text.encode("utf-8"), name), settings)
