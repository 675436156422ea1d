"""A scanned PDF built from known text: typeset with reportlab (三号 body text, or a page of 10.5 pt small
print), rendered with pdfium at 200 dpi, turned a little, speckled and JPEG-compressed as a scanner would, and
saved as a PDF of page images only; and the score of the text recognised from it."""

from __future__ import annotations

import difflib
import random
from io import BytesIO

WORDS = [
    "各级人民政府", "有关部门", "应当", "按照", "规定", "加强", "监督管理", "建立健全", "工作机制", "推进", "依法行政",
    "优化营商环境", "市场主体", "公平竞争", "行政许可", "财政资金", "专项资金", "中小企业", "高质量发展", "统筹协调",
    "组织实施", "督促检查", "考核评价", "信息公开", "社会监督", "技术改造", "融资担保", "政策措施", "落实", "责任",
]
TITLE = "某某市促进中小企业发展若干措施"
SIZE, PITCH, PER_LINE, LEFT = 16, 28, 26, 80  # 三号 on A4: about 26 characters and 25 lines to the page
# Small print (五号, 10.5 pt, as in attachments, tables and notes): 41 characters a line, 42 lines to the page
DENSE_SIZE, DENSE_PITCH, DENSE_PER_LINE, DENSE_LINES = 10.5, 16, 41, 42


def known_lines(seed: int, count: int, per_line: int = PER_LINE) -> list[str]:
    """`count` full lines of body text, each `per_line` characters (the last of a paragraph ends with 。)."""
    rng = random.Random(seed)
    text = ""
    while len(text) < count * per_line:
        text += "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) + rng.choice("，，；。")
    return [text[i * per_line:(i + 1) * per_line] for i in range(count)]


def dense_lines(seed: int) -> list[str]:
    """A full page of small print."""
    return known_lines(seed, DENSE_LINES, DENSE_PER_LINE)


def text_pdf(pages: list[list[str]], title: str | None = TITLE, size: float = SIZE, pitch: float = PITCH) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = A4
    out = BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for number, lines in enumerate(pages, 1):
        y = height - 90
        if number == 1 and title:
            c.setFont("STSong-Light", 22)
            c.drawCentredString(width / 2, y, title)
            y -= 56
        c.setFont("STSong-Light", size)
        for line in lines:
            c.drawString(LEFT, y, line)
            y -= pitch
        c.setFont("STSong-Light", 12)
        c.drawCentredString(width / 2, 40, f"- {number} -")
        c.showPage()
    c.save()
    return out.getvalue()


def dense_pdf(pages: list[list[str]]) -> bytes:
    """Pages of small print, with no title (each page is full)."""
    return text_pdf(pages, title=None, size=DENSE_SIZE, pitch=DENSE_PITCH)


def scanned(pdf: bytes, *, dpi: int = 200, angle: float = 0.8, speckle: float = 0.002, quality: int = 60,
            seed: int = 7) -> bytes:
    """`pdf` as a scanner would give it back: each page an image, turned by `angle`°, with dust, JPEG-coded."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    document = pdfium.PdfDocument(pdf)
    images = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(angle, resample=Image.BILINEAR, fillcolor=255)
        pixels = np.asarray(image).copy()
        dust = rng.random(pixels.shape) < speckle
        pixels[dust] = rng.integers(0, 120, int(dust.sum()))
        jpeg = BytesIO()
        Image.fromarray(pixels).save(jpeg, "JPEG", quality=quality)
        images.append(Image.open(BytesIO(jpeg.getvalue())))
    document.close()
    out = BytesIO()
    images[0].save(out, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return out.getvalue()


def score(lines: list[str], text: str) -> tuple[float, int]:
    """`text` recognised from a scan of `lines`: (share of the known characters found in order, lines of which
    less than half was found), both from one alignment of the two (a line with a misread character is not lost)."""
    body = "".join(text.split())
    want = "".join(lines)
    found = [False] * len(want)
    for block in difflib.SequenceMatcher(None, want, body, autojunk=False).get_matching_blocks():
        found[block.a:block.a + block.size] = [True] * block.size
    starts = [sum(len(line) for line in lines[:i]) for i in range(len(lines) + 1)]
    lost = sum(1 for a, b in zip(starts, starts[1:], strict=False) if sum(found[a:b]) < (b - a) / 2)
    return sum(found) / len(want), lost
