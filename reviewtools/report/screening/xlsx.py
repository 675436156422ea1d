"""The 公平竞争审查表 as one .xlsx sheet, and the summary workbook of a folder's screening.

Summary sheets: 逐文件 (per document: standards hit, counts, 增量/存量, suggested and recorded conclusion),
按标准 (documents and hits per standard), 未发现问题 (documents with no hit), 无法读取 (with the reason).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reviewtools.data.rules import standards
from reviewtools.errors import ReadError
from reviewtools.report import workbook as wb
from reviewtools.report.screening import form as form
from reviewtools.screening import EXISTING, MANUAL, NEW, Screening, covered_standards

FORM_WIDTHS = (26, 50, 12, 62)
SUMMARY_NAME = "公平竞争审查汇总.xlsx"


def render(s: Screening, office: str = "") -> bytes:
    """The form of one document on one sheet, in the order of the .docx form."""
    office = office or s.review.analysis.settings.office
    book = wb.new()
    ws = wb.sheet(book, form.FORM_TITLE, FORM_WIDTHS)
    cols = len(FORM_WIDTHS)
    wb.band(ws, form.FORM_TITLE, cols, font=wb.TITLE, align=wb.CENTRE)
    wb.band(ws, form.filled_on(s), cols)
    wb.freeze(ws, 2)
    _section(ws, 0)
    for label, value in form.particulars(s, office):
        _pair(ws, label, value)
    _section(ws, 1)
    wb.append(ws, ["条款", *form.STANDARD_HEADER], font=wb.HEAD, fill=wb.HEAD_FILL, align=wb.CENTRE)
    for n, (group, answers) in enumerate(s.groups()):
        wb.band(ws, form.group_heading(n, group, answers), cols, font=wb.BAND, fill=wb.BAND_FILL)
        for a in answers:
            wb.append(ws, [a.standard.article, a.standard.text, a.mark, "\n".join(form.hit_lines(a)) or form.NONE],
                      centred=(2,))
    _section(ws, 2)
    for label, value in form.exception_rows(s):
        _pair(ws, label, value)
    _section(ws, 3)
    for line in [*form.conclusion_options(s), s.suggestion_line(), form.recorded_line(s)]:
        _line(ws, line)
    _section(ws, 4)
    for line in form.opinion_lines() + form.signature_lines():
        _line(ws, line)
    return wb.to_bytes(book)


def _section(ws, n: int) -> None:
    wb.band(ws, form.SECTIONS[n], len(FORM_WIDTHS), font=wb.BAND, fill=wb.BAND_FILL)


def _pair(ws, label: str, value: str) -> None:
    row = wb.append(ws, [label, value, "", ""], centred=(0,))
    wb.span(ws, row, 2, len(FORM_WIDTHS))
    wb.fit(ws, row, label, wb.width(ws, 1))


def _line(ws, text: str) -> None:
    wb.band(ws, text, len(FORM_WIDTHS))


# ---- summary of a folder -----------------------------------------------------------------------------------

PER_DOCUMENT = ("序号", "文件", "政策措施名称", "文号", "发文机关", "成文日期", "增量/存量", "涉及的审查标准", "涉及标准数",
                "问题数", "援引例外规定", "建议结论（待审查人员确认）", "审查人员结论", "结论理由")
PER_DOCUMENT_WIDTHS = (6, 28, 40, 22, 22, 12, 10, 46, 10, 8, 12, 22, 12, 30)


def summary(screenings: Sequence[Screening], failed: Sequence[ReadError], since: date | None = None) -> bytes:
    book = wb.new()
    _per_document(book, screenings, since)
    _per_standard(book, screenings, since)
    _clean(book, screenings, since)
    _unreadable(book, failed)
    return wb.to_bytes(book)


def _per_document(book, screenings: Sequence[Screening], since: date | None) -> None:
    ws = wb.sheet(book, "逐文件", PER_DOCUMENT_WIDTHS, PER_DOCUMENT)
    for n, s in enumerate(screenings, 1):
        r = s.recorded
        wb.append(ws, [n, s.path, s.title, s.doc_number, s.issuer, s.issued_on, s.period(since) or form.NONE,
                       form.hit_keys(s) or form.NONE, len(s.involved), s.hit_count, "是" if s.exception else "否",
                       s.suggestion_name, r.conclusion if r else "", r.reason if r else ""],
                  centred=(0, 5, 6, 8, 9, 10))


def _per_standard(book, screenings: Sequence[Screening], since: date | None) -> None:
    split = since is not None
    header = ["条款", "条例条款", "组别", "审查标准", "涉及文件数", *(("其中增量", "其中存量") if split else ()), "问题数"]
    widths = [8, 20, 18, 60, 12, *((10, 10) if split else ()), 10]
    ws = wb.sheet(book, "按标准", widths, header)
    covered = covered_standards()
    for key, standard in standards().items():
        hit = [(s, a) for s in screenings for a in s.answers if a.standard.key == key and a.involved]
        periods = [s.period(since) for s, _ in hit]
        counts = (periods.count(NEW), periods.count(EXISTING)) if split else ()
        numbers = [len(hit), *counts, sum(len(a.hits) for _, a in hit)]
        if key not in covered and not hit:  # no rule looked: a count of 0 would claim a check
            numbers = [MANUAL] + [""] * (len(numbers) - 1)
        wb.append(ws, [key, standard.article, standard.group, standard.text, *numbers], centred=(0, 4, 5, 6, 7))


def _clean(book, screenings: Sequence[Screening], since: date | None) -> None:
    ws = wb.sheet(book, "未发现问题", (6, 28, 40, 22, 12, 10), ("序号", "文件", "政策措施名称", "文号", "成文日期", "增量/存量"))
    for n, s in enumerate((s for s in screenings if not s.involved), 1):
        wb.append(ws, [n, s.path, s.title, s.doc_number, s.issued_on, s.period(since) or form.NONE],
                  centred=(0, 4, 5))


def _unreadable(book, failed: Sequence[ReadError]) -> None:
    ws = wb.sheet(book, "无法读取", (6, 50, 70), ("序号", "文件", "原因"))
    for n, f in enumerate(failed, 1):
        wb.append(ws, [n, f.path, f.cause], centred=(0,))
