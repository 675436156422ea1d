"""The catalogue as a static site: opened from disk (file://) or served by any web server, nothing fetched.

    site/index.html          the valid catalogue (a plain table, grouped by issuer) with a search box
    site/docs/N.html         one page per valid document: metadata and text
    site/repealed.html       the documents repealed this year, with reasons (rows #rN)
    site/expired.html        the documents declared expired this year, with reasons (rows #rN)
    site/changes.html        the changes from last year's catalogue
    site/search-index.js     window.CATALOGUE_INDEX = {valid: [...], repealed: [...], expired: [...]}
    site/search.js, site.css

The search box is an enhancement: search.js shows it, loads search-index.js on first use with a
<script> element (fetch() is refused under file://) and hides the rows that do not match. Everything
taken from the documents is HTML-escaped; the JSON index escapes <, >, & and the JS line separators,
so no text can close a script or open a comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from reviewtools import __version__
from reviewtools.atomic import write_atomic
from reviewtools.report.catalogue import fields as common
from reviewtools.report.catalogue.fields import Catalogue, Listing

SITE_DIR = "site"
PAGES = {"valid": "index.html", "repealed": "repealed.html", "expired": "expired.html", "changes": "changes.html"}
INDEX_VARIABLE = "window.CATALOGUE_INDEX"
_ASSETS = Path(__file__).resolve().parent / "assets"
_DOC_PAGE = re.compile(r"[1-9]\d*\.html")
_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def write(catalogue: Catalogue, out_dir: Path, office: str, year: int) -> list[Path]:
    """Write the site under OUT/site/ and return its entry page; index.html is written last."""
    root = Path(out_dir) / SITE_DIR
    listings = common.listings(catalogue, office, year)
    valid = listings[0]
    write_atomic(root / "site.css", (_ASSETS / "site.css").read_bytes())
    write_atomic(root / "search.js", (_ASSETS / "search.js").read_bytes())
    _documents(root, valid, listings)
    write_atomic(root / "search-index.js", search_index(listings).encode("utf-8"))
    for listing in listings[1:]:
        _write_page(root / PAGES[listing.key], _list_page(listing, listings))
    _write_page(root / PAGES["valid"], _index_page(valid, listings))
    return [root / PAGES["valid"]]


def search_index(listings: tuple[Listing, ...]) -> str:
    """The JS file that assigns the index: the valid documents with their text, the others by name only."""
    valid, repealed, expired, _ = listings
    data = {"valid": [{**_keys(item, n), "url": f"docs/{n}.html", "text": item.text or ""}
                      for n, item in valid.rows()]}
    for listing in (repealed, expired):
        data[listing.key] = [{**_keys(item, n), "url": f"{PAGES[listing.key]}#r{n}"} for n, item in listing.rows()]
    return f"{INDEX_VARIABLE} = {js_json(data)};\n"


def js_json(value) -> str:
    """JSON that is also safe inside HTML and old JS engines: no </script>, <!--, ]]> or raw U+2028."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JS_UNSAFE[m.group()], text)


def _keys(item, n: int) -> dict:
    return {"n": n, "title": item.title or "", "number": item.doc_number or "", "issuer": item.issuer or ""}


# ---- pages -------------------------------------------------------------------------------------------------


def _index_page(valid: Listing, listings) -> str:
    search = ('<form id="search" class="search" role="search" action="index.html" method="get" '
              'data-index="search-index.js" hidden>\n'
              '<label for="q">检索</label>\n'
              '<input id="q" name="q" type="search" autocomplete="off" '
              'placeholder="文件名称、文号、发文机关或正文中的词语，多个词用空格分开">\n'
              '<span id="search-status" aria-live="polite"></span>\n</form>\n'
              '<div id="search-other" class="other" hidden></div>\n')
    body = search + _table(valid, "catalogue", link=lambda n: f"docs/{n}.html")
    return _page(valid.title, valid.count(), body, listings, current="valid", scripts=("search.js",))


def _list_page(listing: Listing, listings) -> str:
    return _page(listing.title, listing.count(), _table(listing, listing.key, anchor="r"), listings,
                 current=listing.key)


def _documents(root: Path, valid: Listing, listings) -> None:
    """docs/N.html for every valid document, with links to its neighbours; pages left from a larger run go."""
    rows = valid.rows()
    written = set()
    for i, (n, item) in enumerate(rows):
        before = rows[i - 1][0] if i else None
        after = rows[i + 1][0] if i + 1 < len(rows) else None
        name = f"{n}.html"
        _write_page(root / "docs" / name, _document_page(valid, n, item, before, after, listings))
        written.add(name)
    docs = root / "docs"
    if docs.is_dir():
        for stale in docs.iterdir():
            if _DOC_PAGE.fullmatch(stale.name) and stale.name not in written:
                stale.unlink()


def _document_page(valid: Listing, n: int, item, before: int | None, after: int | None, listings) -> str:
    fields = "".join(f'<tr><th scope="row">{escape(c.header)}</th><td>{escape(common.text(c.value(item, n)))}</td></tr>'
                     for c in valid.columns if c is not common.TITLE)
    lines = [line for line in (item.text or "").splitlines() if line.strip()]
    text = "".join(f"<p>{escape(line)}</p>\n" for line in lines) or '<p class="muted">（未收录正文）</p>'
    pager = ('<nav class="pager">'
             + (f'<a href="{before}.html" rel="prev">← 上一件</a>' if before else "<span></span>")
             + '<a href="../index.html">返回目录</a>'
             + (f'<a href="{after}.html" rel="next">下一件 →</a>' if after else "<span></span>")
             + "</nav>")
    body = (f'<p class="crumbs"><a href="../index.html">{escape(valid.name)}</a> › 第{n}件</p>\n'
            f'<table class="meta">{fields}</table>\n<article class="text">\n{text}</article>\n{pager}\n')
    return _page(item.title or "（无标题）", common.issuer_name(item), body, listings, depth=1)


# ---- building blocks ---------------------------------------------------------------------------------------


def _table(listing: Listing, table_id: str, link: Callable[[int], str] | None = None, anchor: str = "d") -> str:
    """The list as a table: a <tbody> per issuer led by its heading row, so search can hide a whole group."""
    width = len(listing.columns)
    head = "".join(f'<th scope="col">{escape(c.header)}</th>' for c in listing.columns)
    parts = [f'<div class="scroll"><table id="{table_id}" class="list">\n<thead><tr>{head}</tr></thead>\n']
    for issuer, rows in listing.groups():
        parts.append("<tbody>\n")
        if issuer is not None:
            parts.append(f'<tr class="group"><th colspan="{width}" scope="rowgroup">'
                         f"{escape(common.group_heading(issuer, rows))}</th></tr>\n")
        for n, item in rows:
            cells = []
            for c in listing.columns:
                value = escape(common.text(c.value(item, n)))
                if c is common.TITLE and link:
                    value = f'<a href="{escape(link(n))}">{value}</a>'
                cells.append(f'<td class="{c.key}">{value}</td>')
            parts.append(f'<tr id="{anchor}{n}" data-n="{n}">{"".join(cells)}</tr>\n')
        parts.append("</tbody>\n")
    if not listing.items:
        parts.append(f'<tbody><tr><td class="none" colspan="{width}">{common.NONE}</td></tr></tbody>\n')
    parts.append("</table></div>\n")
    return "".join(parts)


def _page(title: str, lead: str, body: str, listings, current: str | None = None, depth: int = 0,
          scripts: tuple[str, ...] = ()) -> str:
    up = "../" * depth
    links = "".join(
        f'<a href="{up}{PAGES[x.key]}"' + (' aria-current="page"' if x.key == current else "")
        + f'>{escape(x.name)}<span class="n">{len(x.items)}</span></a>'
        for x in listings)
    tags = "".join(f'<script src="{up}{s}" defer></script>\n' for s in scripts)
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="reviewtools {escape(__version__)}">\n'
            f"<title>{escape(title)}</title>\n<link rel=\"stylesheet\" href=\"{up}site.css\">\n{tags}</head>\n"
            f'<body>\n<header class="site">\n<h1>{escape(title)}</h1>\n<p class="lead">{escape(lead)}</p>\n'
            f'<nav class="pages">{links}</nav>\n</header>\n<main>\n{body}</main>\n'
            f"<footer>本页为静态页面，可直接用浏览器打开，无需联网。</footer>\n</body>\n</html>\n")


def _write_page(path: Path, page: str) -> None:
    write_atomic(path, page.encode("utf-8"))
