"""The workbench's Flask application: configuration, blueprints, errors and security headers."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import jinja2
from flask import Flask, g, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from reviewtools import __version__
from reviewtools.errors import ReviewtoolsError, UsageError
from reviewtools.limits import MIB
from reviewtools.report import pages
from reviewtools.report.memo.html import COLOURS
from reviewtools.web import accounts, auth, cleanup, drafts, screening
from reviewtools.web.app import Options, options, problem

_KEY = "secret.key"  # in the data folder: sessions outlive a restart
# What a page may load: only this server's own files; styles inline (the memo page carries its own).
_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


def create_app(options: Options) -> Flask:
    app = Flask("reviewtools.web", root_path=str(Path(__file__).parent), template_folder=str(pages.TEMPLATES))
    app.jinja_env.undefined = jinja2.StrictUndefined
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals.update(version=__version__, colours=COLOURS)
    data = options.data.resolve()
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    options = Options(options.db, data, tuple(p.resolve() for p in options.folders), options.local,
                      options.settings, options.workers)
    app.config.update(
        SECRET_KEY=_secret(data),
        # The whole request: every file at its limit, and the form around them.
        MAX_CONTENT_LENGTH=options.upload_bytes * options.settings.web_files + MIB,
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", REMEMBER_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=None, REVIEWTOOLS_LOCAL=options.local,
    )
    app.extensions["reviewtools"] = options
    CSRFProtect(app)
    auth.init(app, options)
    for part in (auth, drafts, screening, cleanup, accounts):
        app.register_blueprint(part.blueprint)
    _errors(app)
    app.after_request(_headers)
    app.teardown_appcontext(_close_registry)
    cleanup.resume(app)
    return app

def _close_registry(_exc) -> None:
    reg = g.pop("registry", None)
    if reg is not None:
        reg.close()

def _secret(data: Path) -> bytes:
    path = data / _KEY
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
    return path.read_bytes()

def _headers(response):
    response.headers.setdefault("Content-Security-Policy", _POLICY)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response

def _errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf(_exc):
        return problem(400, "请求缺少有效的安全令牌（页面可能已过期），请刷新页面后重试。")

    @app.errorhandler(413)
    def too_large(_exc):
        o = options()
        return problem(413, f"上传的文件太大：单个文件不超过 {o.settings.web_upload_mb:g} MB，"
                            f"一次不超过 {o.settings.web_files} 个文件。")

    @app.errorhandler(403)
    def forbidden(_exc):
        return problem(403, "没有权限：这项操作需要负责人角色。")

    @app.errorhandler(404)
    def missing(_exc):
        return problem(404, "页面或记录不存在。")

    @app.errorhandler(405)
    def method(_exc):
        return problem(405, "不支持这种请求方式。")

    @app.errorhandler(ReviewtoolsError)
    def refused(exc: ReviewtoolsError):
        return problem(400 if isinstance(exc, UsageError) else 422, exc.line())
