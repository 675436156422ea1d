"""Catalogue writers: the valid-document catalogue, the repealed and expired lists and the changes.

`write(catalogue, out_dir, formats, office, year)` writes, into out_dir:

    xlsx  catalogue-YEAR.xlsx   sheets 现行有效目录, 废止目录, 宣布失效目录, 与上年相比, set up for printing
    docx  catalogue-YEAR.docx   official style; the repealed and expired lists as 附件1 and 附件2
    csv   catalogue-YEAR-valid.csv, -repealed.csv, -expired.csv, -changes.csv (UTF-8 with BOM)
    html  site/index.html and the rest of the static site (see site.py)

and returns the paths written (for the site, its index.html). Each file goes through a temporary file
and a rename. A writer only renders: which documents are listed, in what order, with what status is
the catalogue's business.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from reviewtools.errors import UsageError
from reviewtools.report.catalogue.fields import Catalogue

FORMATS = ("xlsx", "docx", "csv", "html")
_MODULES = {"xlsx": "xlsx", "docx": "docx", "csv": "csv", "html": "site"}


def write(catalogue: Catalogue, out_dir: str | Path, formats: set[str], office: str, year: int) -> list[Path]:
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise UsageError(f"不支持的目录格式：{'、'.join(sorted(unknown))}（可选：{'、'.join(FORMATS)}）")
    paths: list[Path] = []
    for fmt in FORMATS:
        if fmt in formats:  # each writer imports its library only when asked for
            module = import_module(f"{__name__}.{_MODULES[fmt]}")
            paths += module.write(catalogue, Path(out_dir), office, year)
    return paths
