""".doc, .wps, .rtf and .odt: converted to .docx by LibreOffice (headless), then read by the .docx reader.

Each conversion runs in its own temporary folder with its own LibreOffice profile, so that parallel runs
(several processes, or a LibreOffice the user has open) do not collide. A fresh profile costs about 0.2 s on
top of the 1-2 s a conversion takes.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import struct
import subprocess
import tempfile
from pathlib import Path

from reviewtools import errors
from reviewtools.document import Document
from reviewtools.errors import ReadError
from reviewtools.ingest import docx, sniff

TIMEOUT = 120  # seconds for one conversion
CANDIDATES = (
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
    "C:/Program Files (x86)/LibreOffice/program/soffice.exe",
)


def find_soffice() -> str | None:
    """The LibreOffice executable: on PATH (soffice, libreoffice) or where installers put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in CANDIDATES:
        for found in sorted(glob.glob(pattern), reverse=True):  # the newest /opt/libreofficeX.Y first
            if os.access(found, os.X_OK):
                return found
    return None


def read(data: bytes, path: str) -> Document:
    fmt = sniff(data, path)  # doc, wps, rtf or odt
    if fmt in ("doc", "wps") and _encrypted_word(data):
        raise ReadError(path, errors.ENCRYPTED)
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(path, errors.NEED_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="reviewtools-") as tmp:
        # A Kingsoft .wps is a Word binary file; under its own suffix LibreOffice would try Microsoft Works.
        source = Path(tmp, "source." + ("doc" if fmt == "wps" else fmt))
        source.write_bytes(data)
        converted = _convert(soffice, source, path)
        doc = docx.read(converted.read_bytes(), path)
    doc.format = fmt
    return doc


def _convert(soffice: str, source: Path, path: str) -> Path:
    """Convert `source` to .docx beside it; the path of the result. Errors name the user's `path`."""
    folder = source.parent
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
               str(source)]
    # Its own process group, so that a timeout ends LibreOffice's child processes too.
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          start_new_session=True) as process:
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise ReadError(path, f"LibreOffice 转换超时（超过 {TIMEOUT} 秒），文件可能已损坏或过于复杂") from None
    converted = source.with_suffix(".docx")
    if not converted.is_file() or converted.stat().st_size == 0:
        raise ReadError(path, errors.CORRUPT)
    return converted


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError):  # no process groups (Windows), or already gone
        process.kill()
    process.wait()


def _encrypted_word(data: bytes) -> bool:
    """Whether a Word binary file (.doc, or a .wps, which is one) has an open password: the fEncrypted bit of
    the FIB, which starts the WordDocument stream. False when that cannot be told."""
    try:
        head = _ole_stream_head(data, "WordDocument", 12)
    except (struct.error, IndexError, ValueError):
        return False
    return head is not None and len(head) >= 12 and head[:2] == b"\xec\xa5" and bool(head[11] & 0x01)


FREE = 0xFFFFFFFA  # sector numbers from here on mark ends of chains and unused sectors


def _ole_stream_head(data: bytes, name: str, size: int) -> bytes | None:
    """The first `size` bytes of stream `name` in an OLE compound file, or None if it has no such stream.

    Just enough of the format for that: the sector allocation table, the directory, and the mini stream
    where small streams live.
    """
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_sector = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, first_minifat, _, first_difat, difat_count = struct.unpack_from("<5I", data, 0x38)

    def offset(n: int) -> int:
        return (n + 1) * sector

    def words(n: int) -> tuple[int, ...]:
        return struct.unpack_from(f"<{sector // 4}I", data, offset(n))

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    for _ in range(difat_count):
        if first_difat >= FREE:
            break
        *more, first_difat = words(first_difat)
        fat_sectors += more
    fat = [entry for n in fat_sectors if n < FREE for entry in words(n)]

    def chain(start: int) -> list[int]:
        out = []
        while start < FREE and len(out) < len(fat):
            out.append(start)
            start = fat[start]
        return out

    def read_chain(start: int, limit: int) -> bytes:
        parts, have = [], 0
        for n in chain(start):
            parts.append(data[offset(n):offset(n) + sector])
            have += sector
            if have >= limit:
                break
        return b"".join(parts)[:limit]

    entries = b"".join(data[offset(n):offset(n) + sector] for n in chain(first_dir))
    root_start = struct.unpack_from("<I", entries, 0x74)[0]
    for at in range(0, len(entries) - 127, 128):
        length, kind = struct.unpack_from("<HB", entries, at + 0x40)
        if kind != 2 or entries[at:at + max(length - 2, 0)].decode("utf-16-le", "replace") != name:
            continue
        start, stream_size = struct.unpack_from("<II", entries, at + 0x74)
        if stream_size >= cutoff:
            return read_chain(start, min(size, stream_size))
        # A small stream: in mini sectors, inside the mini stream the root entry holds.
        minifat = struct.unpack_from(f"<{0}I".format(0), b"")  # placeholder replaced below
        minifat = [e for n in chain(first_minifat) for e in words(n)]
        pieces, mini = [], start
        while mini < FREE and len(pieces) * mini_sector < min(size, stream_size):
            pieces.append(read_chain(root_start, (mini + 1) * mini_sector)[mini * mini_sector:])
            mini = minifat[mini]
        return b"".join(pieces)[:min(size, stream_size)]
    return None
