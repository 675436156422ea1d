"""Reviewers' conclusions on screened documents, kept in the registry (违反 / 不违反 / 适用例外)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reviewtools.errors import UsageError, clean_name
from reviewtools.registry import DEFAULT_PATH, Registry
from reviewtools.screening import Recorded, Screening


@contextmanager
def registry_at(path: str | None, create: bool) -> Iterator[object | None]:
    """The registry at `path` (default: the registry's own). Only to read, a default one not yet made is None."""
    target = path or DEFAULT_PATH
    if not create and not path and not Path(target).exists():
        yield None
        return
    registry = Registry(target) if create else Registry.open_existing(target, hint="")
    try:
        yield registry
    finally:
        registry.close()


def recorded_conclusion(registry, s: Screening) -> Recorded | None:
    """The reviewer's latest conclusion on the screened document, if one was recorded."""
    if registry is None:
        return None
    c = registry.latest_conclusion(s.doc_key)
    return Recorded(c.conclusion, c.reason, c.who, c.when) if c else None


def check_conclusion(s: Screening, conclusion: str, name: str) -> None:
    """Refuse “适用例外” on a document (file `name`) that claims no exception of 第十二条."""
    if conclusion == "适用例外" and s.exception is None:
        raise UsageError(f"{clean_name(name)} 未援引《公平竞争审查条例》第十二条的例外规定，不能记录“适用例外”；"
                         "请先在文件中写明所适用的例外情形和实施期限，或记录“违反”/“不违反”。")


def record_conclusion(registry, s: Screening, conclusion: str, reason: str, who: str) -> Recorded:
    """Keep the reviewer's conclusion (违反 / 不违反 / 适用例外) on the screened document."""
    registry.record_conclusion(s.doc_key, conclusion, reason, who, title=s.title, sha256=s.sha256)
    s.recorded = recorded_conclusion(registry, s)
    return s.recorded
