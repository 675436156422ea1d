"""Every phrase rule of corpora/rules (competition, powers and the others written as patterns).

The items of a list whose lead-in names the law and its article (依据《…》第一百一十九条规定，按以下规定处理：;
依照《…条例》下列规定处罚：) restate that law, and so do the articles quoted under a law's title standing alone on its
line (附件：相关法律条款 / 《中华人民共和国大气污染防治法》 / 第一百一十九条 …), and so does a numbered item that cites
the article before its measure, in the same sentence or not (二、…根据《…条例》第四十二条规定。由公安部门…处…罚款):
powers rules stay quiet on them.
Nor do they judge a 条例 (Analysis.judged)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from reviewtools.analyze import Analysis, Finding
from reviewtools.data.rules import exception_wording, expand
from reviewtools.text import items, regex_cache
from reviewtools.text.matcher import INLINE_ITEM, default_lexicon

LOWER = {"error": "warning", "warning": "info", "info": "info"}
# A line that starts an item of a list: （一） （1） 1. ① or an article (第三十条 …).
_ITEM = regex_cache.compile(rf"\s*(?:{items.LISTED}|{items.ARTICLE})")
_LEAD_REACH = 40  # lines back from an item to its lead-in
# The head of a numbered item at any level (一、 （一） 1. ① 第三条), and how many lines back it may stand.
_ITEM_HEAD = regex_cache.compile(rf"\s*(?:{items.HEAD}|{items.ARTICLE})")
_ITEM_LINES = 3
_CITED_CATEGORIES = ("powers",)


@cache
def _cited_lead() -> re.Pattern:
    """A lead-in naming a law's article or its 下列规定, ending in ：; not the document's own lead-in to its rules
    (根据《…法》，特作如下规定：, 制定以下规定：)."""
    return regex_cache.compile(expand("{LAW_TITLE}(?:{ARTICLE}|[^：:]{0,20}?(?<![作出定])(?:下列|以下|如下)(?:的)?规定)[^：:]*[：:]$"))


@cache
def _law_heading() -> re.Pattern:
    """A line that is only a statute's title (a 法 or 条例, not the 办法 or 规定 a document may itself be; 节选 may
    follow)."""
    return regex_cache.compile(r"《[^《》]{1,60}(?:(?<!办)法|条例)(?:（[^（）《》]{1,16}）)?》(?:[（(]?(?:节选|摘录|摘编)[）)]?)?[：:]?")


def _lines_before(text: str, pos: int) -> Iterator[str]:
    """The lines before the one `pos` is on, nearest first (at most _LEAD_REACH), stripped."""
    end = text.rfind("\n", 0, pos)
    for _ in range(_LEAD_REACH):
        if end < 0:
            return
        start = text.rfind("\n", 0, end) + 1
        yield text[start:end].strip()
        end = start - 1


def _restates_cited_law(text: str, pos: int) -> bool:
    """Whether the line at `pos` is an item of a list whose lead-in (the nearest line before it ending in ：) names
    a law's article, or an article quoted under a law's title standing alone on its line."""
    if not _ITEM.match(text, text.rfind("\n", 0, pos) + 1):
        return False
    for line in _lines_before(text, pos):
        if _law_heading().fullmatch(line) or line.endswith(("：", ":")) and _cited_lead().search(line):
            return True
        if not _ITEM.match(line):  # back over items and articles only (第五十条 有下列行为之一的，…： is one)
            return False
    return False


@cache
def _article_cited() -> re.Pattern:
    """A named law's article (《…》第四十二条, 治安管理处罚法第二十五条), not one of a government's own document or a
    county's rules ({DOC_TITLE})."""
    return regex_cache.compile(expand("(?:(?!{DOC_TITLE}){LAW_TITLE}|行政处罚法|治安管理处罚法|行政强制法|行政许可法)[^。]{0,12}?{ARTICLE}"))


def _item_cites_article(text: str, pos: int) -> bool:
    """Whether the numbered item `pos` is in cites a named law's article before `pos` (the item begins at its line's
    head or, on a line that holds several, after the last one that ends before `pos`), and the sentence citing it
    leads on to `pos`: one that goes on to a measure of its own (…第三十八条的规定，处五万元以下罚款。) has spent its
    citation, while one that ends with it (…第四十二条规定。由公安部门处…) leads into the next."""
    start = text.rfind("\n", 0, pos) + 1
    for _ in range(_ITEM_LINES):
        if _ITEM_HEAD.match(text, start):
            inner = [m.start() for m in INLINE_ITEM.finditer(text, start, pos)]
            found = list(_article_cited().finditer(text, inner[-1] if inner else start, pos))
            if not found:
                return False
            end = text.rfind("。", found[-1].end(), pos)
            return end < 0 or "，" not in text[found[-1].end():end]
        if start == 0:
            return False
        start = text.rfind("\n", 0, start - 1) + 1
    return False


def check(a: Analysis) -> Iterator[Finding]:
    view = a.local
    exceptions: list[re.Match | None] = []  # the exception wording, looked for once a rule that heeds it has a hit
    for hit in default_lexicon().scan(view.text, a.sentences(view), a.lexicon_words(view)):
        if not a.judged(hit.rule.category) or (hit.rule.category in _CITED_CATEGORIES and (
                _restates_cited_law(view.text, hit.start) or _item_cites_article(view.text, hit.start))):
            continue
        severity, note = hit.rule.severity, ""
        if hit.rule.exception and not exceptions:
            exceptions.append(exception_wording().search(view.text))
        if hit.rule.exception and (exception := exceptions[0]):
            severity = LOWER[severity]
            s, e = view.span(exception.start(), exception.end())
            note = (f"文件援引了例外规定（“{a.doc.text[s:e]}”）：须同时说明没有对公平竞争影响更小的替代方案，"
                    "并明确合理的实施期限或者终止条件（《公平竞争审查条例》第十二条），已降低严重程度，请复核。")
        yield a.finding_norm(hit.rule.id, view, hit.start, hit.end, severity=severity, note=note)
