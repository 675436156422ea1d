"""Every phrase rule of corpora/rules (competition, powers and the others written as patterns).

The items of a list whose lead-in names the law and its article (依据《…》第一百一十九条规定，按以下规定处理：;
依照《…条例》下列规定处罚：) restate that law: powers rules stay quiet on them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from reviewtools.analyze import Analysis, Finding
from reviewtools.data.rules import exception_wording, expand
from reviewtools.text.matcher import default_lexicon

LOWER = {"error": "warning", "warning": "info", "info": "info"}
# An item of a list: （一） （1） 1. ① or an article quoted under the lead-in (第三十条 …).
_ITEM = re.compile(r"\s*(?:（[一二三四五六七八九十]{1,3}）|（\d{1,2}）|\d{1,2}[.、](?!\d)|[①-⑳]|第[一二三四五六七八九十百零〇0-9]+条)")
_LEAD_REACH = 40  # sentences back from an item to its lead-in
_CITED_CATEGORIES = ("powers",)


@cache
def _cited_lead() -> re.Pattern:
    """A lead-in naming a law's article or its 下列规定, ending in ：."""
    return re.compile(expand("{LAW_TITLE}(?:{ARTICLE}|[^：:]{0,20}?(?:下列|以下|如下)(?:的)?规定)[^：:]*[：:]$"))


def _under_cited_lead(text: str, sentences: list[tuple[int, int]], k: int) -> bool:
    """Whether sentence k is an item of a list whose lead-in (the nearest sentence before it ending in ：) names
    a law's article."""
    if not _ITEM.match(text[slice(*sentences[k])]):
        return False
    for j in range(k - 1, max(-1, k - 1 - _LEAD_REACH), -1):
        sentence = text[slice(*sentences[j])].strip()
        if sentence.endswith(("：", ":")):
            return bool(_cited_lead().search(sentence))
    return False


def check(a: Analysis) -> Iterator[Finding]:
    view = a.local
    exception = exception_wording().search(view.text)
    sentences = a.sentences(view)
    index = {span: k for k, span in enumerate(sentences)}
    for hit in default_lexicon().scan(view.text, sentences):
        if hit.rule.category in _CITED_CATEGORIES and _under_cited_lead(view.text, sentences, index[hit.sentence]):
            continue
        severity, note = hit.rule.severity, ""
        if hit.rule.exception and exception:
            severity = LOWER[severity]
            s, e = view.span(exception.start(), exception.end())
            note = (f"文件援引了例外规定（“{a.doc.text[s:e]}”）：须同时说明没有对公平竞争影响更小的替代方案，"
                    "并明确合理的实施期限或者终止条件（《公平竞争审查条例》第十二条），已降低严重程度，请复核。")
        yield a.finding_norm(hit.rule.id, view, hit.start, hit.end, severity=severity, note=note)
