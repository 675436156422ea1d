"""Review one document: run every check, apply the settings, summarize, suggest a verdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewtools import __version__
from reviewtools.analyze import Analysis, Finding
from reviewtools.checks import checks
from reviewtools.document import Document
from reviewtools.settings import Settings

SCHEMA = "reviewtools.review/1"
VERDICT_NAMES = {"pass": "同意", "revise": "修改后同意", "reject": "不予同意"}
# Categories whose error-level findings, in number, make a draft one to send back rather than amend.
_REJECT_CATEGORIES = ("powers", "competition")
_REJECT_AT = 3


@dataclass
class Review:
    analysis: Analysis
    findings: list[Finding]
    waived: list[tuple[Finding, object]] = field(default_factory=list)  # (finding, Waiver), listed apart

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

    def to_dict(self) -> dict:
        a, meta, doc = self.analysis, self.analysis.meta, self.doc
        from reviewtools.checks.length import count_body

        return {
            "schema": SCHEMA,
            "tool": {"name": "reviewtools", "version": __version__},
            "as_of": a.settings.as_of.isoformat(),
            "source": {"path": doc.path, "format": doc.format, "sha256": doc.sha256, "pages": doc.pages},
            "document": {
                "title": _value(meta.title) or _value(meta.body_title),
                "doc_number": _value(meta.doc_number),
                "issuer": _value(meta.issuer),
                "issued_on": _value(meta.issued_on),
                "effective_on": _iso(_value(meta.effective_on)),
                "expires_on": meta.expires_on,
                "kind": meta.kind,
                "chars": count_body(a).body,
            },
            "findings": [f.to_dict() for f in self.findings],
            "waived": [{**f.to_dict(), "waiver": {"status": w.status, "reason": w.reason, "by": w.by, "on": w.on}}
                       for f, w in self.waived],
            "summary": self.summary,
            "verdict": self.verdict,
        }


def _value(f) -> str | None:
    return f.value if f is not None else None


def _iso(value: str | None) -> str | None:
    return value if value and len(value) == 10 and value[4] == "-" else None


def review(doc: Document, settings: Settings, waivers: list | None = None) -> Review:
    """Run every check on `doc`; findings an officer waived (see reviewtools.waivers) are set apart."""
    a = Analysis(doc, settings)
    findings: list[Finding] = []
    for check in checks():
        for f in check(a):
            if f.rule in settings.disabled:
                continue
            if f.rule in settings.severity:
                f.severity = settings.severity[f.rule]
            findings.append(f)
    kept, waived = [], []
    for f in _dedupe(findings):
        w = next((w for w in waivers or () if w.matches(f)), None)
        if w:
            waived.append((f, w))
        else:
            kept.append(f)
    return Review(a, kept, waived)


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


def exit_status(reviews: list[Review]) -> int:
    return 1 if any(f.severity == "error" for r in reviews for f in r.findings) else 0
