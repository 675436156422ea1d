"""The registry on a PostgreSQL server, through a URL (postgresql://user@host/db), with psycopg 3.

The registry's SQLite SQL is translated by `dialect`; rows are tuples that are also mappings by column name,
as sqlite3.Row; values are bound client-side (ClientCursor), so that an untyped `? IS NULL` means what it means
in SQLite. One registry is one schema of a database (the URL's search_path, else public). Writers are one at
a time as in SQLite: every write transaction runs inside an advisory lock of the schema; a whole cleanup run,
import or catalogue holds another one (`hold`). Both are session-level: the server releases them when the
holder's connection ends, however it ends. The schema version is the one row of a schema_version table.
"""

from __future__ import annotations

import os
import socket
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from reviewtools.errors import UsageError
from reviewtools.registry import dialect

SCHEMES = ("postgresql://", "postgres://")
# Advisory lock classes (the first key; the second is the schema's): one write transaction, one holder.
_WRITE, _HOLD = 0x7274_0001, 0x7274_0002
_POLL = 0.2  # seconds between attempts while waiting for the holder
_CONNECT_TIMEOUT = 10  # seconds, unless the URL says otherwise


def is_url(target: object) -> bool:
    return str(target).startswith(SCHEMES)


class PostgreSQL:
    """A connection to the registry at the URL `url`, with the operations the registry needs of a database."""

    def __init__(self, url: str, application: str = "reviewtools"):
        psycopg = _driver(url)
        self.Error = psycopg.Error
        self.url, self.name = url, display(url)
        try:
            self.conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor,
                                        row_factory=_rows, application_name=application,
                                        **({} if "connect_timeout" in url else {"connect_timeout": _CONNECT_TIMEOUT}))
        except psycopg.Error as exc:
            raise UsageError(f"无法连接登记库所在的 PostgreSQL 服务器 {_server(url)}：{_cause(exc, url)}") from exc
        self.conn.adapters.register_loader("numeric", _number_loader(psycopg))
        schema = self.conn.execute("SELECT current_schema()").fetchone()[0]
        if schema is None:
            raise UsageError(f"登记库 {self.name}：search_path 中没有可用的模式（schema）")
        self.key = zlib.crc32(schema.encode()) & 0x7FFF_FFFF

    def exists(self) -> bool:
        return self.version() > 0

    def execute(self, sql: str, args=()):
        return self.conn.execute(dialect.postgres(sql), tuple(args))

    def executemany(self, sql: str, rows):
        cur = self.conn.cursor()
        cur.executemany(dialect.postgres(sql), list(rows))
        return cur

    def begin(self) -> None:
        """A write transaction: the one writer of the schema until commit or rollback. The lock is taken before
        the transaction begins, so that it sees what the writer before it did, tables it created included."""
        self.conn.execute("SELECT pg_advisory_lock(%s, %s)", (_WRITE, self.key))
        self.conn.execute("BEGIN")

    def commit(self) -> None:
        self._end("COMMIT")

    def rollback(self) -> None:
        self._end("ROLLBACK")

    def _end(self, how: str) -> None:
        try:
            self.conn.execute(how)
        finally:
            if not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s, %s)", (_WRITE, self.key))

    def version(self) -> int:
        if self.conn.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
            return 0
        row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        return row[0] or 0

    def set_version(self, version: int) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
        self.conn.execute("DELETE FROM schema_version")
        self.conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (int(version),))

    def tables(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' AND table_name != 'schema_version' ORDER BY table_name COLLATE \"C\"")]

    def close(self) -> None:
        self.conn.close()

    def cause(self, exc: Exception) -> str:
        return _cause(exc, self.url)


@contextmanager
def hold(url: str, command: str, wait: float = 0) -> Iterator[None]:
    """Hold the registry at `url` for a whole command (see lock.hold), on a connection of its own that names
    the holder (command, pid, host) to a second writer."""
    db = PostgreSQL(url, f"reviewtools|{command}|{os.getpid()}|{socket.gethostname()}"[:63])
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while not db.conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (_HOLD, db.key)).fetchone()[0]:
            if time.monotonic() >= deadline:
                raise UsageError(f"登记库 {db.name} 正由另一个清理进程（{_holder(db)}）使用，请等它结束后再试"
                                 f"（或用 --wait 秒数 等待）")
            time.sleep(_POLL)
        yield  # released with the connection
    finally:
        db.close()


def _holder(db: PostgreSQL) -> str:
    """command, pid, host and start of the session holding the lock, as the server knows it."""
    row = db.conn.execute(
        "SELECT a.application_name, a.backend_start FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s AND l.objid = %s AND l.objsubid = 2 "
        "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        (_HOLD, db.key)).fetchone()
    parts = (row[0] or "").split("|") if row else []
    if len(parts) != 4 or parts[0] != "reviewtools":
        return "详情不明"
    since = row[1].astimezone().isoformat(timespec="seconds") if isinstance(row[1], datetime) else "?"
    return f"{parts[1]}，pid {parts[2]}，主机 {parts[3]}，自 {since} 起"


def display(url: str) -> str:
    """The URL as it may be shown: without its password (nor its query, which may carry one)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.username + '@' if parts.username else ''}{_server(url)}{parts.path}"


def _server(url: str) -> str:
    """host[:port] of the URL, never its user or password."""
    return urlsplit(url).netloc.rpartition("@")[2] or "localhost"


def _driver(url: str):
    try:
        import psycopg
    except ImportError as exc:
        raise UsageError(f"登记库 {display(url)} 在 PostgreSQL 上，需要安装驱动：pip install 'reviewtools[postgres]'") from exc
    return psycopg


def _cause(exc: Exception, url: str) -> str:
    text = str(exc)
    for needle, cause in (("Connection refused", "服务器拒绝连接（地址或端口不对，或服务未启动）"),
                          ("password authentication failed", "用户名或密码不对"),
                          ("no password supplied", "服务器要求密码，但 URL 中没有"),
                          ("does not exist", "数据库或用户不存在"),
                          ("timeout expired", "连接超时"),
                          ("could not translate host name", "无法解析主机名"),
                          ("permission denied", "没有权限")):
        if needle in text:
            return cause
    secret = _password(url)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    return first.replace(secret, "***") if secret else first


def _password(url: str) -> str:
    parts = urlsplit(url)
    return parts.password or next(iter(parse_qs(parts.query).get("password", [])), "")


class _Row(tuple):
    """A row: a tuple, also read by column name (row["id"]), as sqlite3.Row."""

    __slots__ = ()
    index: dict[str, int] = {}

    def __getitem__(self, key):
        return tuple.__getitem__(self, self.index[key] if isinstance(key, str) else key)

    def keys(self) -> list[str]:
        return list(self.index)


def _rows(cursor):
    names = [c.name for c in cursor.description or ()]
    return type("Row", (_Row,), {"__slots__": (), "index": {n: i for i, n in enumerate(names)}})


def _number_loader(psycopg):
    """numeric (what sum() and avg() of integers give) as SQLite gives it: int when whole, else float."""
    from psycopg.types.numeric import NumericLoader

    class Number(NumericLoader):
        def load(self, data):
            value = super().load(data)
            return int(value) if value == value.to_integral_value() else float(value)

    return Number
