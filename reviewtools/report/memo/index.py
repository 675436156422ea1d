"""The index of a batch review: one row per file with its conclusion and a link to its memo."""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

from reviewtools.atomic import write_atomic

_STYLE = ("body{font-family:'FangSong','仿宋',serif;margin:2em;max-width:70em}table{border-collapse:collapse;width:100%}"
          "th,td{border:1px solid #999;padding:.3em .6em;text-align:left}th{background:#eee}"
          ".reject{color:#b00020;font-weight:bold}.revise{color:#a15c00}.pass{color:#1b7a1b}")


def write(folder: Path, written: list, failed: list, settings, reports: list[Path] = ()) -> Path:
    """Write OUTPUT/index.html (links relative, so the folder can be moved or mailed as a whole), with links to
    the batch's reports for the leadership when there are any."""
    e = html.escape

    def href(target: Path) -> tuple[str, str]:
        link = os.path.relpath(target, folder)
        return "./" + quote(Path(link).as_posix()), link  # a name like javascript:… stays a relative path

    rows = []
    for review, target in written:
        s, d = review.summary, review.document
        url, link = href(target)
        rows.append(f"<tr><td>{e(review.doc.path)}</td><td>{e(d['title'] or '')}</td><td>{e(d['doc_number'] or '')}</td>"
                    f"<td class='{review.verdict}'>{review.verdict_name}</td><td>{s['error']}</td>"
                    f"<td>{s['warning']}</td><td>{s['info']}</td><td><a href='{e(url)}'>{e(link)}</a></td></tr>")
    bad = "".join(f"<tr><td>{e(f.path)}</td><td>{e(f.cause)}</td></tr>" for f in failed)
    page = (f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>审查汇总</title>"
            f"<style>{_STYLE}</style></head><body><h1>审查汇总</h1>"
            f"<p>审查基准日 {settings.as_of.isoformat()}；共 {len(written)} 个文件"
            + (f"，{len(failed)} 个无法读取" if failed else "") + "。</p>"
            + ("<p>汇总报告：" + "、".join(f"<a href='{e(u)}'>{e(t)}</a>" for u, t in map(href, reports)) + "</p>"
               if reports else "")
            + "<table><tr><th>文件</th><th>标题</th><th>发文字号</th><th>建议结论</th><th>严重</th><th>警告</th><th>提示</th>"
            "<th>意见书</th></tr>" + "".join(rows) + "</table>"
            + (f"<h2>无法读取的文件</h2><table><tr><th>文件</th><th>原因</th></tr>{bad}</table>" if failed else "")
            + "</body></html>")
    target = folder / "index.html"
    write_atomic(target, page.encode("utf-8"))
    return target
