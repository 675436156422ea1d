"""Normalized text for matching, with a map back to the text as written.

Checks match on the normalized text and quote the original: whitespace is removed, full-width
letters and digits become ASCII, half-width Chinese punctuation becomes full-width, and every
bracket variant of a 文号 (〔〕［］[]【】﹝﹞〖〗) becomes 〔〕. Newlines are kept as boundaries.
A space before a numbered item on the line of the one before (…劝返 三、…) becomes a line break.
A text written in traditional characters (a portal's 繁体 page) is read in simplified ones, character for
character (corpora/t2s.csv): the rules match it, and its quotes stay as written.
Format checks, which look for exactly these variants, read the original text instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from reviewtools.text import items, regex_cache

if TYPE_CHECKING:  # numpy is imported on the first normalizing, not with this module (titles import it)
    import numpy as np

_MAP: dict[int, str] = {}
for code in range(0xFF10, 0xFF1A):  # ０-９
    _MAP[code] = chr(code - 0xFEE0)
for code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
    _MAP[code] = chr(code - 0xFEE0)
_MAP.update({ord(k): v for k, v in {
    ",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）",
    "［": "〔", "]": "〕", "[": "〔", "］": "〕", "【": "〔", "】": "〕", "﹝": "〔", "﹞": "〕", "〖": "〔", "〗": "〕",
    "\"": "“", "〈": "《", "〉": "》", "＜": "《", "＞": "》", "％": "%", "．": ".", "—": "-", "–": "-",
    "－": "-", "～": "~",
}.items()})
_DROPPED = " \t\r\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_DROP_RE = regex_cache.compile(f"[{_DROPPED}]+")
# A numbered item run on after a space on the line of the one before it (…一律劝返 三、私家车…): the space becomes a
# line break, so that the item stays a sentence of its own once the space is gone.
_RUN_ON_ITEM = regex_cache.compile(items.HEAD)
_MAPPED = regex_cache.compile("[" + "".join(map(re.escape, map(chr, _MAP))) + "]")


_DROP, _MAPS = 1, 2
_NUMPY_FROM = 2_000  # characters: below this numpy's fixed cost per call outweighs two regex scans (a title, a line)


@cache
def _classes() -> np.ndarray:
    """What each UTF-16 code unit is to normalizing: dropped, mapped or neither (no character outside the BMP is
    either), as a table for one lookup in numpy."""
    import numpy as np

    table = np.zeros(0x10000, dtype=np.uint8)
    table[[ord(c) for c in _DROPPED]] = _DROP
    table[list(_MAP)] = _MAPS
    return table


def _translate(text: str, present: Iterable[str] | None = None) -> str:
    """text.translate(_MAP), faster: str.translate looks every character up in a dict, while most of these
    characters occur in no document. The mapped characters the text holds (`present`, or found by one scan
    at C speed) are each replaced at C speed; no character is mapped to one that is mapped in turn, so the
    order of replacing is free."""
    for char in set(_MAPPED.findall(text)) if present is None else present:
        text = text.replace(char, _MAP[ord(char)])
    return text


def _units(text: str) -> np.ndarray | None:
    """The UTF-16 code units of `text`, one per character; None when it holds a character outside the BMP
    (two code units: offsets would not be the text's)."""
    from reviewtools.text.points import code_points  # with numpy, on the first normalizing

    points = code_points(text)
    return points if points.itemsize == 2 else None


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in `mask`: what a character class + finditer gives, in numpy."""
    import numpy as np

    at = np.flatnonzero(mask)
    if not len(at):
        return []
    breaks = np.flatnonzero(np.diff(at) > 1)
    return list(zip(at[np.r_[0, breaks + 1]].tolist(), (at[np.r_[breaks, len(at) - 1]] + 1).tolist(), strict=True))


def _names(names: list[str]) -> re.Pattern:
    """Any of these names, the longest first (per jurisdiction: re's own cache, not the file)."""
    return re.compile("|".join(map(re.escape, names)))


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalized text and a piecewise map back to the original. Between breakpoints the map is
    linear (one normalized character per original character) or, inside an alias, constant."""

    text: str
    _keys: list[int]  # normalized offsets where a piece begins
    _origins: list[int]  # the original offset at that point
    _linear: list[bool]

    def origin(self, i: int) -> int:
        j = bisect.bisect_right(self._keys, i) - 1
        return self._origins[j] + (i - self._keys[j] if self._linear[j] else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalized span [start, end)."""
        if end <= start:
            o = self.origin(start)
            return o, o
        return self.origin(start), self.origin(end - 1) + 1


def normalize(original: str, aliases: dict[str, str] | None = None, breaks: Iterable[int] = ()) -> Normalized:
    """`aliases` rewrite names for matching, e.g. {"大连市": "本市"}: a document of 大连市 that favours
    大连市企业 favours 本市企业. An alias maps its first and last characters to the name's first and
    last, so a span over it quotes the whole name as written. `breaks`: positions of line breaks dropped like
    spaces (those that only wrap a line: a clause runs on over them). Only dropped runs and aliases cost Python
    work: in a long text dropped runs are found and the mapped characters told by one table lookup in numpy
    (by regex in a short one, or when a character outside the BMP would shift the offsets), aliases by
    regex; the rest is copied and translated at C speed."""
    names = sorted(aliases, key=len, reverse=True) if aliases else []
    units = _units(original) if len(original) >= _NUMPY_FROM else None
    if units is not None and not any(not n or set(n) & set(_DROPPED) for n in names):
        classes = _classes().take(units)  # take: one gather, faster than indexing with an array
        # A name holds no dropped character, so the two kinds of events never overlap and merge in order.
        dropped = classes == _DROP
        dropped[list(breaks)] = True
        events = _runs(dropped)
        if names:
            events = sorted(events + [m.span() for m in _names(names).finditer(original)])
        # The mapped characters present, by one decode of their code units (all in the BMP, none a surrogate).
        present = set(units[classes == _MAPS].tobytes().decode("utf-16-le"))
        present |= {c for value in (aliases or {}).values() for c in value if ord(c) in _MAP}
    else:
        pattern = re.compile(f"{_DROP_RE.pattern}|{_names(names).pattern}") if names else _DROP_RE
        events, present = [m.span() for m in pattern.finditer(original)], None
        if breaks:  # a line break is neither dropped nor a name: events apart from every other, merged in order
            events = sorted(events + [(b, b + 1) for b in breaks])
    keys, origins, linear = [0], [0], [True]

    def piece(key: int, origin: int, is_linear: bool = True) -> None:
        keys.append(key)
        origins.append(origin)
        linear.append(is_linear)

    parts: list[str] = []
    pos = npos = 0
    for start, end in events:
        parts.append(original[pos:start])
        npos += start - pos
        alias = aliases.get(original[start:end]) if aliases else None
        if not alias and start and original[start - 1] not in "\n" and _RUN_ON_ITEM.match(original, end):
            alias = "\n"
        if alias:
            if len(alias) > 1:
                piece(npos, start, False)
            piece(npos + len(alias) - 1, end - 1)
            parts.append(alias)
            npos += len(alias)
        pos = end
        piece(npos, pos)
    parts.append(original[pos:])
    return Normalized(simplified(_translate("".join(parts), present)), keys, origins, linear)


# Characters that only traditional writing uses and every official text of any length has some of (國 會 發 關
# 於 為 …): a text without one is not screened further, and the table is not even loaded.
_TRADITIONAL_SCREEN = regex_cache.compile("[國會發關於為們這個與對區縣鎮條經實應規業產進處證費務責護環級單資決項辦號開門時]")
_TRADITIONAL_SHARE = 0.03  # of a text's characters, traditional-only ones: 0.25–0.35 in a traditional text, ~0 else
_TRADITIONAL_LEAST = 2  # and at least this many: one 縣 in a short simplified line is a quoted name


def simplified(text: str) -> str:
    """`text` in simplified characters when it is written in traditional ones; a simplified text that has a few
    (a 乾 in 乾安县, a quoted name) stays as it is. One character for one: no offset moves."""
    if not _TRADITIONAL_SCREEN.search(text):
        return text
    from reviewtools.data.simplified import pattern, table

    if len(pattern().findall(text)) < max(_TRADITIONAL_LEAST, _TRADITIONAL_SHARE * len(text)):
        return text
    return text.translate(table())
