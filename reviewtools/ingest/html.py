"""HTML pages as portals publish them → lines for the portal cleaner."""

from __future__ import annotations

import re

from lxml import etree, html

from reviewtools.ingest.decode import decode
from reviewtools.ingest.portal import Line

_DROP = ("script", "style", "noscript", "iframe", "form", "button", "select", "nav", "svg", "template")
_BLOCK = {"p", "div", "section", "article", "li", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
          "pre", "center", "tr", "ul", "ol", "dl", "header", "footer", "main", "aside", "address", "br", "hr",
          "table", "tbody", "thead", "font"}
_HEADINGS = {"h1", "h2", "h3"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w]+)""", re.I)
_PROSE = re.compile(r"[。；，：！？]")
_WS = re.compile(r"[ \t\r\n\f\v]+")
# A line break of the HTML source between two Chinese characters (Word's "save as web page" wraps its source
# lines every 80 characters or so): no space in the text.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》"
_WRAP = re.compile(f"(?<=[{_CJK}])[ \t\r\f\v]*\n[ \t\r\n\f\v]*(?=[{_CJK}])")
_BREAKS = ("br", "p", "div", "li", "tr", "table")  # inside an inline element, these still start a new line


def lines(data: bytes, path: str) -> tuple[list[Line], list[str]]:
    """(lines, warnings): the page's lines, and what decoding it repaired."""
    text, warnings = _decode(data, path)
    root = html.document_fromstring(text)
    for el in root.iter(*_DROP):
        el.drop_tree() if el.getparent() is not None else None
    for el in list(root.iter(etree.Comment)):
        el.drop_tree() if el.getparent() is not None else None
    body = root.find("body")
    out: list[Line] = []
    _walk(body if body is not None else root, out, [0])
    return out, warnings


def _decode(data: bytes, path: str) -> tuple[str, list[str]]:
    m = _META_CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii").lower().replace("gb2312", "gb18030").replace("gbk", "gb18030") if m else None
    return decode(data, path, declared)


def _walk(el, out: list[Line], tables: list[int]) -> None:
    """Emit one Line per block element; a table row becomes `| cell | cell |` when it is a layout or
    metadata table, or one cell Line each when it is the document's own table."""
    if el.tag == "table":
        _table(el, out, tables)
        return
    buf: list[str] = []
    linked: list[str] = []  # the part of buf that is link text

    def flush(kind: str = "paragraph") -> None:
        text = _WS.sub(" ", _WRAP.sub("", "".join(buf))).strip()
        link_chars = len(_WS.sub("", "".join(linked)))
        # A run made (almost) only of links is navigation: 首页 政务公开 政策文件.
        if text and not (link_chars >= 0.8 * len(_WS.sub("", text)) and not _PROSE.search(text)):
            out.append(Line(text, kind))
        buf.clear()
        linked.clear()

    kind = "heading" if el.tag in _HEADINGS else "paragraph"
    if el.text:
        buf.append(el.text)
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail:
                buf.append(child.tail)
            continue
        if child.tag in _BLOCK or next(child.iter(*_BREAKS), None) is not None:
            # A block, or an inline element holding line breaks (<span>段一<br>段二</span>): lines of their own.
            flush(kind)
            if child.tag not in ("br", "hr"):
                _walk(child, out, tables)
        else:
            piece = _inline_text(child)
            buf.append(piece)
            if child.tag == "a":
                linked.append(piece)
        if child.tail:
            buf.append(child.tail)
    flush(kind)


def _inline_text(el) -> str:
    if el.tag == "img":
        return ""
    return "".join(t for t in el.itertext())


def _table(el, out: list[Line], tables: list[int]) -> None:
    rows = [r for r in el.iter("tr") if _owner_table(r) is el]
    grid = [[_WS.sub(" ", _WRAP.sub("", c.text_content())).strip() for c in r if isinstance(c.tag, str) and c.tag in ("td", "th")]
            for r in rows]
    nested = any(t is not el for t in el.iter("table"))
    if nested or _is_key_value_table(grid):
        # Layout tables hold the page, metadata tables hold 索引号…: walk/print them as rows for the cleaner.
        if nested:
            for r in rows:
                for c in r:
                    if isinstance(c.tag, str):
                        _walk(c, out, tables)
        else:
            for cells in grid:
                if any(cells):
                    out.append(Line("| " + " | ".join(cells) + " |"))
        return
    tables[0] += 1
    for r_i, cells in enumerate(grid, 1):
        for c_i, text in enumerate(cells, 1):
            if text:
                out.append(Line(text, "cell", tables[0], r_i, c_i))


def _owner_table(tr):
    p = tr.getparent()
    while p is not None and p.tag != "table":
        p = p.getparent()
    return p


def _is_key_value_table(grid: list[list[str]]) -> bool:
    from reviewtools.ingest.portal import metadata_pairs

    rows = [r for r in grid if any(r)]
    hits = sum(1 for r in rows if metadata_pairs("| " + " | ".join(r) + " |", head=True) is not None)
    return bool(rows) and hits >= max(1, len(rows) // 2)
