"""The catalogue as CSV: one file per list, UTF-8 with a byte-order mark so that Excel opens it right.

catalogue-YEAR-valid.csv, -repealed.csv, -expired.csv and -changes.csv (ASCII names survive zip
archives and web servers that mangle Chinese file names). The same columns as the workbook, a header
row, one row per document and nothing else (no title, no issuer headings): this is the form to read
back, e.g. as next year's --previous catalogue. Dates are ISO (2026-01-05), which Excel takes as dates.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reviewtools.atomic import write_atomic
from reviewtools.report.catalogue import fields as common
from reviewtools.report.catalogue.fields import Catalogue, Listing

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def file_name(year: int, key: str) -> str:
    return f"catalogue-{year}-{key}.csv"


def write(catalogue: Catalogue, out_dir: Path, office: str, year: int) -> list[Path]:
    paths = []
    for listing in common.listings(catalogue, office, year):
        target = Path(out_dir) / file_name(year, listing.key)
        write_atomic(target, render(listing))
        paths.append(target)
    return paths


def render(listing: Listing) -> bytes:
    out = io.StringIO()
    out.write(BOM)
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow([c.header for c in listing.columns])
    for n, item in listing.rows():
        w.writerow([_cell(common.plain(c.value(item, n))) for c in listing.columns])
    return out.getvalue().encode("utf-8")


def _cell(value: str) -> str:
    """A value Excel would take for a formula (=, +, -, @ first) is kept as text by a leading apostrophe."""
    if value.startswith(_FORMULA_START) and value.strip("-—") != "":
        return "'" + value
    return value
