"""Garbled PDF text: how much of it is no text, and pdfplumber's second reading of the pages that are garbled.

pdfplumber (pdfminer) is slow and is tried only on pages whose text comes out of pypdfium2 garbled (a
mis-decoded CMap: (cid:NNN), U+FFFD, runs of private-use characters).
"""

from __future__ import annotations

import re
from io import BytesIO

from reviewtools import errors
from reviewtools.errors import ReadError
from reviewtools.ingest.layout import Line, Page, is_red

GARBLED_SHARE = 0.03  # share of unusable characters above which a text layer counts as garbled

_CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_RUN = re.compile(r"[\ue000-\uf8ff]{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffd]")


def garbled_share(text: str) -> float:
    """Share of characters that are no text: (cid:NNN), U+FFFD, control characters, runs of private-use characters."""
    total = len("".join(text.split()))
    if not total:
        return 0.0
    bad = sum(len(m) for m in _CID.findall(text)) + len(_CONTROL.findall(text))
    bad += sum(len(m) for m in _PRIVATE_RUN.findall(text))
    return bad / total if bad >= 3 else 0.0


def _page_share(page: Page) -> float:
    return garbled_share("\n".join(line.text for line in page.lines))


def _chars(page: Page) -> int:
    return sum(len("".join(line.text.split())) for line in page.lines)


def _better(again: Page, first: Page) -> bool:
    """pdfplumber's page is less garbled and not much shorter (a mis-decoded CMap can shrink the text)."""
    return _page_share(again) < _page_share(first) and _chars(again) >= 0.8 * _chars(first)


def repair_garbled(data: bytes, pages: list[Page], path: str) -> list[Page]:
    """Re-read garbled pages with pdfplumber; give up with GARBLED if the text is still unusable."""
    bad = [page.number for page in pages if _page_share(page) > GARBLED_SHARE]
    if not bad:
        return pages
    for number, again in _read_plumber(data, bad).items():
        if _better(again, pages[number - 1]):
            pages[number - 1] = again
    text = "\n".join(line.text for page in pages for line in page.lines)
    if garbled_share(text) > GARBLED_SHARE:
        raise ReadError(path, errors.GARBLED)
    return pages


def _read_plumber(data: bytes, numbers: list[int]) -> dict[int, Page]:
    """Pages `numbers` as pdfplumber reads them; pages it cannot read are left out."""
    import pdfplumber

    out = {}
    try:
        with pdfplumber.open(BytesIO(data)) as pdf:
            for number in numbers:
                page = pdf.pages[number - 1]
                lines = [_plumber_line(tl) for tl in page.extract_text_lines(return_chars=True, strip=True)]
                out[number] = Page(number, float(page.width), float(page.height), [ln for ln in lines if ln])
    except Exception:  # pdfminer failing is no worse than the garbled text we already have
        return out
    return out


def _plumber_line(tl: dict) -> Line | None:
    chars = tl.get("chars") or []
    if not tl.get("text", "").strip() or not chars:
        return None
    sizes = sorted(float(c.get("size", 0)) for c in chars)
    return Line(tl["text"], float(tl["x0"]), float(tl["x1"]), float(tl["top"]), float(tl["bottom"]),
                sizes[len(sizes) // 2], _red_colour(chars[len(chars) // 2].get("non_stroking_color")))


def _red_colour(colour) -> bool:
    """Whether a pdfminer colour (gray, RGB or CMYK components from 0 to 1) is red."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(c, (int, float)) for c in colour):
        return False
    if len(colour) == 3:
        return is_red(*(255 * c for c in colour))
    if len(colour) == 4:  # CMYK
        c, m, y, k = colour
        return is_red(*(255 * (1 - v) * (1 - k) for v in (c, m, y)))
    return False
