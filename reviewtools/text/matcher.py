"""The one lexicon matcher: one pass over the text for every rule's anchors and its patterns' required literals
(literals.Words); a rule's patterns run only in the sentences where one of its anchors and a literal of each of
their required sets occur, and every clause that breaks the rule gives one hit. A numbered item of a list that
a lead-in forbids ({BAN_LIST}: 不得含有下列内容：（一）…) restates the practice it bans: competition rules stay
quiet there. A line quoting an article of a law ({LAW_QUOTE}) is the law's text, not the document's rule; for
competition rules only a statute's article counts ({STATUTE_QUOTE}): a local 办法 or 规定 cited by article is no
basis for restricting competition."""

from __future__ import annotations

import bisect
import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain, groupby

import ahocorasick
import numpy as np

from reviewtools import cached
from reviewtools.data.rules import Rule, all_rules, expand
from reviewtools.text import items, literals, regex_cache
from reviewtools.text.leads import ListLeads
from reviewtools.text.literals import Words, cached_sets

_CLAUSE_END = regex_cache.compile("[，：]")  # within a sentence
# A clause that goes on with the list of the clause before (…，或者限制…): what governs that one governs it too.
_LIST_GOES_ON = regex_cache.compile("或者|或|以及|及|并且|和")
# An item that begins inside a line, after the end of the one before it (…处理；（三）…): run-on text puts many on one line.
INLINE_ITEM = regex_cache.compile(rf"(?<=[。；])\s*(?:{items.HEAD})")
_QUOTE_OF = {"competition": "{STATUTE_QUOTE}"}  # category → the vocabulary of its quoted-law lines; else {LAW_QUOTE}
_SOURCE = literals.source_hash(__file__)


class Automaton:
    """An Aho-Corasick automaton over characters (pyahocorasick), for words that open with few distinct
    characters: it looks a character up among a state's successors one by one, so each step at the root costs
    as many comparisons as there are first characters. `finder` chooses between it and literals.Words."""

    def __init__(self, words: Sequence[str]):
        self._automaton = ahocorasick.Automaton()
        for n, word in enumerate(words):
            self._automaton.add_word(word, n)
        if words:
            self._automaton.make_automaton()
        self.empty = not words

    def positions(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(offset of the last character, word number) of every occurrence of every word, by end offset."""
        if self.empty:
            return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
        found = np.fromiter(chain.from_iterable(self._automaton.iter(text)), dtype=np.intp).reshape(-1, 2)
        return found[:, 0], found[:, 1]


FEW = 64  # first characters from which literals.Words is the faster (measured on the bench corpus)


def finder(words: Sequence[str]) -> Automaton | Words:
    """What finds `words` in a text fastest: an automaton for words with few first characters (a plan's 十X五,
    a test's rule), Words for a vocabulary (the lexicon's, the agencies')."""
    return Words(words) if len({w[:1] for w in words}) >= FEW else Automaton(words)


def _bit(numbers: np.ndarray) -> np.ndarray:
    """Each number's bit within its 64-bit word: a pattern's in its word of a mask, a rule's modulo 64."""
    return np.left_shift(np.uint64(1), (numbers & 63).astype(np.uint64))


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    start: int  # in the normalized text
    end: int
    sentence: tuple[int, int]


class Lexicon:
    """Rules' anchors and their patterns' required sets found in one pass (literals.Words): a pattern runs in a
    sentence only if the sentence holds one of its rule's anchors and a literal of each set every match of the
    pattern contains. Each word carries a bit mask over the patterns per side (an anchor of, a literal of the
    first set, of the second…); a sentence's hits are OR-ed together side by side in numpy and the sides
    AND-ed, so only the (sentence, pattern) pairs where all of them meet cost Python work. Before that, a word
    counts in a sentence only if one of the rules it serves has an anchor there (rules by their number modulo
    64, one bit each): most hits are of the commoner words of the required sets, in sentences no rule of theirs
    is anchored in, and a mask is many times the size of a bit."""

    def __init__(self, rules: Iterable[Rule], tables: tuple | None = None):
        self.rules = [r for r in rules if r.lexical]
        self._patterns = [(i, p) for i, r in enumerate(self.rules) for p in r.patterns]  # by pattern id
        # The words, their masks [word, side, 64 patterns], the bits of the patterns a side does not gate, and by
        # word the bits (rule number modulo 64) of the rules it is an anchor of and of those it serves at all.
        self._rule_by_id = [i for i, _ in self._patterns]  # by pattern id: its rule's number
        self._rule_of = np.array(self._rule_by_id, dtype=np.intp)
        self._words, self._masks, self._open, self._anchors, self._serves, self._lengths = tables or self._build()
        self._compiled: list[re.Pattern | None] = [None] * len(self._patterns)  # each pattern, once it has run
        # By rule: the vocabulary of its quoted-law lines, whether items of a banning list are quiet for it.
        self._quote_of = [_QUOTE_OF.get(r.category, "{LAW_QUOTE}") for r in self.rules]
        self._quiet_in_bans = [r.category == "competition" for r in self.rules]

    def _build(self) -> tuple[Words | Automaton, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        # Side 0: the rule's anchors; side k: the pattern's k-th required set (none: the anchors alone gate).
        gates = [[frozenset(self.rules[i].anchors), *(sets or [frozenset(self.rules[i].anchors)])]
                 for (i, _), sets in zip(self._patterns, cached_sets([p for _, p in self._patterns]), strict=True)]
        sides, chunks = max(map(len, gates), default=2), (len(self._patterns) + 63) // 64
        words: dict[str, int] = {}
        bits = np.array([(words.setdefault(w, len(words)), side, pattern_id) for pattern_id, sets in enumerate(gates)
                         for side, words_of in enumerate(sets) for w in words_of], dtype=np.intp).reshape(-1, 3)
        masks = np.zeros((len(words), sides, chunks), dtype=np.uint64)
        np.bitwise_or.at(masks, (bits[:, 0], bits[:, 1], bits[:, 2] >> 6), _bit(bits[:, 2]))
        open_ = np.array([(side, pattern_id) for pattern_id, sets in enumerate(gates) for side in range(len(sets), sides)],
                         dtype=np.intp).reshape(-1, 2)  # the sides beyond a pattern's sets
        unset = np.zeros((sides, chunks), dtype=np.uint64)
        np.bitwise_or.at(unset, (open_[:, 0], open_[:, 1] >> 6), _bit(open_[:, 1]))
        rule_bits = _bit(self._rule_of[bits[:, 2]])
        anchors, serves = np.zeros(len(words), dtype=np.uint64), np.zeros(len(words), dtype=np.uint64)
        np.bitwise_or.at(anchors, bits[bits[:, 1] == 0, 0], rule_bits[bits[:, 1] == 0])
        np.bitwise_or.at(serves, bits[:, 0], rule_bits)
        return finder(list(words)), masks, unset, anchors, serves, np.array([len(w) for w in words], dtype=np.intp)

    @classmethod
    def cached(cls, rules: Iterable[Rule]) -> Lexicon:
        """A Lexicon whose tables are kept in the cache folder (reviewtools.cached), keyed by everything they
        are built from: the rules' anchors and patterns, this code, the Python version."""
        rules = [r for r in rules if r.lexical]
        parts = [sys.version, getattr(ahocorasick, "__version__", ""), _SOURCE]
        parts += ["\1".join([r.id, *r.anchors, "\2", *(p.pattern for p in r.patterns)]) for r in rules]
        chunks = (sum(len(r.patterns) for r in rules) + 63) // 64

        def valid(tables) -> bool:
            words, masks, unset, anchors, serves, lengths = tables
            return (isinstance(words, Words | Automaton) and masks.shape[2] == chunks and unset.shape == masks.shape[1:]
                    and anchors.shape == serves.shape == lengths.shape == masks.shape[:1])

        key = hashlib.sha256(chr(0).join(parts).encode("utf-8")).hexdigest()[:40]
        return cls(rules, cached.pickled("lexicon", key, lambda: cls(rules).tables(), valid))

    def tables(self) -> tuple[Words | Automaton, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """What `cached` keeps: the words, their masks, the bits of the patterns each side leaves open, the bits of
        the rules each word is an anchor of and of those it serves, the words' lengths."""
        return self._words, self._masks, self._open, self._anchors, self._serves, self._lengths

    def positions(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Where the lexicon's words occur in `text` (Words.positions): what `scan` and `scan_part` take as `found`."""
        return self._words.positions(text)

    def scan_part(self, text: str, start: int, end: int, found: tuple[np.ndarray, np.ndarray]) -> Iterator[Hit]:
        """scan(text[start:end]) as one sentence, from the words `found` in all of `text` (those that lie inside the
        part): a check that scans sentences of a document the lexicon scanned whole saves a pass over each."""
        ends, words = found
        inside = ((ends < end) & (ends + 1 - self._lengths[words] >= start)).nonzero()[0]
        return self.scan(text[start:end], [(0, end - start)], (ends[inside] - start, words[inside]))

    def scan(self, text: str, sentences: list[tuple[int, int]], found: tuple[np.ndarray, np.ndarray] | None = None
             ) -> Iterator[Hit]:
        """Hits in `text` (normalized): one per rule and clause that breaks it (see `violations`). `found`: the words'
        positions in `text` (Words.positions), when known."""
        if not self._patterns or not sentences:
            return
        ends, words = found if found is not None else self._words.positions(text)
        if not len(ends):
            return
        # The sentence each hit ends in (hits after the last sentence count for it), hits grouped by sentence.
        where = np.array([e for _, e in sentences[:-1]], dtype=np.intp).searchsorted(ends, side="right")
        order = where.argsort(kind="stable")
        where, words = where[order], words[order]
        # (The array methods, not np.flatnonzero, np.r_ or np.append: a document's scan makes dozens of calls on
        # short arrays, and those wrappers cost more than the work.)
        first = np.concatenate(([True], where[1:] != where[:-1])).nonzero()[0]
        anchored = np.bitwise_or.reduceat(self._anchors[words], first)  # by sentence: the rules with an anchor there
        keep = (self._serves[words] & anchored.repeat(np.concatenate((first[1:], [len(words)])) - first)).nonzero()[0]
        if not len(keep):
            return
        where, words = where[keep], words[keep]
        first = np.concatenate(([True], where[1:] != where[:-1])).nonzero()[0]
        sides = np.bitwise_or.reduceat(self._masks[words], first, axis=0) | self._open  # [sentence, side, 64]
        gated = np.bitwise_and.reduce(sides, axis=1)
        rows = gated.any(axis=1).nonzero()[0]
        if not len(rows):
            return
        quoted: dict[str, list[int]] = {}
        leads = ListLeads(text, sentences)
        compiled, rule_of = self._compiled, self._rule_by_id
        # Each gated sentence's pattern ids, the set bits of its words in order (a few per sentence: Python ints cost
        # less than unpacking them in numpy), and among them its rules' groups (pattern ids run by rule).
        for k, chunks in zip(where[first[rows]].tolist(), gated[rows].tolist(), strict=True):
            s, e = sentences[k]
            sentence = text[s:e]
            pattern_ids = [chunk << 6 | bit for chunk, bits in enumerate(chunks) if bits for bit in _set_bits(bits)]
            for i, same in groupby(pattern_ids, rule_of.__getitem__):
                name = self._quote_of[i]
                lines = quoted.get(name)
                if lines is None:
                    lines = quoted[name] = _quoted_law(text, name)
                if lines and bisect.bisect_right(lines, s) % 2 or self._quiet_in_bans[i] and leads.banned(k):
                    continue
                group = []
                for pattern_id in same:
                    pattern = compiled[pattern_id]
                    if pattern is None:
                        pattern = compiled[pattern_id] = self._patterns[pattern_id][1].compile()
                    group.append(pattern)
                rule = self.rules[i]
                for start, end in violations(rule, group, sentence, lambda k=k: leads.lead(k)):
                    yield Hit(rule, s + start, s + end, (s, e))


def _set_bits(word: int) -> Iterator[int]:
    """The numbers of the bits set in `word`, lowest first."""
    while word:
        low = word & -word
        yield low.bit_length() - 1
        word ^= low


def _quoted_law(text: str, name: str) -> list[int]:
    """Start and end offsets, flattened, of the lines that quote an article of a named law (vocabulary `name`). A
    quote that leads into the law's list (…第四十二条：（一）…；（二）…) holds its line; one that is the document's own
    sentence (…第三十八条的规定，没收渔具；（三）…) ends with that sentence (。) or where the next item of a run-on
    line begins."""
    out: list[int] = []
    screen = _law_quote(name)
    if not screen.possible(text):  # most documents quote no law's article: no scan of every line start
        return out
    for m in screen.pattern.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if not m.group().endswith(("：", ":", "\n")):
            item = INLINE_ITEM.search(text, m.end(), end)
            stop = text.find("。", m.end(), end)
            end = min(item.start() if item else end, stop + 1 if stop >= 0 else end)
        out += [m.start(), end]
    return out


@cache
def _law_quote(name: str) -> literals.Screen:
    return literals.Screen(regex_cache.compile(f"^(?:{expand(name)})", re.M))


def violations(rule: Rule, patterns: Iterable[re.Pattern], sentence: str,
               lead: Callable[[], str] = str) -> list[tuple[int, int]]:
    """Spans of `sentence` that break `rule`, one per clause (…，…：): every match of every pattern, unless
    one of the rule's guards occurs in the clauses of the match or in the clause next to them on either side (before
    a run of clauses that go on with a list, 不得滥用行政权力，限制…，或者限制…, the clause before the run);
    matches that share a clause are merged into one span, and a span that repeats an earlier one's words word for word
    is dropped. A match quotes its group q if it has one, else all of it.
    Each of the rule's `requires` must occur in the sentence, or, for a rule with `requires_lead`, in the lead-in
    of its list (`lead()`, asked for only then: 对入驻企业给予以下扶持：（一）…由县财政补贴 names the operator once)."""
    matches = [m for p in patterns for m in p.finditer(sentence) if m.end() > m.start()]
    if not matches:
        return []
    missing = [r for r in rule.requires if not r.search(sentence)]
    if missing and not (rule.requires_lead and (context := lead()) and all(r.search(context) for r in missing)):
        return []
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)]
    spans = []  # (quote start, quote end, first clause, last clause)
    for m in matches:
        first, last = bisect.bisect_right(starts, m.start()) - 1, bisect.bisect_right(starts, m.end() - 1) - 1
        head = first
        while head > 0 and _LIST_GOES_ON.match(sentence, starts[head]):
            head -= 1
        lo, hi = starts[max(0, head - 1)], starts[last + 2] if last + 2 < len(starts) else len(sentence)
        if any(u.search(sentence, lo, hi) for u in rule.unless):
            continue
        group = "q" if "q" in m.re.groupindex and m.group("q") is not None else 0
        spans.append((m.start(group), m.end(group), first, last))
    merged: list[list[int]] = []
    for start, end, first, last in sorted(spans, key=lambda span: span[2:]):
        if merged and first <= merged[-1][3]:
            top = merged[-1]
            top[0], top[1], top[3] = min(top[0], start), max(top[1], end), max(top[3], last)
        else:
            merged.append([start, end, first, last])
    # The same words again in a later clause (给予电费补助，电费补助按…计算，电费补助每年…) are the favour told once more.
    out, told = [], set()
    for start, end, _, _ in merged:
        if sentence[start:end] not in told:
            told.add(sentence[start:end])
            out.append((start, end))
    return out


@cache
def default_lexicon() -> Lexicon:
    return Lexicon.cached(all_rules().values())


class Prefilter:
    """Many regexes over one text: one pass over their required literals (literals.Words, kept in the cache folder
    keyed by the literals), then each regex runs only in windows around the places where one of its literals
    occurs. A window starts no earlier than the widest match of its regex can reach back from the first end of a
    literal in it: every match holds one of the window's literals."""

    def __init__(self, patterns: Iterable[re.Pattern], reach: int = 60):
        self.patterns = list(patterns)
        self._reach = reach  # the longest match the regexes can make around their literal
        self._always: list[int] = []
        owners: dict[str, list[int]] = defaultdict(list)
        for i, sets in enumerate(cached_sets(self.patterns)):
            if not sets:
                self._always.append(i)
            else:
                for lit in sorted(sets[0]):  # in one order in every process: the cache key is made of them
                    owners[lit].append(i)
        parts = [sys.version, _SOURCE, *owners, "\1", *(f"{p.flags}:{p.pattern}" for p in self.patterns)]
        key = hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:40]
        self._words, widths = cached.pickled(
            "prefilter", key, lambda: (finder(list(owners)), self._widest()),
            lambda kept: isinstance(kept[0], Words | Automaton) and len(kept[1]) == len(self.patterns))
        self._widths = np.array(widths, dtype=np.intp)
        self._lengths = np.array([len(lit) for lit in owners], dtype=np.intp)
        # The patterns a literal is one of, by literal number: _owners[_first[w]:_first[w] + _count[w]].
        self._count = np.array([len(ids) for ids in owners.values()], dtype=np.intp)
        self._first = np.cumsum(self._count) - self._count
        self._owners = np.array([i for ids in owners.values() for i in ids], dtype=np.intp)

    def _widest(self) -> list[int]:
        """The most characters a match of each pattern takes (lookarounds take none), at most 2**40."""
        return [literals.widest(p) for p in self.patterns]

    def _windows(self, text: str) -> dict[int, list[tuple[int, int]]]:
        """pattern index → the windows it runs in: around each hit of one of its literals, `reach` either side,
        in the order of the hits' ends (the longest first on one end); a window that starts within the one
        before is merged into it, which then ends where the later one does."""
        windows: dict[int, list[tuple[int, int]]] = {i: [(0, len(text))] for i in self._always}
        ends, words = self._words.positions(text)
        if not len(ends):
            return windows
        lengths = self._lengths[words]
        order = np.lexsort((-lengths, ends))
        ends, words, lengths = ends[order], words[order], lengths[order]
        count = self._count[words]  # each hit once per pattern its literal is one of
        hit = np.arange(len(words)).repeat(count)
        owner = self._owners[(self._first[words] - count.cumsum() + count).repeat(count) + np.arange(len(hit))]
        by = owner.argsort(kind="stable")  # by pattern, each pattern's hits in order
        owner, hit = owner[by], hit[by]
        lo = np.maximum(0, ends[hit] + 1 - lengths[hit] - self._reach)
        hi = np.minimum(len(text), ends[hit] + 1 + self._reach)
        new = np.ones(len(hit), dtype=bool)
        new[1:] = (owner[1:] != owner[:-1]) | (lo[1:] > hi[:-1])
        starts = new.nonzero()[0]
        owners = owner[starts]
        # A match holds a literal of its window, so it ends at or after the window's first end (its first hit's).
        lo = np.maximum(lo[starts], ends[hit[starts]] + 1 - self._widths[owners])
        for i, start, end in zip(owners.tolist(), lo.tolist(), hi[np.concatenate((starts[1:], [len(hit)])) - 1].tolist(),
                                 strict=True):
            windows.setdefault(i, []).append((start, end))
        return windows

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match]]:
        """(pattern index, match) for every match of every pattern, by pattern then position."""
        windows = self._windows(text)
        for i in sorted(windows):
            seen = -1
            for lo, hi in windows[i]:
                for m in self.patterns[i].finditer(text, lo, hi):
                    if m.start() > seen:
                        seen = m.start()
                        yield i, m
