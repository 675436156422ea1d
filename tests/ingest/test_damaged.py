"""Damaged input read, repaired and reported, never refused for a few bad bytes: a PDF whose font map gives
lone surrogates or private-use noise, text with invalid or cut bytes, file names in GBK bytes."""

from __future__ import annotations

import os

import pytest

from reviewtools import errors
from reviewtools.document import unusable_replaced
from reviewtools.errors import ReadError
from reviewtools.ingest import read_bytes, read_file
from reviewtools.ingest.decode import bytes_replaced, path_text
from reviewtools.review import review
from reviewtools.settings import Settings
from tests.ingest.damaged_pdf import damaged_pdf

LINES = ["某市停车场管理办法", "第一条 为规范停车~场管理，根据有关法律法规，制定本办法。",
         "第二条 对违反本办法的，由市场监管部门处以罚款。"]
REPAIRED = "某市停车场管理办法\n第一条 为规范停车\ufffd场管理，根据有关法律法规，制定本办法。\n第二条 对违反本办法的，由市场监管部门处以罚款。"


def test_lone_surrogate_from_a_damaged_font_map_is_replaced_and_counted():
    doc = read_bytes(damaged_pdf(LINES), "damaged.pdf")
    assert doc.text == REPAIRED
    assert doc.warnings == [unusable_replaced(1)]
    doc.text.encode("utf-8")  # every writer, the registry and the terminal take it
    assert doc.to_dict()["warnings"] == ["正文中有 1 个无法识别的字符（文件内字符编码损坏或为字体私用编码），已替换为“\ufffd”"]


def test_quotes_after_the_replaced_character_are_exact_substrings():
    doc = read_bytes(damaged_pdf(LINES), "damaged.pdf")
    quoted = {f.quote: doc.text[f.start:f.end] for f in review(doc, Settings()).findings if f.quote}
    assert quoted == {"根据有关法律法规": "根据有关法律法规", "处以罚款": "处以罚款"}


def test_private_use_noise_replaced_one_for_one():
    doc = read_bytes(damaged_pdf(LINES, broken_to="E001E002"), "noise.pdf")
    assert doc.text == REPAIRED.replace("\ufffd", "\ufffd\ufffd")
    assert doc.warnings == [unusable_replaced(2)]


def test_a_lone_private_use_character_is_a_rare_character_and_stays():
    doc = read_bytes(damaged_pdf(LINES, broken_to="E001"), "rare.pdf")
    assert doc.text == REPAIRED.replace("\ufffd", "\ue001")
    assert doc.warnings == []


BODY = ("关于加强安全生产工作的通知\n各区人民政府，市政府各部门：\n"
        + "现就进一步加强安全生产工作有关事项通知如下，请各单位认真贯彻落实，切实加强组织领导，确保取得实效。\n" * 6)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_one_invalid_byte_is_replaced_with_a_warning(encoding):
    data = BODY.encode(encoding)
    cut = data.index("通知如下".encode(encoding))  # between two characters
    doc = read_bytes(data[:cut] + b"\xff" + data[cut:], "damaged.txt")
    assert doc.text == BODY.replace("通知如下", "\ufffd通知如下", 1).strip()
    assert doc.warnings == [bytes_replaced(1)]
    assert bytes_replaced(1) == "有 1 个字节无法按文字编码解读（文件可能已损坏或被截断），已替换为“\ufffd”"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_text_cut_inside_its_last_character(encoding):
    data = "关于加强安全生产工作的通知".encode(encoding)[:-1]
    doc = read_bytes(data, "cut.txt")
    assert doc.text == "关于加强安全生产工作的通\ufffd"
    assert doc.warnings == [bytes_replaced(2 if encoding == "utf-8" else 1)]


@pytest.mark.parametrize("charset", ["utf-8", None])
def test_html_page_with_one_invalid_byte(charset):
    meta = f'<meta charset="{charset}">' if charset else ""
    page = f"<html><head>{meta}</head><body><p>" + BODY.replace("\n", "</p><p>") + "</p></body></html>"
    data = page.encode("utf-8")
    cut = data.index("通知如下".encode())
    doc = read_bytes(data[:cut] + b"\xfe" + data[cut:], "page.html")
    assert doc.format == "html"
    assert "\ufffd通知如下" in doc.text
    assert doc.warnings == [bytes_replaced(1)]


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 40,  # every byte value: binary
    os.urandom(0) + bytes((i * 7919 + 13) % 256 for i in range(8000)),  # noise
    BODY.encode("utf-8")[:400] + b"\xff" * 8,  # far more than a few bytes broken
])
def test_binary_and_badly_broken_text_still_refused(data):
    with pytest.raises(ReadError) as err:
        read_bytes(data, "binary.txt")
    assert err.value.cause == errors.ENCODING


GBK_NAME = "关于加强安全生产工作的通知.txt"


def test_gbk_file_name_is_shown_decoded(tmp_path):
    raw = os.fsencode(tmp_path) + b"/" + GBK_NAME.encode("gbk")
    fd = os.open(raw, os.O_WRONLY | os.O_CREAT)
    os.write(fd, BODY.encode("utf-8"))
    os.close(fd)
    [on_disk] = tmp_path.iterdir()
    assert "\udcb9" in str(on_disk)  # what os.fsdecode gives for GBK bytes
    doc = read_file(on_disk)
    assert doc.path == f"{tmp_path}/{GBK_NAME}"
    assert os.fsencode(doc.path.removeprefix(f"{tmp_path}/").encode("gb18030")) == GBK_NAME.encode("gbk")


def test_path_text():
    assert path_text("目录/草案.docx") == "目录/草案.docx"
    assert path_text(os.fsdecode("目录/".encode() + "草案.docx".encode("gbk"))) == "目录/草案.docx"
    assert path_text(os.fsdecode(b"a/\xff\x80.txt")) == "a/\\xff\\x80.txt"  # neither UTF-8 nor GB18030
