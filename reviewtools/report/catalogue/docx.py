"""The catalogue as an official-style .docx (GB/T 9704 look), ready to publish as the cleanup's attachment.

A4 landscape (the lists are wide tables), type area 225 × 156 mm. The title in 方正小标宋简体 二号, the
count below it in 楷体, then the valid list as a table in 仿宋 五号 with its header repeated on every
page and a heading row per issuer (which is why the table has no 发文机关 column). The repealed and
expired lists follow as 附件1 and 附件2 (黑体 label top left, own title, own table with the reasons),
each starting a new page; an empty one is left out.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reviewtools.atomic import write_atomic
from reviewtools.report import gbt9704 as gb
from reviewtools.report.catalogue import fields as common
from reviewtools.report.catalogue.fields import Catalogue, Listing
from reviewtools.report.gbt9704 import SIZE_2, SIZE_3, SIZE_5, Style

TYPE_WIDTH = 225  # mm, landscape
CELL_MARGIN = 1  # mm each side: narrow columns keep a whole date on one line

TITLE = Style("Catalogue Title", gb.XIAOBIAOSONG, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, indent=0, outline=0,
              keep=True)
SUBTITLE = Style("Catalogue Subtitle", gb.KAITI, SIZE_3, WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep=True,
                 space_after=Pt(14))
LABEL = Style("Catalogue Attachment", gb.HEITI, SIZE_3, WD_ALIGN_PARAGRAPH.LEFT, indent=0, keep=True)
HEAD = Style("Catalogue Table Head", gb.HEITI, SIZE_5, WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=None,
             autospace=False)
GROUP = Style("Catalogue Table Group", gb.HEITI, SIZE_5, WD_ALIGN_PARAGRAPH.LEFT, indent=0, line=None,
              autospace=False)
BODY = Style("Catalogue Table", gb.FANGSONG, SIZE_5, WD_ALIGN_PARAGRAPH.LEFT, indent=0, line=None,
             autospace=False)
STYLES = (TITLE, SUBTITLE, LABEL, HEAD, GROUP, BODY)


def file_name(year: int) -> str:
    return f"catalogue-{year}.docx"


def write(catalogue: Catalogue, out_dir: Path, office: str, year: int) -> list[Path]:
    target = Path(out_dir) / file_name(year)
    write_atomic(target, render(catalogue, office, year))
    return [target]


def render(catalogue: Catalogue, office: str, year: int) -> bytes:
    valid, repealed, expired, _ = common.listings(catalogue, office, year)
    doc = gb.new(STYLES, landscape=True)
    gb.properties(doc, valid.title, "现行有效行政规范性文件目录", office)
    _listing(doc, valid)
    for n, listing in enumerate((x for x in (repealed, expired) if x.items), 1):
        gb.page_break_before(gb.add(doc, f"附件{n}", LABEL))
        _listing(doc, listing)
    return gb.to_bytes(doc)


def _listing(doc, listing: Listing) -> None:
    gb.add(doc, listing.title, TITLE)
    gb.add(doc, f"（{listing.count()}）", SUBTITLE)
    listing = replace(listing, grouped=True)  # the issuer heads its group, even when there is only one
    columns = [c for c in listing.columns if c is not common.ISSUER]
    widths = common.docx_widths(columns, TYPE_WIDTH)
    centred = [i for i, c in enumerate(columns) if c.centre]
    table = gb.table(doc, widths, cell_margin=CELL_MARGIN)
    gb.add_row(table, [c.header for c in columns], widths, HEAD, head=True, middle=True)
    for issuer, rows in listing.groups():
        gb.add_band(table, common.group_heading(issuer, rows), widths, GROUP)
        for n, item in rows:
            gb.add_row(table, [common.text(c.value(item, n)) for c in columns], widths, BODY, centred=centred,
                       middle=True)
    if not listing.items:
        gb.add_band(table, common.NONE, widths, BODY).cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
