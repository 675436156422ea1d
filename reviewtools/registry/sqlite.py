"""The registry in an SQLite file (the default): WAL mode, so a run killed midway loses nothing it committed;
one writer at a time (BEGIN IMMEDIATE); the schema version in PRAGMA user_version."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from reviewtools.errors import UsageError, os_cause

_WAIT = 30  # seconds a connection waits for another process's lock before it says the registry is busy


class SQLite:
    """A connection to the registry file at `path`, with the operations the registry needs of a database."""

    Error = sqlite3.DatabaseError

    def __init__(self, path: Path):
        self.path, self.name = path, str(path)
        if path.is_dir():
            raise UsageError(f"登记库路径是文件夹：{path}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=_WAIT)
            self.conn.row_factory = sqlite3.Row
            self._wal()
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise UsageError(f"无法打开登记库 {path}：{self.cause(exc)}") from exc
        except OSError as exc:
            raise UsageError(f"无法打开登记库 {path}：{os_cause(exc, path)}") from exc

    def _wal(self) -> None:
        """Switch to write-ahead logging. SQLite answers `database is locked` at once, without waiting, while
        another process is making the same new file WAL: wait for it as for any lock, up to _WAIT seconds."""
        give_up = time.monotonic() + _WAIT
        while True:
            try:
                self.conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > give_up:
                    raise
                time.sleep(0.05)

    @staticmethod
    def exists(path: Path) -> bool:
        return path.is_file()

    def execute(self, sql: str, args=()) -> sqlite3.Cursor:
        return self.conn.execute(sql, args)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

    def begin(self) -> None:
        """A write transaction: the one writer until commit or rollback."""
        self.conn.execute("BEGIN IMMEDIATE")

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        self.conn.execute("ROLLBACK")

    def version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def set_version(self, version: int) -> None:
        self.conn.execute(f"PRAGMA user_version = {int(version)}")

    def tables(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]

    def close(self) -> None:
        self.conn.close()

    @staticmethod
    def cause(exc: sqlite3.DatabaseError) -> str:
        text = str(exc)
        if "not a database" in text or "malformed" in text:
            return "不是有效的登记库文件（或已损坏）"
        if "locked" in text or "busy" in text:
            return "登记库正被其他程序占用，请稍后再试"
        if "readonly" in text or "unable to open" in text:
            return "没有读写权限或无法创建文件"
        return text
