"""What the office does with a cleanup in the registry: proposals, its decisions (a history apart from the
proposals), the previous and the published catalogues, and fair-competition reviewers' conclusions."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from reviewtools.errors import UsageError
from reviewtools.registry.base import Store, as_json, excluding, now
from reviewtools.registry.records import Conclusion
from reviewtools.terms import REVIEWER_CONCLUSIONS


class Office(Store):
    def save_proposals(self, run_id: int, year: int, proposals: Iterable[tuple[int, int, str, list[str], int | None]]):
        """(document_id, version_id, status, reasons, replaced_by) for every document of the run; proposals
        of this run for documents no longer in it are dropped."""
        with self.transaction() as c:
            kept = []
            for document_id, version_id, status, reasons, replaced_by in proposals:
                c.execute("INSERT INTO proposals (year, run_id, document_id, version_id, status, reasons, replaced_by) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (year, document_id) DO UPDATE SET "
                          "run_id = excluded.run_id, version_id = excluded.version_id, status = excluded.status, "
                          "reasons = excluded.reasons, replaced_by = excluded.replaced_by",
                          (year, run_id, document_id, version_id, status, as_json(reasons), replaced_by))
                kept.append(document_id)
            others, args = excluding("document_id", kept)
            c.execute(f"DELETE FROM proposals WHERE year = ? AND run_id = ? AND {others}", (year, run_id, *args))

    def proposals_by_path(self, run_id: int) -> dict[str, tuple[str, list[str]]]:
        """source → (status, reasons) for every readable document of the run."""
        rows = self.all("SELECT i.source, p.status, p.reasons FROM run_items i JOIN versions v ON v.id = i.version_id "
                        "JOIN runs r ON r.id = i.run_id "
                        "JOIN proposals p ON p.document_id = v.document_id AND p.year = r.year "
                        "WHERE i.run_id = ? ORDER BY i.source", run_id)
        return {r["source"]: (r["status"], json.loads(r["reasons"])) for r in rows}

    def latest_year(self) -> int | None:
        return self.one("SELECT max(year) FROM proposals")[0]

    def years(self) -> list[int]:
        """The years with proposals, the latest first."""
        return [r[0] for r in self.all("SELECT DISTINCT year FROM proposals ORDER BY year DESC")]

    def worklist(self, year: int, texts: bool = False, document_id: int | None = None) -> list:
        """Each document proposed this year (or only `document_id`) with its proposal, latest decision and the
        path it was read from."""
        return self.all(
            "SELECT d.id AS document_id, d.doc_key, d.title, d.doc_number, d.issuer, d.issued_on, d.effective_on, "
            f"d.expires_on, d.kind, p.status AS proposed, p.reasons, p.version_id, {'v.text' if texts else 'NULL'} AS text, "
            "vp.path, "
            "rd.title AS replaced_title, rd.doc_number AS replaced_number, "
            "dec.status AS decided, dec.reason AS decision_reason, dec.note AS decision_note, dec.who, dec.decided_at "
            "FROM proposals p JOIN documents d ON d.id = p.document_id JOIN versions v ON v.id = p.version_id "
            "LEFT JOIN version_paths vp ON vp.run_id = p.run_id AND vp.version_id = p.version_id "
            "LEFT JOIN documents rd ON rd.id = p.replaced_by "
            "LEFT JOIN decisions dec ON dec.id = (SELECT max(id) FROM decisions WHERE year = p.year "
            "AND document_id = p.document_id) "
            f"WHERE p.year = ? {'' if document_id is None else 'AND p.document_id = ? '}"
            "ORDER BY coalesce(d.issued_on, '9999'), d.doc_number NULLS FIRST, d.title NULLS FIRST, d.id",
            *((year,) if document_id is None else (year, document_id)))

    def record_decisions(self, year: int, decisions: Iterable[tuple[int, str, str, str]], who: str) -> int:
        """(document_id, status, reason, note) each; one that repeats the latest decision is not recorded again.
        All or nothing. Returns how many were recorded."""
        recorded = 0
        with self.transaction() as c:
            for document_id, status, reason, note in decisions:
                last = c.execute("SELECT status, reason, note, who FROM decisions WHERE year = ? AND document_id = ? "
                                 "ORDER BY id DESC LIMIT 1", (year, document_id)).fetchone()
                if last and tuple(last) == (status, reason, note, who):
                    continue
                c.execute("INSERT INTO decisions (year, document_id, status, reason, note, who, decided_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?)", (year, document_id, status, reason, note, who, now()))
                recorded += 1
        return recorded

    # ------------------------------------------------------------------ catalogues

    def replace_previous(self, year: int, rows: list[dict], source: str) -> None:
        """Last year's catalogue as imported for `year` (rows: title, doc_number, issuer, issued_on, status, seq, raw)."""
        with self.transaction() as c:
            c.execute("DELETE FROM previous_catalogue WHERE year = ?", (year,))
            c.executemany("INSERT INTO previous_catalogue (year, row, seq, title, doc_number, issuer, issued_on, status, "
                          "raw, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [(year, r["row"], r.get("seq"), r["title"], r.get("doc_number"), r.get("issuer"),
                            r.get("issued_on"), r.get("status"), as_json(r.get("raw", {})), source) for r in rows])

    def previous_rows(self, year: int) -> list:
        return self.all("SELECT * FROM previous_catalogue WHERE year = ? ORDER BY row", year)

    def match_previous(self, year: int, matches: dict[int, int | None]) -> None:
        """previous_catalogue row id → document id (None: no longer in the folder)."""
        with self.transaction() as c:
            c.executemany("UPDATE previous_catalogue SET document_id = ? WHERE id = ?",
                          [(doc, row) for row, doc in matches.items()])

    def record_edition(self, year: int, entries: list[dict], then: Callable[[], object] = lambda: None) -> int:
        """A published catalogue (the valid entries, without their texts); next year's cleanup starts from it.
        `then` (putting the files in place) runs inside the same transaction: if it fails, nothing is recorded."""
        with self.transaction() as c:
            edition = c.execute("INSERT INTO catalogue_editions (year, published_at, entries) VALUES (?, ?, ?) "
                                "RETURNING id", (year, now(), as_json(entries))).fetchone()[0]
            then()
            return edition

    def edition(self, year: int) -> list[dict] | None:
        row = self.one("SELECT entries FROM catalogue_editions WHERE year = ? ORDER BY id DESC LIMIT 1", year)
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------------ fair-competition conclusions

    def record_conclusion(self, doc_key: str, conclusion: str, reason: str = "", who: str = "", *,
                          title: str | None = None, sha256: str | None = None, when: str | None = None) -> int:
        """A reviewer's conclusion on a document: 违反 / 不违反 / 适用例外, with the reason."""
        if conclusion not in REVIEWER_CONCLUSIONS:
            raise UsageError(f"审查结论“{conclusion}”无效，应为{'、'.join(REVIEWER_CONCLUSIONS)}之一")
        with self.transaction() as c:
            return c.execute("INSERT INTO conclusions (doc_key, title, sha256, conclusion, reason, who, decided_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             (doc_key, title, sha256, conclusion, reason, who, when or now())).fetchone()[0]

    def latest_conclusion(self, doc_key: str) -> Conclusion | None:
        row = self.one("SELECT * FROM conclusions WHERE doc_key = ? ORDER BY decided_at DESC, id DESC LIMIT 1", doc_key)
        if row is None:
            return None
        return Conclusion(row["doc_key"], row["title"], row["conclusion"], row["reason"], row["who"], row["decided_at"])
