"""Zip entry names as Windows and Unix tools write them, and the system and lock files beside documents.

Explorer, WinRAR and 360 on Chinese Windows write names in GBK (CP936) without the UTF-8 flag; Info-ZIP on
Linux writes UTF-8 without the flag, with or without a Unicode Path field. Python's zipfile writes only flagged
names, so the archives are built here with ASCII placeholders whose bytes are then replaced."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.errors import ReadError
from reviewtools.ingest import iter_documents, list_files

DRAFT = "某市停车场管理办法\n第一条 为规范停车场管理，根据《中华人民共和国道路交通安全法》，制定本办法。\n"
NAMES = ["关于加强停车管理的通知.txt", "附件/停车场收费标准.txt"]


def unflagged_zip(names: list[str], encoding: str, unicode_path: bool = False) -> bytes:
    """A zip whose entries are named in `encoding` with the UTF-8 flag clear, as an OEM-code-page tool writes
    them (directory entries first, as Explorer adds them); with `unicode_path`, an Info-ZIP 0x7075 field too."""
    out = io.BytesIO()
    raw_names = [name.encode(encoding) for name in names]
    folders = sorted({name.rsplit(b"/", 1)[0] + b"/" for name in raw_names if b"/" in name})
    placeholders = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for n, raw in enumerate(folders + raw_names):
            placeholder = f"{n:0{len(raw)}d}"[:len(raw)] if not raw.endswith(b"/") else f"{n:0{len(raw) - 1}d}/"
            placeholders[placeholder.encode()] = raw
            info = zipfile.ZipInfo(placeholder)
            info.create_system = 0  # MS-DOS, as Windows tools write
            if unicode_path and not raw.endswith(b"/"):
                utf8 = raw.decode(encoding).encode("utf-8")
                body = b"\x01" + struct.pack("<I", zlib.crc32(raw)) + utf8
                info.extra = struct.pack("<HH", 0x7075, len(body)) + body
            zf.writestr(info, b"" if raw.endswith(b"/") else DRAFT.encode("gbk"))
    data = out.getvalue()
    for placeholder, raw in placeholders.items():
        assert data.count(placeholder) == 2  # the local header and the central directory
        data = data.replace(placeholder, raw)
    return data


def shown(tmp_path, data: bytes) -> list[str]:
    path = tmp_path / "来文.zip"
    path.write_bytes(data)
    items = list(iter_documents([path]))
    assert not [i for i in items if isinstance(i, ReadError)]
    return [i.path.split("!", 1)[1] for i in items]


def test_gbk_names_of_a_zip_from_chinese_windows(tmp_path):
    data = unflagged_zip(NAMES, "gbk")
    assert not any(i.flag_bits & 0x800 for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert shown(tmp_path, data) == sorted(NAMES)


def test_utf8_names_without_the_flag_stay_utf8(tmp_path):
    assert shown(tmp_path, unflagged_zip(NAMES, "utf-8")) == sorted(NAMES)


def test_the_unicode_path_field_wins_over_the_header_name(tmp_path):
    data = unflagged_zip(NAMES, "gbk", unicode_path=True)
    raw = "关于加强停车管理的通知.txt".encode("gbk")
    crc = struct.pack("<I", zlib.crc32(raw))
    # The field names another file than the header: it is believed only while its CRC matches the header name
    assert shown(tmp_path, data.replace("停车场收费".encode(), "公园门票价".encode())) == \
        ["关于加强停车管理的通知.txt", "附件/公园门票价标准.txt"]
    assert shown(tmp_path, data.replace(crc, b"\0\0\0\0")) == sorted(NAMES)


def test_a_name_in_neither_encoding_is_shown_as_read(tmp_path):
    names = shown(tmp_path, unflagged_zip(["\u00e9t\u00e9.txt"], "cp437"))  # é in CP437: 0x82, invalid as GB18030 end
    assert names == ["\u00e9t\u00e9.txt"]


def test_the_cli_names_the_entries_right_in_every_output(tmp_path):
    path = tmp_path / "来文.zip"
    path.write_bytes(unflagged_zip(NAMES, "gbk"))
    out = tmp_path / "意见书"
    result = CliRunner().invoke(main, ["review", str(path), "-o", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"{path}!附件/停车场收费标准.txt" in index and f"{path}!关于加强停车管理的通知.txt" in index


SYSTEM = ["desktop.ini", "Thumbs.db", "ehthumbs.db", "~$关于停车管理的通知.docx", ".DS_Store", "._办法.txt",
          "~WRL0001.tmp"]


@pytest.mark.parametrize("folder", [False, True])
def test_system_and_lock_files_are_skipped_silently(tmp_path, folder):
    thumbs = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)  # an OLE file, as Thumbs.db is
    junk = {name: (thumbs if name.endswith(".db") else b"[.ShellClassInfo]\r\nIconResource=x\r\n") for name in SYSTEM}
    if folder:
        root = tmp_path / "送审稿"
        (root / "__MACOSX").mkdir(parents=True)
        (root / "__MACOSX" / "._办法.txt").write_bytes(b"\0\5\26\7")
        for name, data in junk.items():
            (root / name).write_bytes(data)
        (root / "办法.txt").write_text(DRAFT, encoding="utf-8")
        assert list_files([root]) == [root / "办法.txt"]
        given = root
    else:
        given = tmp_path / "送审稿.zip"
        with zipfile.ZipFile(given, "w") as zf:
            for name, data in junk.items():
                zf.writestr(name, data)
                zf.writestr(f"__MACOSX/{name}", b"\0\5\26\7")
            zf.writestr("子目录/Desktop.ini", junk["desktop.ini"])
            zf.writestr("子目录/办法.txt", DRAFT)
    result = CliRunner().invoke(main, ["parse", "--json", str(given)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1 and "办法.txt" in result.stdout
