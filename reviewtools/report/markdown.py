"""The review memo as Markdown, for mail and wikis."""

from __future__ import annotations

from reviewtools.review import VERDICT_NAMES, Review
from reviewtools.rules import CATEGORIES, CATEGORY_NAMES, SEVERITY_NAMES


def where(f) -> str:
    """第N页第M段, or 全文 for a whole-document finding."""
    return place(f.location)


def place(loc: dict[str, int]) -> str:
    """A location {page, paragraph} as 第N页第M段 (全文 when empty)."""
    text = (f"第{loc['page']}页" if "page" in loc else "") + (f"第{loc['paragraph']}段" if "paragraph" in loc else "")
    return text or "全文"


def document_lines(review: Review) -> list[tuple[str, str]]:
    d = review.to_dict()["document"]
    return [("文件名称", d["title"] or "（未识别）"), ("发文字号", d["doc_number"] or "—"), ("发文机关", d["issuer"] or "—"),
            ("成文日期", d["issued_on"] or "—"), ("正文字数", str(d["chars"])), ("文件路径", review.doc.path)]


def counts_by_category(review: Review) -> list[tuple[str, int, int, int]]:
    rows = []
    for cat in CATEGORIES:
        fs = [f for f in review.findings if f.category == cat]
        if fs:
            rows.append((CATEGORY_NAMES[cat], *(sum(1 for f in fs if f.severity == s) for s in SEVERITY_NAMES)))
    return rows


def render(review: Review, office: str = "") -> str:
    title = review.to_dict()["document"]["title"] or review.doc.path
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
        from reviewtools.waivers import STATUSES

        out += ["## 已豁免的意见", ""]
        for f, w in review.waived:
            quote = f"“{_escape(f.quote)}”" if f.quote else "全文"
            out.append(f"- {f.title}（`{f.rule}`）：{quote} —— {STATUSES[w.status]}。理由：{w.reason}"
                       + (f"（{w.by} {w.on}）" if w.by else ""))
        out.append("")
    out += ["---", "", f"审查机构：{office or '＿＿＿＿＿＿'}　　审查人：＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日", ""]
    return "\n".join(out)


def _escape(text: str) -> str:
    return text.replace("\n", " ").replace("*", "\\*").replace("_", "\\_").replace("<", "&lt;")
