"""疑似 findings of the learned sentence classifier (reviewtools/text/classifier.py): the second signal.

A sentence is flagged for a category only when no phrase rule of that category fires on it (the check scans the
lexicon over that one sentence), the sentence neither forbids the practice nor declares equal treatment, the
category judges the document (Analysis.judged), a competition sentence is no item of a list whose lead-in forbids
what the items say (text/leads.py), and a group scores above its threshold. Of those groups the one
furthest above its threshold whose 疑似 rule the sentence meets is reported: it must have what the rule requires
and nothing the rule excludes (`requires` and `unless` in corpora/rules/suspected.toml): the object of its
standard (a place, a tender or an investment for the flow of goods; a favour, tax, fee, price or factor for costs,
and not a reward by an open standard), and for powers no article of a named law (which restates the law).
[classifier] enabled = false in reviewtools.toml turns it off; threshold overrides every group's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache

import numpy as np

from reviewtools.analyze import Analysis, Finding
from reviewtools.data.rules import expand, rule
from reviewtools.text import regex_cache
from reviewtools.text.classifier import default_model, scored_bounds
from reviewtools.text.leads import ListLeads
from reviewtools.text.matcher import default_lexicon


def meets(rule_id: str, sentence: str) -> bool:
    """The sentence meets every `requires` of the 疑似 rule and none of its `unless`."""
    r = rule(rule_id)
    return all(x.search(sentence) for x in r.requires) and not any(x.search(sentence) for x in r.unless)


def forbids(sentence: str) -> bool:
    return bool(_forbids().search(sentence))


@cache
def _forbids() -> re.Pattern:
    """A sentence that forbids the practice ({FORBID}, or the favour itself: {BAN_FAVOUR}, as the rules' `unless`),
    or that declares equal treatment ({OPEN_PLACE}, 平等参与、同等享受、享受平等或同等待遇、一视同仁), is not suspected of it; nor one that
    forbids granting a right (不得授予经营者特许经营权), which {FORBID}'s verbs leave out, or a ground of refusal ({COMP_BAN_REASON})."""
    return regex_cache.compile(expand("{FORBID}|{BAN_FAVOUR}|{OPEN_PLACE}|{COMP_BAN_REASON}|(?:平等|同等)(?:参与|进入|使用|获取|享受|适用|竞争)|(?:平等|同等)待遇|一视同仁"
                                      "|(?:不得|严禁|禁止|不准)[^，。；]{0,16}?授予"))


def check(a: Analysis) -> Iterator[Finding]:
    if not a.settings.classifier:
        return
    model, view, override = default_model(), a.local, a.settings.classifier_threshold
    sentences = a.sentences(view)
    spans = scored_bounds(view.text, sentences)
    if not len(spans) or not model.groups:
        return
    # An item of a list whose lead-in forbids what the items say restates the ban, as for the phrase rules.
    leads, starts = ListLeads(view.text, sentences), [s for s, _ in sentences]
    thresholds = np.array([override or g.threshold for g in model.groups])
    scores = model.sentence_scores(view.text, spans)
    for row in np.flatnonzero((scores >= thresholds).any(axis=1)).tolist():
        s, e = spans[row].tolist()
        sentence = view.text[s:e]
        if forbids(sentence):
            continue
        # Per category, the group furthest above its threshold among those whose rule the sentence meets.
        best: dict[str, tuple[float, float, float, str]] = {}  # category → (margin, score, threshold, rule)
        for group, score, threshold in zip(model.groups, scores[row].tolist(), thresholds.tolist(), strict=True):
            if (score >= threshold and score - threshold > best.get(group.category, (-1.0,))[0]
                    and a.judged(group.category) and meets(group.rule, sentence)):
                best[group.category] = (score - threshold, score, threshold, group.rule)
        if "competition" in best and leads.banned(bisect.bisect_right(starts, s) - 1):
            del best["competition"]
        for category in unfired(view.text, s, e, best, a.lexicon_words(view)):
            _, score, threshold, rule_id = best[category]
            f = a.finding_norm(rule_id, view, s, e, score=f"{score:.2f}", threshold=f"{threshold:.2f}")
            f.score = round(score, 2)
            yield f


def unfired(text: str, start: int, end: int, categories, found: tuple) -> list[str]:
    """Those of `categories` (in their order) on which no phrase rule fires in the sentence text[start:end] scanned
    alone (`found`: the lexicon's words in `text`, Analysis.lexicon_words). A rule the settings disable still counts
    as fired: turning a rule off must not bring its finding back as 疑似. The scan stops once every category has
    fired; none is run for no category."""
    pending = dict.fromkeys(categories)
    if not pending:
        return []
    for hit in default_lexicon().scan_part(text, start, end, found):
        pending.pop(hit.rule.category, None)
        if not pending:
            break
    return list(pending)
