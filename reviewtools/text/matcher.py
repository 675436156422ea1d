"""The one lexicon matcher: an Aho-Corasick automaton over every rule's anchors and its patterns' required
literals; a rule's patterns run only in the sentences where one of its anchors occurs, and every clause
that breaks the rule gives one hit. A numbered item of a list that a lead-in forbids ({BAN_LIST}: 不得含有下列
内容：（一）…) restates the practice it bans: competition rules stay quiet there. A line quoting an article of a
law ({LAW_QUOTE}) is the law's text, not the document's rule; for competition rules only a statute's article
counts ({STATUTE_QUOTE}): a local 办法 or 规定 cited by article is no basis for restricting competition."""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import ahocorasick
import numpy as np

try:  # the regex parser of the standard library, to read required literals off a pattern
    from re import _constants, _parser
except ImportError:  # Python 3.11 names them sre_*
    import sre_constants as _constants
    import sre_parse as _parser

from reviewtools.atomic import write_atomic
from reviewtools.data.rules import Rule, all_rules, expand
from reviewtools.errors import WriteError
from reviewtools.resources import cache_dir

_CLAUSE_END = re.compile("[，：]")  # within a sentence
# The number an item starts with, by style: （一） （1） 1. ① 一、 (a list's items share one).
_ITEM = re.compile(r"\s*(?:(?P<cn_paren>（[一二三四五六七八九十]{1,3}）)|(?P<num_paren>（\d{1,2}）)|(?P<num>\d{1,2}[.、](?!\d))"
                   r"|(?P<circle>[①-⑳])|(?P<cn>[一二三四五六七八九十]{1,3}、))")
_LEAD_REACH = 40  # sentences back from an item to the lead-in of its list
_QUOTE_OF = {"competition": "{STATUTE_QUOTE}"}  # category → the vocabulary of its quoted-law lines; else {LAW_QUOTE}
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Automaton:
    """An Aho-Corasick automaton over characters, or over the UTF-16 bytes of the text when the words have
    many distinct first characters: pyahocorasick looks a character up among a state's successors one by one,
    so over characters every step at the root costs as many comparisons as there are first characters
    (hundreds for the lexicon), over bytes a few dozen at most, for twice the steps."""

    WIDE = 128  # first characters from which bytes are faster

    def __init__(self, words: dict[str, object]):
        self._automaton = ahocorasick.Automaton()
        self._bytes = len({w[:1] for w in words}) > self.WIDE
        for word, value in words.items():
            self._automaton.add_word(_bytes(word) if self._bytes else word, value)
        if words:
            self._automaton.make_automaton()
        self.empty = not words

    def iter(self, text: str) -> list[tuple[int, object]]:
        """(offset of the last character, value) of every occurrence of every word, by end offset."""
        if self.empty:
            return []
        if not self._bytes:
            return list(self._automaton.iter(text))
        # A match ending inside a character (at an even byte) is no match.
        return [(end >> 1, value) for end, value in self._automaton.iter(_bytes(text)) if end & 1]


def _bytes(text: str) -> str:
    """`text` as its UTF-16 bytes, one character per byte; a character outside the BMP counts as one byte pair."""
    data = text.encode("utf-16-be", "surrogatepass")
    if len(data) != 2 * len(text):
        data = _ASTRAL.sub("\ufffd", text).encode("utf-16-be")
    return data.decode("latin-1")


@dataclass(frozen=True, slots=True)
class Hit:
    rule: Rule
    start: int  # in the normalized text
    end: int
    sentence: tuple[int, int]


class Lexicon:
    """Rules' anchors and their patterns' required literals in one automaton: a sentence is tried for a
    rule only if it holds one of the rule's anchors, and there a pattern is searched only if the sentence
    holds one of the literals every match of that pattern contains."""

    def __init__(self, rules: Iterable[Rule]):
        self.rules = [r for r in rules if r.lexical]
        words: dict[str, tuple[set[int], set[int]]] = defaultdict(lambda: (set(), set()))  # → (rules, patterns)
        self._patterns: list[tuple[int, re.Pattern]] = []  # by pattern id: (rule index, pattern)
        self._ungated: dict[int, list[re.Pattern]] = defaultdict(list)  # rule index → patterns always searched
        owned = [(i, p) for i, r in enumerate(self.rules) for p in r.patterns]
        for i, r in enumerate(self.rules):
            for anchor in r.anchors:
                words[anchor][0].add(i)
        for (i, p), literals in zip(owned, cached_literals([p for _, p in owned]), strict=True):
            if literals is None:
                self._ungated[i].append(p)
                continue
            for lit in literals:
                words[lit][1].add(len(self._patterns))
            self._patterns.append((i, p))
        self._automaton = Automaton({word: (frozenset(rule_ids), frozenset(pattern_ids))
                                     for word, (rule_ids, pattern_ids) in words.items()})

    def scan(self, text: str, sentences: list[tuple[int, int]]) -> Iterator[Hit]:
        """Hits in `text` (normalized): one per rule and clause that breaks it (see `violations`)."""
        if self._automaton.empty or not sentences:
            return
        found = self._automaton.iter(text)
        if not found:
            return
        ends = [e for _, e in sentences]
        where = np.minimum(np.searchsorted(ends, [end for end, _ in found], side="right"), len(sentences) - 1)
        rules: dict[int, set[int]] = defaultdict(set)  # sentence index → candidate rules
        present: dict[int, set[int]] = defaultdict(set)  # sentence index → patterns whose literal occurs
        for k, (rule_ids, pattern_ids) in set(zip(where.tolist(), [p for _, p in found], strict=True)):  # each once
            rules[k] |= rule_ids
            present[k] |= pattern_ids
        quoted = {name: _quoted_law(text, name) for name in {"{LAW_QUOTE}", *_QUOTE_OF.values()}}
        banned = _BannedItems(text, sentences)
        for k in sorted(rules):
            candidates, by_rule = rules[k], defaultdict(list)
            for pattern_id in sorted(present.get(k, ())):
                i, p = self._patterns[pattern_id]
                if i in candidates:
                    by_rule[i].append(p)
            for i in candidates & self._ungated.keys():
                by_rule[i].extend(self._ungated[i])
            s, e = sentences[k]
            if not by_rule:
                continue
            sentence = text[s:e]
            for i in sorted(by_rule):
                category = self.rules[i].category
                lines = quoted[_QUOTE_OF.get(category, "{LAW_QUOTE}")]
                if lines and bisect.bisect_right(lines, s) % 2 or category == "competition" and banned(k):
                    continue
                for start, end in violations(self.rules[i], by_rule[i], sentence):
                    yield Hit(self.rules[i], s + start, s + end, (s, e))


def _item_style(sentence: str) -> str | None:
    m = _ITEM.match(sentence)
    return m.lastgroup if m else None


class _BannedItems:
    """Whether sentence k is an item (or part of one) of a list whose lead-in forbids what the items say:
    back from k over items of its style and their unnumbered continuations to the nearest sentence ending
    in ：, which must match {BAN_LIST}."""

    def __init__(self, text: str, sentences: list[tuple[int, int]]):
        self._text, self._sentences, self._leads = text, sentences, {}

    def _sentence(self, j: int) -> str:
        s, e = self._sentences[j]
        return self._text[s:e].strip()

    def __call__(self, k: int) -> bool:
        style = _item_style(self._sentence(k))
        if style is None:
            return False
        for j in range(k - 1, max(-1, k - 1 - _LEAD_REACH), -1):
            sentence = self._sentence(j)
            if sentence.endswith(("：", ":")):
                if j not in self._leads:
                    self._leads[j] = bool(_ban_list().search(sentence))
                return self._leads[j]
            if _item_style(sentence) not in (style, None):
                return False
        return False


@cache
def _ban_list() -> re.Pattern:
    return re.compile(expand("{BAN_LIST}"))


def _quoted_law(text: str, name: str) -> list[int]:
    """Start and end offsets, flattened, of the lines that quote an article of a named law (vocabulary `name`)."""
    out: list[int] = []
    for m in _law_quote(name).finditer(text):
        end = text.find("\n", m.end())
        out += [m.start(), len(text) if end < 0 else end]
    return out


@cache
def _law_quote(name: str) -> re.Pattern:
    return re.compile(f"^(?:{expand(name)})", re.M)


def violations(rule: Rule, patterns: Iterable[re.Pattern], sentence: str) -> list[tuple[int, int]]:
    """Spans of `sentence` that break `rule`, one per clause (…，…：): every match of every pattern, unless
    one of the rule's guards occurs in the clauses of the match or in the clause next to them on either side;
    matches that share a clause are merged into one span. A match quotes its group q if it has one, else all of it."""
    matches = [m for p in patterns for m in p.finditer(sentence) if m.end() > m.start()]
    if not matches or not all(r.search(sentence) for r in rule.requires):
        return []
    starts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)]
    spans = []  # (quote start, quote end, first clause, last clause)
    for m in matches:
        first, last = bisect.bisect_right(starts, m.start()) - 1, bisect.bisect_right(starts, m.end() - 1) - 1
        lo, hi = starts[max(0, first - 1)], starts[last + 2] if last + 2 < len(starts) else len(sentence)
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
    return [(start, end) for start, end, _, _ in merged]


@cache
def default_lexicon() -> Lexicon:
    return Lexicon(all_rules().values())


def cached_literals(patterns: Sequence[re.Pattern]) -> list[frozenset[str] | None]:
    """required_literals of each pattern, kept in the cache folder: reading the literals off every rule's
    parsed regex would be a third of the start-up time. Keyed by the patterns and the Python version."""
    key = hashlib.sha256("\0".join([sys.version, *(p.pattern for p in patterns)]).encode("utf-8")).hexdigest()
    path = cache_dir() / "literals" / f"{key[:40]}.json"
    with contextlib.suppress(OSError, ValueError, TypeError):
        stored = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(stored, list) and len(stored) == len(patterns):
            return [None if x is None else frozenset(x) for x in stored]
    out = [required_literals(p) for p in patterns]
    with contextlib.suppress(OSError, WriteError):  # a read-only home: compute again next time
        write_atomic(path, json.dumps([None if x is None else sorted(x) for x in out], ensure_ascii=False).encode("utf-8"))
    return out


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one, read off the parsed regex;
    None when no such set can be told (then the pattern must always run)."""
    try:
        return _required(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an exotic construct: no prefilter for this pattern
        return None


def _required(items) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and all(found) and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, arg in list(items) + [(None, None)]:
        if op is _constants.LITERAL:
            run.append(chr(arg))
            continue
        if len(run) >= 2 or (run and best is None):
            consider(frozenset(["".join(run)]))
        run = []
        if op is _constants.SUBPATTERN:
            consider(_required(arg[-1]))
        elif op is _constants.BRANCH:
            alternatives = [_required(alt) for alt in arg[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
            consider(_required(arg[2]))
    return best


class Prefilter:
    """Many regexes over one text: an automaton pass over their required literals, then each regex runs
    only in windows around the places where one of its literals occurs."""

    def __init__(self, patterns: Iterable[re.Pattern], reach: int = 60):
        self.patterns = list(patterns)
        self._reach = reach  # the longest match the regexes can make around their literal
        self._always: list[int] = []
        owners: dict[str, list[int]] = defaultdict(list)
        for i, literals in enumerate(cached_literals(self.patterns)):
            if literals is None:
                self._always.append(i)
            else:
                for lit in literals:
                    owners[lit].append(i)
        self._automaton = Automaton({lit: (len(lit), tuple(ids)) for lit, ids in owners.items()})

    def finditer(self, text: str) -> Iterator[tuple[int, re.Match]]:
        """(pattern index, match) for every match of every pattern, by pattern then position."""
        windows: dict[int, list[tuple[int, int]]] = {i: [(0, len(text))] for i in self._always}
        for end, (length, ids) in self._automaton.iter(text):
            lo, hi = max(0, end + 1 - length - self._reach), min(len(text), end + 1 + self._reach)
            for i in ids:
                spans = windows.setdefault(i, [])
                if spans and lo <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], hi)  # hits come in order: merge overlapping windows
                else:
                    spans.append((lo, hi))
        for i in sorted(windows):
            seen = -1
            for lo, hi in windows[i]:
                for m in self.patterns[i].finditer(text, lo, hi):
                    if m.start() > seen:
                        seen = m.start()
                        yield i, m
