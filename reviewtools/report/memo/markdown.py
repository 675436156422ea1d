"""The review memo as Markdown, for mail and wikis."""

from __future__ import annotations

from reviewtools.report.memo.fields import counts_by_category, document_lines, where
from reviewtools.review import Review
from reviewtools.terms import CATEGORY_NAMES, SEVERITY_NAMES, VERDICT_NAMES, WAIVER_STATUSES


def render(review: Review, office: str = "") -> bytes:
    title = review.document["title"] or review.doc.path
    out = [f"# 关于《{title}》的审查意见", ""]
    out += [f"- **{k}**：{v}" for k, v in document_lines(review)]
    s = review.summary
    out += ["", "## 审查结论", "",
            f"建议结论：**{VERDICT_NAMES[review.verdict]}**（严重 {s['error']} 项、警告 {s['warning']} 项、提示 {s['info']} 项；"
            f"审查基准日 {review.analysis.settings.as_of.isoformat()}）", ""]
    rows = counts_by_category(review)
    if rows:
        out += ["| 类别 | 严重 | 警告 | 提示 |", "|---|---|---|---|"]
        out += [f"| {c} | {e} | {w} | {i} |" for c, e, w, i in rows]
    out += ["", "## 具体意见", ""]
    if not review.findings:
        out.append("未发现问题。")
    for n, f in enumerate(review.findings, 1):
        out.append(f"### {n}. {f.title}（{SEVERITY_NAMES[f.severity]}，{CATEGORY_NAMES[f.category]}）")
        out.append("")
        if f.quote:
            out.append(f"> {_escape(f.quote)}")
            out.append("")
        out.append(f"- 位置：{where(f)}")
        out.append(f"- 问题：{f.message}")
        out.append(f"- 依据：{f.basis}")
        out.append(f"- 建议：{f.suggestion}")
        if f.note:
            out.append(f"- 说明：{f.note}")
        out.append(f"- 规则：`{f.rule}`")
        out.append("")
    if review.waived:
        out += ["## 已豁免的意见", ""]
        for f, w in review.waived:
            quote = f"“{_escape(f.quote)}”" if f.quote else "全文"
            out.append(f"- {f.title}（`{f.rule}`）：{quote} —— {WAIVER_STATUSES[w.status]}。理由：{w.reason}"
                       + (f"（{w.by} {w.on}）" if w.by else ""))
        out.append("")
    out += ["---", "", f"审查机构：{office or '＿＿＿＿＿＿'}　　审查人：＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", ""]
    return "\n".join(out).encode("utf-8")


def _escape(text: str) -> str:
    return text.replace("\n", " ").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
