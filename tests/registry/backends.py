"""The registry's two backends for tests: an SQLite file, or a fresh schema of the PostgreSQL database that
REVIEWTOOLS_TEST_PG_URL names (dropped afterwards). Without that variable the PostgreSQL cases skip, except
in CI (REVIEWTOOLS_REQUIRE_ALL=1), where .ci/run starts a server and they fail instead.

A test folder uses them by importing the fixtures into its conftest.py.
"""

from __future__ import annotations

import itertools
import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from urllib.parse import quote

import pytest

from tests.conftest import require

PG_VARIABLE = "REVIEWTOOLS_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def server_url() -> str:
    url = os.environ.get(PG_VARIABLE, "")
    require(bool(url), f"{PG_VARIABLE} not set: no PostgreSQL server to test the registry on")
    return url


@contextmanager
def pg_schema() -> Iterator[str]:
    """A URL whose registry is a new, empty schema of the test server's database."""
    import psycopg

    url, name = server_url(), f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as c:
        c.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={name}')}"
    finally:
        with psycopg.connect(url, autocommit=True) as c:
            c.execute(f'DROP SCHEMA "{name}" CASCADE')


@contextmanager
def target(backend: str, folder) -> Iterator[object]:
    """Where a registry is made on `backend`: a file in `folder`, or a fresh schema on the server."""
    if backend == "sqlite":
        yield folder / "r.sqlite"
    else:
        with pg_schema() as url:
            yield url


@pytest.fixture(params=BACKENDS)
def registries(request, tmp_path):
    """A maker of new registry targets on the case's backend: each call a new file, or a new schema."""
    made = itertools.count()
    with ExitStack() as stack:
        yield lambda: stack.enter_context(target(request.param, tmp_path / f"registry{next(made)}"))


@pytest.fixture
def registry_target(registries):
    """Where a new registry is made, on each backend in turn."""
    return registries()
