"""Reviewing drafts in the workbench: upload, the document beside its findings, decisions, rounds, downloads.

Each upload is a round of a draft in the registry (registry.drafts): a draft is known by its 文号 or title,
so a revised draft uploaded later becomes its next round (复核) by itself, or explicitly from the draft's page.
The uploaded bytes are kept (store), so every page and download is the document reviewed again as it was,
with the decisions in force: the same review the command line gives, never a copy that could drift.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import login_required

from reviewtools.errors import ReadError, UsageError, clean_name
from reviewtools.registry.drafts import DECISIONS, Drafts, Round, draft_key
from reviewtools.terms import FINDING_DECISIONS, VERDICT_NAMES
from reviewtools.web import store
from reviewtools.web.app import attachment, options, registry
from reviewtools.web.auth import audit, who

blueprint = Blueprint("drafts", __name__)

MEMO_TYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
              "json": "application/json; charset=utf-8"}
DECISION_NAMES = {**FINDING_DECISIONS, "open": "撤销决定"}


@blueprint.get("/")
@login_required
def home():
    rows = Drafts(registry()).drafts()
    o = options()
    return render_template("web/home.html", title="审查草案", drafts=rows, max_files=o.settings.web_files,
                           max_mb=o.settings.web_upload_mb, verdicts=VERDICT_NAMES)


@blueprint.post("/upload")
@login_required
def upload():
    """One or more files, each reviewed as the next round of its draft; an unreadable one is named and the
    others go on. With `follows` (a round id), every file is the next round of that round's draft."""
    files = [f for f in request.files.getlist("files") if f.filename]
    o = options()
    if not files:
        flash("请选择要审查的文件。", "error")
        return redirect(url_for("drafts.home"), 303)
    if len(files) > o.settings.web_files:
        flash(f"一次最多上传 {o.settings.web_files} 个文件（这次选了 {len(files)} 个）。", "error")
        return redirect(url_for("drafts.home"), 303)
    follows = round_or_404(request.form["follows"]) if request.form.get("follows") else None
    made: list[Round] = []
    for f in files:
        name = clean_name(f.filename).replace("/", "_").replace("\\", "_")[-200:]
        content = f.read(o.upload_bytes + 1)
        if len(content) > o.upload_bytes:
            flash(f"无法读取 {name}：文件超过 {o.settings.web_upload_mb:g} MB 的上传上限。", "error")
            continue
        for item in _files_in(name, content):
            if isinstance(item, ReadError):
                flash(item.line(), "error")
                continue
            try:
                made.append(submit(*item, follows))
            except ReadError as exc:
                flash(exc.line(), "error")
            except UsageError as exc:
                flash(f"无法审查 {item[0]}：{exc.line()}", "error")
            except Exception:  # noqa: BLE001 - one document a check chokes on must not lose the others
                current_app.logger.exception("reviewing %s", item[0])
                flash(f"审查 {item[0]} 时发生内部错误，详情见服务器日志；其余文件不受影响。", "error")
    for r in made:
        flash(f"已审查 {r.file_name}（第 {r.round} 轮）。", "info")
    if len(made) == 1:
        return redirect(url_for("drafts.show", round_id=made[0].id), 303)
    return redirect(url_for("drafts.home"), 303)


def _files_in(name: str, content: bytes):
    """The uploaded file as (name, bytes), or each file in it for a .zip (named 包.zip!文件.docx), or the
    ReadError of what in it cannot be taken, under the reading limits."""
    from reviewtools.ingest import archive, sniff

    if sniff(content, name) != "zip":
        return [(name, content)]
    return list(archive.entries(content, name, archive.Budget(options().settings.limits)))


def submit(name: str, content: bytes, follows: Round | None = None) -> Round:
    """Review `content` (a file called `name`) and record it as the next round of its draft."""
    from reviewtools.ingest import read_bytes
    from reviewtools.review import review, waivers
    from reviewtools.review.rounds import Version, follow

    o = options()
    doc = read_bytes(content, name, o.settings.limits)
    result = review(doc, o.settings)
    drafts = Drafts(registry())
    key = follows.draft_key if follows else draft_key(result.to_dict())
    last = drafts.latest(key)
    if last is not None and last.sha256 != doc.sha256:
        result = follow(result, Version.from_json(last.review, last.text, last.round),
                        waivers.from_decisions(drafts.decisions(last.id)))
    store.keep(o.data, content)
    with registry().batch():
        new = drafts.add_round(key, result.to_dict(), doc.text, name, who())
        if last is not None and new.id != last.id:
            drafts.carry(last.id, new.id, result.rounds.pairs())
        audit("上传草案", f"{name}：{key} 第 {new.round} 轮")
    return new


@dataclass(frozen=True)
class Shown:
    """A round as its page shows it: the review with the decisions in force, every finding in reading order
    (the waived ones too, with their decision), and the rounds of its draft."""

    round: Round
    review: object  # Review
    findings: list  # Finding, in reading order
    decisions: dict  # (rule, quote) → Decision in force
    rounds: list[Round]


def reviewed(rnd: Round):
    """The round's document reviewed again, with the decisions in force and, from round 2, against the round
    before it (the memo's 复核 section)."""
    from reviewtools.ingest import read_bytes
    from reviewtools.review import review, waivers
    from reviewtools.review.rounds import Version, follow

    o = options()
    drafts = Drafts(registry())
    doc = read_bytes(store.load(o.data, rnd.sha256), rnd.file_name, o.settings.limits)
    result = review(doc, o.settings, waivers.from_decisions(drafts.decisions(rnd.id)))
    if rnd.round > 1:
        before = drafts.rounds(rnd.draft_key)[rnd.round - 2]
        result = follow(result, Version.from_json(before.review, before.text, before.round))
    return result


@blueprint.get("/rounds/<int:round_id>")
@login_required
def show(round_id: int):
    from reviewtools.report.memo import fields
    from reviewtools.report.memo.html import document_lines, finding_items
    from reviewtools.report.memo.rounds import change_line
    from reviewtools.terms import CATEGORIES

    rnd = round_or_404(round_id)
    drafts = Drafts(registry())
    result = reviewed(rnd)
    every = sorted([*result.findings, *(f for f, _ in result.waived)],
                   key=lambda f: (f.start is not None, f.start or 0, f.rule))
    decisions = {(d.rule, d.quote): d for d in drafts.decisions(rnd.id)}
    items = finding_items(every)
    for item, f in zip(items, every, strict=True):
        item["quote"] = f.quote or ""
        item["decision"] = decisions.get((f.rule, f.quote or None))
    comparison = result.rounds
    return render_template(
        "web/round.html", title=f"{result.title} · 第 {rnd.round} 轮", rnd=rnd, review=result, items=items,
        lines=document_lines(result, every), particulars=fields.memo_lines(result, path=False),
        summary=fields.summary_sentence(result),
        legend=[(c, fields.category_name(c)) for c in CATEGORIES], rounds=drafts.rounds(rnd.draft_key),
        comparison=comparison, change_lines=[change_line(c) for c in (comparison.changes or [])] if comparison else [],
        history=drafts.history(rnd.id), decision_names=DECISION_NAMES,
        memo_formats=list(MEMO_TYPES))


@blueprint.post("/rounds/<int:round_id>/decide")
@login_required
def decide(round_id: int):
    rnd = round_or_404(round_id)
    decision = request.form.get("decision", "")
    rule, quote = request.form.get("rule", ""), request.form.get("quote") or None
    if decision not in DECISIONS or not rule:
        raise UsageError("处理决定无效")
    Drafts(registry()).decide(rnd.id, rule, quote, decision, request.form.get("reason", ""), who())
    audit(f"意见{DECISION_NAMES[decision]}", f"{rnd.draft_key} 第 {rnd.round} 轮 {rule}：{quote or '（全文）'}")
    return redirect(url_for("drafts.show", round_id=rnd.id, _anchor=request.form.get("anchor", "")), 303)


@blueprint.get("/rounds/<int:round_id>/memo.<fmt>")
@login_required
def memo(round_id: int, fmt: str):
    from reviewtools.report.memo import render

    if fmt not in MEMO_TYPES:
        abort(404)
    rnd = round_or_404(round_id)
    result = reviewed(rnd)
    return attachment(render(result, fmt), MEMO_TYPES[fmt], f"{result.title}（第{rnd.round}轮）.审查意见书.{fmt}")


@blueprint.get("/rounds/<int:round_id>/annotated.docx")
@login_required
def annotated(round_id: int):
    from reviewtools.report import annotate

    rnd = round_or_404(round_id)
    result = reviewed(rnd)
    content = annotate.render(result, store.load(options().data, rnd.sha256))
    return attachment(content, MEMO_TYPES["docx"], f"{result.title}（第{rnd.round}轮）.审查批注.docx")


def round_or_404(round_id) -> Round:
    try:
        return Drafts(registry()).round(int(round_id))
    except (UsageError, ValueError):
        abort(404)
