"""The literals every match of a regex contains, read off its parsed form: what lets a pass over a text decide
where a regex is worth running (text.matcher); and `Words`, the pass that finds such literals."""

from __future__ import annotations

import _sre
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

try:  # the regex parser of the standard library
    from re import _constants, _parser
except ImportError:  # Python 3.11 names them sre_*
    import sre_constants as _constants
    import sre_parse as _parser

from reviewtools import cached
from reviewtools.text import regex_cache
from reviewtools.text.points import code_points


def cached_sets(patterns: Sequence[re.Pattern]) -> list[tuple[frozenset[str], ...]]:
    """required_sets of each pattern, kept in the cache folder (reviewtools.cached): reading them off every
    rule's parsed regex would be a third of the start-up time. Keyed by the patterns, the Python version and
    this module's source (the way the sets are read off), so a cache is never stale."""
    key = hashlib.sha256("\0".join([sys.version, _SOURCE, *(p.pattern for p in patterns)]).encode("utf-8")).hexdigest()
    return cached.pickled("literals", key[:40], lambda: [required_sets(p) for p in patterns],
                          lambda kept: isinstance(kept, list) and len(kept) == len(patterns))


class Screen:
    """`bool(pattern.search(text))`, asked of a text only when it holds one of the literals every match of the
    pattern contains: a long alternation is tried at every position of a text, the literals are looked for in
    one scan at C speed (an alternation of literals starts with a table of their first characters). Where the
    pattern ignores case, literals with a cased letter are looked for ignoring case too. The literals are read
    off the pattern on first use."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self._gates: tuple[re.Pattern, ...] | None = None

    def __call__(self, text: str) -> bool:
        return self.possible(text) and self.pattern.search(text) is not None

    def possible(self, text: str) -> bool:
        """Whether `text` holds one of the literals every match of the pattern contains (always, when none can be
        told): where not, the pattern finds nothing in it."""
        if self._gates is None:
            self._gates = self._build()
        return not self._gates or any(gate.search(text) for gate in self._gates)

    def _build(self) -> tuple[re.Pattern, ...]:
        ignore = self.pattern.flags & re.IGNORECASE
        sets = cached_sets([regex_cache.compile(self.pattern.pattern, self.pattern.flags & ~re.IGNORECASE)])[0]
        if not sets:
            return ()
        words = sorted(w for w in sets[0] if not any(o != w and o in w for o in sets[0]))  # 主办 covers 主办单位
        cased = [w for w in words if ignore and any(map(_sre.unicode_iscased, map(ord, w)))]
        plain = [w for w in words if w not in cased]
        return tuple(regex_cache.compile("|".join(map(re.escape, group)), flags)
                     for group, flags in ((plain, 0), (cased, re.IGNORECASE)) if group)


def source_hash(*files: str) -> str:
    """A digest of these source files and of this one: part of every cache key of what they build."""
    return hashlib.sha256(b"".join(Path(f).read_bytes() for f in (__file__, *files))).hexdigest()


_SOURCE = source_hash()
_EXPAND = 64  # most strings a run of fixed items is expanded to
_RARER = 20  # a literal one character longer is taken to occur this many times less often


def cost(literals: Iterable[str]) -> float:
    """How often a set of literals is expected to occur, relative to a single character: a rough Zipf
    estimate by length (a set of many short words costs more than one long one)."""
    return sum(_RARER ** -min(len(lit), 6) for lit in literals)


def required_literals(pattern: re.Pattern) -> frozenset[str] | None:
    """The cheapest (see `cost`) set of strings of which every match of `pattern` contains at least one,
    read off the parsed regex; None when no such set can be told (then the pattern must always run)."""
    found = required_sets(pattern, 1)
    return found[0] if found else None


def widest(pattern: re.Pattern, bound: int = 1 << 40) -> int:
    """The most characters a match of `pattern` takes (lookarounds take none), at most `bound`."""
    return min(_parser.parse(pattern.pattern, pattern.flags).getwidth()[1], bound)


def required_sets(pattern: re.Pattern, most: int = 3) -> tuple[frozenset[str], ...]:
    """Up to `most` required sets of `pattern` (each as in `required_literals`), the cheapest first: a text
    can hold a match only if it holds a literal of every one of them."""
    if pattern.flags & re.IGNORECASE:
        return ()
    try:
        found = _candidates(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # an exotic construct: no prefilter for this pattern
        return ()
    return tuple(sorted(set(found), key=_rank)[:most])


def _exact(op, arg) -> frozenset[str] | None:
    """Every string the item matches, when they are few (a widening: a zero-width assertion matches "")."""
    if op is _constants.LITERAL:
        return frozenset(chr(arg))
    if op in (_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT):
        return frozenset([""])
    if op is _constants.IN:
        if len(arg) <= 16 and all(o is _constants.LITERAL for o, _ in arg):
            return frozenset(chr(c) for _, c in arg)
        return None
    if op is _constants.SUBPATTERN:
        if arg[1] & re.IGNORECASE:
            return None
        return _exact_run(arg[-1])
    if op is _constants.BRANCH:
        out: set[str] = set()
        for alt in arg[1]:
            found = _exact_run(alt)
            if found is None or len(out) + len(found) > _EXPAND:
                return None
            out |= found
        return frozenset(out)
    if op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[:2] in ((0, 1), (1, 1)):
        found = _exact_run(arg[2])
        return None if found is None else found | {""} if arg[0] == 0 else found
    return None


def _exact_run(items) -> frozenset[str] | None:
    out = frozenset([""])
    for op, arg in items:
        found = _exact(op, arg)
        if found is None or len(out) * len(found) > _EXPAND:
            return None
        out = frozenset(a + b for a in out for b in found)
    return out


def _required(items) -> frozenset[str] | None:
    found = _candidates(items)
    return min(found, key=_rank) if found else None


def _rank(literals: frozenset[str]) -> tuple[float, list[str]]:
    return cost(literals), sorted(literals)


def _candidates(items) -> list[frozenset[str]]:
    """Required sets of a sequence, each enough on its own: the strings a run of fixed items spells
    together (本[市县] gives 本市, 本县), and those of the items that must match."""
    candidates: list[frozenset[str]] = []
    run = frozenset([""])
    for op, arg in list(items) + [(None, None)]:
        found = _exact(op, arg) if op is not None else None
        if found is not None and len(run) * len(found) <= _EXPAND:
            run = frozenset(a + b for a in run for b in found)
            continue
        candidates.append(run)
        run = found if found is not None else frozenset([""])
        if found is not None:
            continue
        if op is _constants.SUBPATTERN and not arg[1] & re.IGNORECASE:
            candidates += _candidates(arg[-1])
        elif op is _constants.BRANCH:
            alternatives = [_required(alt) for alt in arg[1]]
            if all(alternatives):
                candidates.append(frozenset().union(*alternatives))
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT) and arg[0] >= 1:
            candidates += _candidates(arg[2])
    return [c for c in candidates if c and all(c)]


_FEW_PATHS = 16  # paths past depth 3 that Words follows in Python rather than a level at a time in numpy


class Words:
    """Every occurrence of each of a set of words in a text, found in a few numpy passes over its code points,
    not character by character: each character's code in the words' alphabet (0 for one no word holds), then
    at every position at once the single-character word its code is, the depth-2 node of the trie its pair of
    codes reaches and, where that node has children, the depth-3 node the third code reaches (all three by
    table lookup); the fewer positions that go on to a fourth character are followed a level at a time, each
    edge found by binary search among the deeper edges' keys. An automaton
    stepping through the text in C (pyahocorasick) costs about twice as much: it looks each character up
    among a node's children one by one, and the lexicon's nodes have hundreds."""

    def __init__(self, words: Sequence[str]):
        self._alphabet = "".join(sorted(set("".join(words))))
        self._width = len(self._alphabet) + 1  # code 0: a character no word holds
        code = {c: i + 1 for i, c in enumerate(self._alphabet)}
        edges: dict[tuple[int, str], int] = {}  # (parent node, character) → child node; node 0 is the root
        term, depth = [-1], [0]  # by node: the word ending there (-1: none), its depth
        # By edge, in the order of the child nodes (node n is reached by edge n - 1): the code, the parent.
        codes: list[int] = []
        parents: list[int] = []
        for n, word in enumerate(words):
            node = 0
            for ch in word:
                child = edges.get((node, ch))
                if child is None:
                    child = edges[node, ch] = len(term)
                    term.append(-1)
                    depth.append(depth[node] + 1)
                    codes.append(code[ch])
                    parents.append(node)
                node = child
            term[node] = n
        self._term = np.array(term, dtype=np.intp)
        # (depth of the child, code, parent, child) of every edge: arrays, quick to keep and to read back.
        self._edges = np.array([depth[1:], codes, parents, range(1, len(term))], dtype=np.intp).T.reshape(-1, 4)
        self._single = any(len(w) == 1 for w in words)
        self._tables: tuple | None = None
        self._steps: tuple[dict[int, int], list[bool]] | None = None  # the deep edges for _follow

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_tables": None, "_steps": None}  # rebuilt on first use: larger than all the rest

    def _lookup(self) -> tuple:
        """(code by code point, the depth-1 node of a single-character word by code (0: none), whether a code is
        one, depth-2 node by pair of codes, row of the depth-3 table by depth-2 node (0: no children), depth-3 node
        by row and code, whether a node has children past depth 3, the keys (parent × width + code) of the edges
        past depth 3 in order and the child of each, both ending in a key above all)."""
        if self._tables is None:
            width, kind = self._width, np.min_scalar_type(len(self._term))
            points = [ord(c) for c in self._alphabet]
            # The last entry: every point above. Of the index type: the codes index the tables, any other is
            # converted on every lookup.
            code = np.zeros(max(points, default=0) + 2, dtype=np.intp)
            code[points] = np.arange(1, width, dtype=np.intp)
            level, codes, parents, children = self._edges.T
            first = np.zeros(len(self._term), dtype=np.intp)  # depth-1 node → its code
            single = np.zeros(width, dtype=np.intp)
            one, two, three = (level == 1, level == 2, level == 3)
            first[children[one]] = codes[one]
            words = children[one][self._term[children[one]] >= 0]
            single[first[words]] = words
            pairs = np.zeros(width * width, dtype=kind)
            pairs[first[parents[two]] * width + codes[two]] = children[two]
            rows = np.zeros(len(self._term), dtype=np.intp)
            opening = np.zeros(len(self._term), dtype=bool)  # the depth-2 nodes with children, numbered from 1
            opening[parents[three]] = True
            opening = opening.nonzero()[0]
            rows[opening] = np.arange(1, len(opening) + 1)
            third = np.zeros((len(opening) + 1) * width, dtype=kind)
            third[rows[parents[three]] * width + codes[three]] = children[three]
            deep = level > 3
            going = np.zeros(len(self._term), dtype=bool)
            going[parents[deep]] = True
            keys = parents[deep] * width + codes[deep]
            by = keys.argsort()
            self._tables = (code, single, single > 0, pairs, rows, third, going,
                            np.append(keys[by], np.iinfo(np.intp).max), np.append(children[deep][by], 0))
        return self._tables

    def _follow(self, codes: np.ndarray, at: list[int], nodes: list[int]) -> tuple[list[int], list[int]]:
        """(offsets, nodes) of every node past depth 3 that the paths from `nodes` at offsets `at` reach, a character
        at a time; the edges as a dict (key: parent × width + code), made on first use."""
        if self._steps is None:
            *_, going, keys, kids = self._lookup()
            self._steps = dict(zip(keys[:-1].tolist(), kids[:-1].tolist(), strict=True)), going.tolist()
        edges, going = self._steps
        width, reached_at, reached = self._width, [], []
        for pos, node in zip(at, nodes, strict=True):
            while (node := edges.get(node * width + int(codes[pos]))) is not None:
                reached_at.append(pos)
                reached.append(node)
                if not going[node]:
                    break
                pos += 1
        return reached_at, reached

    def positions(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(offset of the last character, word number) of every occurrence of every word, in no order. The nodes
        reached are gathered depth by depth, with the offset each ends on; the words among them are told at the end,
        in one lookup (a document's scan is dozens of numpy calls: one fewer at each depth counts)."""
        code, single, is_single, pairs, rows, third, going, keys, kids = self._lookup()
        codes = np.zeros(len(text) + 2, dtype=code.dtype)  # two past the end: no word's characters
        code.take(code_points(text), out=codes[:-2], mode="clip")
        ends, nodes = [], []
        if self._single:  # a gather over the whole text, skipped where no word is one character
            pos = is_single[codes[:-2]].nonzero()[0]
            ends, nodes = [pos], [single[codes[pos]]]
        node = pairs[codes[:-2] * self._width + codes[1:-1]]
        pos = node.nonzero()[0]
        node = node[pos].astype(np.intp)  # indexes two tables: converted once
        ends.append(pos + 1)
        nodes.append(node)
        row = rows[node]  # the depth-3 nodes reached
        live = row.nonzero()[0]
        pos = pos[live]
        node = third[row[live] * self._width + codes[pos + 2]]
        live = node.nonzero()[0]
        pos, node = pos[live], node[live].astype(np.intp)
        ends.append(pos + 2)
        nodes.append(node)
        # Past depth 3 (the nodes with children only), a level at a time: the edge by binary search among the keys;
        # the last few paths one character at a time (a level costs a dozen numpy calls, a step a dict lookup).
        on = going[node].nonzero()[0]
        at, node = pos[on] + 3, node[on]
        while len(at):
            if len(at) <= _FEW_PATHS:
                reached_at, reached = self._follow(codes, at.tolist(), node.tolist())
                ends.append(np.array(reached_at, dtype=np.intp))
                nodes.append(np.array(reached, dtype=np.intp))
                break
            key = node * self._width + codes[at]
            i = keys.searchsorted(key)
            live = (keys[i] == key).nonzero()[0]
            at, node = at[live], kids[i[live]]
            ends.append(at)
            nodes.append(node)
            live = going[node].nonzero()[0]
            at, node = at[live] + 1, node[live]
        word = self._term[np.concatenate(nodes)]
        done = (word >= 0).nonzero()[0]
        return np.concatenate(ends)[done], word[done]
