"""Cleanup runs in the registry: the files read, the documents and versions they hold, their reviews, and the
near-duplicate search over the versions' fingerprints.

A document is identified by its key (normalized 文号, else normalized title); each distinct content (sha256)
is one version of it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from reviewtools.registry.base import Store, as_json, excluding, now
from reviewtools.registry.keys import doc_key, title_key
from reviewtools.registry.records import Record


class Runs(Store):
    def start_run(self, year: int, as_of: str, root: str) -> tuple[int, str | None]:
        """The run for (year, as_of, root), created or taken up again; with the status it had (None: new)."""
        with self.transaction() as c:
            row = c.execute("SELECT id, status FROM runs WHERE year = ? AND as_of = ? AND root = ?",
                            (year, as_of, root)).fetchone()
            if row:
                c.execute("UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?", (row["id"],))
                return row["id"], row["status"]
            return c.execute("INSERT INTO runs (year, as_of, root, started_at, status) VALUES (?, ?, ?, ?, 'running') "
                             "RETURNING id", (year, as_of, root, now())).fetchone()[0], None

    def end_run(self, run_id: int, status: str) -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", (status, now(), run_id))

    def file_states(self, run_id: int) -> dict:
        return {r["path"]: r for r in self.all("SELECT * FROM run_files WHERE run_id = ?", run_id)}

    def store_file(self, run_id: int, path: str, size: int, mtime_ns: int, sha256: str | None,
                   records: list[Record]) -> None:
        """Everything read from one file, in one transaction: its versions, reviews and run rows."""
        failed = len(records) == 1 and records[0].reason is not None and records[0].source == path
        with self.transaction() as c:
            sources = []
            for rec in records:
                version_id = None if rec.reason else self._store_version(c, rec)
                if version_id is not None:
                    c.execute("INSERT INTO reviews (version_id, run_id, findings, summary, verdict, signals) "
                              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version_id, run_id) DO UPDATE SET "
                              "findings = excluded.findings, summary = excluded.summary, verdict = excluded.verdict, "
                              "signals = excluded.signals",
                              (version_id, run_id, as_json(rec.findings), as_json(rec.summary), rec.verdict,
                               as_json(rec.signals)))
                c.execute("INSERT INTO run_items (run_id, path, source, version_id, reason, warnings) "
                          "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, source) DO UPDATE SET path = excluded.path, "
                          "version_id = excluded.version_id, reason = excluded.reason, warnings = excluded.warnings",
                          (run_id, path, rec.source, version_id, rec.reason, as_json(rec.warnings)))
                sources.append(rec.source)
            others, args = excluding("source", sources)
            c.execute(f"DELETE FROM run_items WHERE run_id = ? AND path = ? AND {others}", (run_id, path, *args))
            c.execute("INSERT INTO run_files (run_id, path, size, mtime_ns, sha256, status, reason, done_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, path) DO UPDATE SET size = excluded.size, "
                      "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, status = excluded.status, "
                      "reason = excluded.reason, done_at = excluded.done_at",
                      (run_id, path, size, mtime_ns, sha256, "failed" if failed else "done",
                       records[0].reason if failed else None, now()))

    def _store_version(self, c, rec: Record) -> int:
        row = c.execute("SELECT id FROM versions WHERE sha256 = ?", (rec.sha256,)).fetchone()
        if row:
            if rec.shingles:  # a version stored before fingerprints changed gets this read's
                self._store_fingerprint(c, row["id"], rec)
            return row["id"]
        f = rec.fields
        document_id = self._document_for(c, f, rec.sha256)
        version_id = c.execute(
            "INSERT INTO versions (document_id, sha256, path, format, text, metadata, repeals, first_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (document_id, rec.sha256, rec.source, rec.format, rec.text, as_json(rec.metadata), as_json(rec.repeals),
             now())).fetchone()[0]
        if rec.shingles:
            self._store_fingerprint(c, version_id, rec)
        return version_id

    @staticmethod
    def _store_fingerprint(c, version_id: int, rec: Record) -> None:
        if c.execute("INSERT INTO fingerprints (version_id, shingles) VALUES (?, ?) ON CONFLICT DO NOTHING",
                     (version_id, rec.shingles)).rowcount:
            c.executemany("INSERT INTO lsh_bands (version_id, band, bucket) VALUES (?, ?, ?)",
                          [(version_id, band, bucket) for band, bucket in enumerate(rec.bands)])

    def _document_for(self, c, f: dict, sha256: str) -> int:
        """The document a new version belongs to (by 文号, else by title), updated to it, or a new one; whichever
        is stored first, a version with 文号 gives its document the 文号 as key and its fields to keep."""
        number, tkey = f.get("doc_number"), title_key(f.get("title"))
        row = c.execute("SELECT id, doc_number FROM documents WHERE doc_number = ? ORDER BY id LIMIT 1",
                        (number,)).fetchone() if number else None
        if row is None and tkey:
            row = c.execute("SELECT id, doc_number FROM documents WHERE title_key = ? AND (doc_number IS NULL OR "
                            "? IS NULL) ORDER BY doc_number IS NULL, doc_number, id LIMIT 1", (tkey, number)).fetchone()
        values = (f.get("title"), tkey, title_key(f.get("body_title")), number, f.get("issuer"), f.get("issued_on"),
                  f.get("effective_on"), f.get("expires_on"), f.get("kind"), now())
        if row and (number or row["doc_number"] is None):  # a version without 文号 leaves one with it alone
            c.execute("UPDATE documents SET title = ?, title_key = ?, body_title_key = ?, doc_number = ?, issuer = ?, "
                      "issued_on = ?, effective_on = ?, expires_on = ?, kind = ?, updated_at = ?, "
                      "doc_key = coalesce(?, doc_key) WHERE id = ?", (*values, number, row["id"]))
        if row:
            return row["id"]
        return c.execute("INSERT INTO documents (title, title_key, body_title_key, doc_number, issuer, issued_on, "
                         "effective_on, expires_on, kind, updated_at, created_at, doc_key) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                         (*values, values[-1], doc_key(number, f.get("title"), sha256))).fetchone()[0]

    def forget_missing(self, run_id: int, present: set[str]) -> None:
        """Drop the run's rows for files no longer in the folder."""
        gone = [p for p in self.file_states(run_id) if p not in present]
        with self.transaction() as c:
            for path in gone:
                c.execute("DELETE FROM run_items WHERE run_id = ? AND path = ?", (run_id, path))
                c.execute("DELETE FROM run_files WHERE run_id = ? AND path = ?", (run_id, path))

    def run_documents(self, run_id: int) -> list:
        """Per document seen in the run, its current version (latest 成文日期, then one with 文号, then by content:
        not the order the files were read in) with its signals."""
        return self.all(
            "SELECT * FROM (SELECT d.id AS document_id, v.id AS version_id, d.doc_key, d.doc_number, d.title, "
            "d.title_key, d.body_title_key, d.issued_on, v.repeals, r.signals, "
            "row_number() OVER (PARTITION BY d.id ORDER BY json_extract(v.metadata, '$.issued_on.value') DESC "
            "NULLS LAST, json_extract(v.metadata, '$.doc_number.value') IS NULL, v.sha256) AS n "
            "FROM (SELECT DISTINCT version_id FROM run_items WHERE run_id = ? AND version_id IS NOT NULL) i "
            "JOIN versions v ON v.id = i.version_id JOIN documents d ON d.id = v.document_id "
            "JOIN reviews r ON r.version_id = v.id AND r.run_id = ?) ranked WHERE n = 1 ORDER BY document_id",
            run_id, run_id)

    def unreadable(self, run_id: int) -> list[tuple[str, str]]:
        return [(r["source"], r["reason"]) for r in
                self.all("SELECT source, reason FROM run_items WHERE run_id = ? AND reason IS NOT NULL ORDER BY source",
                         run_id)]

    def warnings(self, run_id: int) -> list[tuple[str, str]]:
        """(source, warning) of each document the run read with something repaired, in source order."""
        return [(r["source"], w) for r in self.all("SELECT source, warnings FROM run_items WHERE run_id = ? AND "
                                                   "warnings != '[]' ORDER BY source", run_id)
                for w in json.loads(r["warnings"])]

    # ------------------------------------------------------------------ near-duplicates

    def candidate_pairs(self, run_id: int, neighbours: int) -> Iterator[tuple[int, int]]:
        """Pairs of the run's versions sharing an LSH bucket in some band, each version paired with the
        `neighbours` versions before it in the bucket (by id): linear in the run, however large a bucket."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS run_versions (id INTEGER PRIMARY KEY)")
        with self.transaction() as c:
            c.execute("DELETE FROM run_versions")
            c.execute("INSERT INTO run_versions SELECT DISTINCT version_id FROM run_items "
                      "WHERE run_id = ? AND version_id IS NOT NULL", (run_id,))
        lags = ", ".join(f"LAG(l.version_id, {k}) OVER bucket AS p{k}" for k in range(1, neighbours + 1))
        pairs = " UNION ".join(f"SELECT p{k}, v FROM w WHERE p{k} IS NOT NULL" for k in range(1, neighbours + 1))
        cur = self.conn.execute(
            f"WITH w AS (SELECT l.version_id AS v, {lags} FROM lsh_bands l JOIN run_versions r ON r.id = l.version_id "
            f"WINDOW bucket AS (PARTITION BY l.band, l.bucket ORDER BY l.version_id)) {pairs}")
        yield from ((a, b) for a, b in cur)  # tuples, not rows: pairs compare by value

    def shingles(self, version_id: int) -> bytes:
        row = self.one("SELECT shingles FROM fingerprints WHERE version_id = ?", version_id)
        return bytes(row[0]) if row else b""

    def save_near_duplicates(self, run_id: int, pairs: Iterable[tuple[int, int, float]]) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM near_duplicates WHERE run_id = ?", (run_id,))
            c.executemany("INSERT INTO near_duplicates (run_id, a_version, b_version, similarity) VALUES (?, ?, ?, ?)",
                          [(run_id, a, b, s) for a, b, s in pairs])

    def near_duplicates(self, run_id: int) -> list[tuple[str, str, float]]:
        """(path, path, similarity): similar versions, and files of identical content (1.0)."""
        rows = self.all(
            "SELECT a.path AS a, b.path AS b, n.similarity FROM near_duplicates n "
            "JOIN version_paths a ON a.run_id = n.run_id AND a.version_id = n.a_version "
            "JOIN version_paths b ON b.run_id = n.run_id AND b.version_id = n.b_version WHERE n.run_id = ?", run_id)
        pairs = [(r["a"], r["b"], r["similarity"]) for r in rows]
        same: dict[int, list[str]] = {}
        for r in self.all("SELECT version_id, source FROM run_items WHERE run_id = ? AND version_id IS NOT NULL "
                          "ORDER BY source", run_id):
            same.setdefault(r["version_id"], []).append(r["source"])
        pairs += [(paths[0], other, 1.0) for paths in same.values() for other in paths[1:]]
        return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))
