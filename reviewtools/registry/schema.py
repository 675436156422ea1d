"""The registry's tables, as a list of migrations applied in order; the schema version (SQLite's PRAGMA
user_version, a schema_version table on PostgreSQL) counts those applied.

Written in SQLite's DDL (INTEGER PRIMARY KEY, TEXT, INTEGER, REAL, BLOB, REFERENCES, UNIQUE, CHECK, CREATE
INDEX, WITHOUT ROWID); `dialect` makes it PostgreSQL's, so a new migration runs on both without edits."""

from __future__ import annotations

import sqlite3

# Never edit a migration once released: append a new one.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        doc_key TEXT NOT NULL UNIQUE,          -- normalized 文号, else normalized title, else sha256:<hash>
        title TEXT, title_key TEXT, body_title_key TEXT,
        doc_number TEXT, issuer TEXT, issued_on TEXT, effective_on TEXT, expires_on TEXT, kind TEXT,
        created_at TEXT NOT NULL, updated_at TEXT NOT NULL
    );
    CREATE INDEX documents_number ON documents(doc_number);
    CREATE INDEX documents_title ON documents(title_key);

    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        sha256 TEXT NOT NULL UNIQUE,
        path TEXT NOT NULL, format TEXT NOT NULL, text TEXT NOT NULL,
        metadata TEXT NOT NULL,                -- JSON: extract.metadata.Metadata
        repeals TEXT NOT NULL DEFAULT '[]',    -- JSON: documents its repeal clauses name
        first_seen TEXT NOT NULL
    );
    CREATE INDEX versions_document ON versions(document_id);

    -- Near-duplicate fingerprints: the shingle hashes (sorted uint64) and the LSH band buckets.
    CREATE TABLE fingerprints (
        version_id INTEGER PRIMARY KEY REFERENCES versions(id),
        shingles BLOB NOT NULL
    );
    CREATE TABLE lsh_bands (
        version_id INTEGER NOT NULL REFERENCES versions(id),
        band INTEGER NOT NULL, bucket INTEGER NOT NULL,
        PRIMARY KEY (version_id, band)
    ) WITHOUT ROWID;
    CREATE INDEX lsh_bucket ON lsh_bands(band, bucket);

    CREATE TABLE runs (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL, as_of TEXT NOT NULL, root TEXT NOT NULL,
        started_at TEXT NOT NULL, finished_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'interrupted')),
        UNIQUE (year, as_of, root)
    );
    -- One row per file on disk: what resuming skips.
    CREATE TABLE run_files (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL,                    -- relative to the run's root
        size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT,
        status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
        reason TEXT, done_at TEXT NOT NULL,
        PRIMARY KEY (run_id, path)
    );
    -- One row per document read (a file, or an entry of a .zip): the version it is, or why it is unreadable.
    CREATE TABLE run_items (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        path TEXT NOT NULL, source TEXT NOT NULL,
        version_id INTEGER REFERENCES versions(id),
        reason TEXT,
        PRIMARY KEY (run_id, source)
    );
    CREATE INDEX run_items_path ON run_items(run_id, path);

    CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        run_id INTEGER NOT NULL REFERENCES runs(id),
        findings TEXT NOT NULL, summary TEXT NOT NULL, verdict TEXT NOT NULL,
        signals TEXT NOT NULL,                 -- JSON: what the document itself says about its status
        UNIQUE (version_id, run_id)
    );

    CREATE TABLE proposals (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        run_id INTEGER NOT NULL REFERENCES runs(id),
        document_id INTEGER NOT NULL REFERENCES documents(id),
        version_id INTEGER NOT NULL REFERENCES versions(id),
        status TEXT NOT NULL CHECK (status IN ('继续有效', '修改', '废止', '宣布失效')),
        reasons TEXT NOT NULL,                 -- JSON list of Chinese sentences
        replaced_by INTEGER REFERENCES documents(id),
        UNIQUE (year, document_id)
    );
    -- What the office decided: a history, the latest row per (year, document) counts. Apart from proposals.
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        status TEXT NOT NULL CHECK (status IN ('继续有效', '修改', '废止', '宣布失效')),
        reason TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL
    );
    CREATE INDEX decisions_document ON decisions(year, document_id);

    CREATE TABLE near_duplicates (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        a_version INTEGER NOT NULL REFERENCES versions(id),
        b_version INTEGER NOT NULL REFERENCES versions(id),
        similarity REAL NOT NULL,
        PRIMARY KEY (run_id, a_version, b_version)
    );

    CREATE TABLE catalogue_editions (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL, published_at TEXT NOT NULL,
        entries TEXT NOT NULL                  -- JSON list of the valid entries (without texts)
    );
    -- Last year's published catalogue, as imported for this year's cleanup, each row matched to a document.
    CREATE TABLE previous_catalogue (
        id INTEGER PRIMARY KEY,
        year INTEGER NOT NULL, row INTEGER NOT NULL,
        seq TEXT, title TEXT NOT NULL, doc_number TEXT, issuer TEXT, issued_on TEXT, status TEXT,
        raw TEXT NOT NULL, source TEXT NOT NULL,
        document_id INTEGER REFERENCES documents(id),
        UNIQUE (year, row)
    );

    -- Fair-competition reviewers' conclusions, keyed like documents (a draft need not be in the registry).
    CREATE TABLE conclusions (
        id INTEGER PRIMARY KEY,
        doc_key TEXT NOT NULL, title TEXT, sha256 TEXT,
        conclusion TEXT NOT NULL CHECK (conclusion IN ('违反', '不违反', '适用例外')),
        reason TEXT NOT NULL DEFAULT '', who TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL
    );
    CREATE INDEX conclusions_key ON conclusions(doc_key);
    """,
    # Fingerprints become character shingles (cleanup/similarity): the word-shingle ones cannot be compared
    # with them. A version read again gets its new fingerprint (Registry._store_fingerprint).
    """
    DELETE FROM lsh_bands;
    DELETE FROM fingerprints;
    """,
    # What was repaired while reading each document (bytes replaced, unusable characters…), in Chinese.
    """
    ALTER TABLE run_items ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
    """,
    # Review rounds (复核) of a draft and the officers' decisions on its findings (registry.drafts).
    """
    CREATE TABLE drafts (
        id INTEGER PRIMARY KEY,
        draft_key TEXT NOT NULL UNIQUE,        -- normalized 文号, else normalized title, or a name the officer gave
        title TEXT, created_at TEXT NOT NULL
    );
    CREATE TABLE draft_rounds (
        id INTEGER PRIMARY KEY,
        draft_id INTEGER NOT NULL REFERENCES drafts(id),
        round INTEGER NOT NULL CHECK (round >= 1),
        file_name TEXT NOT NULL, sha256 TEXT NOT NULL,
        text TEXT NOT NULL,                    -- the text reviewed (offsets of the review point into it)
        review TEXT NOT NULL,                  -- JSON: reviewtools.review/1
        who TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,
        UNIQUE (draft_id, round)
    );
    -- Decisions on findings: a history, never updated; the latest row per (round, rule, quote) counts.
    CREATE TABLE finding_decisions (
        id INTEGER PRIMARY KEY,
        round_id INTEGER NOT NULL REFERENCES draft_rounds(id),
        rule TEXT NOT NULL,
        quote TEXT NOT NULL DEFAULT '',        -- '' for a whole-document finding
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'waived', 'wrong', 'open')),
        reason TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL,
        carried_from INTEGER REFERENCES finding_decisions(id),  -- the previous round's decision it carries
        CHECK (decision NOT IN ('waived', 'wrong') OR reason <> '')
    );
    CREATE INDEX finding_decisions_round ON finding_decisions(round_id, rule, quote);
    """,
    """
    -- The workbench's staff: roles 审查员 (reviewer) and 负责人 (head); passwords as werkzeug hashes.
    CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL CHECK (role IN ('reviewer', 'head')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
    );
    -- Who did what in the workbench, oldest first: never updated.
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        who TEXT NOT NULL, action TEXT NOT NULL, detail TEXT NOT NULL DEFAULT '', at TEXT NOT NULL
    );
    -- Cleanups started from the workbench: what to resume after a restart, and how far each got.
    CREATE TABLE cleanup_jobs (
        id INTEGER PRIMARY KEY,
        folder TEXT NOT NULL, year INTEGER NOT NULL, as_of TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('running', 'finished', 'failed')),
        files INTEGER NOT NULL DEFAULT 0, done INTEGER NOT NULL DEFAULT 0,
        message TEXT NOT NULL DEFAULT '', run_id INTEGER,
        who TEXT NOT NULL, started_at TEXT NOT NULL, finished_at TEXT
    );
    """,
    """
    -- The file each version was read from in a run (the first by name, when several hold the same content):
    -- joined, not looked up row by row, which scanned the run's files for each row, quadratic in 100,000.
    CREATE INDEX run_items_version ON run_items(run_id, version_id);
    CREATE VIEW version_paths AS
        SELECT run_id, version_id, min(source) AS path FROM run_items WHERE version_id IS NOT NULL
        GROUP BY run_id, version_id;
    """,
]

VERSION = len(MIGRATIONS)


def migrate(conn) -> int:
    """Apply the migrations not yet applied to `conn` (base.connect), each in its own transaction. Returns the
    schema version.

    The version is read again under the write lock, so two processes opening a new registry at once
    do not both create it."""
    while True:
        conn.begin()
        try:
            current = conn.version()
            if current >= VERSION:
                conn.commit()
                return current
            for statement in _statements(MIGRATIONS[current]):
                conn.execute(statement)
            conn.set_version(current + 1)
            conn.commit()
        except BaseException:
            conn.rollback()
            raise


def _statements(script: str) -> list[str]:
    out, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            out.append(pending.strip())
            pending = ""
    if pending.strip():
        out.append(pending.strip())
    return out
