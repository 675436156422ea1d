"""The index of a batch review: one row per file with its conclusion and a link to its memo."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

from reviewtools.atomic import write_atomic
from reviewtools.report import pages


def write(folder: Path, written: list, failed: list, settings, reports: list[Path] = ()) -> Path:
    """Write OUTPUT/index.html (links relative, so the folder can be moved or mailed as a whole), with links to
    the batch's reports for the leadership when there are any."""

    def href(target: Path) -> tuple[str, str]:
        link = os.path.relpath(target, folder)
        return "./" + quote(Path(link).as_posix()), link  # a name like javascript:… stays a relative path

    rows = []
    for review, target in written:
        s, d = review.summary, review.document
        url, link = href(target)
        rows.append({"path": review.doc.path, "title": d["title"] or "", "doc_number": d["doc_number"] or "",
                     "verdict": review.verdict, "verdict_name": review.verdict_name, "error": s["error"],
                     "warning": s["warning"], "info": s["info"], "url": url, "link": link})
    page = pages.render("memo/index.html", title="审查汇总", as_of=settings.as_of.isoformat(), rows=rows,
                        failed=failed, reports=[href(r) for r in reports])
    target = folder / "index.html"
    write_atomic(target, page)
    return target
