"""PDF reader: paragraphs, pages, title and page furniture, read from PDFs drawn here with reportlab."""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import pytest

pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from reviewtools import errors  # noqa: E402
from reviewtools.errors import ReadError  # noqa: E402
from reviewtools.ingest import ocr, pdf, pdf_garbled  # noqa: E402
from tests.conftest import require  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

WIDTH, HEIGHT = A4
LEFT, RIGHT = 80.0, WIDTH - 80.0
BODY, TITLE_SIZE, PITCH = 16.0, 22.0, 28.0
TOP, BOTTOM = HEIGHT - 110.0, 90.0
HEADER = "某某市人民政府行政规范性文件"

TITLE = "某某市人民政府关于印发《某某市促进中小企业高质量发展若干措施》的通知"
PARAGRAPHS = [
    "各县（市、区）人民政府，市政府各部门：",
    "现将《某某市促进中小企业高质量发展若干措施》印发给你们，请结合实际认真贯彻执行。执行中遇到的问题，"
    "请及时向市工业和信息化局反映。",
    "一、总体要求",
    "为深入贯彻落实《中华人民共和国中小企业促进法》和《保障中小企业款项支付条例》，进一步优化营商环境，"
    "激发市场主体活力，根据《某某省“十四五”促进中小企业发展规划（2021-2025年）》，结合我市实际，制定本措施。",
    "（一）加大财政支持力度。市财政每年安排专项资金2000万元，用于支持中小企业技术改造、数字化转型和"
    "专精特新发展，资金使用情况按规定向社会公开，接受审计监督和社会监督。",
    "（二）完善融资担保体系。鼓励政府性融资担保机构降低担保费率，对单户担保金额500万元及以下的小微企业，"
    "担保费率原则上不超过1%，并逐步降至0.8%以下。",
    "二、保障措施",
    "各地各部门要高度重视中小企业发展工作，建立健全工作协调机制，明确责任分工，加强督促检查，确保各项措施"
    "落到实处。市工业和信息化局要会同有关部门加强跟踪分析，每年向市政府报告措施落实情况。对工作成效明显的"
    "地方和单位，按照有关规定给予通报表扬；对落实不力的，予以通报批评并督促整改。本措施实施过程中，如遇"
    "国家和省出台新的规定，从其规定。",
    "本措施自2024年1月1日起施行，有效期至2028年12月31日。",
]


def _wrap(text: str, first_indent: float, size: float) -> list[tuple[float, str]]:
    """Greedy wrapping by measured width, never inside a run of ASCII letters/digits (as Word does)."""
    tokens: list[str] = []
    for ch in text:
        if tokens and ch.isascii() and ch.isalnum() and tokens[-1][-1].isascii() and tokens[-1][-1].isalnum():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    lines: list[tuple[float, str]] = []
    x, current = LEFT + first_indent, ""
    for token in tokens:
        if current and x + pdfmetrics.stringWidth(current + token, FONT, size) > RIGHT:
            lines.append((x, current))
            x, current = LEFT, ""
        current += token
    lines.append((x, current))
    return lines


def make_pdf(paragraphs: list[str] = PARAGRAPHS, title: str = TITLE, header: str | None = HEADER,
             page_number: str = "- {} -", header_on_first: bool = True,
             watermark: str | None = None) -> tuple[bytes, list[int]]:
    """A Chinese PDF (title, indented wrapped paragraphs, header, page numbers); also each paragraph's page."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    page, y, pages = 1, TOP, []

    def furniture() -> None:
        c.setFont(FONT, 10.5)
        if header and (header_on_first or page > 1):
            c.drawCentredString(WIDTH / 2, HEIGHT - 60, header)
        c.drawCentredString(WIDTH / 2, 50, page_number.format(page))
        if watermark:
            c.saveState()
            c.translate(WIDTH / 2, HEIGHT / 2)
            c.rotate(45)
            c.setFont(FONT, 60)
            c.setFillGray(0.85)
            c.drawCentredString(0, 0, watermark)
            c.restoreState()

    furniture()
    c.setFont(FONT, TITLE_SIZE)
    for _, line in _wrap(title, 0, TITLE_SIZE):
        c.drawCentredString(WIDTH / 2, y, line)
        y -= 36
    y -= 16
    for text in paragraphs:
        for n, (x, line) in enumerate(_wrap(text, 2 * BODY, BODY)):
            if y < BOTTOM:
                c.showPage()
                page, y = page + 1, TOP
                furniture()
            if n == 0:
                pages.append(page)
            c.setFont(FONT, BODY)
            c.drawString(x, y, line)
            y -= PITCH
    c.showPage()
    c.save()
    return out.getvalue(), pages


def test_paragraphs_title_and_pages():
    data, pages = make_pdf(PARAGRAPHS * 3)
    doc = pdf.read(data, "t.pdf")
    body = doc.text[:doc.body_end]
    assert body == "\n".join([TITLE, *PARAGRAPHS * 3])
    blocks = [b for b in doc.blocks if b.kind in ("heading", "paragraph")]
    assert [(b.kind, b.page) for b in blocks] == [("heading", 1)] + [("paragraph", p) for p in pages]
    assert max(pages) >= 3 and doc.pages == max(pages)
    assert any(a != b for a, b in zip(pages, pages[1:], strict=False))  # some paragraph starts on a new page


def test_page_numbers_and_running_header_kept_out_of_body():
    data, pages = make_pdf(PARAGRAPHS * 3)
    doc = pdf.read(data, "t.pdf")
    body = doc.text[:doc.body_end]
    assert HEADER not in body
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text
    furniture = [(b.kind, b.page, doc.text[b.start:b.end]) for b in doc.blocks if b.kind not in ("heading", "paragraph")]
    assert furniture == [("header", 1, HEADER)]


def test_running_header_missing_on_first_page():
    data, pages = make_pdf(PARAGRAPHS * 3, header_on_first=False)
    doc = pdf.read(data, "t.pdf")
    assert doc.text == "\n".join([TITLE, *PARAGRAPHS * 3, HEADER])
    assert (doc.blocks[-1].kind, doc.blocks[-1].page) == ("header", 2)


def test_slanted_watermark_left_out():
    data, _ = make_pdf(PARAGRAPHS * 2, watermark="征求意见稿")
    doc = pdf.read(data, "t.pdf")
    assert doc.text == "\n".join([TITLE, *PARAGRAPHS * 2, HEADER])


@pytest.mark.parametrize("style", ["— {} —", "第{}页", "{}/9", "{}"])
def test_page_number_styles(style):
    data, _ = make_pdf(PARAGRAPHS * 2, header=None, page_number=style)
    doc = pdf.read(data, "t.pdf")
    assert doc.text == "\n".join([TITLE, *PARAGRAPHS * 2])


def test_title_joined_from_two_lines_is_a_heading():
    data, _ = make_pdf()
    doc = pdf.read(data, "t.pdf")
    first = doc.blocks[0]
    assert (first.kind, first.page, first.paragraph) == ("heading", 1, 1)
    assert doc.text[first.start:first.end] == TITLE


def test_one_character_text_objects_in_a_font_not_embedded_kept():
    """Each piece is its own text object, as a font change makes it; STSong-Light is not embedded.

    Without a Chinese font on the machine (CI, a fresh server) pdfium has no glyph boxes for it and
    drops every one-character object: this page then read "某政 2024 5号" and nothing more."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for row, pieces in enumerate([["某政", "〔", "2024", "〕", "5号"], ["第", "一", "条"], ["甲"], ["乙", "丙"]]):
        x = LEFT
        for piece in pieces:
            c.setFont(FONT, BODY)
            c.drawString(x, TOP - row * PITCH, piece)
            x += pdfmetrics.stringWidth(piece, FONT, BODY)
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "t.pdf")
    assert doc.text == "某政〔2024〕5号\n第一条\n甲\n乙丙"


def _pieces_pdf(rows: list[list[tuple[str, str, float, float]]]) -> bytes:
    """Rows of pieces (text, font, size, rise above the baseline), each piece its own text object, mid-page."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for row, pieces in enumerate(rows):
        x = LEFT
        for text, font, size, rise in pieces:
            c.setFont(font, size)
            c.drawString(x, HEIGHT / 2 - row * PITCH + rise, text)
            x += pdfmetrics.stringWidth(text, font, size)
    c.showPage()
    c.save()
    return out.getvalue()


@pytest.mark.parametrize("rise", [4.0, 7.0])
def test_footnote_mark_never_merged_into_a_figure(rise):
    """A footnote mark (small print, raised) before a figure: 1761.48 must not read 11761.48. At 4 pt pdfium
    keeps the mark on the line, at 7 pt it breaks the line there."""
    data = _pieces_pdf([[("全市常住人口", FONT, BODY, 0), ("1", FONT, 9, rise), ("1761.48万人，", FONT, BODY, 0),
                         ("面积", FONT, BODY, 0), ("2", FONT, 9, rise), ("为8.5万平方米。", FONT, BODY, 0)]])
    assert pdf.read(data, "t.pdf").text == "全市常住人口¹1761.48万人，面积²为8.5万平方米。"


def test_brackets_from_another_font_off_the_baseline_kept_in_place():
    """Brackets in a CJK font set lower than the Latin digits beside them: pdfium gives each part its own line;
    "2017" alone must not be taken for a page number, nor the number torn apart."""
    data = _pieces_pdf([[("大文广发", FONT, BODY, 0), ("﹝", FONT, BODY, -10), ("2017", "Times-Roman", BODY, 0),
                         ("﹞", FONT, BODY, -10), ("74号", FONT, BODY, 0)]])
    assert pdf.read(data, "t.pdf").text == "大文广发﹝2017﹞74号"


def test_small_digit_below_the_baseline_is_a_subscript():
    data = _pieces_pdf([[("排放", FONT, BODY, 0), ("CO", "Times-Roman", BODY, 0), ("2", FONT, 9, -4),
                         ("总量为3万吨。", FONT, BODY, 0)]])
    assert pdf.read(data, "t.pdf").text == "排放CO₂总量为3万吨。"


def test_through_dispatcher_sets_sha256(tmp_path):
    from reviewtools.ingest import read_file

    data, _ = make_pdf()
    path = tmp_path / "draft.pdf"
    path.write_bytes(data)
    doc = read_file(path)
    assert doc.format == "pdf" and len(doc.sha256) == 64
    assert doc.text.startswith(TITLE + "\n" + PARAGRAPHS[0] + "\n")


def _cause(data: bytes) -> str:
    with pytest.raises(ReadError) as info:
        pdf.read(data, "x.pdf")
    return info.value.cause


def test_encrypted_pdf():
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4, encrypt="secret")
    c.setFont(FONT, BODY)
    c.drawString(LEFT, TOP, "加密文件")
    c.showPage()
    c.save()
    assert _cause(out.getvalue()) == errors.ENCRYPTED


def test_image_only_pdf_is_scanned(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)  # with the extra: tests/ingest/test_ocr.py
    from reportlab.lib.utils import ImageReader

    pytest.importorskip("PIL")
    from PIL import Image

    picture = BytesIO()
    Image.new("L", (200, 100), 200).save(picture, "PNG")
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.drawImage(ImageReader(BytesIO(picture.getvalue())), LEFT, 400, 400, 200)
    c.rect(LEFT, 100, 200, 100, fill=1)
    c.showPage()
    c.save()
    assert _cause(out.getvalue()) == errors.SCANNED


def test_shapes_only_pdf_is_scanned(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.rect(LEFT, 100, 200, 100, fill=1)
    c.line(LEFT, 300, RIGHT, 300)
    c.showPage()
    c.save()
    assert _cause(out.getvalue()) == errors.SCANNED


def test_truncated_pdf_is_corrupt():
    data, _ = make_pdf()
    assert _cause(data[: len(data) // 2]) == errors.CORRUPT


def test_garbled_pdf():
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, BODY)
    for i in range(10):  # a font without a usable encoding: private-use code points come out
        c.drawString(LEFT, TOP - i * PITCH, "".join(chr(0xE000 + 24 * i + k) for k in range(24)))
    c.showPage()
    c.save()
    assert _cause(out.getvalue()) == errors.GARBLED


def test_garbled_page_read_again_with_pdfplumber(monkeypatch):
    """A page pdfium garbles is taken from pdfplumber when pdfplumber reads it right."""
    data, _ = make_pdf()
    real = pdf._page

    def garble(page, number):
        got = real(page, number)
        for line in got.lines:
            line.text = "\ufffd" * len(line.text)
        return got

    monkeypatch.setattr(pdf, "_page", garble)
    doc = pdf.read(data, "t.pdf")
    assert doc.text[:doc.body_end] == "\n".join([TITLE, *PARAGRAPHS])


@pytest.mark.parametrize(("text", "share"), [
    ("正常的中文文本，没有乱码。", 0.0),
    ("(cid:123)(cid:45)", 1.0),
    ("\ue000\ue001\ue002\ue003", 1.0),
    ("姓名：张\ue000", 0.0),  # one private-use character (a rare name character) is not garbling
])
def test_garbled_share(text, share):
    assert pdf_garbled.garbled_share(text) == pytest.approx(share)


@pytest.mark.parametrize("align", ["justify", "left"])
def test_libreoffice_pdf(tmp_path, align):
    """A PDF as office software writes it: embedded subset fonts, justified or ragged lines, extra space
    between Chinese and Latin text (which pdfium reports as generated spaces), a header, a PAGE field."""
    require(shutil.which("soffice") is not None, "LibreOffice (soffice) not installed")
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.size, normal.font.name = Pt(16), "Noto Serif CJK SC"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    mark = d.add_paragraph()
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = mark.add_run("某某市人民政府文件")
    run.font.size, run.font.color.rgb = Pt(36), RGBColor(0xFF, 0, 0)
    d.add_paragraph("某政〔2024〕5号").alignment = WD_ALIGN_PARAGRAPH.CENTER
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(TITLE).font.size = Pt(22)
    for text in PARAGRAPHS * 2:
        p = d.add_paragraph(text)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if align == "justify" else WD_ALIGN_PARAGRAPH.LEFT
        p.paragraph_format.first_line_indent = Pt(32)
    section = d.sections[0]
    section.header.paragraphs[0].text = HEADER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    field = footer.add_run()._r
    for kind, instr in (("begin", None), (None, "PAGE"), ("end", None)):
        el = OxmlElement("w:fldChar" if kind else "w:instrText")
        if kind:
            el.set(qn("w:fldCharType"), kind)
        else:
            el.text = instr
        field.append(el)
    footer.add_run(" —")
    d.save(tmp_path / "draft.docx")
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    str(tmp_path / "draft.docx")], check=True, capture_output=True, timeout=180)

    doc = pdf.read((tmp_path / "draft.pdf").read_bytes(), "draft.pdf")
    assert doc.text[:doc.body_end] == "\n".join(["某某市人民政府文件", "某政〔2024〕5号", TITLE, *PARAGRAPHS * 2])
    assert [b.kind for b in doc.blocks[:4]] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert doc.pages >= 2 and doc.blocks[-1].kind == "header" and doc.text.endswith(HEADER)
    assert "— 1 —" not in doc.text and "— 2 —" not in doc.text


def test_last_line_of_a_page_joined_to_the_next_only_where_the_sentence_runs_on():
    """A paragraph running over the page break is one paragraph; a date set flush right at the foot of a page
    and the 抄送 line at the head of the next are not (…2012年12月12日抄送：… lost the date)."""
    lines = _wrap(PARAGRAPHS[7], 2 * BODY, BODY)
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for number, rows in enumerate([lines[:2], lines[2:] + [(None, "某某市人民政府"), (None, "2012年12月12日")],
                                   [(LEFT, "抄送：市委办公室，市人大常委会办公室。")]], start=1):
        c.setFont(FONT, 10.5)
        c.drawCentredString(WIDTH / 2, 50, f"- {number} -")
        c.setFont(FONT, BODY)
        for k, (x, text) in enumerate(rows):
            y = BOTTOM + (len(rows) - 1 - k) * PITCH if number < 3 else TOP - k * PITCH
            if x is None:
                c.drawRightString(RIGHT, y, text)
            else:
                c.drawString(x, y, text)
        c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "t.pdf")
    assert [(b.page, doc.text[b.start:b.end]) for b in doc.blocks] == [
        (1, PARAGRAPHS[7]), (2, "某某市人民政府"), (2, "2012年12月12日"), (3, "抄送：市委办公室，市人大常委会办公室。")]


def test_letter_spaced_title_under_an_attachment_label():
    """附件1 above a title set letter-spaced over two lines: pdfium measures some of the gaps as spaces."""
    from reviewtools.extract.metadata import extract

    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, BODY)
    c.drawString(LEFT, TOP, "附件1")
    y = TOP - 50
    for line in ("国家粮食", "应急预案"):
        c.setFont(FONT, TITLE_SIZE)
        x = WIDTH / 2 - len(line) * TITLE_SIZE * 0.75
        for ch in line:
            c.drawString(x, y, ch)
            x += TITLE_SIZE * 1.5
        y -= 36
    c.setFont(FONT, BODY)
    c.drawString(LEFT, y - 20, "1 总则")
    c.drawString(LEFT + 2 * BODY, y - 48, "为了保障粮食安全，制定本预案。")
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "t.pdf")
    title = extract(doc).title
    assert title.value == "国家粮食应急预案"
    assert doc.text[title.start:title.end] == title.text and title.text.startswith("国家")


def test_table_cells_read_row_by_row_with_wrapped_cells_joined():
    """A table drawn column by column (as writers do), one cell wrapped inside its cell: each cell one block
    with its table, row and column; the paragraphs around it stay paragraphs."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, BODY)
    y = HEIGHT / 2
    c.drawString(LEFT + 2 * BODY, y + 60, "现将有关收费项目列表如下，请遵照执行。")
    columns = [LEFT, LEFT + 70, LEFT + 330]
    rows = [[["序号"], ["收费项目"], ["标准"]],
            [["1"], ["机动车停放服务收费（含", "临时停车场）"], ["每小时", "2元"]],
            [["2"], ["检验检测费"], ["按成本"]]]
    for row in rows:
        for x, cell in zip(columns, row, strict=True):
            for k, text in enumerate(cell):
                c.drawString(x, y - k * 20, text)
        y -= max(len(cell) for cell in row) * 20 + 8
    c.drawString(LEFT + 2 * BODY, y - 20, "本通知自印发之日起施行。")
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "t.pdf")
    assert [(b.kind, b.table, b.row, b.cell, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("paragraph", None, None, None, "现将有关收费项目列表如下，请遵照执行。"),
        ("cell", 1, 1, 1, "序号"), ("cell", 1, 1, 2, "收费项目"), ("cell", 1, 1, 3, "标准"),
        ("cell", 1, 2, 1, "1"), ("cell", 1, 2, 2, "机动车停放服务收费（含临时停车场）"), ("cell", 1, 2, 3, "每小时2元"),
        ("cell", 1, 3, 1, "2"), ("cell", 1, 3, 2, "检验检测费"), ("cell", 1, 3, 3, "按成本"),
        ("paragraph", None, None, None, "本通知自印发之日起施行。")]
