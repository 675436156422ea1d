"""The annual cleanup in the workbench: start one on a folder the server may read, watch it, go through the
proposals with filters, record the office's decisions, download the workbook, publish the catalogue.

A cleanup runs reviewtools.cleanup.run in a thread of the server, its progress kept in the registry
(registry.jobs), so its page survives a reload; a server stopped midway takes the job up when it starts again
(`resume`), and cleanup.run goes on where it stopped. Anyone may start one (审查员 propose); only a 负责人
records decisions and publishes. The decisions are those `reviewtools cleanup import` records, the workbook the
one `cleanup export` writes and the catalogue the one `reviewtools catalogue` publishes.
"""

from __future__ import annotations

import io
import json
import threading
import time
import zipfile
from datetime import date
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_from_directory,
    url_for,
)
from flask_login import login_required

from reviewtools.errors import ReviewtoolsError, UsageError, clean_name
from reviewtools.registry import Registry, lock
from reviewtools.registry.jobs import Job, Jobs
from reviewtools.terms import CLEANUP_STATUSES, day_of, year_of
from reviewtools.web import store
from reviewtools.web.app import attachment, options, registry
from reviewtools.web.auth import audit, head_required, who

blueprint = Blueprint("cleanup", __name__, url_prefix="/cleanup")

PAGE = 100  # proposals per page
LISTED = 50  # unreadable files and near-duplicate pairs listed on a job's page; the rest are counted
_FLUSH = 1.0  # seconds between progress writes, at most one
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECIDED_FILTERS = {"": "全部", "no": "未决定", "yes": "已决定"}
# What each file of a published catalogue is (report.catalogue writes them), by what follows catalogue-YEAR.
PUBLISHED = {".docx": "目录（公文版式）", ".xlsx": "目录（打印用工作簿）", "-site.zip": "可离线检索的目录网站",
             "-valid.csv": "现行有效目录 CSV", "-repealed.csv": "废止目录 CSV", "-expired.csv": "宣布失效目录 CSV",
             "-changes.csv": "与上年相比的变化 CSV"}


# ---------------------------------------------------------------- starting and watching a cleanup

@blueprint.get("/")
@login_required
def home():
    return _home()


def _home(status: int = 200, form: dict | None = None):
    o = options()
    today = o.settings.as_of
    form = form or {"folder": str(o.folders[0]) if len(o.folders) == 1 else "", "year": str(today.year),
                    "as_of": today.isoformat()}
    return render_template("web/cleanup/home.html", title="年度清理", folders=o.folders, form=form,
                           jobs=Jobs(registry()).recent(), years=registry().years()), status


@blueprint.post("/start")
@login_required
def start():
    form = {k: request.form.get(k, "").strip() for k in ("folder", "year", "as_of")}
    o = options()
    try:
        folder = store.allowed_folder(form["folder"], o.folders)
        year, as_of = _year(form["year"]), _day(form["as_of"])
        with lock.hold(o.db, "workbench cleanup", 0):  # a cleanup or import from the command line: say so now
            pass
        job = Jobs(registry()).start(str(folder), year, as_of.isoformat(), who())
    except UsageError as exc:
        flash(exc.line(), "error")
        return _home(400, form)
    audit("开始年度清理", f"{year}年度，{folder}，基准日 {as_of.isoformat()}")
    _launch(current_app._get_current_object(), job.id)
    return redirect(url_for("cleanup.job", job_id=job.id), 303)


@blueprint.get("/jobs/<int:job_id>")
@login_required
def job(job_id: int):
    job = _job(job_id)
    counts, unreadable, similar = {}, [], []
    if job.status == "finished":
        counts = dict.fromkeys(CLEANUP_STATUSES, 0)
        for w in registry().worklist(job.year):
            counts[w["proposed"]] += 1
        unreadable, similar = registry().unreadable(job.run_id), registry().near_duplicates(job.run_id)
    return render_template("web/cleanup/job.html", title=f"{job.year}年度清理", job=job, counts=counts,
                           unreadable=unreadable, similar=similar, shown=LISTED)


@blueprint.get("/jobs/<int:job_id>.json")
@login_required
def job_state(job_id: int):
    return jsonify(_job(job_id).state())


def _job(job_id: int) -> Job:
    job = Jobs(registry()).get(job_id)
    if job is None:
        abort(404)
    return job


def _year(text: str) -> int:
    try:
        return year_of(text)
    except ValueError as exc:
        raise UsageError(f"清理年度无效：{clean_name(text)}（{exc}）") from None


def _day(text: str) -> date:
    try:
        return day_of(text)
    except ValueError as exc:
        raise UsageError(f"基准日无效：{clean_name(text)}（{exc}）") from None


# ---------------------------------------------------------------- the cleanup in a thread of the server

def resume(app) -> None:
    """Take up the cleanups a stopped server left running (unless another server is running them now)."""
    o = app.extensions["reviewtools"]
    with Registry(o.db) as reg:
        running = Jobs(reg).running()
    if running and not _busy(o.db):
        for job in running:
            _launch(app, job.id)


def _busy(db: str) -> bool:
    """Whether a cleanup holds the registry's lock (in this server, another, or the command line)."""
    try:
        with lock.hold(db, "workbench resume", 0):
            return False
    except UsageError:
        return True


def _launch(app, job_id: int) -> None:
    threading.Thread(target=_work, args=(app, job_id), name=f"cleanup-job-{job_id}", daemon=True).start()


def _work(app, job_id: int) -> None:
    """Run the job's cleanup; it ends finished (with its run) or failed (with the one line saying why)."""
    from reviewtools.cleanup import run

    o = app.extensions["reviewtools"]
    with Registry(o.db) as reg:
        jobs = Jobs(reg)
        job = jobs.get(job_id)
        try:
            folder = store.allowed_folder(job.folder, o.folders)  # the configured folders may have changed since
            result = run(folder, job.year, date.fromisoformat(job.as_of), db=o.db, workers=o.workers,
                         settings=o.settings, progress=lambda total: _Progress(jobs, job_id, total))
        except ReviewtoolsError as exc:
            jobs.fail(job_id, exc.line())
        except Exception:
            app.logger.exception("cleanup job %s", job_id)
            jobs.fail(job_id, "清理意外中止（详情见服务器日志），请重新开始")
        else:
            jobs.finish(job_id, result.run_id)


class _Progress:
    """cleanup.run's progress bar: the files done, written to the job at most once every _FLUSH seconds."""

    def __init__(self, jobs: Jobs, job_id: int, files: int):
        self.jobs, self.job_id, self.files, self.done, self.written = jobs, job_id, files, 0, 0.0

    def __enter__(self):
        self._write()
        return self.advance

    def advance(self) -> None:
        self.done += 1
        if time.monotonic() - self.written >= _FLUSH:
            self._write()

    def __exit__(self, *_exc) -> None:
        self._write()

    def _write(self) -> None:
        self.jobs.progress(self.job_id, self.files, self.done)
        self.written = time.monotonic()


# ---------------------------------------------------------------- proposals and decisions

@blueprint.get("/<int:year>/")
@login_required
def proposals(year: int):
    rows = _worklist(year)
    wanted = _filters(request.args)
    shown = [w for w in rows if _matches(w, wanted)]
    pages = (len(shown) + PAGE - 1) // PAGE
    page = max(1, min(wanted["page"], pages or 1))
    counts = {s: (sum(w["proposed"] == s for w in rows), sum(w["decided"] == s for w in rows)) for s in CLEANUP_STATUSES}
    return render_template(
        "web/cleanup/proposals.html", title=f"{year}年度清理建议", year=year,
        rows=[_row(w) for w in shown[(page - 1) * PAGE:page * PAGE]], total=len(rows), matching=len(shown),
        open_matching=sum(w["decided"] is None for w in shown), undecided=sum(w["decided"] is None for w in rows),
        counts=counts, filters={**wanted, "page": page}, pages=pages, statuses=CLEANUP_STATUSES,
        decided_filters=DECIDED_FILTERS, published=_published(year))


@blueprint.post("/<int:year>/decide")
@head_required
def decide(year: int):
    from reviewtools.cleanup import decisions

    form = request.form
    found = registry().worklist(year, document_id=int(form["document_id"])) if form.get("document_id", "").isdigit() else []
    if not found:
        abort(404)
    w = found[0]
    decision = decisions.decision(w, form.get("status", ""), form.get("reason", ""), form.get("note", ""))
    if _record(year, [(w, decision)]):
        flash(f"已记录决定：{_name(w)} — {decision[1]}。", "info")
    else:
        flash(f"{_name(w)} 的决定与上次相同，未重复记录。", "info")
    return _back(year, form, f"d-{w['document_id']}")


@blueprint.post("/<int:year>/accept")
@head_required
def accept(year: int):
    """Every undecided document the filters show decided as proposed (with the proposal's reasons)."""
    from reviewtools.cleanup import decisions

    wanted = {**_filters(request.form), "decided": "no"}
    rows = [w for w in _worklist(year) if _matches(w, wanted)]
    recorded = _record(year, [(w, decisions.decision(w, w["proposed"], "", "")) for w in rows])
    flash(f"已按建议记录 {recorded} 件的决定。", "info")
    return _back(year, request.form)


def _record(year: int, decided: list[tuple]) -> int:
    """Record each (worklist row, decision) and audit each recorded; returns how many were recorded."""
    with registry().batch():
        recorded = 0
        for w, decision in decided:
            if registry().record_decisions(year, [decision], who()):
                _, status, reason, note = decision
                audit("清理决定", f"{year}年度 {_name(w)}：{status}" + "".join(f"；{t}" for t in (reason, note) if t))
                recorded += 1
    return recorded


def _back(year: int, form, anchor: str | None = None):
    """To the list as the form's filters showed it."""
    back = {k: v for k, v in _filters(form).items() if v not in ("", 1)}
    return redirect(url_for("cleanup.proposals", year=year, **back, _anchor=anchor), 303)


@blueprint.get("/<int:year>/workbook.xlsx")
@login_required
def workbook(year: int):
    from reviewtools.report.cleanup import workbook as sheets

    return attachment(sheets.render(year, _worklist(year)), _XLSX, f"{year}年度清理建议.xlsx")


def _worklist(year: int) -> list:
    rows = registry().worklist(year)
    if not rows:
        abort(404)
    return rows


def _filters(source) -> dict:
    """The list's filters from a query string or a form: proposed status, decided or not, text, page."""
    page = source.get("page", "1")
    return {"proposed": source.get("proposed", "") if source.get("proposed") in CLEANUP_STATUSES else "",
            "decided": source.get("decided", "") if source.get("decided") in DECIDED_FILTERS else "",
            "q": source.get("q", "").strip()[:100], "page": int(page) if page.isdigit() else 1}


def _matches(w, wanted: dict) -> bool:
    if wanted["proposed"] and w["proposed"] != wanted["proposed"]:
        return False
    if wanted["decided"] and (w["decided"] is not None) != (wanted["decided"] == "yes"):
        return False
    q = wanted["q"].casefold()
    return not q or any(q in (w[k] or "").casefold() for k in ("title", "doc_number", "issuer", "path"))


def _row(w) -> dict:
    return {"id": w["document_id"], "name": _name(w), "untitled": not w["title"], "doc_number": w["doc_number"] or "",
            "issuer": w["issuer"] or "", "issued_on": w["issued_on"] or "", "expires_on": w["expires_on"] or "",
            "proposed": w["proposed"], "reasons": json.loads(w["reasons"]), "decided": w["decided"],
            "decision_reason": w["decision_reason"] or "", "decision_note": w["decision_note"] or "",
            "who": w["who"] or "", "decided_at": (w["decided_at"] or "")[:16].replace("T", " "),
            "replaced": w["replaced_title"] or w["replaced_number"] or "", "path": w["path"] or ""}


def _name(w) -> str:
    return w["title"] or w["path"] or w["doc_key"]


# ---------------------------------------------------------------- publishing the catalogue

@blueprint.post("/<int:year>/publish")
@head_required
def publish(year: int):
    from reviewtools.cleanup.catalogue import catalogue_data
    from reviewtools.cleanup.publish import publish as put_in_place
    from reviewtools.report.catalogue import FORMATS, write

    _worklist(year)
    o = options()
    with lock.hold(o.db, "workbench catalogue", 0):
        data = catalogue_data(registry(), year)
        if not (data.valid or data.repealed or data.expired):
            raise UsageError(f"{year}年度没有可以列入目录的文件（均未能识别标题）")
        put_in_place(registry(), data, _catalogues(year),
                     lambda folder: write(data, folder, set(FORMATS), o.settings.office, year))
    audit("公布目录", f"{year}年度：现行有效 {len(data.valid)} 件，废止 {len(data.repealed)} 件，宣布失效 {len(data.expired)} 件")
    flash(f"已生成{year}年度目录：现行有效 {len(data.valid)} 件，废止 {len(data.repealed)} 件，"
          f"宣布失效 {len(data.expired)} 件，与上年相比变化 {len(data.changes)} 处。", "info")
    if data.undecided:
        flash(f"注意：列入目录的文件中 {data.undecided} 件尚未决定，按清理建议列入。", "error")
    for path in data.untitled:
        flash(f"提醒：{clean_name(path)}：未能识别文件标题，文件名也不是标题，未列入目录。", "error")
    return redirect(url_for("cleanup.proposals", year=year), 303)


@blueprint.get("/<int:year>/catalogue/<name>")
@login_required
def catalogue_file(year: int, name: str):
    """A published file, by its name in the listing of the year's catalogue folder (the site as a .zip)."""
    folder = _catalogues(year)
    if name not in {n for n, _, _ in _published(year)}:
        abort(404)
    if name == _site_zip(year):
        return attachment(_zipped(folder / "site"), "application/zip", name)
    return send_from_directory(folder, name, as_attachment=True)


def _catalogues(year: int) -> Path:
    return options().data / "catalogues" / str(year)


def _published(year: int) -> list[tuple[str, str, int]]:
    """(name, what it is, bytes) of each file of the year's published catalogue, the static site as one .zip."""
    folder = _catalogues(year)
    if not folder.is_dir():
        return []
    files = [(p.name, p.stat().st_size) for p in folder.iterdir() if p.is_file()]
    site = folder / "site"
    if site.is_dir():
        files.append((_site_zip(year), sum(p.stat().st_size for p in site.rglob("*") if p.is_file())))
    labelled = [(name, PUBLISHED.get(name.removeprefix(f"catalogue-{year}"), name), size) for name, size in files]
    order = list(PUBLISHED.values())
    return sorted(labelled, key=lambda f: (order.index(f[1]) if f[1] in order else len(order), f[0]))


def _site_zip(year: int) -> str:
    return f"catalogue-{year}-site.zip"


def _zipped(folder: Path) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and not p.is_symlink():
                z.write(p, f"site/{p.relative_to(folder).as_posix()}")
    return out.getvalue()
