"""Text recognition for pages that are only images (scanned PDF pages, image-only OFD pages).

The optional extra `ocr` (pip install 'reviewtools[ocr]') brings rapidocr-onnxruntime, whose wheel carries
the PP-OCRv4 Chinese detection and recognition models: nothing is downloaded at run time. Each page image
is deskewed (the angle whose row profile is sharpest), recognised, and its boxes turned into the Lines the
layout code already reads, in the page's own unit. Pages run in parallel, one engine per thread (onnxruntime
releases the GIL), and each page's lines are cached by the hash of its pixels, so a re-run of a cleanup
never recognises a page twice. The cache lives in $REVIEWTOOLS_OCR_CACHE, else the user cache
($XDG_CACHE_HOME or ~/.cache)/reviewtools/ocr.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reviewtools.ingest.grid import CELL_GAP
from reviewtools.ingest.layout import Line, Page

BARE_PAGE_CHARS = 10  # a page with fewer characters than this in its text layer that draws an image is a scan
DPI = 300  # pages are rendered at this resolution: PP-OCR loses lines of 三号 text below about 250 dpi
# Lines are found on a copy scaled so that the page's small type is DET_GLYPH pixels tall: detection costs by the
# pixel, so 三号 text is found on a small copy and 10.5 pt small print on a larger one. At 14 px the detector
# began to miss short table cells; at 17 it found every line of pages of 7.5 to 16 pt type and of tables. The
# copy's long side stays within DET_SIDES (A4: about 95 to 220 dpi).
DET_GLYPH = 17
DET_SIDES = (1088, 2560)
MIN_SCORE = 0.5  # recognised text less sure than this is noise (dust, a seal's rim)
SKEW_RANGE = 3.0  # degrees either way a scanner may turn a page
# Each line is cut to its glyphs and read with blank margins of REC_PAD of their height above and below: the
# recogniser was trained on loose crops (the detector's tight ones read 部门 as 部内), and as it scales every
# line to 48 px high and costs by the width it is then given, a padded line is also cheaper (a dense 10.5 pt
# A4 page: 8.4 CPU s of recognition as the detector cuts the lines, 3.0 padded).
REC_PAD = 0.65
# Lines are read one at a time, and a short one is not widened to rapidocr's 320 px: batches pad every line to
# the widest of its batch and cost more than their lines one by one, even of lines of one width.
REC_SHAPE = [3, 48, 48]
CACHE_VERSION = "ppocrv4-3"  # part of every cache key: change it when recognition changes
BOX_TO_SIZE = 0.8  # a detected box is about this much taller than the font size (the detector pads it)
SAME_LINE = 0.5  # boxes whose vertical centres differ by less than this share of their height are one line
SPACE_GAP = 1.0  # boxes on a line further apart than this share of the height are joined by a space

_local = threading.local()


def available() -> bool:
    """Whether the `ocr` extra is installed."""
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def unread(numbers: list[int]) -> str:
    """The warning for pages that are only images, in a document whose other pages have text, without the extra."""
    pages = "、".join(str(n) for n in numbers)
    return f"第{pages}页是扫描图像，其中的文字未读取；安装 OCR 组件后可识别：pip install 'reviewtools[ocr]'"


def cache_dir() -> Path:
    if os.environ.get("REVIEWTOOLS_OCR_CACHE"):
        return Path(os.environ["REVIEWTOOLS_OCR_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reviewtools" / "ocr"


def recognize(images: list[tuple[int, float, float, object]]) -> list[Page]:
    """Pages (number, width, height in page units, grayscale PIL image of the whole page), recognised."""
    workers = max(1, min(len(images), os.cpu_count() or 1))
    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(lambda item: _page(*item), images))


def _page(number: int, width: float, height: float, image) -> Page:
    import numpy as np

    gray = np.asarray(image.convert("L"))
    key = hashlib.sha256(f"{CACHE_VERSION}:{gray.shape}".encode() + gray.tobytes()).hexdigest()
    boxes = _cached(key)
    if boxes is None:
        boxes = _boxes(gray)
        _store(key, boxes)
    scale_x, scale_y = width / gray.shape[1], height / gray.shape[0]
    lines = [Line(text, x0 * scale_x, x1 * scale_x, top * scale_y, bottom * scale_y,
                  BOX_TO_SIZE * (bottom - top) * scale_y,
                  segments=tuple((part, a * scale_x, b * scale_x) for part, a, b in segments))
             for text, x0, x1, top, bottom, segments in _lines(boxes)]
    return Page(number, width, height, lines, recognized=True)


def _boxes(gray) -> list[list]:
    """[text, x0, x1, top, bottom] in pixels of `gray` for every line the engine finds, after deskewing.

    Lines are found on a copy scaled to the page's type (detection costs by the pixel) and read from the full
    image (recognition needs every stroke), each line cut out level, with blank margins.
    """
    import cv2
    import numpy as np

    angle, glyph = level(gray)
    if abs(angle) >= 0.05:
        gray = _rotate(gray, angle)
    image = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    long_side = max(gray.shape)
    factor = min(1.0, max(DET_SIDES[0], min(DET_SIDES[1], DET_GLYPH / glyph * long_side)) / long_side)
    engine = _engine()
    found, _ = engine.text_det(cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA))
    if found is None or not len(found):
        return []
    found = [np.asarray(box, dtype=np.float32) / factor for box in engine.sorted_boxes(found)]
    read, _ = engine.text_rec([_crop(image, box) for box in found])
    out = []
    for box, (text, score) in zip(found, read, strict=True):
        if text.strip() and score >= MIN_SCORE:
            out.append([text, float(box[:, 0].min()), float(box[:, 0].max()), float(box[:, 1].min()),
                        float(box[:, 1].max())])
    return out


def _crop(image, box):
    """The line inside `box` (four corners, clockwise from the top left) cut out level, trimmed to its inked
    rows, with blank margins of REC_PAD of their height, in the line's own paper colour, above and below."""
    import cv2
    import numpy as np

    width = int(max(np.linalg.norm(box[0] - box[1]), np.linalg.norm(box[2] - box[3])))
    height = int(max(np.linalg.norm(box[0] - box[3]), np.linalg.norm(box[1] - box[2])))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    line = cv2.warpPerspective(image, cv2.getPerspectiveTransform(box, target), (width, height),
                               flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    paper = int(np.median(line))
    # ink per row: pixels well darker than the paper, specks of dust (under 2 px across) left out by an opening
    # (its anchors set apart: morphologyEx's one anchor shifts an even kernel's opening by a pixel)
    square = np.ones((2, 2), np.uint8)
    ink = cv2.dilate(cv2.erode((line[:, :, 0] < paper - 80).astype(np.uint8), square, anchor=(0, 0)), square,
                     anchor=(1, 1))
    rows = ink.sum(axis=1)
    inked = np.flatnonzero(rows >= max(1, 0.05 * rows.max()))
    if len(inked):  # the box's own slack taken off: the margins are then a share of the glyphs' height
        line = line[inked[0]:inked[-1] + 1]
    pad = round(REC_PAD * line.shape[0])
    return cv2.copyMakeBorder(line, pad, pad, 0, 0, cv2.BORDER_CONSTANT, value=(paper, paper, paper))


def _engine():
    if getattr(_local, "engine", None) is None:
        from rapidocr_onnxruntime import RapidOCR

        # det_limit_side_len: rapidocr would enlarge a copy whose short side is under 736 px; the scale is ours
        _local.engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, rec_batch_num=1,
                                 rec_img_shape=REC_SHAPE, det_limit_side_len=32)
    return _local.engine


def level(gray) -> tuple[float, float]:
    """(the angle, degrees counter-clockwise, that makes the text lines of `gray` level; the height in pixels of
    its small type).

    Found on a quarter-size copy: the angle as the rotation whose row sums of ink vary most (level lines give
    sharp dark rows and clean gaps), first in steps of 0.25°, then of 0.05° around the best; the height as the
    20th percentile of the heights of the bands of inked rows at that angle (ruled lines too thin to count),
    infinite on a page without any.
    """
    import cv2
    import numpy as np

    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    ink = (small < 160).astype(np.float32)

    def sharpness(angle: float) -> float:
        return float(np.var(_rotate(ink, angle, border=0.0).sum(axis=1)))

    best = max(np.arange(-SKEW_RANGE, SKEW_RANGE + 1e-9, 0.25), key=sharpness)
    angle = float(max(np.arange(best - 0.2, best + 0.2 + 1e-9, 0.05), key=sharpness))
    rows = _rotate(ink, angle, border=0.0).sum(axis=1)
    inked = rows > 0.2 * np.median(rows[rows > 0]) if rows.any() else rows > 0
    edges = np.flatnonzero(np.diff(np.concatenate(([False], inked, [False])).astype(np.int8)))
    bands = edges[1::2] - edges[::2]
    bands = bands[bands >= 4]  # thinner bands (16 px: under 4 pt at 300 dpi) are ruled lines, not type
    return angle, 4.0 * float(np.percentile(bands, 20)) if len(bands) else float("inf")


def _rotate(image, angle: float, border: float = 255.0):
    import cv2

    h, w = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(image, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=border)


def _lines(boxes: list[list]) -> list[tuple[str, float, float, float, float, tuple]]:
    """Boxes on one level joined left to right into one line, lines top to bottom; with the line's parts set
    apart by wide white space (table cells, columns) as segments (text, x0, x1), as the text readers give them."""
    rows: list[list[list]] = []
    for box in sorted(boxes, key=lambda b: (b[3] + b[4]) / 2):
        middle, height = (box[3] + box[4]) / 2, box[4] - box[3]
        row = rows[-1] if rows else None
        if row and abs(middle - (row[0][3] + row[0][4]) / 2) < SAME_LINE * min(height, row[0][4] - row[0][3]):
            row.append(box)
        else:
            rows.append([box])
    out = []
    for row in rows:
        row.sort(key=lambda b: b[1])
        text = row[0][0]
        parts = [[row[0][0], row[0][1], row[0][2]]]  # [text, x0, x1] of each part
        for before, box in zip(row, row[1:], strict=False):
            gap = box[1] - before[2]
            space = " " if gap > SPACE_GAP * (box[4] - box[3]) else ""
            text += space + box[0]
            if gap >= CELL_GAP * BOX_TO_SIZE * (box[4] - box[3]):
                parts.append([box[0], box[1], box[2]])
            else:
                parts[-1][0] += space + box[0]
                parts[-1][2] = box[2]
        segments = tuple(tuple(part) for part in parts) if len(parts) > 1 else ()
        out.append((text, row[0][1], max(b[2] for b in row), min(b[3] for b in row), max(b[4] for b in row), segments))
    return out


def _cached(key: str) -> list[list] | None:
    try:
        return json.loads((cache_dir() / key[:2] / f"{key}.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None


def _store(key: str, boxes: list[list]) -> None:
    """Write the page's boxes; a cache that cannot be written only costs time."""
    folder = cache_dir() / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp = folder / f".{key}.{os.getpid()}.{threading.get_ident()}"
        temp.write_text(json.dumps(boxes, ensure_ascii=False), "utf-8")
        temp.replace(folder / f"{key}.json")
    except OSError:
        pass
