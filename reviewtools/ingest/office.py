""".doc, .wps, .rtf and .odt: converted to .docx by LibreOffice (headless), then read by the .docx reader.

Each conversion runs in its own temporary folder with its own LibreOffice profile, so that parallel runs
(several processes, or a LibreOffice the user has open) do not collide. A fresh profile costs about 0.2 s on
top of the 1-2 s a conversion takes.
"""

from __future__ import annotations

import glob
import os
import re
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
        for found in sorted(glob.glob(pattern), key=_version, reverse=True):  # the newest /opt/libreofficeX.Y first
            if os.access(found, os.X_OK):
                return found
    return None


def _version(path: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", path)]


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
        fib = _ole_stream_head(data, "WordDocument")
    except (struct.error, IndexError):
        return False
    return fib is not None and len(fib) >= 12 and fib[:2] == b"\xec\xa5" and bool(fib[11] & 0x01)


END = 0xFFFFFFFA  # sector numbers from here on end a chain or mark a sector unused


def _ole_stream_head(data: bytes, name: str) -> bytes | None:
    """The first sector of stream `name` in an OLE compound file (at least 64 bytes), or None if it has none.

    Just enough of the format for that: the sector allocation table, the directory, and the mini stream
    that holds small streams.
    """
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, = struct.unpack_from("<I", data, 0x38)
    next_difat, difat_count = struct.unpack_from("<2I", data, 0x44)

    def offset(n: int) -> int:
        return (n + 1) * sector

    def words(n: int) -> tuple[int, ...]:
        return struct.unpack_from(f"<{sector // 4}I", data, offset(n))

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    for _ in range(difat_count):  # more of the table's sectors are listed in a chain of DIFAT sectors
        if next_difat >= END:
            break
        *listed, next_difat = words(next_difat)
        fat_sectors += listed
    fat = [entry for n in fat_sectors if n < END for entry in words(n)]

    def chain(start: int) -> list[int]:
        sectors: list[int] = []
        while start < END and len(sectors) < len(fat):  # the bound stops a looping chain
            sectors.append(start)
            start = fat[start]
        return sectors

    directory = b"".join(data[offset(n):offset(n) + sector] for n in chain(first_dir))
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 0x40)
        if kind != 2 or directory[at:at + max(length - 2, 0)].decode("utf-16-le", "replace") != name:
            continue
        start, size = struct.unpack_from("<II", directory, at + 0x74)
        if size >= cutoff:
            return data[offset(start):offset(start) + sector]
        position = start * mini  # in the mini stream, which is the root entry's (the first entry's) stream
        host = chain(struct.unpack_from("<I", directory, 0x74)[0])[position // sector]
        return data[offset(host) + position % sector:offset(host) + position % sector + mini]
    return None
