"""A finding: what a check found, where, why and what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    title: str
    message: str
    quote: str | None
    start: int | None
    end: int | None
    location: dict[str, int]
    basis: str
    suggestion: str
    note: str = ""
    score: float | None = None  # set on 疑似 findings only: the sentence classifier's score (checks/suspected.py)
    ocr: bool = False  # the quote is text recognised from a scan: the memo asks for a check against the original

    @property
    def suspected(self) -> bool:
        """A 疑似 finding: the learned classifier's, not a rule's; memos list it apart, with its score."""
        return self.score is not None

    def to_dict(self) -> dict:
        return {"rule": self.rule, "category": self.category, "severity": self.severity, "title": self.title,
                "message": self.message, "quote": self.quote, "start": self.start, "end": self.end,
                "location": self.location, "basis": self.basis, "suggestion": self.suggestion,
                **({"note": self.note} if self.note else {}),
                **({"score": self.score} if self.score is not None else {}),
                **({"ocr": True} if self.ocr else {})}
