"""The catalogue as a static site: opened from disk (file://) or served by any web server, nothing fetched.

    site/index.html          the valid catalogue (a plain table, grouped by issuer) with a search box
    site/docs/N.html         one page per valid document: metadata and text
    site/repealed.html       the documents repealed this year, with reasons (rows #rN)
    site/expired.html        the documents declared expired this year, with reasons (rows #rN)
    site/changes.html        the changes from last year's catalogue
    site/search-index.js     window.CATALOGUE_INDEX = {valid: [...], repealed: [...], expired: [...]}
    site/search.js, site.css

The search box is an enhancement: search.js shows it, loads search-index.js on first use with a
<script> element (fetch() is refused under file://) and hides the rows that do not match. The pages are
templates/catalogue/*.html, autoescaped; the JSON index escapes <, >, & and the JS line separators,
so no text can close a script or open a comment.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from reviewtools.atomic import write_atomic
from reviewtools.report import pages
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
        write_atomic(root / PAGES[listing.key], _list_page(listing, listings))
    write_atomic(root / PAGES["valid"], _index_page(valid, listings))
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


# ---- pages ------------------------------------------------------------------------------------------------


def _index_page(valid: Listing, listings) -> bytes:
    return _list(valid, "catalogue", listings, link=lambda n: f"docs/{n}.html", search=True)


def _list_page(listing: Listing, listings) -> bytes:
    return _list(listing, listing.key, listings, anchor="r")


def _documents(root: Path, valid: Listing, listings) -> None:
    """docs/N.html for every valid document, with links to its neighbours; pages left from a larger run go."""
    rows = valid.rows()
    written = set()
    for i, (n, item) in enumerate(rows):
        before = rows[i - 1][0] if i else None
        after = rows[i + 1][0] if i + 1 < len(rows) else None
        name = f"{n}.html"
        write_atomic(root / "docs" / name, _document_page(valid, n, item, before, after, listings))
        written.add(name)
    docs = root / "docs"
    if docs.is_dir():
        for stale in docs.iterdir():
            if _DOC_PAGE.fullmatch(stale.name) and stale.name not in written:
                stale.unlink()


def _document_page(valid: Listing, n: int, item, before: int | None, after: int | None, listings) -> bytes:
    fields = [(c.header, common.text(c.value(item, n))) for c in valid.columns if c is not common.TITLE]
    lines = [line for line in (item.text or "").splitlines() if line.strip()]
    return pages.render("catalogue/document.html", **_frame(item.title or "（无标题）", common.issuer_name(item),
                                                            listings, depth=1),
                        listing=valid.name, n=n, fields=fields, lines=lines, before=before, after=after)


def _list(listing: Listing, table_id: str, listings, link: Callable[[int], str] | None = None, anchor: str = "d",
          search: bool = False) -> bytes:
    groups = [{"heading": None if issuer is None else common.group_heading(issuer, rows),
               "rows": [{"n": n, "href": link(n) if link else None,
                         "cells": [(c.key, common.text(c.value(item, n))) for c in listing.columns]}
                        for n, item in rows]}
              for issuer, rows in listing.groups()]
    return pages.render("catalogue/list.html", **_frame(listing.title, listing.count(), listings, current=listing.key,
                                                        scripts=("search.js",) if search else ()),
                        search=search, table_id=table_id, anchor=anchor, headers=[c.header for c in listing.columns],
                        groups=groups if listing.items else [], none=common.NONE)


def _frame(title: str, lead: str, listings, current: str | None = None, depth: int = 0,
           scripts: tuple[str, ...] = ()) -> dict:
    """What templates/catalogue/page.html needs around every page: title, lead line, links to the lists."""
    nav = [{"href": PAGES[x.key], "name": x.name, "count": len(x.items), "current": x.key == current}
           for x in listings]
    return {"title": title, "lead": lead, "nav": nav, "up": "../" * depth, "scripts": scripts}
