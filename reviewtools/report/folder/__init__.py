"""The folder report for the leadership: over a batch review, beside index.html,

    docx  审查汇总.docx   official style, to print and sign off
    xlsx  审查汇总.xlsx   sheets 概况, 按发文机关, 按类别, 按规则, 严重问题, set up for printing

counts by issuer, by category, by rule, and the list of 严重 findings with their documents (fields.py); the
paths written. Each writer only renders the Batch it is given.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from reviewtools.atomic import write_atomic
from reviewtools.report.folder.fields import Batch

NAME = "审查汇总"
FORMATS = ("docx", "xlsx")


def write(folder: Path, reviews: list, failed: list, settings) -> list[Path]:
    batch = Batch(reviews, failed, settings.as_of, settings.office)
    paths = []
    for fmt in FORMATS:  # each writer imports its library only when asked for
        target = folder / f"{NAME}.{fmt}"
        write_atomic(target, import_module(f"{__name__}.{fmt}").render(batch))
        paths.append(target)
    return paths
