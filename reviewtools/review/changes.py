"""The text changes between two versions of a draft: paragraphs inserted, deleted or changed, and inside a
changed paragraph the characters edited, each with its offsets into the text of the version it belongs to.

Paragraphs are the lines of Document.text. They are compared normalized (text.normalize: spaces dropped, widths
and bracket variants unified), so re-spacing or a half-width comma is no change; blank lines are no paragraphs.
Within a run of unequal paragraphs an old and a new one pair up as *changed* when they are similar enough
(SIMILAR, difflib's ratio), in order; the rest are deleted or inserted.
"""

from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass
from difflib import SequenceMatcher

from reviewtools.text.normalize import normalize

_WORD = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.%％]")
JOIN = 2  # edits with fewer unchanged characters between them are one edit
WINDOW = 10  # within a run of unequal paragraphs, how far apart an old and a new one may pair
SIMILAR = 0.5  # paragraphs at least this similar (difflib ratio, normalized) are one paragraph changed


@dataclass(frozen=True)
class Span:
    """A stretch of one version's text: [start, end) and the text as written there."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Edit:
    """A character-level edit inside a changed paragraph: insert / delete / replace."""

    kind: str
    previous: Span  # empty (start == end) for an insert: where the text went in
    current: Span  # empty for a delete

    def to_dict(self) -> dict:
        return {"kind": self.kind, "previous": self.previous.to_dict(), "current": self.current.to_dict()}


@dataclass(frozen=True)
class Change:
    """One paragraph inserted (previous None), deleted (current None) or changed (both, with its edits)."""

    kind: str  # inserted / deleted / changed
    previous: Span | None
    current: Span | None
    edits: tuple[Edit, ...] = ()

    def to_dict(self) -> dict:
        return {"kind": self.kind, "previous": self.previous and self.previous.to_dict(),
                "current": self.current and self.current.to_dict(), "edits": [e.to_dict() for e in self.edits]}


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    key: str  # normalized, for comparing


def paragraphs(text: str) -> list[Paragraph]:
    """The non-blank lines of `text`, with their spans and normalized keys."""
    out, pos = [], 0
    for line in text.split("\n"):
        key = normalize(line).text
        if key:
            out.append(Paragraph(pos, pos + len(line), key))
        pos += len(line) + 1
    return out


@dataclass(frozen=True)
class Diff:
    """The changes, and which current paragraph each previous one became (equal or changed)."""

    changes: list[Change]
    previous: list[Paragraph]
    current: list[Paragraph]
    moved_to: dict[int, int]  # index into previous → index into current
    starts: tuple[list[int], list[int]] = ([], [])  # where the previous and the current paragraphs start

    def paragraph_of(self, offset: int, current: bool = False) -> int | None:
        """Index of the (previous, else current) paragraph containing `offset`."""
        ps = self.current if current else self.previous
        i = bisect_right(self.starts[current], offset) - 1
        return i if i >= 0 and offset <= ps[i].end else None


def diff(previous: str, current: str) -> Diff:
    old, new = paragraphs(previous), paragraphs(current)
    changes: list[Change] = []
    moved: dict[int, int] = {}
    matcher = SequenceMatcher(None, [p.key for p in old], [p.key for p in new], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            moved.update({i1 + k: j1 + k for k in range(i2 - i1)})
            continue
        i, j = i1, j1
        # In reading order: before each pair of changed paragraphs, what was deleted and inserted ahead of it.
        for pi, pj in [*_pair(old, new, i1, i2, j1, j2), (i2, j2)]:
            changes += [Change("deleted", _span(previous, old[k]), None) for k in range(i, pi)]
            changes += [Change("inserted", None, _span(current, new[k])) for k in range(j, pj)]
            if pi < i2:
                moved[pi] = pj
                changes.append(_changed(previous, current, old[pi], new[pj]))
            i, j = pi + 1, pj + 1
    return Diff(changes, old, new, moved, ([p.start for p in old], [p.start for p in new]))


def _pair(old: list[Paragraph], new: list[Paragraph], i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int]]:
    """Old and new paragraphs of a run that are one paragraph changed: most similar first, never crossing;
    each old one is tried against the new ones within WINDOW places of its own, so a run is never quadratic
    (and a run of paragraphs each edited in place pairs without a search)."""
    if i2 - i1 == j2 - j1 and all(_ratio(old[i].key, new[i - i1 + j1].key) >= SIMILAR for i in range(i1, i2)):
        return [(i, i - i1 + j1) for i in range(i1, i2)]  # each paragraph edited in place: the common case
    scored = sorted(((_ratio(old[i].key, new[j].key), i, j) for i in range(i1, i2)
                     for j in range(max(j1, j1 + i - i1 - WINDOW), min(j2, j1 + i - i1 + WINDOW + 1))),
                    key=lambda s: (-s[0], s[1], s[2]))
    pairs: list[tuple[int, int]] = []  # sorted: by old index, and so (never crossing) by new index
    for ratio, i, j in scored:
        if ratio < SIMILAR:
            break
        k = bisect_right(pairs, (i, j))
        if (k == 0 or (pairs[k - 1][0] < i and pairs[k - 1][1] < j)) and \
                (k == len(pairs) or (pairs[k][0] > i and pairs[k][1] > j)):  # distinct, not crossing a pair taken
            insort(pairs, (i, j))
    return pairs


def _ratio(a: str, b: str) -> float:
    """difflib's ratio of two paragraphs, 0 when its cheap upper bound already says they are not SIMILAR."""
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.ratio() if m.real_quick_ratio() >= SIMILAR and m.quick_ratio() >= SIMILAR else 0.0


def _span(text: str, p: Paragraph) -> Span:
    return Span(p.start, p.end, text[p.start:p.end])


def _changed(previous: str, current: str, a: Paragraph, b: Paragraph) -> Change:
    """A changed paragraph with its character edits (on the text as written, so offsets are exact); edits
    apart by less than JOIN unchanged characters are one edit (合同法 → 民法典, not 合同 → 民 and + 典), and an
    edit inside a number or a Latin word takes all of it."""
    old, new = previous[a.start:a.end], current[b.start:b.end]
    runs: list[list[int]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if runs and i1 - runs[-1][1] < JOIN:
            runs[-1][1], runs[-1][3] = i2, j2
        else:
            runs.append([i1, i2, j1, j2])
    for k, run in enumerate(runs):  # a number or a Latin word is edited whole: 50% → 30%, not 5 → 3
        before = runs[k - 1][1] if k else 0
        while run[0] > before and run[2] > 0 and _WORD.match(old[run[0] - 1]):
            run[0], run[2] = run[0] - 1, run[2] - 1
        after = runs[k + 1][0] if k + 1 < len(runs) else len(old)
        while run[1] < after and run[3] < len(new) and _WORD.match(old[run[1]]):
            run[1], run[3] = run[1] + 1, run[3] + 1
    edits = tuple(Edit("insert" if i1 == i2 else "delete" if j1 == j2 else "replace",
                       Span(a.start + i1, a.start + i2, old[i1:i2]), Span(b.start + j1, b.start + j2, new[j1:j2]))
                  for i1, i2, j1, j2 in runs)
    return Change("changed", Span(a.start, a.end, old), Span(b.start, b.end, new), edits)
