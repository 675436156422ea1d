"""The workbench's files: uploaded drafts kept by content (uploads/<sha256>), and the folders a request may
name, which must lie inside those the administrator configured."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from reviewtools.atomic import write_atomic
from reviewtools.errors import UsageError, clean_name


def keep(data_folder: Path, content: bytes) -> str:
    """Keep an uploaded file's bytes; returns their sha256, by which `load` finds them again."""
    sha256 = hashlib.sha256(content).hexdigest()
    path = _upload(data_folder, sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(path, content)
    return sha256


def load(data_folder: Path, sha256: str) -> bytes:
    path = _upload(data_folder, sha256)
    if not path.is_file():
        raise UsageError("这一轮上传的原文件已不在工作台文件夹中，无法重新生成")
    return path.read_bytes()


def _upload(data_folder: Path, sha256: str) -> Path:
    if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
        raise UsageError("文件标识无效")
    return data_folder / "uploads" / sha256[:2] / sha256


def allowed_folder(requested: str, folders: tuple[Path, ...]) -> Path:
    """The folder `requested` names, if it is one of `folders` or inside one (after resolving every symlink
    and ..); anything else is refused, naming the folders that may be used."""
    if not folders:
        raise UsageError("管理员没有配置可读取的文件夹（reviewtools.toml 的 [web] folders，或 serve --folder）")
    text = requested.strip()
    if not text or "\x00" in text:
        raise UsageError("请填写要清理的文件夹")
    path = Path(text)
    if not path.is_absolute():
        path = folders[0] / path
    resolved = Path(os.path.realpath(path))
    if not any(resolved == f or resolved.is_relative_to(f) for f in folders):
        raise UsageError(f"不允许读取这个文件夹：{clean_name(text)}（只能使用：{'、'.join(str(f) for f in folders)}）")
    if not resolved.is_dir():
        raise UsageError(f"文件夹不存在：{clean_name(text)}")
    return resolved
