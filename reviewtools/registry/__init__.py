"""The registry: documents, their versions, cleanup runs, reviews, proposals, the office's decisions, catalogue
editions and fair-competition conclusions. In an SQLite file (./reviewtools.sqlite by default), or on a
PostgreSQL server through a postgresql:// URL, for an office or a cluster sharing one.

Every write is one transaction, one writer at a time; a run killed midway loses nothing it committed. The
statements are written once, in SQLite's SQL (`dialect` says which subset), and run alike on both.
"""

from __future__ import annotations

from reviewtools.registry.base import DEFAULT_PATH, exists, name_of, own_files
from reviewtools.registry.keys import doc_key, title_key
from reviewtools.registry.office import Office
from reviewtools.registry.postgres import is_url
from reviewtools.registry.records import Conclusion, Record
from reviewtools.registry.runs import Runs


class Registry(Runs, Office):
    """The registry at a path or URL (base.Store), with the cleanup's (runs) and the office's (office) records."""


__all__ = ["DEFAULT_PATH", "Conclusion", "Record", "Registry", "doc_key", "exists", "is_url", "name_of", "own_files",
           "title_key"]
