"""Read any supported file (or folder, or .zip) into a Document, choosing the reader by content."""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from pathlib import Path, PurePosixPath

from reviewtools import errors
from reviewtools.document import Document
from reviewtools.errors import ReadError
from reviewtools.ingest.decode import path_text

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024  # uncompressed total of one .zip
MAX_ARCHIVE_ENTRIES = 20_000
MAX_ARCHIVE_DEPTH = 3

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


def sniff(data: bytes, name: str = "") -> str:
    """The format of `data`: pdf, docx, ofd, odt, zip, doc, wps, encrypted-office, rtf, html, txt or empty."""
    if not data.strip():
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_OOXML in data[:1 << 20] or ENCRYPTED_OOXML in data:
            return "encrypted-office"
        return "wps" if name.lower().endswith(".wps") else "doc"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    from reviewtools.ingest.text import looks_like_html

    return "html" if looks_like_html(data) else "txt"


def _sniff_zip(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError):
        return "corrupt-zip"
    if "word/document.xml" in names:
        return "docx"
    if "OFD.xml" in names or "ofd.xml" in names:
        return "ofd"
    if "content.xml" in names and "mimetype" in names:
        return "odt"
    return "zip"


# format → (module, function). Imported lazily: a .txt review should not pay for pdf or docx libraries.
_READERS = {
    "txt": ("text", "read_text"),
    "html": ("text", "read_html"),
    "docx": ("docx", "read"),
    "pdf": ("pdf", "read"),
    "ofd": ("ofd", "read"),
    "doc": ("office", "read"),
    "wps": ("office", "read"),
    "rtf": ("office", "read"),
    "odt": ("office", "read"),
}


def _reader(fmt: str):
    module, function = _READERS[fmt]
    return getattr(importlib.import_module(f"reviewtools.ingest.{module}"), function)


def read_bytes(data: bytes, path: str) -> Document:
    """Read one file's bytes. Raises ReadError with a Chinese cause."""
    fmt = sniff(data, path)
    if fmt == "empty":
        raise ReadError(path, errors.EMPTY)
    if fmt == "encrypted-office":
        raise ReadError(path, errors.ENCRYPTED)
    if fmt == "corrupt-zip":
        raise ReadError(path, errors.CORRUPT)
    if fmt == "zip":
        raise ReadError(path, "这是压缩包，请直接把压缩包作为输入（会逐个读取其中的文件）")
    reader = _reader(fmt)
    try:
        doc = reader(data, path)
    except ReadError:
        raise
    except Exception as exc:  # a reader library choking on a damaged file
        raise ReadError(path, errors.CORRUPT) from exc
    if not doc.text.strip():
        raise ReadError(path, errors.EMPTY)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


def read_file(path: str | os.PathLike) -> Document:
    p = Path(path)
    if not p.is_file():
        raise ReadError(path_text(path), errors.NOT_FOUND)
    if p.stat().st_size > MAX_FILE_BYTES:
        raise ReadError(path_text(path), errors.TOO_LARGE)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReadError(path_text(path), f"无法打开文件（{exc.strerror}）") from exc
    return read_bytes(data, path_text(path))


def list_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """The files under `paths` (folders walked recursively, hidden files skipped), in a stable order."""
    out: list[Path] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*") if q.is_file() and not _hidden(q.relative_to(p))))
        else:
            out.append(p)
    return out


def iter_documents(paths: Iterable[str | os.PathLike]) -> Iterator[Document | ReadError]:
    """Every readable document under `paths` (files, folders, .zip archives), in a stable order.

    Unreadable files yield their ReadError in place, so a batch goes on with the next file.
    """
    for path in list_files(paths):
        yield from _one(path)


def _hidden(rel: Path) -> bool:
    return any(part.startswith((".", "~$")) for part in rel.parts)


def _one(path: Path) -> Iterator[Document | ReadError]:
    try:
        if path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
            data = path.read_bytes()
            if sniff(data, path.name) == "zip":
                yield from _archive(data, path_text(path), depth=1)
                return
        yield read_file(path)
    except ReadError as exc:
        yield exc
    except OSError as exc:
        yield ReadError(path_text(path), f"无法打开文件（{exc.strerror}）")


def _archive(data: bytes, name: str, depth: int) -> Iterator[Document | ReadError]:
    """Each file inside a .zip, recursively; unsafe or oversized entries refused one by one."""
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, ValueError):
        yield ReadError(name, errors.CORRUPT)
        return
    if len(infos) > MAX_ARCHIVE_ENTRIES:
        yield ReadError(name, f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_ARCHIVE_ENTRIES} 个）")
        return
    total = 0
    for info in sorted(infos, key=lambda i: i.filename):
        entry_name = _entry_name(info)
        shown = f"{name}!{entry_name}"
        parts = PurePosixPath(entry_name.replace("\\", "/")).parts
        if entry_name.startswith(("/", "\\")) or ".." in parts or (parts and ":" in parts[0]):
            yield ReadError(shown, "压缩包内路径不安全（绝对路径或包含 ../），已拒绝")
            continue
        if _hidden(Path(*parts)) or parts[0] == "__MACOSX":
            continue
        total += info.file_size
        if info.file_size > MAX_FILE_BYTES or total > MAX_ARCHIVE_BYTES:
            yield ReadError(shown, errors.TOO_LARGE)
            continue
        try:
            content = zf.read(info)
        except Exception:
            yield ReadError(shown, errors.CORRUPT)
            continue
        if sniff(content, entry_name) == "zip":
            if depth >= MAX_ARCHIVE_DEPTH:
                yield ReadError(shown, "压缩包嵌套层数过多")
            else:
                yield from _archive(content, shown, depth + 1)
            continue
        try:
            yield read_bytes(content, shown)
        except ReadError as exc:
            yield exc


def _entry_name(info: zipfile.ZipInfo) -> str:
    """Zip entry names from Chinese Windows tools are GBK without the UTF-8 flag; decode them right."""
    name = info.filename
    if not info.flag_bits & 0x800:
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gb18030")
    return name
