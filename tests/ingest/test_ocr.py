"""Text recognition of scans: a page typeset from known text, rendered, turned, speckled and JPEG-coded, read
back page by page with its blocks marked; the cache; the message when the extra is missing."""

from __future__ import annotations

import tomllib
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest import ocr, ofd, pdf
from tests.ingest import scan as scans
from tests.ingest.scan import TITLE, dense_lines, dense_pdf, known_lines, scanned, score, text_pdf

pytest.importorskip("rapidocr_onnxruntime")  # CI and scripts/run.py install it (the `all` extra, from the lock)

LINES = known_lines(3, 24)


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("REVIEWTOOLS_OCR_CACHE", str(tmp_path / "ocr"))
    return tmp_path / "ocr"


@pytest.fixture(scope="module")
def scan() -> bytes:
    return scanned(text_pdf([LINES]), angle=1.2)


def test_scanned_pdf_is_recognised(scan, cache):
    doc = pdf.read(scan, "扫描件.pdf")
    share, lost = score(LINES, doc.text[doc.blocks[1].start:])
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


def _gray(pdf_bytes: bytes, dpi: int):
    import numpy as np
    import pypdfium2 as pdfium

    return np.asarray(pdfium.PdfDocument(pdf_bytes)[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))


def test_skew_is_measured():
    assert abs(ocr.level(_gray(scanned(text_pdf([LINES[:12]]), angle=-1.5), 100))[0] - 1.5) <= 0.15


def test_type_height_is_measured():
    """The height of the page's type, which sets the scale lines are found at: a little under the em."""
    for source, size in ((text_pdf([LINES]), scans.SIZE), (dense_pdf([DENSE]), scans.DENSE_SIZE)):
        em = size * ocr.DPI / 72
        assert 0.8 * em <= ocr.level(_gray(scanned(source, angle=0.7), ocr.DPI))[1] <= em


def test_a_line_is_read_cut_to_its_ink_with_margins_of_paper():
    """The detector's box has slack above and below the glyphs: the line is cut to its inked rows, then given
    REC_PAD of their height of paper above and below, so the recogniser sees glyphs of one size on every page."""
    import numpy as np

    image = np.full((300, 500, 3), 250, np.uint8)
    image[100:140, 50:450] = 20  # a 40 px line of ink
    image[120, 460] = 0  # a dust speck in the box, outside the line
    box = np.array([[40, 80], [470, 80], [470, 160], [40, 160]], dtype=np.float32)  # 20 px of slack each way
    line = ocr._crop(image, box)
    pad = round(ocr.REC_PAD * 40)
    assert line.shape[:2] == (40 + 2 * pad, 430)
    assert (line[:pad] == 250).all() and (line[-pad:] == 250).all() and (line[pad:pad + 40, 20:400] == 20).all()


DENSE = dense_lines(11)


def test_dense_page_is_recognised_whole():
    """Small print (10.5 pt, 42 lines of 41 characters), turned 0.7°: every line read, in order."""
    doc = pdf.read(scanned(dense_pdf([DENSE]), angle=0.7), "附件.pdf")
    share, lost = score(DENSE, doc.text)
    assert share >= 0.98 and lost == 0
    assert all(b.ocr and b.page == 1 for b in doc.blocks) and "- 1 -" not in doc.text


def _image_ofd(jpeg: bytes, text_page: str | None = None, nested: bool = False) -> bytes:
    """An OFD whose (last) page is the image `jpeg`, drawn by an ImageObject on the page or, `nested`, inside a
    CompositeGraphicUnit drawn inside another; `text_page` is the layer content of a first page with text."""
    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    image = '<ofd:ImageObject ID="7" Boundary="0 0 210 297" ResourceID="8"/>'
    units = ""
    if nested:  # the outer unit is drawn at (5, 7) and draws the inner one at (-5, -7): the image fills the page
        units = ('<ofd:CompositeGraphicUnits><ofd:CompositeGraphicUnit ID="20" Width="210" Height="297"><ofd:Content>'
                 '<ofd:CompositeObject ID="31" ResourceID="21" Boundary="-5 -7 210 297"/></ofd:Content>'
                 '</ofd:CompositeGraphicUnit><ofd:CompositeGraphicUnit ID="21" Width="210" Height="297">'
                 f"<ofd:Content>{image}</ofd:Content></ofd:CompositeGraphicUnit></ofd:CompositeGraphicUnits>")
        image = '<ofd:CompositeObject ID="30" ResourceID="20" Boundary="5 7 210 297"/>'
    pages = ([text_page] if text_page else []) + [image]
    parts = {
        "OFD.xml": f"<ofd:OFD {ns}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f"<ofd:Document {ns}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                              "</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
                              "</ofd:CommonData><ofd:Pages>"
                              + "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                                        for i in range(len(pages)))
                              + "</ofd:Pages></ofd:Document>",
        "Doc_0/DocumentRes.xml": f'<ofd:Res {ns} BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="8" Type="Image">'
                                 f"<ofd:MediaFile>scan.jpg</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias>{units}"
                                 "</ofd:Res>",
        "Doc_0/Res/scan.jpg": jpeg,
    }
    for i, layer in enumerate(pages):
        parts[f"Doc_0/Pages/Page_{i}/Content.xml"] = (f'<ofd:Page {ns}><ofd:Content><ofd:Layer ID="2">{layer}'
                                                      "</ofd:Layer></ofd:Content></ofd:Page>")
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, content in parts.items():
            z.writestr(name, content)
    return out.getvalue()


def _jpeg(pdf_bytes: bytes) -> bytes:
    import pypdfium2 as pdfium

    jpeg = BytesIO()
    pdfium.PdfDocument(pdf_bytes)[0].render(scale=200 / 72, grayscale=True).to_pil().save(jpeg, "JPEG", quality=70)
    return jpeg.getvalue()


def test_image_only_ofd_is_recognised(scan):
    doc = ofd.read(_image_ofd(_jpeg(scan)), "扫描件.ofd")
    share, lost = score(LINES, doc.text[doc.blocks[1].start:])
    assert share >= 0.98 and lost == 0
    assert doc.text.split("\n")[0] == TITLE and all(b.ocr and b.page == 1 for b in doc.blocks)


# A mixed document: pages with a text layer, one page that is only a scan (a stamped page, an attachment).
TEXT_PAGE = known_lines(5, 6)


def _mixed_pdf() -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(text_pdf([TEXT_PAGE, TEXT_PAGE[::-1]]))
    document.import_pages(pdfium.PdfDocument(scanned(text_pdf([LINES], title=None))), [0], index=1)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def test_scanned_page_inside_a_text_pdf_is_recognised_in_its_place():
    doc = pdf.read(_mixed_pdf(), "混合.pdf")
    assert doc.pages == 3 and not doc.warnings
    scanned_blocks = [b for b in doc.blocks if b.page == 2]
    assert scanned_blocks and all(b.ocr for b in scanned_blocks)
    assert not any(b.ocr for b in doc.blocks if b.page != 2)
    share, lost = score(LINES, "".join(doc.text[b.start:b.end] for b in scanned_blocks))
    assert share >= 0.98 and lost == 0
    body = doc.text.replace("\n", "")
    assert body.index(TEXT_PAGE[-1]) < body.index(LINES[0][:10]) < body.index(LINES[-1][-10:]) < body.rindex(TEXT_PAGE[0])


def test_scanned_page_inside_a_text_pdf_without_the_extra_is_named(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    doc = pdf.read(_mixed_pdf(), "混合.pdf")
    assert doc.warnings == ["第2页是扫描图像，其中的文字未读取；安装 OCR 组件后可识别：pip install 'reviewtools[ocr]'"]
    assert 2 not in {b.page for b in doc.blocks}
    assert "".join(TEXT_PAGE + TEXT_PAGE[::-1]) in doc.text.replace("\n", "")


def test_image_page_inside_nested_composites_of_a_text_ofd_is_recognised():
    text = "".join(f'<ofd:TextObject ID="{40 + i}" Boundary="20 {30 + 10 * i} 180 8" Font="1" Size="5.6">'
                   f'<ofd:TextCode X="0" Y="5.6">{line}</ofd:TextCode></ofd:TextObject>' for i, line in enumerate(TEXT_PAGE))
    doc = ofd.read(_image_ofd(_jpeg(scanned(text_pdf([LINES]))), text, nested=True), "混合.ofd")
    assert doc.pages == 2
    assert "".join(doc.text[b.start:b.end] for b in doc.blocks if b.page == 1) == "".join(TEXT_PAGE)
    recognised = [b for b in doc.blocks if b.page == 2]
    assert recognised and all(b.ocr for b in recognised) and not any(b.ocr for b in doc.blocks if b.page == 1)
    share, lost = score(LINES, doc.text[recognised[1].start:])
    assert share >= 0.98 and lost == 0
    assert doc.text[recognised[0].start:recognised[0].end] == TITLE


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


def test_recognised_page_in_two_columns_is_read_column_by_column(monkeypatch):
    """The engine's boxes of a two-column scan share rows across the page: each row's two parts become segments,
    so the page is read as the text readers read it (ingest/order.py), one column after the other."""
    from PIL import Image

    from reviewtools.ingest.layout import assemble
    from tests.ingest.test_reading_order import PARAGRAPHS

    per_line, em, pitch = 17, 50, 90  # pixels at 300 dpi: 12 pt type
    rows = []
    for text in PARAGRAPHS:
        rows += [(2 if i == 0 else 0, text[max(0, i * per_line - 2):(i + 1) * per_line - 2] if i else text[:per_line - 2])
                 for i in range(-(-(len(text) + 2) // per_line))]
    half = (len(rows) + 1) // 2
    boxes = []
    for k, (indent, text) in enumerate(rows):
        left = 300 if k < half else 1330
        x0, top = left + indent * em, 400 + (k % half) * pitch
        boxes.append([text, x0, x0 + len(text) * em, top, top + 62])
    monkeypatch.setattr(ocr, "_boxes", lambda gray: boxes)
    page = ocr._page(1, 595.0, 842.0, Image.new("L", (2480, 3508), 255))
    assert any(line.segments for line in page.lines)
    doc = assemble([page], "两栏扫描件.pdf", "pdf")
    assert [doc.text[b.start:b.end] for b in doc.blocks] == PARAGRAPHS
    assert all(b.ocr for b in doc.blocks)
