"""The entries of a .zip, recursively, under one budget for the whole input.

The budget (expanded bytes, entries) is shared by every nesting level, so a zip of zips cannot restart it.
Before an entry is expanded, its declared size is held to the per-file limit, to what is left of the budget
and, past RATIO_GRACE_BYTES, to the compression-ratio limit; it is then read in chunks with a cap, so a
header that lies about the size cannot make it expand further. Symlink entries, unsafe paths and encrypted
entries are refused one by one; the rest of the archive goes on.
"""

from __future__ import annotations

import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from io import BytesIO
from pathlib import PurePosixPath

from reviewtools import errors
from reviewtools.errors import ReadError, clean_name
from reviewtools.ingest.formats import sniff
from reviewtools.ingest.walk import system_file
from reviewtools.limits import RATIO_GRACE_BYTES, Limits

_CHUNK = 1024 * 1024
TOTAL = "压缩包解压后的总量超出上限"


class Budget:
    """What is left for one input: expanded bytes and entries, all nesting levels together."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.bytes_left = limits.total_bytes
        self.expanded = self.compressed = 0  # all entries so far: their ratio is held to the limit too
        self.entries = 0
        self.spent = False  # a limit of the whole input was reached: nothing more is read from it


def entries(data: bytes, name: str, budget: Budget, depth: int = 1) -> Iterator[tuple[str, bytes] | ReadError]:
    """(shown name, bytes) of each file in the .zip `data`, nested archives opened; ReadError for each refused."""
    limits = budget.limits
    try:
        zf = zipfile.ZipFile(BytesIO(data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        yield ReadError(name, errors.CORRUPT)
        return
    names = _entry_names(infos)
    for info in sorted(infos, key=lambda i: names[i.orig_filename]):
        if budget.spent:
            return
        budget.entries += 1
        if budget.entries > limits.entries:
            budget.spent = True
            yield ReadError(name, limits.breach("entries", "压缩包内文件过多", "，其余文件未读取"))
            return
        entry_name = names[info.orig_filename]
        shown = f"{name}!{entry_name}"
        parts = PurePosixPath(entry_name.replace("\\", "/")).parts
        if not parts or entry_name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            yield ReadError(shown, "压缩包内路径不安全（绝对路径或包含 ../），已拒绝")
            continue
        if any(system_file(p) for p in parts):
            continue
        refused = _refusal(info, budget)
        if refused:
            yield ReadError(shown, refused)
            continue
        try:
            content = _expand(zf, info, budget)
        except ReadError as exc:
            yield ReadError(shown, exc.cause)
            continue
        if sniff(content, entry_name) == "zip":
            if depth >= limits.depth:
                yield ReadError(shown, limits.breach("depth", "压缩包嵌套层数过多", "，未打开"))
            else:
                yield from entries(content, shown, budget, depth + 1)
            continue
        yield shown, content


def check_package(data: bytes, path: str, limits: Limits) -> None:
    """Refuse a document that is a zip package (.docx, .ofd, .odt) whose parts would expand past the limits,
    before its reader expands them. Their declared sizes are what zipfile expands at most, so they are held
    to the limits of an archive's entries: the size of each, the ratio of each and of all, the total."""
    try:
        infos = zipfile.ZipFile(BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ReadError(path, errors.CORRUPT) from None
    if len(infos) > limits.entries:
        raise ReadError(path, limits.breach("entries", "文件包内部件过多", "，未读取"))
    budget = Budget(limits)
    for info in infos:
        refused = _size_refusal(info, budget)
        if refused:
            raise ReadError(path, f"其中的 {clean_name(info.filename)} " + refused.replace("，其余文件未读取", "，未读取"))
        budget.bytes_left -= info.file_size
        budget.expanded += info.file_size
        budget.compressed += info.compress_size


def _refusal(info: zipfile.ZipInfo, budget: Budget) -> str | None:
    """Why `info` is not expanded, from its header alone; None when it may be."""
    if stat.S_ISLNK(info.external_attr >> 16):
        return "压缩包内的符号链接，未读取"
    if info.flag_bits & 0x1:
        return errors.ENCRYPTED
    return _size_refusal(info, budget)


def _size_refusal(info: zipfile.ZipInfo, budget: Budget) -> str | None:
    """Why `info` is not expanded, from the sizes its header declares and what is left of `budget`."""
    limits = budget.limits
    if _absurd(info.file_size, info.compress_size, limits):
        ratio = info.file_size // max(info.compress_size, 1)
        return limits.breach("ratio", f"压缩比约 {ratio}:1", "，疑似压缩炸弹，未解压")
    expanded, compressed = budget.expanded + info.file_size, budget.compressed + info.compress_size
    if _absurd(expanded, compressed, limits):  # many small entries, each under the grace
        budget.spent = True
        return limits.breach("ratio", f"压缩包整体压缩比约 {expanded // max(compressed, 1)}:1",
                             "，疑似压缩炸弹，其余文件未读取")
    if info.file_size > limits.file_bytes:
        return limits.breach("file_mb", "文件过大")
    if info.file_size > budget.bytes_left:
        budget.spent = True
        return limits.breach("total_mb", TOTAL, "，其余文件未读取")
    return None


def _absurd(expanded: int, compressed: int, limits: Limits) -> bool:
    return expanded > RATIO_GRACE_BYTES and expanded > limits.ratio * max(compressed, 1)


def _expand(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    """The entry's bytes, read in chunks and never past the smallest cap that applies."""
    limits = budget.limits
    caps = [(limits.file_bytes, limits.breach("file_mb", "文件过大")),
            (budget.bytes_left, limits.breach("total_mb", TOTAL, "，其余文件未读取")),
            (max(RATIO_GRACE_BYTES, limits.ratio * max(info.compress_size, 1)),
             limits.breach("ratio", "实际解压量远超压缩前的大小", "，疑似压缩炸弹，已停止解压"))]
    cap, cause = min(caps, key=lambda c: c[0])
    out = bytearray()
    try:
        with zf.open(info) as f:
            while chunk := f.read(min(_CHUNK, cap + 1 - len(out))):
                out += chunk
                if len(out) > cap:
                    if cap == budget.bytes_left:
                        budget.spent = True
                    raise ReadError(info.filename, cause)
    # RuntimeError, NotImplementedError: encrypted without the flag, or a compression method Python lacks
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, RuntimeError) as exc:
        raise ReadError(info.filename, errors.CORRUPT) from exc
    budget.bytes_left -= len(out)
    budget.expanded += len(out)
    budget.compressed += info.compress_size
    return bytes(out)


def _entry_names(infos: list[zipfile.ZipInfo]) -> dict[str, str]:
    """Each entry's name as its author wrote it, by its name as zipfile read it (orig_filename).

    A name flagged UTF-8 (bit 11) is right as read; so is one with an Info-ZIP Unicode Path field (0x7075)
    that matches its header. Unflagged names are in the code page of the tool that wrote them, which zipfile
    reads as CP437: Explorer, WinRAR and 360 on Chinese Windows write GBK (CP936), Info-ZIP on Linux and
    macOS write UTF-8. One archive comes from one tool, so its unflagged names are read as UTF-8 when every
    one of them is valid UTF-8, else as GB18030 (a superset of GBK); a name that is neither stays as read.
    """
    names, raw = {}, {}
    for info in infos:
        name = info.orig_filename
        if info.flag_bits & 0x800:
            names[name] = name
            continue
        try:
            data = name.encode("cp437")
        except UnicodeEncodeError:  # not read as CP437 after all
            names[name] = name
            continue
        unicode_path = _unicode_path(info.extra, data)
        if unicode_path is not None:
            names[name] = unicode_path
        else:
            raw[name] = data
    codec = "utf-8" if all(_decodes(data, "utf-8") for data in raw.values()) else "gb18030"
    for name, data in raw.items():
        names[name] = data.decode(codec) if _decodes(data, codec) else name
    return names


def _unicode_path(extra: bytes, header_name: bytes) -> str | None:
    """The UTF-8 name of an Info-ZIP Unicode Path extra field (0x7075) written for `header_name`, if any."""
    at = 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<HH", extra, at)
        body = extra[at + 4:at + 4 + size]
        if kind == 0x7075 and len(body) > 5 and body[0] == 1 \
                and struct.unpack_from("<I", body, 1)[0] == zlib.crc32(header_name):
            return body[5:].decode("utf-8") if _decodes(body[5:], "utf-8") else None
        at += 4 + size
    return None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True
