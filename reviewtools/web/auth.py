"""Logging in: Flask-Login sessions over the registry's accounts, a throttle on wrong passwords, and roles.

`serve --local` has no accounts: the one officer at this machine is a 负责人 named after the system user.
"""

from __future__ import annotations

import getpass
import threading
import time
from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user

from reviewtools.registry.accounts import ROLES, Account, Accounts

blueprint = Blueprint("auth", __name__)

FAILURES, WINDOW, LOCKOUT = 5, 15 * 60, 60  # this many wrong passwords within WINDOW seconds: LOCKOUT seconds


class User(UserMixin):
    def __init__(self, account: Account):
        self.account = account

    def get_id(self) -> str:
        return str(self.account.id)

    @property
    def shown(self) -> str:
        return self.account.shown

    @property
    def role(self) -> str:
        return self.account.role

    @property
    def role_name(self) -> str:
        return ROLES[self.account.role]

    @property
    def is_head(self) -> bool:
        return self.account.role == "head"


class Throttle:
    """Wrong passwords per username and per client address; too many within WINDOW locks both for LOCKOUT."""

    def __init__(self):
        self._lock = threading.Lock()
        self._failures: dict[str, list[float]] = {}

    def wait(self, *keys: str) -> int:
        """Seconds to wait before another try under any of `keys` (0: go ahead)."""
        now = time.monotonic()
        with self._lock:
            waits = [0]
            for key in keys:
                recent = [t for t in self._failures.get(key, []) if now - t < WINDOW]
                self._failures[key] = recent
                if len(recent) >= FAILURES:
                    waits.append(int(recent[-1] + LOCKOUT - now) + 1)
            return max(waits)

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, []).append(time.monotonic())

    def passed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


_throttle = Throttle()


def init(app, options) -> None:
    manager = LoginManager(app)
    manager.login_view = "auth.login"
    manager.login_message = "请先登录。"
    if options.local:
        local = User(Account(0, getpass.getuser(), f"{getpass.getuser()}（本机）", "head", True, ""))
        manager.request_loader(lambda _request: local)
        manager.user_loader(lambda _id: local)
        return

    @manager.user_loader
    def load(account_id: str) -> User | None:
        from reviewtools.web.app import registry

        account = Accounts(registry()).by_id(int(account_id)) if account_id.isdigit() else None
        return User(account) if account and account.active else None


def head_required(view):
    """A view only a 负责人 may use (deciding, publishing, managing accounts): 403 for anyone else."""
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_head:
            abort(403)
        return view(*args, **kwargs)
    return wrapped


def who() -> str:
    """How the registry names the person making this request."""
    return current_user.shown


def audit(action: str, detail: str = "") -> None:
    from reviewtools.web.app import registry

    Accounts(registry()).record(who(), action, detail)


@blueprint.route("/login", methods=["GET", "POST"])
def login():
    from reviewtools.web.app import options, registry

    if options().local or current_user.is_authenticated:
        return redirect(url_for("drafts.home"))
    status = 200
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        keys = (f"user:{username}", f"addr:{request.remote_addr}")
        wait = _throttle.wait(*keys)
        if wait:
            flash(f"登录失败次数过多，请 {wait} 秒后再试。", "error")
            status = 429
        else:
            account = Accounts(registry()).verify(username, password)
            if account is None:
                _throttle.failed(*keys)
                flash("用户名或密码不正确。", "error")
                status = 401
            else:
                _throttle.passed(*keys)
                login_user(User(account))
                Accounts(registry()).record(account.shown, "登录")
                return redirect(_next(request.args.get("next")))
    return render_template("web/login.html", title="登录"), status


@blueprint.post("/logout")
@login_required
def logout():
    logout_user()
    return redirect(url_for("auth.login"))


def _next(target: str | None) -> str:
    """Where to go after logging in: a path of this site only, never another host."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for("drafts.home")
