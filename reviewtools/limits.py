"""Limits on what one input may cost to read: the [limits] table of reviewtools.toml, passed into ingest.

One input is a file given or found in a folder, with everything inside it (the entries of a .zip, of the
.zip files in it, and so on): the expanded bytes and the entries are counted across all nesting levels.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024
RATIO_GRACE_BYTES = MIB  # entries expanding to less than this are not held to the compression ratio


@dataclass(frozen=True)
class Limits:
    total_mb: float = 1024  # expanded bytes of one input and everything inside it
    file_mb: float = 200  # one file, or one entry of a .zip
    entries: int = 20_000  # entries of one input, all nesting levels together
    depth: int = 3  # .zip inside .zip: nesting levels
    ratio: int = 100  # expanded / compressed size of one .zip entry
    seconds: float = 180  # reading one file (see ingest/deadline)

    @property
    def total_bytes(self) -> int:
        return int(self.total_mb * MIB)

    @property
    def file_bytes(self) -> int:
        return int(self.file_mb * MIB)

    def breach(self, key: str, what: str, then: str = "") -> str:
        """The Chinese cause for a breach of limit `key`: what happened, the limit and where to change it, and
        `then`, what was done about it."""
        value = getattr(self, key)
        unit = {"total_mb": " MB", "file_mb": " MB", "entries": " 个", "depth": " 层", "seconds": " 秒"}.get(key, "")
        shown = f"{value:g}{unit}" if key != "ratio" else f"{value}:1"
        return f"{what}（上限 {shown}，可在 reviewtools.toml 的 [limits] {key} 中调整）{then}"
