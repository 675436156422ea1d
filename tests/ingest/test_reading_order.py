"""Reading order by position (ingest/order.py) on PDFs drawn here in the order writers use, not reading order:
two columns drawn row by row across the page, a form drawn from the bottom up, a two-column table."""

from __future__ import annotations

from io import BytesIO

import pytest

pytest.importorskip("reportlab")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from reviewtools.ingest import pdf  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT = A4
SIZE, PITCH = 10.5, 16.0

PARAGRAPHS = [
    "为进一步规范本市行政规范性文件管理，提高制定质量，根据有关法律法规的规定，结合本市实际，现就有关事项通知如下。",
    "各区、各部门要严格履行合法性审核程序，未经审核或者审核不合格的，不得提交会议审议，不得以任何形式印发实施。"
    "合法性审核意见应当作为制定机关决策的重要依据。",  # it runs on from the foot of the left column
    "起草单位应当在报送审核时一并提交起草说明、制定依据、征求意见及采纳情况等材料，对材料不齐全的，审核机构可以退回补充。",
    "本通知自印发之日起施行。",
]
COLUMN_WIDTH, COLUMN_ROWS = 200.0, 6


def _wrap(text: str, width: float, indent: float) -> list[tuple[float, str]]:
    lines, x, current = [], indent, ""
    for ch in text:
        if current and x + pdfmetrics.stringWidth(current + ch, FONT, SIZE) > width:
            lines.append((x, current))
            x, current = 0.0, ""
        current += ch
    lines.append((x, current))
    return lines


def _two_column_pdf() -> bytes:
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, 18)
    c.drawCentredString(WIDTH / 2, HEIGHT - 80, "关于进一步规范行政规范性文件管理的通知")
    c.setFont(FONT, SIZE)
    width, gutter, margin = COLUMN_WIDTH, 30.0, 80.0
    lines = [line for text in PARAGRAPHS for line in _wrap(text, width, 2 * SIZE)]  # first lines indented
    left, right = lines[:COLUMN_ROWS], lines[COLUMN_ROWS:]
    top = HEIGHT - 130
    for k in range(max(len(left), len(right))):  # row by row across the page, as a typesetter outputs it
        for x0, lines in ((margin, left), (margin + width + gutter, right)):
            if k < len(lines):
                c.drawString(x0 + lines[k][0], top - k * PITCH, lines[k][1])
    c.showPage()
    c.save()
    return out.getvalue()


def test_two_columns_drawn_row_by_row_are_read_one_after_the_other():
    lines = [line for text in PARAGRAPHS for line in _wrap(text, COLUMN_WIDTH, 2 * SIZE)]
    assert lines[COLUMN_ROWS][0] == 0.0 and lines[COLUMN_ROWS - 1][0] == 0.0  # paragraph 2 runs on at the top right
    doc = pdf.read(_two_column_pdf(), "两栏.pdf")
    assert [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", "关于进一步规范行政规范性文件管理的通知"), *(("paragraph", text) for text in PARAGRAPHS)]


FORM = [  # (x, row, text): a 收文处理单 whose writer drew it from the bottom row up, values before labels
    (80, 0, "收文处理单"),
    (80, 1, "来文单位"), (170, 1, "某某市财政局"), (330, 1, "收文日期"), (420, 1, "2024年3月5日"),
    (80, 2, "文件标题"), (170, 2, "关于做好2024年度预算执行工作的通知"),
    (80, 3, "拟办意见"), (170, 3, "请办公室阅处。"),
]


def test_form_drawn_out_of_order_is_read_row_by_row():
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for x, row, text in sorted(FORM, key=lambda item: (-item[1], -item[0])):
        c.setFont(FONT, 18 if row == 0 else 12)
        c.drawString(x, HEIGHT - 100 - row * 40, text)
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "收文处理单.pdf")
    assert [(b.kind, b.row, b.cell, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", None, None, "收文处理单"),
        ("cell", 1, 1, "来文单位"), ("cell", 1, 2, "某某市财政局"), ("cell", 1, 3, "收文日期"), ("cell", 1, 4, "2024年3月5日"),
        ("cell", 2, 1, "文件标题"), ("cell", 2, 2, "关于做好2024年度预算执行工作的通知"),
        ("cell", 3, 1, "拟办意见"), ("cell", 3, 2, "请办公室阅处。"),
    ]


COMPARED = [  # a 修改对照表: two columns of running text whose rows begin side by side — a table, not columns
    ("第三条 行政规范性文件由制定机关的法制机构进行合法性审核，未经审核的不得提交审议。",
     "第三条 行政规范性文件由制定机关的合法性审核机构进行审核，未经审核或者审核不合格的，不得提交审议。"),
    ("第五条 起草单位应当组织开展调查研究和风险评估，广泛听取有关方面的意见。",
     "第五条 起草单位应当组织开展调查研究、风险评估和公平竞争审查，广泛听取有关方面特别是市场主体的意见。"),
    ("第八条 行政规范性文件应当自公布之日起三十日后施行。",
     "第八条 行政规范性文件应当自公布之日起三十日后施行；因保障国家安全等需要立即施行的，可以自公布之日起施行。"),
]


def test_two_column_table_of_running_text_stays_a_table():
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, SIZE)
    width, top = 200.0, HEIGHT - 100
    for old, new in COMPARED:
        cells = [_wrap(old, width, 0.0), _wrap(new, width, 0.0)]
        for x0, lines in zip((80.0, 310.0), cells, strict=True):
            for k, (_, text) in enumerate(lines):
                c.drawString(x0, top - k * PITCH, text)
        top -= max(len(lines) for lines in cells) * PITCH + 12
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "对照表.pdf")
    assert [(b.kind, b.row, b.cell, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("cell", row, k, text) for row, pair in enumerate(COMPARED, 1) for k, text in enumerate(pair, 1)]


LEFT = [  # the left column: a paragraph, a figure (white space), its caption, a table's caption, the next paragraph
    "各区、各部门要严格履行合法性审核程序，未经审核或者审核不合格的，不得提交会议审议，不得以任何形式印发实施。",
    "起草单位应当在报送审核时一并提交起草说明、制定依据、征求意见及采纳情况等材料，审核机构可以退回补充。",
]
RIGHT = [
    "审核机构应当自收到材料之日起七个工作日内提出审核意见；情况复杂的，经本机关负责人批准可以延长三个工作日。",
    "制定机关应当建立行政规范性文件目录和文本动态化、信息化管理制度，及时清理，并向社会公布清理结果。",
    "行政规范性文件有效期届满或者需要修改、废止的，制定机关应当及时作出处理，并自作出决定之日起二十日内公布。",
    "本通知自印发之日起施行。",
]
CAPTIONS = ["图1 合法性审核流程", "表1 审核材料清单"]


def test_captions_in_the_middle_of_a_column_stay_with_their_column():
    """A figure's caption and a table's caption in the middle of the left column of a two-column page (small
    print, centred in the column), the page drawn row by row across: the captions are read in their place in
    the left column, between its paragraphs, and the right column after all of it."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, 18)
    c.drawCentredString(WIDTH / 2, HEIGHT - 80, "关于进一步规范行政规范性文件管理的通知")
    width, margin, gutter, small = COLUMN_WIDTH, 80.0, 30.0, 8.0
    top = HEIGHT - 130
    first, second = (_wrap(text, width, 2 * SIZE) for text in LEFT)
    # The left column, top to bottom: the first paragraph, a picture 5 lines high, its caption, the second
    # paragraph under a table's caption. y of each line as (y, x, text, size).
    left = [(top - k * PITCH, margin + x, text, SIZE) for k, (x, text) in enumerate(first)]
    y = top - (len(first) + 5) * PITCH
    for caption in CAPTIONS:
        x = margin + (width - pdfmetrics.stringWidth(caption, FONT, small)) / 2
        left.append((y, x, caption, small))
        y -= 2 * PITCH  # a line's white space between two captions
    left += [(y - k * PITCH, margin + x, text, SIZE) for k, (x, text) in enumerate(second)]
    right_lines = [line for text in RIGHT for line in _wrap(text, width, 2 * SIZE)]
    right = [(top - k * PITCH, margin + width + gutter + x, text, SIZE) for k, (x, text) in enumerate(right_lines)]
    assert min(y for y, *_ in right) < left[len(first)][0]  # the right column runs on beside the captions
    for y, x, text, size in sorted(left + right, key=lambda line: (-line[0], line[1])):  # row by row, as typeset
        c.setFont(FONT, size)
        c.drawString(x, y, text)
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "两栏图注.pdf")
    assert [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks] == [
        ("heading", "关于进一步规范行政规范性文件管理的通知"),
        ("paragraph", LEFT[0]), *(("paragraph", caption) for caption in CAPTIONS), ("paragraph", LEFT[1]),
        *(("paragraph", text) for text in RIGHT)]


NOTE = "注{}：本条所称市场主体包括企业、个体工商户和农民专业合作社等。"


def test_a_band_of_small_print_is_read_not_refused():
    """Twelve lines of notes in small print under the body, set apart by white space: a band with no text of
    body size, read row by row after the body (it once made the page unreadable, the file refused as damaged)."""
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    c.setFont(FONT, 12)
    y = HEIGHT - 80
    for _ in range(25):
        c.drawString(80, y, PARAGRAPHS[0][:36])
        y -= 20
    c.setFont(FONT, 8)
    for k in range(1, 13):
        c.drawString(80, y - 30, NOTE.format(k))
        y -= 11
    c.showPage()
    c.save()
    doc = pdf.read(out.getvalue(), "注释.pdf")
    assert doc.text.split("\n")[-12:] == [NOTE.format(k) for k in range(1, 13)]
