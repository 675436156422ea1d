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
from reviewtools.ingest import docx
from reviewtools.ingest.formats import sniff

TIMEOUT = 120  # seconds for one conversion
FIB_MAGIC = b"\xec\xa5"  # wIdent of Word's file information block
NOT_WORD = "不是 Word 格式的文档（可能是早期 WPS 或其他程序的文件），请另存为 .docx 后再审查"
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
    suffix = fmt
    if fmt in ("doc", "wps"):
        _check_word(data, path)
        suffix = "doc"  # a Kingsoft .wps is a Word file; as .wps LibreOffice would take it for Microsoft Works
    soffice = find_soffice()
    if soffice is None:
        raise ReadError(path, errors.NEED_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="reviewtools-") as tmp:
        source = Path(tmp, "source." + suffix)
        source.write_bytes(data)
        converted = convert(soffice, source, path)
        doc = docx.read(converted.read_bytes(), path)
    doc.format = fmt
    return doc


def convert(soffice: str, source: Path, path: str, target: str = "docx:MS Word 2007 XML") -> Path:
    """Convert `source` to `target` (extension:filter) beside it; the path of the result. Errors name the
    user's `path`."""
    folder = source.parent
    command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", target, "--outdir", str(folder), str(source)]
    # Its own process group, so that a timeout ends LibreOffice's child processes too.
    with subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          start_new_session=True) as process:
        try:
            process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _kill(process)
            raise ReadError(path, f"LibreOffice 转换超时（超过 {TIMEOUT} 秒），文件可能已损坏或过于复杂") from None
        except BaseException:  # the per-file time budget, Ctrl-C: LibreOffice must not outlive the read
            _kill(process)
            raise
    converted = source.with_suffix("." + target.split(":", 1)[0])
    if not converted.is_file() or converted.stat().st_size == 0:
        raise ReadError(path, errors.CORRUPT)
    return converted


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError):  # no process groups (Windows), or already gone
        process.kill()
    process.wait()


def _check_word(data: bytes, path: str) -> None:
    """Refuse, before converting, an OLE file (.doc or .wps) that is damaged, is not a Word document, or has
    an open password. Word's file information block (FIB) starts the WordDocument stream."""
    try:
        fib = ole_stream_head(data, "WordDocument")
    except (struct.error, IndexError, ValueError) as exc:
        raise ReadError(path, errors.CORRUPT) from exc
    if fib is None:
        raise ReadError(path, NOT_WORD)
    if len(fib) < 12 or fib[:2] != FIB_MAGIC:
        raise ReadError(path, errors.CORRUPT)
    if fib[11] & 0x01:  # fEncrypted
        raise ReadError(path, errors.ENCRYPTED)


END = 0xFFFFFFFA  # sector numbers from here on are special: end of chain, unused…


def ole_stream_head(data: bytes, name: str) -> bytes | None:
    """The first sector of stream `name` in an OLE compound file (at least 64 bytes), or None if it has none.

    Just enough of the format for that: the sector allocation table, the directory, and the mini stream
    that holds small streams.
    """
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini = 1 << struct.unpack_from("<H", data, 0x20)[0]
    if sector not in (512, 4096) or mini != 64:
        raise ValueError("not a compound file's sector sizes")
    first_dir, = struct.unpack_from("<I", data, 0x30)
    cutoff, = struct.unpack_from("<I", data, 0x38)
    next_difat, difat_count = struct.unpack_from("<2I", data, 0x44)

    def offset(n: int) -> int:
        return (n + 1) * sector

    def read_sector(n: int) -> bytes:
        if offset(n) >= len(data):
            raise ValueError("sector beyond the end of the file")  # a truncated file
        return data[offset(n):offset(n) + sector]

    def words(n: int) -> tuple[int, ...]:
        return struct.unpack(f"<{sector // 4}I", read_sector(n))

    fat_sectors = list(struct.unpack_from("<109I", data, 0x4C))
    # Past the first 109, the table's sectors are listed in a chain of DIFAT sectors.
    for _ in range(min(difat_count, len(data) // sector)):
        if next_difat >= END:
            break
        *listed, next_difat = words(next_difat)
        fat_sectors += listed
    fat = [entry for n in fat_sectors if n < END for entry in words(n)]

    def chain(start: int) -> list[int]:
        sectors: dict[int, None] = {}  # in chain order
        while start < END:
            if start in sectors:
                raise ValueError("a chain of sectors loops")
            sectors[start] = None
            start = fat[start]
        return list(sectors)

    directory = b"".join(read_sector(n) for n in chain(first_dir))
    if len(directory) < 128 or directory[0x42] != 5:
        raise ValueError("the directory does not start with the root entry")
    for at in range(0, len(directory) - 127, 128):
        length, kind = struct.unpack_from("<HB", directory, at + 0x40)
        if kind != 2 or directory[at:at + max(length - 2, 0)].decode("utf-16-le", "replace") != name:
            continue
        start, size = struct.unpack_from("<II", directory, at + 0x74)
        if size >= cutoff:
            return read_sector(start)
        position = start * mini  # in the mini stream, which is the root entry's (the first entry's) stream
        host = chain(struct.unpack_from("<I", directory, 0x74)[0])[position // sector]
        return read_sector(host)[position % sector:position % sector + mini]
    return None
