"""What every part of the registry stands on: the database a target names (an SQLite path, or a postgresql://
URL), migrated to the latest schema on opening, and statements in SQLite's SQL with `?` placeholders, run
alike on both (`dialect` translates for PostgreSQL)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime
from pathlib import Path

from reviewtools.errors import UsageError
from reviewtools.registry import schema
from reviewtools.registry.lock import SUFFIX
from reviewtools.registry.postgres import PostgreSQL, display, is_url
from reviewtools.registry.sqlite import SQLite

DEFAULT_PATH = "reviewtools.sqlite"
_COMPANIONS = ("-wal", "-shm", "-journal")  # files SQLite keeps beside the registry


def connect(target: str | os.PathLike) -> SQLite | PostgreSQL:
    """The database `target` names: a postgresql:// URL, else an SQLite file (created when missing)."""
    return PostgreSQL(str(target)) if is_url(target) else SQLite(Path(target))


def exists(target: str | os.PathLike) -> bool:
    """Whether a registry is there already (an SQLite file, or a database holding the registry's tables)."""
    if not is_url(target):
        return Path(target).is_file()
    with closing(PostgreSQL(str(target))) as db:
        return db.exists()


def name_of(target: str | os.PathLike) -> str:
    """How the registry at `target` is named to the user: its path, or its URL without the password."""
    return display(str(target)) if is_url(target) else str(target)


def own_files(target: str | os.PathLike) -> set[Path]:
    """The files of the registry at `target` (none for a server), which a cleanup of its folder leaves out."""
    if is_url(target):
        return set()
    path = Path(target).resolve()
    return {path, *(path.with_name(path.name + s) for s in (*_COMPANIONS, SUFFIX))}


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """A registry opened at `target`, migrated to the latest schema; every write is one transaction."""

    def __init__(self, target: str | os.PathLike = DEFAULT_PATH):
        self.conn = connect(target)
        self._open = False  # a transaction() is open: nested ones join it
        self.name = self.conn.name
        try:
            version = self.conn.version()
            if version > schema.VERSION:
                raise UsageError(f"登记库 {self.name} 由更新版本的 reviewtools 创建（结构版本 {version}），请升级后再用")
            schema.migrate(self.conn)
        except self.conn.Error as exc:
            self.conn.close()
            raise UsageError(f"无法打开登记库 {self.name}：{self.conn.cause(exc)}") from exc
        except BaseException:
            self.conn.close()
            raise

    @classmethod
    def open_existing(cls, target: str | os.PathLike, hint: str = "（请先运行 reviewtools cleanup run）"):
        """The registry at `target`, which must already exist: reading never creates one."""
        if not exists(target):
            raise UsageError(f"登记库不存在：{name_of(target)}{hint}")
        return cls(target)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[SQLite | PostgreSQL]:
        """A write transaction (one writer at a time), committed when the block ends, rolled back if it raises.
        Inside another (batch()), its writes commit or roll back with the outer one."""
        if self._open:
            yield self.conn
            return
        self.conn.begin()
        self._open = True
        try:
            yield self.conn
        except BaseException:
            self.conn.rollback()
            raise
        else:
            self.conn.commit()
        finally:
            self._open = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several writes (store_file of many files) as one transaction: one commit, all or nothing."""
        with self.transaction():
            yield

    def one(self, sql: str, *args):
        return self.conn.execute(sql, args).fetchone()

    def all(self, sql: str, *args) -> list:
        return self.conn.execute(sql, args).fetchall()

    def counts(self) -> dict[str, int]:
        """Rows per table (what a re-run must leave alone)."""
        return {t: self.one(f"SELECT count(*) FROM {t}")[0] for t in self.conn.tables()}


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def excluding(column: str, values: list) -> tuple[str, tuple]:
    """A condition true of rows whose `column` is none of `values` (any row when there are none), and its
    arguments: `NOT IN ()` is SQLite's only."""
    if not values:
        return "1 = 1", ()
    return f"{column} NOT IN ({','.join('?' * len(values))})", tuple(values)
