"""The registry: an SQLite file (./reviewtools.sqlite by default) of documents, their versions, cleanup runs,
reviews, proposals, the office's decisions, catalogue editions and fair-competition conclusions.

A document is identified by its key (normalized 文号, else normalized title); each distinct content
(sha256) is one version of it. Every write is one transaction; the database runs in WAL mode, so a run
killed midway loses nothing it committed.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from reviewtools.errors import UsageError, os_cause
from reviewtools.registry import schema
from reviewtools.registry.keys import doc_key, title_key
from reviewtools.registry.records import Conclusion, Record
from reviewtools.terms import REVIEWER_CONCLUSIONS

DEFAULT_PATH = "reviewtools.sqlite"


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Registry:
    def __init__(self, path: str | os.PathLike = DEFAULT_PATH):
        self.path = Path(path)
        if self.path.is_dir():
            raise UsageError(f"登记库路径是文件夹：{self.path}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            version = self.conn.execute("PRAGMA user_version").fetchone()[0]
            if version > schema.VERSION:
                raise UsageError(f"登记库 {self.path} 由更新版本的 reviewtools 创建（结构版本 {version}），请升级后再用")
            schema.migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"无法打开登记库 {self.path}：{_cause(exc)}") from exc
        except OSError as exc:
            raise UsageError(f"无法打开登记库 {self.path}：{os_cause(exc, self.path)}") from exc

    @classmethod
    def open_existing(cls, path: str | os.PathLike, hint: str = "（请先运行 reviewtools cleanup run）") -> Registry:
        """The registry at `path`, which must already exist: reading never creates one."""
        if not Path(path).is_file():
            raise UsageError(f"登记库不存在：{path}{hint}")
        return cls(path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        if self.conn.in_transaction:  # inside batch(): its writes commit with the batch
            yield self.conn
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several writes (store_file of many files) as one transaction: one commit, all or nothing."""
        with self.transaction():
            yield

    def one(self, sql: str, *args):
        return self.conn.execute(sql, args).fetchone()

    def all(self, sql: str, *args) -> list[sqlite3.Row]:
        return self.conn.execute(sql, args).fetchall()

    def counts(self) -> dict[str, int]:
        """Rows per table (what a re-run must leave alone)."""
        tables = [r[0] for r in self.all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: self.one(f"SELECT count(*) FROM {t}")[0] for t in tables}

    # ------------------------------------------------------------------ runs

    def start_run(self, year: int, as_of: str, root: str) -> tuple[int, str | None]:
        """The run for (year, as_of, root), created or taken up again; with the status it had (None: new)."""
        with self.transaction() as c:
            row = c.execute("SELECT id, status FROM runs WHERE year = ? AND as_of = ? AND root = ?",
                            (year, as_of, root)).fetchone()
            if row:
                c.execute("UPDATE runs SET status = 'running', finished_at = NULL WHERE id = ?", (row["id"],))
                return row["id"], row["status"]
            cur = c.execute("INSERT INTO runs (year, as_of, root, started_at, status) VALUES (?, ?, ?, ?, 'running')",
                            (year, as_of, root, now()))
            return cur.lastrowid, None

    def end_run(self, run_id: int, status: str) -> None:
        with self.transaction() as c:
            c.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", (status, now(), run_id))

    def file_states(self, run_id: int) -> dict[str, sqlite3.Row]:
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
                              (version_id, run_id, _json(rec.findings), _json(rec.summary), rec.verdict,
                               _json(rec.signals)))
                c.execute("INSERT OR REPLACE INTO run_items (run_id, path, source, version_id, reason, warnings) "
                          "VALUES (?, ?, ?, ?, ?, ?)", (run_id, path, rec.source, version_id, rec.reason,
                                                        _json(rec.warnings)))
                sources.append(rec.source)
            c.execute(f"DELETE FROM run_items WHERE run_id = ? AND path = ? AND source NOT IN ({_marks(sources)})",
                      (run_id, path, *sources))
            c.execute("INSERT OR REPLACE INTO run_files (run_id, path, size, mtime_ns, sha256, status, reason, done_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      (run_id, path, size, mtime_ns, sha256, "failed" if failed else "done",
                       records[0].reason if failed else None, now()))

    def _store_version(self, c: sqlite3.Connection, rec: Record) -> int:
        row = c.execute("SELECT id FROM versions WHERE sha256 = ?", (rec.sha256,)).fetchone()
        if row:
            if rec.shingles:  # a version stored before fingerprints changed gets this read's
                self._store_fingerprint(c, row["id"], rec)
            return row["id"]
        f = rec.fields
        document_id = self._document_for(c, f, rec.sha256)
        cur = c.execute("INSERT INTO versions (document_id, sha256, path, format, text, metadata, repeals, first_seen) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (document_id, rec.sha256, rec.source, rec.format, rec.text, _json(rec.metadata),
                         _json(rec.repeals), now()))
        version_id = cur.lastrowid
        if rec.shingles:
            self._store_fingerprint(c, version_id, rec)
        return version_id

    @staticmethod
    def _store_fingerprint(c: sqlite3.Connection, version_id: int, rec: Record) -> None:
        if c.execute("INSERT OR IGNORE INTO fingerprints (version_id, shingles) VALUES (?, ?)",
                     (version_id, rec.shingles)).rowcount:
            c.executemany("INSERT INTO lsh_bands (version_id, band, bucket) VALUES (?, ?, ?)",
                          [(version_id, band, bucket) for band, bucket in enumerate(rec.bands)])

    def _document_for(self, c: sqlite3.Connection, f: dict, sha256: str) -> int:
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
        cur = c.execute("INSERT INTO documents (title, title_key, body_title_key, doc_number, issuer, issued_on, "
                        "effective_on, expires_on, kind, updated_at, created_at, doc_key) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (*values, values[-1], doc_key(number, f.get("title"), sha256)))
        return cur.lastrowid

    def forget_missing(self, run_id: int, present: set[str]) -> None:
        """Drop the run's rows for files no longer in the folder."""
        gone = [p for p in self.file_states(run_id) if p not in present]
        with self.transaction() as c:
            for path in gone:
                c.execute("DELETE FROM run_items WHERE run_id = ? AND path = ?", (run_id, path))
                c.execute("DELETE FROM run_files WHERE run_id = ? AND path = ?", (run_id, path))

    def run_documents(self, run_id: int) -> list[sqlite3.Row]:
        """Per document seen in the run, its current version (latest 成文日期, then one with 文号, then by content:
        not the order the files were read in) with its signals."""
        return self.all(
            "SELECT * FROM (SELECT d.id AS document_id, v.id AS version_id, d.doc_key, d.doc_number, d.title, "
            "d.title_key, d.body_title_key, d.issued_on, v.repeals, r.signals, "
            "row_number() OVER (PARTITION BY d.id ORDER BY json_extract(v.metadata, '$.issued_on.value') DESC, "
            "json_extract(v.metadata, '$.doc_number.value') IS NULL, v.sha256) AS n "
            "FROM (SELECT DISTINCT version_id FROM run_items WHERE run_id = ? AND version_id IS NOT NULL) i "
            "JOIN versions v ON v.id = i.version_id JOIN documents d ON d.id = v.document_id "
            "JOIN reviews r ON r.version_id = v.id AND r.run_id = ?) WHERE n = 1 ORDER BY document_id",
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
            c.execute("INSERT OR IGNORE INTO run_versions SELECT version_id FROM run_items "
                      "WHERE run_id = ? AND version_id IS NOT NULL", (run_id,))
        lags = ", ".join(f"LAG(l.version_id, {k}) OVER bucket AS p{k}" for k in range(1, neighbours + 1))
        pairs = " UNION ".join(f"SELECT p{k}, v FROM w WHERE p{k} IS NOT NULL" for k in range(1, neighbours + 1))
        cur = self.conn.execute(
            f"WITH w AS (SELECT l.version_id AS v, {lags} FROM lsh_bands l JOIN run_versions r ON r.id = l.version_id "
            f"WINDOW bucket AS (PARTITION BY l.band, l.bucket ORDER BY l.version_id)) {pairs}")
        yield from ((a, b) for a, b in cur)  # tuples, not rows: pairs compare by value

    def shingles(self, version_id: int) -> bytes:
        row = self.one("SELECT shingles FROM fingerprints WHERE version_id = ?", version_id)
        return row[0] if row else b""

    def save_near_duplicates(self, run_id: int, pairs: Iterable[tuple[int, int, float]]) -> None:
        with self.transaction() as c:
            c.execute("DELETE FROM near_duplicates WHERE run_id = ?", (run_id,))
            c.executemany("INSERT INTO near_duplicates (run_id, a_version, b_version, similarity) VALUES (?, ?, ?, ?)",
                          [(run_id, a, b, s) for a, b, s in pairs])

    def near_duplicates(self, run_id: int) -> list[tuple[str, str, float]]:
        """(path, path, similarity): similar versions, and files of identical content (1.0)."""
        rows = self.all(
            "SELECT (SELECT min(source) FROM run_items WHERE run_id = n.run_id AND version_id = n.a_version) AS a, "
            "(SELECT min(source) FROM run_items WHERE run_id = n.run_id AND version_id = n.b_version) AS b, "
            "n.similarity FROM near_duplicates n WHERE n.run_id = ?", run_id)
        pairs = [(r["a"], r["b"], r["similarity"]) for r in rows]
        same: dict[int, list[str]] = {}
        for r in self.all("SELECT version_id, source FROM run_items WHERE run_id = ? AND version_id IS NOT NULL "
                          "ORDER BY source", run_id):
            same.setdefault(r["version_id"], []).append(r["source"])
        pairs += [(paths[0], other, 1.0) for paths in same.values() for other in paths[1:]]
        return sorted(pairs, key=lambda p: (-p[2], p[0], p[1]))

    # ------------------------------------------------------------------ proposals and decisions

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
                          (year, run_id, document_id, version_id, status, _json(reasons), replaced_by))
                kept.append(document_id)
            c.execute(f"DELETE FROM proposals WHERE year = ? AND run_id = ? AND document_id NOT IN ({_marks(kept)})",
                      (year, run_id, *kept))

    def proposals_by_path(self, run_id: int) -> dict[str, tuple[str, list[str]]]:
        """source → (status, reasons) for every readable document of the run."""
        rows = self.all("SELECT i.source, p.status, p.reasons FROM run_items i JOIN versions v ON v.id = i.version_id "
                        "JOIN runs r ON r.id = i.run_id "
                        "JOIN proposals p ON p.document_id = v.document_id AND p.year = r.year "
                        "WHERE i.run_id = ? ORDER BY i.source", run_id)
        return {r["source"]: (r["status"], json.loads(r["reasons"])) for r in rows}

    def latest_year(self) -> int | None:
        return self.one("SELECT max(year) FROM proposals")[0]

    def worklist(self, year: int, texts: bool = False) -> list[sqlite3.Row]:
        """Each document proposed this year with its proposal, latest decision and the path it was read from."""
        return self.all(
            "SELECT d.id AS document_id, d.doc_key, d.title, d.doc_number, d.issuer, d.issued_on, d.effective_on, "
            f"d.expires_on, d.kind, p.status AS proposed, p.reasons, p.version_id, {'v.text' if texts else 'NULL'} AS text, "
            "(SELECT min(source) FROM run_items WHERE run_id = p.run_id AND version_id = p.version_id) AS path, "
            "rd.title AS replaced_title, rd.doc_number AS replaced_number, "
            "dec.status AS decided, dec.reason AS decision_reason, dec.note AS decision_note, dec.who, dec.decided_at "
            "FROM proposals p JOIN documents d ON d.id = p.document_id JOIN versions v ON v.id = p.version_id "
            "LEFT JOIN documents rd ON rd.id = p.replaced_by "
            "LEFT JOIN decisions dec ON dec.id = (SELECT max(id) FROM decisions WHERE year = p.year "
            "AND document_id = p.document_id) "
            "WHERE p.year = ? ORDER BY coalesce(d.issued_on, '9999'), d.doc_number, d.title, d.id", year)

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
                            r.get("issued_on"), r.get("status"), _json(r.get("raw", {})), source) for r in rows])

    def previous_rows(self, year: int) -> list[sqlite3.Row]:
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
            edition = c.execute("INSERT INTO catalogue_editions (year, published_at, entries) VALUES (?, ?, ?)",
                                (year, now(), _json(entries))).lastrowid
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
                             "VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (doc_key, title, sha256, conclusion, reason, who, when or now())).lastrowid

    def latest_conclusion(self, doc_key: str) -> Conclusion | None:
        row = self.one("SELECT * FROM conclusions WHERE doc_key = ? ORDER BY decided_at DESC, id DESC LIMIT 1", doc_key)
        if row is None:
            return None
        return Conclusion(row["doc_key"], row["title"], row["conclusion"], row["reason"], row["who"], row["decided_at"])


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _marks(values: list) -> str:
    return ",".join("?" * len(values))


def _cause(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return "不是有效的登记库文件（或已损坏）"
    if "locked" in text or "busy" in text:
        return "登记库正被其他程序占用，请稍后再试"
    if "readonly" in text or "unable to open" in text:
        return "没有读写权限或无法创建文件"
    return text


__all__ = ["DEFAULT_PATH", "Conclusion", "Record", "Registry", "doc_key", "title_key"]
