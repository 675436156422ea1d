"""Every phrase rule of corpora/rules (competition, powers and the others written as patterns)."""

from __future__ import annotations

from collections.abc import Iterator

from reviewtools.analyze import Analysis, Finding
from reviewtools.data.rules import exception_wording
from reviewtools.text.matcher import default_lexicon

LOWER = {"error": "warning", "warning": "info", "info": "info"}


def check(a: Analysis) -> Iterator[Finding]:
    view = a.local
    exception = exception_wording().search(view.text)
    for hit in default_lexicon().scan(view.text, a.sentences(view)):
        severity, note = hit.rule.severity, ""
        if hit.rule.exception and exception:
            severity = LOWER[severity]
            s, e = view.span(exception.start(), exception.end())
            note = (f"文件援引了例外规定（“{a.doc.text[s:e]}”）：须同时说明没有对公平竞争影响更小的替代方案，"
                    "并明确合理的实施期限或者终止条件（《公平竞争审查条例》第十二条），已降低严重程度，请复核。")
        yield a.finding_norm(hit.rule.id, view, hit.start, hit.end, severity=severity, note=note)
