""".doc, .wps, .rtf and .odt through LibreOffice, on files made here from a python-docx document."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest import office, read_file
from tests.conftest import require

TITLE = "某市人民政府办公室关于印发《某市涉企收费管理办法》的通知"
EXPECTED_BLOCKS = [
    # kind, text, table, row, cell
    ("heading", TITLE, None, None, None),
    ("paragraph", "各县（市、区）人民政府：", None, None, None),
    ("paragraph", "现将《某市涉企收费管理办法》印发给你们，请认真贯彻执行。", None, None, None),
    ("cell", "项目", 1, 1, 1),
    ("cell", "标准", 1, 1, 2),
    ("cell", "检验费", 1, 2, 1),
    ("cell", "按成本收取", 1, 2, 2),
    ("paragraph", "特此通知。", None, None, None),
    ("header", "某市人民政府办公室", None, None, None),
]
EXPECTED_TEXT = "\n".join(text for _, text, *_ in EXPECTED_BLOCKS)


def _blocks(doc):
    return [(b.kind, doc.text[b.start:b.end], b.table, b.row, b.cell) for b in doc.blocks]


def _notice_docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading(TITLE, level=1)
    d.add_paragraph("各县（市、区）人民政府：")
    d.add_paragraph("现将《某市涉企收费管理办法》印发给你们，请认真贯彻执行。")
    table = d.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["项目", "标准", "检验费", "按成本收取"], strict=True):
        cell.text = text
    d.add_paragraph("特此通知。")
    d.sections[0].header.paragraphs[0].text = "某市人民政府办公室"
    d.save(path)
    return path


def _convert(source: Path, fmt: str) -> Path:
    """Convert with LibreOffice as a user would ("另存为"), in a private profile."""
    subprocess.run([office.find_soffice(), f"-env:UserInstallation={(source.parent / 'profile').as_uri()}",
                    "--headless", "--convert-to", fmt, "--outdir", str(source.parent), str(source)],
                   check=True, capture_output=True, timeout=180)
    return source.with_suffix("." + fmt)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The notice as .doc and .odt, made by LibreOffice from a .docx."""
    require(office.find_soffice() is not None, "LibreOffice (soffice) is not installed")
    source = _notice_docx(tmp_path_factory.mktemp("office") / "通知.docx")
    return {fmt: _convert(source, fmt) for fmt in ("doc", "odt")}


def _rtf(path: Path) -> Path:
    """A hand-written RTF of the notice's body paragraphs (Chinese as \\uN? escapes)."""
    def escape(text: str) -> str:
        return "".join(c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?" for c in text)

    paragraphs = [text for kind, text, *_ in EXPECTED_BLOCKS if kind == "paragraph"]
    body = "".join(f"{escape(text)}\\par\n" for text in paragraphs)
    path.write_text("{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0 SimSun;}}\\f0\n" + body + "}", encoding="ascii")
    return path


def test_doc_is_read_through_libreoffice(converted: dict[str, Path]) -> None:
    doc = read_file(converted["doc"])
    assert doc.format == "doc"
    assert doc.text == EXPECTED_TEXT
    assert _blocks(doc) == EXPECTED_BLOCKS
    assert len(doc.sha256) == 64


def test_wps_is_read_as_the_word_binary_it_is(converted: dict[str, Path], tmp_path: Path) -> None:
    wps = tmp_path / "通知.wps"
    wps.write_bytes(converted["doc"].read_bytes())
    doc = read_file(wps)
    assert doc.format == "wps"
    assert doc.text == EXPECTED_TEXT


def test_odt_is_read_through_libreoffice(converted: dict[str, Path]) -> None:
    doc = read_file(converted["odt"])
    assert doc.format == "odt"
    assert _blocks(doc) == EXPECTED_BLOCKS


def test_rtf_is_read_through_libreoffice(tmp_path: Path) -> None:
    require(office.find_soffice() is not None, "LibreOffice (soffice) is not installed")
    doc = read_file(_rtf(tmp_path / "通知.rtf"))
    assert doc.format == "rtf"
    assert doc.text == "各县（市、区）人民政府：\n现将《某市涉企收费管理办法》印发给你们，请认真贯彻执行。\n特此通知。"


def test_without_libreoffice_the_user_is_told_to_install_it(monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.setattr(office, "find_soffice", lambda: None)
    path = _rtf(tmp_path / "通知.rtf")
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.cause == errors.NEED_LIBREOFFICE
    assert caught.value.line() == f"无法读取 {path}：{errors.NEED_LIBREOFFICE}"


def test_password_protected_doc_is_reported_encrypted(converted: dict[str, Path], tmp_path: Path) -> None:
    data = bytearray(converted["doc"].read_bytes())
    fib = data.index(bytes.fromhex("eca5"))  # the WordDocument stream starts with the FIB
    data[fib + 11] |= 0x01  # fEncrypted, as Word and LibreOffice set it when saving with an open password
    path = tmp_path / "加密.doc"
    path.write_bytes(bytes(data))
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.cause == errors.ENCRYPTED


@pytest.mark.parametrize("damage, cause", [
    (lambda data: data[: len(data) * 6 // 10], errors.CORRUPT),  # truncated
    (lambda data: data[:512] + b"\x00" * (len(data) - 512), errors.CORRUPT),  # no directory left
    (lambda data: data.replace("WordDocument".encode("utf-16-le"), "OtherStream1".encode("utf-16-le")),
     office.NOT_WORD),  # a compound file, but not a Word document
])
def test_damaged_or_foreign_ole_file_is_refused_before_conversion(converted: dict[str, Path], tmp_path: Path,
                                                                  damage, cause) -> None:
    path = tmp_path / "损坏.doc"
    path.write_bytes(damage(converted["doc"].read_bytes()))
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.cause == cause


def test_document_libreoffice_cannot_load_is_corrupt(tmp_path: Path) -> None:
    require(office.find_soffice() is not None, "LibreOffice (soffice) is not installed")
    path = tmp_path / "损坏.odt"
    with zipfile.ZipFile(path, "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<office:document-content")
    with pytest.raises(ReadError) as caught:
        read_file(path)
    assert caught.value.cause == errors.CORRUPT


def test_conversion_that_hangs_is_stopped(converted: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office, "TIMEOUT", 0.05)
    with pytest.raises(ReadError) as caught:
        read_file(converted["doc"])
    assert "转换超时" in caught.value.cause


def test_soffice_is_found_where_installers_put_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for version in ("7.4", "24.8"):
        program = tmp_path / f"libreoffice{version}" / "program"
        program.mkdir(parents=True)
        (program / "soffice").write_text("#!/bin/sh\n")
        (program / "soffice").chmod(0o755)
    monkeypatch.setattr(office.shutil, "which", lambda name: None)
    monkeypatch.setattr(office, "CANDIDATES", (str(tmp_path / "libreoffice*" / "program" / "soffice"),))
    assert office.find_soffice() == str(tmp_path / "libreoffice24.8" / "program" / "soffice")  # the newest
    monkeypatch.setattr(office, "CANDIDATES", ())
    assert office.find_soffice() is None
