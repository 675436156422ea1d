"""The versioned wire schema of a review (DESIGN.md: `reviewtools review FILE --format json`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reviewtools import __version__

if TYPE_CHECKING:
    from reviewtools.review import Review

SCHEMA = "reviewtools.review/1"


def document(review: Review) -> dict:
    a = review.analysis
    meta = a.meta

    def shown(f) -> str | None:
        """A value taken whole from the text in the characters it is written in (read in simplified ones when the
        text is in traditional: Analysis.plain)."""
        if f is not None and f.start is not None and f.end is not None and f.value == a.text[f.start:f.end]:
            return a.doc.text[f.start:f.end]
        return _value(f)

    return {
        "title": shown(meta.title) or shown(meta.body_title),
        "doc_number": _value(meta.doc_number),
        "issuer": shown(meta.issuer),
        "issued_on": _value(meta.issued_on),
        "effective_on": _iso(_value(meta.effective_on)),
        "expires_on": meta.expires_on,
        "kind": meta.kind,
        "chars": review.analysis.counts.body,
    }


def as_dict(review: Review) -> dict:
    a, doc = review.analysis, review.doc
    return {
        "schema": SCHEMA,
        "tool": {"name": "reviewtools", "version": __version__},
        "as_of": a.settings.as_of.isoformat(),
        "source": {"path": doc.path, "format": doc.format, "sha256": doc.sha256, "pages": doc.pages},
        "document": dict(review.document),
        "findings": [f.to_dict() for f in review.findings],
        "waived": [{**f.to_dict(), "waiver": {"status": w.status, "reason": w.reason, "by": w.by, "on": w.on}}
                   for f, w in review.waived],
        "stale_waivers": [{"rule": w.rule, "quote": w.quote, "status": w.status, "reason": w.reason, "by": w.by,
                           "on": w.on} for w in review.stale],
        "summary": review.summary,
        "verdict": review.verdict,
        **({"rounds": review.rounds.to_dict()} if review.rounds is not None else {}),
    }


def _value(f) -> str | None:
    return f.value if f is not None else None


def _iso(value: str | None) -> str | None:
    return value if value and len(value) == 10 and value[4] == "-" else None
