"""疑似 findings of the learned sentence classifier (reviewtools/text/classifier.py): the second signal.

A sentence is flagged for a category only when no phrase rule of that category fires on it (the check
scans the lexicon over that one sentence) and the sentence does not forbid the practice, and only with its
best-scoring group above that group's threshold. A sentence must also meet what every phrase rule of the
category requires (_REQUIRED): a powers sentence that cites an article of a named law restates the law. [classifier] enabled = false in reviewtools.toml turns it off; threshold overrides every group's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import numpy as np

from reviewtools.analyze import Analysis, Finding
from reviewtools.data.rules import expand
from reviewtools.text import regex_cache
from reviewtools.text.classifier import default_model, scored_spans
from reviewtools.text.matcher import default_lexicon

_REQUIRED = {"powers": "{NO_CITED_ARTICLE}"}  # category → the vocabulary its rules all require


@cache
def _required(category: str) -> re.Pattern | None:
    return regex_cache.compile(expand(_REQUIRED[category])) if category in _REQUIRED else None


@cache
def _forbids() -> re.Pattern:
    """A sentence that forbids the practice ({FORBID}, or the favour itself: {BAN_FAVOUR}, as the rules' `unless`)
    is not suspected of it."""
    return regex_cache.compile(expand("{FORBID}|{BAN_FAVOUR}"))


def check(a: Analysis) -> Iterator[Finding]:
    if not a.settings.classifier:
        return
    model, view, override = default_model(), a.local, a.settings.classifier_threshold
    spans = scored_spans(view.text, a.sentences(view))
    if not spans or not model.groups:
        return
    thresholds = np.array([override or g.threshold for g in model.groups])
    scores = model.sentence_scores(view.text, spans)
    for row in np.flatnonzero((scores >= thresholds).any(axis=1)).tolist():
        s, e = spans[row]
        best: dict[str, tuple[float, float, float, str]] = {}  # category → (margin, score, threshold, rule)
        for group, score, threshold in zip(model.groups, scores[row].tolist(), thresholds.tolist(), strict=True):
            if score >= threshold and score - threshold > best.get(group.category, (-1.0,))[0]:
                best[group.category] = (score - threshold, score, threshold, group.rule)
        sentence = view.text[s:e]
        if _forbids().search(sentence):
            continue
        # A rule the settings disable still counts as fired: turning a rule off must not bring its finding back as 疑似.
        fired = {h.rule.category for h in default_lexicon().scan(sentence, [(0, e - s)])}
        for category, (_, score, threshold, rule) in best.items():
            required = _required(category)
            if category not in fired and (required is None or required.search(sentence)):
                f = a.finding_norm(rule, view, s, e, score=f"{score:.2f}", threshold=f"{threshold:.2f}")
                f.score = round(score, 2)
                yield f
