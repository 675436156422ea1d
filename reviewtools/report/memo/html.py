"""The review memo as one standalone .html page: the findings, and the document with each one marked in place.

Works offline: inline CSS, no script, no external fonts or links. Every finding with a quote is
highlighted at its start/end offsets. Overlapping findings are handled by cutting the text at every
boundary (and every line break) and nesting, in each segment, one <mark> per finding covering it;
a finding's anchor id sits on its first segment only. Clicking a highlight goes back to the finding,
the quote in the finding goes to the highlight. Everything taken from the document is escaped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from reviewtools import __version__
from reviewtools.document import FURNITURE_KINDS
from reviewtools.report.memo import fields as common
from reviewtools.review import Review
from reviewtools.terms import CATEGORIES, SEVERITY_NAMES, cn_number

# Highlight colour per category; anything newer than this table shows as "other".
COLOURS = {"length": "#bfdbfe", "upper_law": "#ddd6fe", "competition": "#fed7aa", "outdated": "#bbf7d0",
           "powers": "#fecaca", "format": "#e5e7eb", "validity": "#fef08a"}
OTHER_COLOUR = "#f5d0fe"


@dataclass(frozen=True, slots=True)
class _Span:
    n: int  # the finding's number in the list
    start: int
    end: int
    classes: str
    title: str


def render(review: Review, office: str = "") -> bytes:
    office = office or review.analysis.settings.office
    title = common.memo_title(review)
    body = "\n".join([_header(review, title, office), _summary(review), _findings(review), _document(review)])
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="generator" content="reviewtools {escape(__version__)}">\n'
            f"<title>{escape(title)}</title>\n<style>\n{_css()}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n").encode()


# ---- top: particulars, conclusion, counts ------------------------------------------------------------------


def _header(review: Review, title: str, office: str) -> str:
    who = f"审查机构：{escape(office)}　·　" if office else ""
    suspected = '<a href="#suspected">疑似问题</a>' if any(f.suspected for f in review.findings) else ""
    return (f'<header>\n<h1>{escape(title)}</h1>\n<p class="byline">{who}审查日期：{common.review_date(review)}</p>\n'
            f'<nav><a href="#summary">概况</a><a href="#findings">问题清单</a>{suspected}<a href="#text">原文</a></nav>\n'
            "</header>")


def _summary(review: Review) -> str:
    particulars = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in common.memo_lines(review))
    return (f'<section id="summary">\n<h2>一、送审文件基本情况</h2>\n<table class="particulars">{particulars}</table>\n'
            f"<h2>二、审查结论</h2>\n"
            f'<p class="verdict verdict-{escape(review.verdict)}">审查结论（建议）：'
            f"<strong>{escape(review.verdict_name)}</strong></p>\n"
            f"<p>{escape(common.summary_sentence(review))}</p>\n{_counts(review)}{_legend()}</section>")


def _counts(review: Review) -> str:
    rows = common.count_rows(review)
    if not rows:
        return ""
    head = "".join(f"<th>{h}</th>" for h in common.COUNT_HEADER)
    body = "".join(f"<tr><th>{escape(name)}</th>{''.join(f'<td>{n}</td>' for n in nums)}</tr>"
                   for name, *nums in rows)
    return f'<table class="counts"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>\n'


def _legend() -> str:
    items = "".join(f'<li><mark class="cat-{c}">{common.category_name(c)}</mark></li>' for c in CATEGORIES)
    severities = "".join(f'<li><span class="sev-{s}">{name}</span></li>' for s, name in SEVERITY_NAMES.items())
    return f'<ul class="legend" aria-label="图例">{items}{severities}</ul>\n'


# ---- the list of findings ----------------------------------------------------------------------------------


def _findings(review: Review) -> str:
    rules, suspected = common.split_suspected(review.findings)
    items = "\n".join(_finding(n, f) for n, f in enumerate(rules, 1)) or "<p>未发现需要修改的问题。</p>"
    out = f'<section id="findings">\n<h2>三、具体审查意见</h2>\n<ol class="findings">\n{items}\n</ol>\n</section>'
    if suspected:
        items = "\n".join(_finding(n, f) for n, f in enumerate(suspected, len(rules) + 1))
        out += (f'\n<section id="suspected">\n<h2>四、{escape(common.SUSPECTED_HEADING)}</h2>\n'
                f'<ol class="findings">\n{items}\n</ol>\n</section>')
    for n, (heading, lead, lines) in enumerate(common.sections(review), 5 if suspected else 4):
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        out += (f'\n<section class="waivers">\n<h2>{cn_number(n)}、{escape(heading)}</h2>\n'
                + (f"<p>{escape(lead)}</p>\n" if lead else "") + f"<ul>{items}</ul>\n</section>")
    return out


def _finding(n: int, f) -> str:
    rows = []
    for label, value in common.finding_fields(f):
        text = escape(value)
        if label == "原文" and _highlighted(f):
            text = f'<a href="#m-{n}" title="在原文中定位">{text}</a>'
        rows.append(f"<dt>{label}</dt><dd>{text}</dd>")
    return (f'<li id="f-{n}" class="finding {_classes(f)}">'
            f'<h3><span class="num">{n}</span>{escape(f.title)}'
            f'<span class="badge sev-{escape(f.severity)}">{escape(SEVERITY_NAMES.get(f.severity, f.severity))}</span>'
            f'<span class="badge {_category_class(f.category)}">{escape(common.category_name(f.category))}</span></h3>'
            f'<dl>{"".join(rows)}</dl><p class="rule">规则：<code>{escape(f.rule)}</code></p></li>')


def _classes(f) -> str:
    return f"{_category_class(f.category)} sev-{escape(f.severity)}"


def _category_class(category: str) -> str:
    return f"cat-{category}" if category in CATEGORIES else "cat-other"


def _highlighted(f) -> bool:
    return bool(f.quote) and f.start is not None and f.end is not None and f.end > f.start


# ---- the document, marked ----------------------------------------------------------------------------------


def _document(review: Review) -> str:
    return (f'<section id="text">\n<h2>原文</h2>\n<p class="hint">标注的颜色表示问题类别，下划线表示严重程度；'
            f'点击标注可跳到对应意见。</p>\n<div class="doc">\n{"".join(_lines(review))}</div>\n</section>')


def _lines(review: Review) -> Iterator[str]:
    """One <p> per line of the text, with a page divider where the page changes."""
    doc, text = review.doc, review.doc.text
    spans = sorted((_span(n, f) for n, f in enumerate(_in_order(review), 1) if _highlighted(f)),
                   key=lambda s: (s.start, -s.end, s.n))
    marker = _Marker(text, spans)
    page, start = None, 0
    for line in text.split("\n"):
        end = start + len(line)
        block = doc.block_at(start)
        if block is not None and block.page is not None and (page is None or block.page > page):
            if page is not None:  # furniture, gathered at the end, starts over at page 1: no divider there
                yield f'<div class="page" data-page="{block.page}"></div>\n'
            page = block.page
        attrs = ""
        if block is not None and block.paragraph is not None:
            attrs += f' data-para="{block.paragraph}"'
        if block is not None and block.kind in FURNITURE_KINDS:
            attrs += ' class="furniture"'
        yield f"<p{attrs}>{marker.line(start, end)}</p>\n"
        start = end + 1


def _in_order(review: Review) -> list:
    """The findings as the list numbers them: the rule findings, then the 疑似 ones."""
    rules, suspected = common.split_suspected(review.findings)
    return rules + suspected


def _span(n: int, f) -> _Span:
    title = f"{n}. {common.finding_heading(f)}：{f.message}"
    return _Span(n, f.start, f.end, _classes(f), title)


class _Marker:
    """Marks the text line by line, sweeping the spans (sorted by start) as the lines go by."""

    def __init__(self, text: str, spans: list[_Span]) -> None:
        self.text, self.spans = text, spans
        self.cuts = sorted({p for s in spans for p in (s.start, s.end)})
        self.next = 0  # index of the first span not yet started
        self.active: list[_Span] = []
        self.anchored: set[int] = set()

    def line(self, start: int, end: int) -> str:
        cuts = [start, *self._cuts_within(start, end), end]
        return "".join(self._segment(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a)

    def _cuts_within(self, start: int, end: int) -> Iterator[int]:
        i = bisect_right(self.cuts, start)
        while i < len(self.cuts) and self.cuts[i] < end:
            yield self.cuts[i]
            i += 1

    def _segment(self, a: int, b: int) -> str:
        while self.next < len(self.spans) and self.spans[self.next].start <= a:
            self.active.append(self.spans[self.next])
            self.next += 1
        self.active = [s for s in self.active if s.end > a]
        html = escape(self.text[a:b])
        if not self.active:
            return html
        html = f'<a href="#f-{self.active[-1].n}">{html}</a>'
        for s in reversed(self.active):  # the outermost mark is the earliest, longest finding
            anchor = "" if s.n in self.anchored else f' id="m-{s.n}"'
            self.anchored.add(s.n)
            html = (f'<mark{anchor} class="{s.classes}" data-finding="{s.n}" title="{escape(s.title)}">'
                    f"{html}</mark>")
        return html


# ---- style -------------------------------------------------------------------------------------------------


def _css() -> str:
    colours = "".join(f"mark.cat-{c}{{background:{v}}}\n" for c, v in COLOURS.items())
    return colours + f"mark.cat-other{{background:{OTHER_COLOUR}}}\n" + _CSS


_CSS = """\
:root{--ink:#1f2937;--muted:#6b7280;--line:#e5e7eb;--accent:#b91c1c}
*{box-sizing:border-box}
body{margin:0 auto;max-width:60rem;padding:0 1.5rem 4rem;color:var(--ink);line-height:1.7;
 font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif}
header{border-bottom:3px solid var(--accent);margin-bottom:1.5rem}
h1{font-family:"FZXiaoBiaoSong-B05S","方正小标宋简体","SimSun","Songti SC","Noto Serif CJK SC",serif;
 font-weight:normal;font-size:1.8rem;text-align:center;margin:2rem 0 .5rem}
h2{font-family:"SimHei","黑体","Noto Sans CJK SC",sans-serif;font-size:1.25rem;margin:2rem 0 .75rem}
.byline{text-align:center;color:var(--muted);margin:0}
nav{display:flex;gap:1.5rem;justify-content:center;padding:.75rem 0}
nav a{color:var(--accent);text-decoration:none}
table{border-collapse:collapse;margin:.75rem 0}
th,td{border:1px solid var(--line);padding:.3rem .7rem;text-align:left;vertical-align:top}
.particulars th{white-space:nowrap;background:#f9fafb;font-weight:normal;color:var(--muted)}
.particulars td{word-break:break-all}
.counts td{text-align:center;min-width:3.5rem}
.counts thead th{background:#f9fafb}
.counts tbody tr:last-child{font-weight:bold}
.verdict{font-size:1.2rem}
.verdict strong{padding:.1rem .6rem;border-radius:.3rem;color:#fff;background:#15803d}
.verdict-revise strong{background:#b45309}
.verdict-reject strong{background:#b91c1c}
.legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.9rem}
.findings{padding-left:0;list-style:none}
.finding{border:1px solid var(--line);border-left:5px solid #9ca3af;border-radius:.4rem;
 padding:.6rem 1rem;margin:.8rem 0;scroll-margin-top:1rem}
.finding.sev-error{border-left-color:#b91c1c}
.finding.sev-warning{border-left-color:#d97706}
.finding.sev-info{border-left-color:#2563eb}
.finding:target{outline:3px solid #2563eb}
.finding h3{font-size:1.05rem;margin:0 0 .4rem;display:flex;flex-wrap:wrap;align-items:center;gap:.4rem}
.num{display:inline-block;min-width:1.8rem;text-align:center;border-radius:1rem;background:var(--ink);color:#fff;
 font-size:.85rem}
.badge{font-size:.8rem;font-weight:normal;border-radius:.3rem;padding:0 .4rem;background:#f3f4f6}
.badge.sev-error{background:#fee2e2;color:#991b1b}
.badge.sev-warning{background:#fef3c7;color:#92400e}
.badge.sev-info{background:#dbeafe;color:#1e40af}
dl{display:grid;grid-template-columns:3.5em 1fr;gap:.2rem .6rem;margin:0}
dt{color:var(--muted)}
dd{margin:0;word-break:break-all;white-space:pre-line}
dd a{color:inherit}
.rule{margin:.3rem 0 0;font-size:.8rem;color:var(--muted)}
.hint{font-size:.85rem;color:var(--muted)}
.doc{font-family:"FangSong","仿宋","仿宋_GB2312","STFangsong","Noto Serif CJK SC",serif;font-size:1.1rem;
 border:1px solid var(--line);border-radius:.4rem;padding:1rem 1.5rem 1rem 3.5rem;line-height:2}
.doc p{margin:0;white-space:pre-wrap;position:relative;min-height:1em}
.doc p[data-para]::before{content:attr(data-para);position:absolute;left:-3rem;width:2.4rem;text-align:right;
 color:#9ca3af;font:.75rem/2.6 sans-serif}
.doc p.furniture{color:var(--muted);font-size:.9rem}
.doc .page{border-top:1px dashed #9ca3af;margin:.8rem -1.5rem .8rem -3.5rem;text-align:center;height:0}
.doc .page::after{content:"第" attr(data-page) "页";position:relative;top:-.8rem;background:#fff;padding:0 .5rem;
 color:#9ca3af;font:.75rem sans-serif}
mark{color:inherit;padding:0 1px;border-radius:2px;scroll-margin-top:4rem}
mark a{color:inherit;text-decoration:none}
mark mark{box-shadow:inset 0 -.25em 0 rgba(0,0,0,.12)}
mark.sev-error,.legend .sev-error{border-bottom:2px solid #b91c1c}
mark.sev-warning,.legend .sev-warning{border-bottom:2px dashed #d97706}
mark.sev-info,.legend .sev-info{border-bottom:1px dotted #2563eb}
mark:target{outline:2px solid #2563eb}
@media (max-width:640px){
 body{padding:0 .75rem 3rem}
 h1{font-size:1.4rem}
 .doc{padding:.75rem;font-size:1rem}
 .doc p[data-para]::before{display:none}
 .doc .page{margin-left:-.75rem;margin-right:-.75rem}
 table{display:block;overflow-x:auto}
 dl{grid-template-columns:1fr}
 dt{font-weight:bold}
}
@media print{
 body{max-width:none;padding:0;font-size:11pt}
 nav,.rule,.hint{display:none}
 a{color:inherit;text-decoration:none}
 mark,.verdict strong,.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 .finding{break-inside:avoid}
 #text{break-before:page}
}
"""
