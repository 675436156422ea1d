"""Where a .docx puts what is not in the flow of its text: text boxes placed on the page by position.

WPS puts the 份号, 密级 and 紧急程度 of a 版头 in text boxes placed near the top of the page and anchors them to
any paragraph, often the signature; they are read where they are printed, first on their page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypeVar

from lxml import etree

from reviewtools.ingest.docx_package import W
from reviewtools.text import regex_cache

T = TypeVar("T")
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
VML = "urn:schemas-microsoft-com:vml"
EMU_PER_PT, TWIPS_PER_PT = 12700, 20
A4_HEIGHT_PT = 841.9
HEAD_BAND = 0.3  # a text box placed in this top share of the page belongs to the page's head (版头)
_VML_TOP = regex_cache.compile(r"(?:^|;)\s*(?:margin-)?top\s*:\s*(-?[\d.]+)(pt|in|cm|mm|px)?", re.I)
_VML_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "px": 0.75, None: 0.75}


def page_heads_first(items: Iterable[T]) -> list[T]:
    """The items with those of text boxes at the top of a page moved before the page's other items (in the
    order read), and a text repeated on a page's head once."""
    out: list[T] = []
    page, begin, placed = None, 0, 0  # the current page, where its items begin in out, heads put there so far
    seen: set[tuple[int | None, str]] = set()
    for item in items:
        if item.page != page:
            page, begin, placed = item.page, len(out), 0
        if not item.head:
            out.append(item)
        elif (item.page, item.text) not in seen:
            seen.add((item.page, item.text))
            out.insert(begin + placed, item)
            placed += 1
    return out


def page_height(body: etree._Element) -> float:
    """The height in points of the first section's pages."""
    size = next(body.iter(W + "pgSz"), None)
    height = size.get(W + "h") if size is not None else None
    return int(height) / TWIPS_PER_PT if height and height.isdigit() else A4_HEIGHT_PT


def box_top(txbx: etree._Element) -> float | None:
    """How far below the top of the page or its margin a text box is placed, in points; None when it is placed
    relative to its paragraph (it moves with the text)."""
    for el in txbx.iterancestors(WP + "anchor", f"{{{VML}}}shape", f"{{{VML}}}rect", f"{{{VML}}}roundrect"):
        if el.tag == WP + "anchor":
            pos = el.find(WP + "positionV")
            offset = pos.find(WP + "posOffset") if pos is not None else None
            if pos is None or pos.get("relativeFrom") not in ("page", "margin", "topMargin") or offset is None:
                return None
            return int(offset.text or 0) / EMU_PER_PT
        style = el.get("style") or ""
        if "mso-position-vertical-relative:page" not in style.replace(" ", "") \
                and "mso-position-vertical-relative:margin" not in style.replace(" ", ""):
            return None
        top = _VML_TOP.search(style)
        return float(top[1]) * _VML_UNITS[top[2] and top[2].lower()] if top else None
    return None
