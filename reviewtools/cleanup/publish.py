"""Publishing a catalogue: written whole into a hidden folder beside the target, then renamed into place, its
edition recorded in the same registry transaction as the rename.

A run killed while writing leaves nothing at the target (the previous catalogue, if any, stays as it was); if
the rename fails, the edition is not recorded. An existing target is replaced by renaming it aside, renaming
the new folder in and removing the old one; since the whole folder is replaced, a target holding anything a
catalogue does not write is refused rather than emptied.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path

from reviewtools.cleanup.catalogue import Catalogue
from reviewtools.errors import UsageError, os_cause
from reviewtools.registry import Registry

# What catalogue writers put in their folder: catalogue-YEAR[-list].ext and the site.
OWN = re.compile(r"catalogue-\d{4}(-[a-z]+)?\.(xlsx|docx|csv)|site")


def publish(reg: Registry, catalogue: Catalogue, output: str | os.PathLike,
            write: Callable[[Path], list[Path]]) -> list[Path]:
    """Have `write(folder)` write `catalogue` into a new folder, move that to `output` and record the edition.
    Returns the paths written, as they are under `output`."""
    target = Path(output).absolute()
    foreign = _foreign(target)
    if foreign:
        raise UsageError(f"输出文件夹 {target} 中有不是目录生成的文件（{'、'.join(foreign[:3])}）："
                         "目录整体写出并替换该文件夹，请另选新的文件夹或移走这些文件")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    except OSError as exc:
        raise UsageError(f"无法创建输出文件夹 {target}：{os_cause(exc, target)}") from exc
    try:
        paths = write(fresh)
        os.chmod(fresh, 0o777 & ~_umask())  # mkdtemp makes 0700; a catalogue is meant to be shared
        old: list[Path] = []
        reg.record_edition(catalogue.year, catalogue.edition(), then=lambda: old.extend(_swap(fresh, target)))
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    for folder in old:
        shutil.rmtree(folder, ignore_errors=True)
    return [Path(output) / p.relative_to(fresh) for p in paths]


def _foreign(target: Path) -> list[str]:
    try:
        return sorted(p.name for p in target.iterdir() if not OWN.fullmatch(p.name))
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise UsageError(f"无法写入输出文件夹 {target}：{os_cause(exc, target)}") from exc


def _swap(fresh: Path, target: Path) -> list[Path]:
    """Rename `fresh` to `target`; an existing target is renamed aside first (and back if the rename fails).
    Returns where the old target went (nothing if there was none)."""
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    try:
        if not target.exists():
            os.rename(fresh, target)
            return []
        os.rename(target, old)
        try:
            os.rename(fresh, target)
        except OSError:
            os.rename(old, target)
            raise
    except OSError as exc:
        raise UsageError(f"无法写出目录到 {target}：{os_cause(exc, target)}") from exc
    return [old]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
