"""What every part of the workbench shares: its options, the registry of the request, the problem page."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote as url_quote

from flask import Response, g, render_template

from reviewtools.errors import clean_name
from reviewtools.limits import MIB
from reviewtools.settings import Settings


@dataclass(frozen=True)
class Options:
    db: str  # the registry: an SQLite file or a postgresql:// URL
    data: Path  # the workbench's own folder: uploads, published catalogues, the session key
    folders: tuple[Path, ...] = ()  # folders a cleanup may read; nothing outside them is ever opened
    local: bool = False  # one officer on this machine: no accounts, every role
    settings: Settings = field(default_factory=Settings)
    workers: int = 1  # processes reading a cleanup's files

    @property
    def upload_bytes(self) -> int:
        return int(self.settings.web_upload_mb * MIB)

def options() -> Options:
    from flask import current_app

    return current_app.extensions["reviewtools"]


def registry():
    """The registry, opened once per request."""
    if "registry" not in g:
        from reviewtools.registry import Registry

        g.registry = Registry(options().db)
    return g.registry


def problem(status: int, message: str):
    """A page that says in one Chinese line what went wrong, with its HTTP status."""
    return render_template("web/problem.html", title="无法完成", message=message), status


def attachment(content: bytes, mimetype: str, name: str) -> Response:
    """A file to save, never to show in the page: an HTML memo opened from here is the user's own copy."""
    safe = clean_name(name).replace('"', "'")
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = (f"attachment; filename=\"{_ascii_name(safe)}\"; "
                                               f"filename*=UTF-8''{url_quote(safe, safe='')}")
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


def _ascii_name(name: str) -> str:
    suffix = name.rsplit(".", 1)[-1]
    return f"reviewtools.{suffix}" if not name.isascii() else name
