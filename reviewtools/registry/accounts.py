"""The workbench's accounts and its audit trail, in the registry.

An account has a username, a display name, a role (ROLES: 审查员 reviews and proposes, 负责人 also decides,
publishes and manages accounts) and a password kept only as a werkzeug hash (scrypt). Accounts are never
deleted, only deactivated, so that every decision keeps naming who made it. `record` appends to the audit
trail (who, what, detail, when); nothing in it is ever updated.

Usage: `Accounts(Registry(path))`; every write is one transaction of the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.security import check_password_hash, generate_password_hash

from reviewtools.errors import UsageError
from reviewtools.registry.base import now

ROLES = {"reviewer": "审查员", "head": "负责人"}
MIN_PASSWORD = 8
# Compared against when the username is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = generate_password_hash("reviewtools-dummy")


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    name: str
    role: str  # reviewer / head
    active: bool
    created_at: str

    @property
    def role_name(self) -> str:
        return ROLES[self.role]

    @property
    def shown(self) -> str:
        """How decisions name this person: 姓名（用户名）."""
        return f"{self.name}（{self.username}）" if self.name and self.name != self.username else self.username


@dataclass(frozen=True)
class Entry:
    id: int
    who: str
    action: str
    detail: str
    at: str


def role_of(value: str) -> str:
    """A role from its key or its Chinese name."""
    for key, name in ROLES.items():
        if value in (key, name):
            return key
    raise UsageError(f"角色“{value}”无效，应为{'或'.join(ROLES.values())}")


class Accounts:
    def __init__(self, registry):
        self.registry = registry

    def add(self, username: str, password: str, role: str, name: str = "") -> Account:
        username, name = username.strip(), name.strip()
        if not username or any(c.isspace() for c in username) or len(username) > 64:
            raise UsageError("用户名不能为空，不能含空格，最长 64 个字符")
        _check_password(password)
        role = role_of(role)
        with self.registry.transaction() as c:
            if c.execute("SELECT 1 FROM accounts WHERE username = ?", (username,)).fetchone():
                raise UsageError(f"用户名已存在：{username}")
            c.execute("INSERT INTO accounts (username, name, role, password_hash, active, created_at) "
                      "VALUES (?, ?, ?, ?, 1, ?)", (username, name or username, role, generate_password_hash(password),
                                                    now()))
        return self.get(username)

    def get(self, username: str) -> Account | None:
        row = self.registry.one(f"{_ACCOUNTS} WHERE username = ?", username)
        return _account(row) if row else None

    def by_id(self, account_id: int) -> Account | None:
        row = self.registry.one(f"{_ACCOUNTS} WHERE id = ?", account_id)
        return _account(row) if row else None

    def all(self) -> list[Account]:
        return [_account(r) for r in self.registry.all(f"{_ACCOUNTS} ORDER BY id")]

    def count(self) -> int:
        return self.registry.one("SELECT count(*) FROM accounts WHERE active = 1")[0]

    def verify(self, username: str, password: str) -> Account | None:
        """The active account `username` if `password` is its password, else None."""
        row = self.registry.one("SELECT password_hash FROM accounts WHERE username = ? AND active = 1", username)
        if row is None:
            check_password_hash(_DUMMY_HASH, password)
            return None
        return self.get(username) if check_password_hash(row[0], password) else None

    def set_password(self, username: str, password: str) -> None:
        _check_password(password)
        self._update(username, "password_hash = ?", generate_password_hash(password))

    def set_role(self, username: str, role: str) -> None:
        role = role_of(role)
        if role != "head":
            self._keep_a_head(username)
        self._update(username, "role = ?", role)

    def set_active(self, username: str, active: bool) -> None:
        if not active:
            self._keep_a_head(username)
        self._update(username, "active = ?", 1 if active else 0)

    def _keep_a_head(self, username: str) -> None:
        """Refuse to leave the office without an active 负责人 (nobody could manage accounts any more)."""
        heads = [a.username for a in self.all() if a.role == "head" and a.active]
        if heads == [username]:
            raise UsageError(f"{username} 是唯一的负责人，不能降为审查员或停用；请先设另一位负责人")

    def _update(self, username: str, assignment: str, value) -> None:
        if self.get(username) is None:
            raise UsageError(f"账号不存在：{username}")
        with self.registry.transaction() as c:
            c.execute(f"UPDATE accounts SET {assignment} WHERE username = ?", (value, username))

    # ---------------------------------------------------------------- audit

    def record(self, who: str, action: str, detail: str = "") -> None:
        with self.registry.transaction() as c:
            c.execute("INSERT INTO audit (who, action, detail, at) VALUES (?, ?, ?, ?)", (who, action, detail, now()))

    def trail(self, limit: int = 200) -> list[Entry]:
        """The latest entries of the audit trail, newest first."""
        rows = self.registry.all("SELECT id, who, action, detail, at FROM audit ORDER BY id DESC LIMIT ?", limit)
        return [Entry(*r) for r in rows]


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"密码至少 {MIN_PASSWORD} 个字符")


_ACCOUNTS = "SELECT id, username, name, role, active, created_at FROM accounts"


def _account(row) -> Account:
    return Account(row[0], row[1], row[2], row[3], bool(row[4]), row[5])
