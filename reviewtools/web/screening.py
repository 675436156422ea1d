"""Fair-competition screening (公平竞争审查) in the workbench: the form on screen, the reviewer's conclusion,
the form and the summary workbook to download.

A round is screened as `reviewtools screen` screens a file: its review (drafts.reviewed, with the decisions in
force) through screening.screen, with the conclusion last recorded in the registry. The page takes every line
of the form from report.screening.form, the helpers the .docx and .xlsx forms are written with, so what the
page says is what the downloaded form says.
"""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import login_required

from reviewtools.errors import UsageError, clean_name
from reviewtools.registry.drafts import Drafts, Round, draft_key
from reviewtools.report.screening import form
from reviewtools.screening import INVOLVED, MANUAL, NOT_INVOLVED, SUSPECTED, Screening
from reviewtools.terms import REVIEWER_CONCLUSIONS, day_of
from reviewtools.web.app import attachment, options, registry
from reviewtools.web.auth import audit, who
from reviewtools.web.drafts import MEMO_TYPES, reviewed, round_or_404

blueprint = Blueprint("screening", __name__, url_prefix="/screening")

FORM_TYPES = {"docx": MEMO_TYPES["docx"], "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# How each answer is marked on the page (a class of static/screening.css).
MARK_CLASSES = {INVOLVED: "involved", SUSPECTED: "suspected", NOT_INVOLVED: "clear", MANUAL: "manual"}


@blueprint.get("/")
@login_required
def home():
    # A round's stored review gives the key Screening.doc_key would: no re-review here.
    rows = [(title or last.file_name, rounds, last, registry().latest_conclusion(draft_key(last.review)))
            for title, rounds, last in Drafts(registry()).drafts()]
    return render_template("web/screening/home.html", title="公平竞争审查", drafts=rows)


@blueprint.get("/rounds/<int:round_id>")
@login_required
def show(round_id: int):
    rnd = round_or_404(round_id)
    s = screened(rnd)
    groups = [(form.group_heading(n, group, answers),
               [(form.standard_label(a), MARK_CLASSES[a.mark], form.mark(a).split("\n"), form.hit_lines(a))
                for a in answers])
              for n, (group, answers) in enumerate(s.groups())]
    return render_template(
        "web/screening/form.html", title=f"{s.title} · {form.FORM_TITLE}", rnd=rnd, s=s, form_title=form.FORM_TITLE,
        filled_on=form.filled_on(s), sections=form.SECTIONS, particulars=form.particulars(s, options().settings.office),
        header=form.STANDARD_HEADER, groups=groups, exception_rows=form.exception_rows(s),
        conclusions=form.conclusion_options(s), suggestion=s.suggestion_line(),
        tool_suggestion=form.tool_suggestion(s), choices=REVIEWER_CONCLUSIONS,
        rounds=Drafts(registry()).rounds(rnd.draft_key), formats=list(FORM_TYPES))


@blueprint.post("/rounds/<int:round_id>/conclude")
@login_required
def conclude(round_id: int):
    """The reviewer's own conclusion on the round's document: 违反 / 不违反 / 适用例外 with a reason."""
    from reviewtools.screening.conclusions import check_conclusion, record_conclusion

    rnd = round_or_404(round_id)
    conclusion, reason = request.form.get("conclusion", ""), request.form.get("reason", "").strip()
    if conclusion not in REVIEWER_CONCLUSIONS:
        raise UsageError(f"请选择审查结论（{'、'.join(REVIEWER_CONCLUSIONS)}）")
    if not reason:
        raise UsageError("记录审查结论须写明理由")
    s = screened(rnd)
    check_conclusion(s, conclusion, rnd.file_name)
    with registry().batch():
        record_conclusion(registry(), s, conclusion, reason, who())
        audit("公平竞争审查结论", f"{s.doc_key} 第 {rnd.round} 轮：{conclusion}（{reason}）")
    flash(f"已记录公平竞争审查结论：{conclusion}（工具建议结论为“{s.suggestion_name}”）。", "info")
    return redirect(url_for("screening.show", round_id=rnd.id), 303)


@blueprint.get("/rounds/<int:round_id>/form.<fmt>")
@login_required
def download(round_id: int, fmt: str):
    """The 公平竞争审查表 of the round as `reviewtools screen -o` writes it, the recorded conclusion ticked."""
    from reviewtools.report.screening import docx, xlsx

    if fmt not in FORM_TYPES:
        abort(404)
    rnd = round_or_404(round_id)
    s = screened(rnd)
    content = (docx if fmt == "docx" else xlsx).render(s)
    return attachment(content, FORM_TYPES[fmt], f"{s.title}（第{rnd.round}轮）.{form.FORM_TITLE}.{fmt}")


@blueprint.get("/summary.xlsx")
@login_required
def summary():
    """The summary workbook over every draft's latest round, as `reviewtools screen -o` writes it for a folder;
    `since` (a date) splits 增量 from 存量."""
    from reviewtools.report.screening import xlsx

    since = _since(request.args.get("since", ""))
    screenings = [screened(last).detach() for _title, _rounds, last in Drafts(registry()).drafts()]
    return attachment(xlsx.summary(screenings, [], since), FORM_TYPES["xlsx"], xlsx.SUMMARY_NAME)


def screened(rnd: Round) -> Screening:
    """The round's screening with the conclusion last recorded on its document."""
    from reviewtools.screening import screen
    from reviewtools.screening.conclusions import recorded_conclusion

    s = screen(reviewed(rnd))
    s.recorded = recorded_conclusion(registry(), s)
    return s


def _since(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return day_of(text)
    except ValueError as exc:
        raise UsageError(f"增量/存量分界日“{clean_name(text.strip())}”无效（{exc}）") from None
