"""The folder report as .docx, laid out per GB/T 9704 like the memo: the overview, then the three tables
(by issuer, by category, by rule, the 严重 findings), landscape so the list of findings reads across."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH

from reviewtools.report import gbt9704 as gb
from reviewtools.report.folder.fields import (
    CATEGORY_HEADER,
    GRAVE_HEADER,
    ISSUER_HEADER,
    RULE_HEADER,
    TITLE,
    Batch,
)
from reviewtools.report.gbt9704 import FANGSONG, HEITI, SIZE_2, SIZE_3, SIZE_5, Style
from reviewtools.terms import cn_date, cn_number

STYLES = {s.name: s for s in (
    Style("Report Title", gb.XIAOBIAOSONG, SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, indent=0, outline=0, keep=True),
    Style("Report Heading", HEITI, SIZE_3, outline=1, keep=True),
    Style("Report Body", FANGSONG, SIZE_3),
    Style("Report Signature", FANGSONG, SIZE_3, WD_ALIGN_PARAGRAPH.RIGHT, indent=0),
    Style("Report Table", FANGSONG, SIZE_5, WD_ALIGN_PARAGRAPH.LEFT, indent=0, line=None),
    Style("Report Table Head", HEITI, SIZE_5, WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=None),
)}
# Column widths in mm, on the 225 mm across of the landscape type area.
_ISSUER_WIDTHS = (95, 26, 26, 26, 26, 26)
_CATEGORY_WIDTHS = (65, 32, 32, 32, 32, 32)
_RULE_WIDTHS = (25, 62, 58, 20, 20, 20, 20)
_GRAVE_WIDTHS = (12, 55, 38, 50, 22, 48)
_FAILED_WIDTHS = (110, 115)


def render(batch: Batch) -> bytes:
    doc = gb.new(STYLES.values(), landscape=True)
    gb.properties(doc, TITLE, TITLE, batch.office)
    _add(doc, TITLE, "Report Title")
    for line in batch.overview():
        _add(doc, line, "Report Body")
    sections = [("按发文机关统计", ISSUER_HEADER, batch.by_issuer(), _ISSUER_WIDTHS),
                ("按问题类别统计", CATEGORY_HEADER, batch.by_category(), _CATEGORY_WIDTHS),
                ("按审查规则统计", RULE_HEADER, batch.by_rule(), _RULE_WIDTHS),
                ("严重问题清单", GRAVE_HEADER, batch.grave(), _GRAVE_WIDTHS)]
    if batch.failed:
        sections.append(("无法读取的文件", ("文件", "原因"), batch.unreadable(), _FAILED_WIDTHS))
    for n, (heading, header, rows, widths) in enumerate(sections, 1):
        _add(doc, f"{cn_number(n)}、{heading}", "Report Heading")
        if rows:
            _table(doc, header, rows, widths)
        else:
            _add(doc, "无。", "Report Body")
    p = _add(doc, batch.office or "", "Report Signature")
    p.paragraph_format.keep_with_next = True
    _add(doc, cn_date(batch.as_of), "Report Signature")
    return gb.to_bytes(doc)


def _add(container, text: str, style: str):
    return gb.add(container, text, STYLES[style])


def _table(doc, header, rows, widths) -> None:
    table = gb.table(doc, widths)
    gb.add_row(table, header, widths, STYLES["Report Table Head"], head=True)
    numeric = [i for i, value in enumerate(rows[0]) if isinstance(value, int)]
    for values in rows:
        gb.add_row(table, [str(v) for v in values], widths, STYLES["Report Table"], centred=numeric)
    doc.add_paragraph(style=STYLES["Report Body"].name)
