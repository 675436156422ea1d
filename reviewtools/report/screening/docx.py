"""The 公平竞争审查表 of one document as .docx: an A4 form of bordered tables in the official style.

Particulars, every review standard answered ☑涉及/☐不涉及 with its quotes and where they are, the
exception claimed with its conditions, the conclusion boxes with the tool's suggestion and the reviewer's
recorded conclusion, and the lines the reviewing office signs. Layout blocks come from gbt9704.
"""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from reviewtools.report import gbt9704 as gb
from reviewtools.report.screening import form as form
from reviewtools.screening import Screening

SIZE_SMALL_4 = Pt(12)  # 小四: the size of a filled-in form
WIDE = 156  # the type area, in millimetres
LABEL_WIDTHS = (50, WIDE - 50)
STANDARD_WIDTHS = (62, 22, WIDE - 84)

STYLES = {s.name: s for s in (
    gb.Style("Form Title", gb.XIAOBIAOSONG, gb.SIZE_2, WD_ALIGN_PARAGRAPH.CENTER, indent=0, keep=True,
             space_after=Pt(6)),
    gb.Style("Form Date", gb.FANGSONG, gb.SIZE_4, WD_ALIGN_PARAGRAPH.RIGHT, indent=0, line=None, keep=True),
    gb.Style("Form Section", gb.HEITI, gb.SIZE_4, WD_ALIGN_PARAGRAPH.LEFT, indent=0, outline=1, keep=True,
             line=None, space_after=Pt(3)),
    gb.Style("Form Cell", gb.FANGSONG, SIZE_SMALL_4, WD_ALIGN_PARAGRAPH.LEFT, indent=0, line=None),
    gb.Style("Form Label", gb.HEITI, SIZE_SMALL_4, WD_ALIGN_PARAGRAPH.CENTER, indent=0, line=None),
    gb.Style("Form Gap", gb.FANGSONG, Pt(8), indent=0, line=None),
)}
CELL, LABEL = STYLES["Form Cell"], STYLES["Form Label"]


def render(s: Screening, office: str = "") -> bytes:
    office = office or s.review.analysis.settings.office
    doc = gb.new(STYLES.values())
    gb.properties(doc, f"{s.title}{form.FORM_TITLE}", form.FORM_TITLE, office)
    gb.add(doc, form.FORM_TITLE, STYLES["Form Title"])
    gb.add(doc, form.filled_on(s), STYLES["Form Date"])
    _section(doc, 0)
    _pairs(doc, form.particulars(s, office))
    _section(doc, 1)
    _standards(doc, s)
    _section(doc, 2)
    _pairs(doc, form.exception_rows(s))
    _section(doc, 3)
    _lines(doc, [*form.conclusion_options(s), form.tool_suggestion(s), form.recorded_line(s)])
    _section(doc, 4)
    _signature(doc)
    return gb.to_bytes(doc)


def _section(doc, n: int) -> None:
    gb.add(doc, form.SECTIONS[n], STYLES["Form Section"])


def _pairs(doc, rows: list[tuple[str, str]]) -> None:
    """Label | value rows; blank values stay blank for the officer to fill in."""
    t = gb.table(doc, LABEL_WIDTHS, cell_margin=1.5)
    for label, value in rows:
        row = gb.add_row(t, [label, ""], LABEL_WIDTHS, LABEL)
        _fill(row.cells[1], value.split("\n"))
    _gap(doc)


def _standards(doc, s: Screening) -> None:
    """One row per standard under its group band; the header repeats when the table runs onto a new page."""
    t = gb.table(doc, STANDARD_WIDTHS, cell_margin=1.5)
    gb.add_row(t, list(form.STANDARD_HEADER), STANDARD_WIDTHS, LABEL, head=True)
    for n, (group, answers) in enumerate(s.groups()):
        band = gb.add_band(t, form.group_heading(n, group, answers), STANDARD_WIDTHS, LABEL)
        band.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
        for a in answers:
            row = gb.add_row(t, [form.standard_label(a), "", ""], STANDARD_WIDTHS, CELL)
            _fill(row.cells[1], form.mark(a).split("\n"), centred=True)
            _fill(row.cells[2], form.hit_lines(a) or [form.NONE])
    _gap(doc)


def _lines(doc, lines: list[str]) -> None:
    """A one-column box of lines (the conclusion block)."""
    t = gb.table(doc, (WIDE,), cell_margin=1.5)
    row = gb.add_row(t, [""], (WIDE,), CELL)
    _fill(row.cells[0], lines)
    _gap(doc)


def _signature(doc) -> None:
    t = gb.table(doc, (WIDE,), cell_margin=1.5)
    cell = gb.add_row(t, [""], (WIDE,), CELL).cells[0]
    opinion, signature = form.opinion_lines(), form.signature_lines()
    _fill(cell, opinion + signature)
    for p in cell.paragraphs[len(opinion):]:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(24)


def _fill(cell, lines: list[str], centred: bool = False) -> None:
    """Write `lines` into `cell`, one paragraph each, replacing what add_row put there."""
    first = cell.paragraphs[0]
    for r in list(first.runs):
        r._r.getparent().remove(r._r)
    first.style = CELL.name
    for i, line in enumerate(lines or [""]):
        p = first if i == 0 else cell.add_paragraph(style=CELL.name)
        gb.run(p, line, CELL)
        if centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _gap(doc) -> None:
    gb.add(doc, "", STYLES["Form Gap"])
