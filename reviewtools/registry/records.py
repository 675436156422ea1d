"""What the registry stores and gives back, as plain records: one document read in a run, one conclusion."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Record:
    """One document read in a cleanup run (a file, or an entry of a .zip), as a worker returns it."""

    source: str  # relative path (path!entry inside an archive)
    reason: str | None = None  # why it could not be read; the fields below are then empty
    warnings: list[str] = field(default_factory=list)  # what was repaired while reading it, in Chinese
    sha256: str = ""
    format: str = ""
    text: str = ""
    metadata: dict = field(default_factory=dict)
    fields: dict = field(default_factory=dict)  # title, doc_number, issuer, issued_on, effective_on, expires_on, kind, body_title
    findings: list[dict] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    verdict: str = ""
    signals: list[dict] = field(default_factory=list)  # the status signals the document itself gives
    repeals: list[dict] = field(default_factory=list)  # documents its repeal clauses name
    shingles: bytes = b""
    bands: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Conclusion:
    doc_key: str
    title: str | None
    conclusion: str  # 违反 / 不违反 / 适用例外
    reason: str
    who: str
    when: str
