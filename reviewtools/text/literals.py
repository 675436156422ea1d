"""The literals every match of a regex contains, read off its parsed form: what lets an Aho-Corasick
automaton decide where a regex is worth running (text.matcher)."""

from __future__ import annotations

import _sre
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

try:  # the regex parser of the standard library
    from re import _constants, _parser
except ImportError:  # Python 3.11 names them sre_*
    import sre_constants as _constants
    import sre_parse as _parser

from reviewtools import cached
from reviewtools.text import regex_cache


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
        if self._gates is None:
            self._gates = self._build()
        if self._gates and not any(gate.search(text) for gate in self._gates):
            return False
        return self.pattern.search(text) is not None

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
