"""Text recognition of scans: a page typeset from known text, rendered, turned, speckled and JPEG-coded, read
back page by page with its blocks marked; the cache; the message when the extra is missing."""

from __future__ import annotations

import difflib
import tomllib
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest import ocr, ofd, pdf
from tests.ingest.scan import TITLE, known_lines, scanned, text_pdf

pytest.importorskip("rapidocr_onnxruntime")  # CI and scripts/run.py install it (the `all` extra, from the lock)

LINES = known_lines(3, 24)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("REVIEWTOOLS_OCR_CACHE", str(tmp_path / "ocr"))
    return tmp_path / "ocr"


@pytest.fixture(scope="module")
def scan() -> bytes:
    return scanned(text_pdf([LINES]), angle=1.2)


def _score(text: str) -> tuple[float, int]:
    """(share of the known CJK characters found in order, lines of which less than half was found)."""
    body = "".join(text.split())
    want = "".join(LINES)
    matched = sum(b.size for b in difflib.SequenceMatcher(None, want, body, autojunk=False).get_matching_blocks())
    lost = sum(1 for line in LINES
               if difflib.SequenceMatcher(None, line, body, autojunk=False).find_longest_match().size < len(line) / 2)
    return matched / len(want), lost


def test_scanned_pdf_is_recognised(scan, cache):
    doc = pdf.read(scan, "扫描件.pdf")
    share, lost = _score(doc.text[doc.blocks[1].start:])
    assert share >= 0.98 and lost == 0
    assert doc.text.split("\n")[0] == TITLE and doc.blocks[0].kind == "heading"
    assert all(b.ocr and b.page == 1 for b in doc.blocks) and doc.pages == 1
    assert "- 1 -" not in doc.text  # the page number is furniture, as on a text PDF
    assert len(list(cache.rglob("*.json"))) == 1


def test_a_page_is_recognised_once(scan, monkeypatch):
    first = pdf.read(scan, "a.pdf")
    monkeypatch.setattr(ocr, "_boxes", lambda gray: pytest.fail("recognised again"))
    assert pdf.read(scan, "b.pdf").text == first.text


def test_missing_extra_is_one_chinese_line(scan, monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ReadError) as info:
        pdf.read(scan, "扫描件.pdf")
    assert info.value.line() == "无法读取 扫描件.pdf：扫描件无文字层；安装 OCR 组件后可识别：pip install 'reviewtools[ocr]'"


def test_blank_scan_says_nothing_was_recognised():
    from PIL import Image

    out = BytesIO()
    Image.new("L", (1654, 2339), 250).save(out, "PDF", resolution=200)
    with pytest.raises(ReadError) as info:
        pdf.read(out.getvalue(), "空白.pdf")
    assert info.value.cause == errors.NOTHING_RECOGNIZED


def test_skew_is_measured():
    import numpy as np
    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(scanned(text_pdf([LINES[:12]]), angle=-1.5))[0]
    gray = np.asarray(page.render(scale=100 / 72, grayscale=True).to_pil().convert("L"))
    assert abs(ocr.skew(gray) - 1.5) <= 0.15


def _image_ofd(jpeg: bytes) -> bytes:
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    parts = {
        "OFD.xml": f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                              "</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
                              '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                              "</ofd:Pages></ofd:Document>",
        "Doc_0/DocumentRes.xml": f'<ofd:Res {ns} BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="8" Type="Image">'
                                 "<ofd:MediaFile>scan.jpg</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>",
        "Doc_0/Pages/Page_0/Content.xml": f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="7" '
                                          'Boundary="0 0 210 297" ResourceID="8"/></ofd:Layer></ofd:Content></ofd:Page>',
        "Doc_0/Res/scan.jpg": jpeg,
    }
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def test_image_only_ofd_is_recognised(scan):
    import pypdfium2 as pdfium

    jpeg = BytesIO()
    pdfium.PdfDocument(scan)[0].render(scale=200 / 72, grayscale=True).to_pil().save(jpeg, "JPEG", quality=70)
    doc = ofd.read(_image_ofd(jpeg.getvalue()), "扫描件.ofd")
    share, lost = _score(doc.text[doc.blocks[1].start:])
    assert share >= 0.98 and lost == 0
    assert doc.text.split("\n")[0] == TITLE and all(b.ocr and b.page == 1 for b in doc.blocks)


def test_all_extra_is_every_other_extra():
    extras = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text("utf-8"))["project"][
        "optional-dependencies"]
    assert sorted(extras.pop("all")) == sorted(item for items in extras.values() for item in items)


def test_memo_asks_to_check_quotes_from_recognised_text():
    from dataclasses import replace

    import docx

    from reviewtools.ingest import read_bytes
    from reviewtools.report.memo import docx as memo_docx
    from reviewtools.report.memo import markdown
    from reviewtools.review import review
    from tests.drafts import DRAFT, NAME, SETTINGS

    doc = read_bytes(DRAFT.encode("utf-8"), NAME)
    doc.blocks = [replace(b, ocr=True) if b.page is None and i % 2 else b for i, b in enumerate(doc.blocks)]
    result = review(doc, SETTINGS)
    quoted = [f for f in result.findings if f.quote]
    assert any(f.ocr for f in quoted) and not all(f.ocr for f in quoted)
    assert all(f.ocr == bool(doc.block_at(f.start).ocr) for f in quoted)
    note = "（文字经识别，请核对原件）"
    assert markdown.render(result).decode("utf-8").count(note) == sum(f.ocr for f in quoted)
    memo = docx.Document(BytesIO(memo_docx.render(result)))
    assert sum(p.text.count(note) for p in memo.paragraphs) == sum(f.ocr for f in quoted)
    assert [f.get("ocr", False) for f in result.to_dict()["findings"] if f["quote"]] == [f.ocr for f in quoted]
