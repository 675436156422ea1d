"""The one lexicon matcher: an Aho-Corasick automaton over every rule's anchors, then each rule's
patterns run only in the sentences where one of its anchors occurs."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import ahocorasick

from reviewtools.rules import Rule, all_rules


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    start: int  # in the normalized text
    end: int
    sentence: tuple[int, int]


class Lexicon:
    def __init__(self, rules: Iterable[Rule]):
        self.rules = [r for r in rules if r.lexical]
        self._automaton = ahocorasick.Automaton()
        by_anchor: dict[str, set[int]] = defaultdict(set)
        for i, r in enumerate(self.rules):
            for anchor in r.anchors:
                by_anchor[anchor].add(i)
        for anchor, ids in by_anchor.items():
            self._automaton.add_word(anchor, tuple(sorted(ids)))
        if by_anchor:
            self._automaton.make_automaton()
        self._empty = not by_anchor

    def scan(self, text: str, sentences: list[tuple[int, int]]) -> Iterator[Hit]:
        """Hits in `text` (normalized), one per rule and sentence at most, the first match in it."""
        if self._empty or not sentences:
            return
        starts = [s for s, _ in sentences]
        candidates: dict[int, set[int]] = defaultdict(set)  # sentence index → rule indices
        for end, ids in self._automaton.iter(text):
            k = bisect.bisect_right(starts, end) - 1
            if k >= 0:
                candidates[k].update(ids)
        for k in sorted(candidates):
            s, e = sentences[k]
            sentence = text[s:e]
            for i in sorted(candidates[k]):
                hit = self._match(self.rules[i], sentence)
                if hit:
                    yield Hit(self.rules[i], s + hit[0], s + hit[1], (s, e))

    @staticmethod
    def _match(rule: Rule, sentence: str) -> tuple[int, int] | None:
        if any(u.search(sentence) for u in rule.unless):
            return None
        if not all(r.search(sentence) for r in rule.requires):
            return None
        for p in rule.patterns:
            m = p.search(sentence)
            if m:
                group = "q" if "q" in p.groupindex and m.group("q") is not None else 0
                return m.start(group), m.end(group)
        return None


@cache
def default_lexicon() -> Lexicon:
    return Lexicon(all_rules().values())
